"""Snapshot and backup images of servers: the request a task carries out, the image's steps, rotation.

An image operation on a server (createImage, createBackup) writes a queued
image and a ``snapshot_requests`` row naming it; the task's steps then move
the image through Glance's statuses (``queued`` → ``saving`` → ``active``)
in the runner's transaction, and the row goes when the task ends.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.objects import images as image_objects

REQUESTS = models.SnapshotRequest.__table__
IMAGES = image_objects.IMAGES
PROPERTIES = image_objects.PROPERTIES


@dataclasses.dataclass(frozen=True)
class SnapshotRequest:
    """The image a server's running snapshot (or backup, with its type and rotation) fills."""

    instance_uuid: str
    image_id: str
    backup_type: str | None
    rotation: int | None


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def start(session: orm.Session, instance_uuid: str, image_id: str,
          backup_type: str | None = None, rotation: int | None = None) -> None:
    """Record the request; a stale one of the server (its task was dropped) is replaced."""
    session.execute(sa.delete(REQUESTS).where(REQUESTS.c.instance_uuid == instance_uuid))
    session.execute(sa.insert(REQUESTS).values(
        instance_uuid=instance_uuid, image_id=image_id, backup_type=backup_type,
        rotation=rotation, created_at=_now()))


def request_of(session: orm.Session, instance_uuid: str) -> SnapshotRequest | None:
    row = session.execute(sa.select(REQUESTS.c.instance_uuid, REQUESTS.c.image_id,
                                    REQUESTS.c.backup_type, REQUESTS.c.rotation)
                          .where(REQUESTS.c.instance_uuid == instance_uuid)).first()
    return None if row is None else SnapshotRequest(*row)


def finish(session: orm.Session, instance_uuid: str) -> None:
    session.execute(sa.delete(REQUESTS).where(REQUESTS.c.instance_uuid == instance_uuid))


def update_image(session: orm.Session, image_id: str, values: Mapping[str, Any],
                 properties: Mapping[str, str] | None = None) -> None:
    """Set columns of a live image and add (or overwrite) some of its properties."""
    session.execute(sa.update(IMAGES).where(IMAGES.c.id == image_id, IMAGES.c.deleted.is_(False))
                    .values(dict(values, updated_at=_now())))
    if not properties:
        return
    session.execute(sa.delete(PROPERTIES).where(PROPERTIES.c.image_id == image_id,
                                                PROPERTIES.c.name.in_(sorted(properties))))
    session.execute(sa.insert(PROPERTIES), [
        {'image_id': image_id, 'name': name, 'value': value} for name, value in properties.items()])


def image_status(session: orm.Session, image_id: str) -> str | None:
    """The status of a live image, or None when it is gone (deleted meanwhile)."""
    return session.execute(sa.select(IMAGES.c.status).where(
        IMAGES.c.id == image_id, IMAGES.c.deleted.is_(False))).scalar()


def backups_newest_first(session: orm.Session, instance_uuid: str, backup_type: str) -> list[str]:
    """Ids of the server's live backups of ``backup_type``, newest first: Nova's rotation filter."""
    def having(name: str, value: str) -> sa.ColumnElement[bool]:
        return sa.exists().where(PROPERTIES.c.image_id == IMAGES.c.id, PROPERTIES.c.name == name,
                                 PROPERTIES.c.value == value)
    return list(session.execute(
        sa.select(IMAGES.c.id).where(
            IMAGES.c.deleted.is_(False), IMAGES.c.status != 'killed',
            having('image_type', 'backup'), having('backup_type', backup_type),
            having('instance_uuid', instance_uuid))
        .order_by(IMAGES.c.created_at.desc(), IMAGES.c.id.desc())).scalars())
