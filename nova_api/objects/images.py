"""Image queries: the catalogue's images with their properties and tags, by id and page."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models


@dataclasses.dataclass(frozen=True)
class Image:
    """One image as Glance shows it; ``properties`` are its additional properties."""

    id: str
    name: str | None
    status: str
    visibility: str
    disk_format: str | None
    container_format: str | None
    size: int | None
    virtual_size: int | None
    min_disk: int
    min_ram: int
    checksum: str | None
    os_hash_algo: str | None
    os_hash_value: str | None
    owner: str | None
    protected: bool
    os_hidden: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime | None
    properties: Mapping[str, str]
    tags: tuple[str, ...]


def _visible_to(project_id: str | None, is_admin: bool) -> sa.ColumnElement[bool]:
    """Glance's visibility rule: public and community images, shared and private ones of the owner."""
    if is_admin:
        return sa.true()
    image = models.Image
    return sa.or_(image.visibility.in_(('public', 'community')), image.owner == project_id)


def _images(session: orm.Session, rows: list[models.Image]) -> list[Image]:
    ids = [row.id for row in rows]
    properties: dict[str, dict[str, str]] = {image_id: {} for image_id in ids}
    tags: dict[str, list[str]] = {image_id: [] for image_id in ids}
    if ids:
        prop = models.ImageProperty
        for image_id, name, value in session.execute(
                sa.select(prop.image_id, prop.name, prop.value).where(prop.image_id.in_(ids))):
            properties[image_id][name] = value
        tag = models.ImageTag
        for image_id, value in session.execute(
                sa.select(tag.image_id, tag.value).where(tag.image_id.in_(ids)).order_by(tag.value)):
            tags[image_id].append(value)
    return [Image(
        id=row.id, name=row.name, status=row.status, visibility=row.visibility,
        disk_format=row.disk_format, container_format=row.container_format, size=row.size,
        virtual_size=row.virtual_size, min_disk=row.min_disk, min_ram=row.min_ram,
        checksum=row.checksum, os_hash_algo=row.os_hash_algo, os_hash_value=row.os_hash_value,
        owner=row.owner, protected=row.protected, os_hidden=row.os_hidden,
        created_at=row.created_at, updated_at=row.updated_at,
        properties=properties[row.id], tags=tuple(tags[row.id])) for row in rows]


def get(session: orm.Session, image_id: str, project_id: str | None,
        is_admin: bool) -> Image | None:
    """The image ``image_id`` if it exists, is not deleted and the caller may see it."""
    row = session.scalar(sa.select(models.Image).where(
        models.Image.id == image_id, models.Image.deleted.is_(False),
        _visible_to(project_id, is_admin)))
    return None if row is None else _images(session, [row])[0]
