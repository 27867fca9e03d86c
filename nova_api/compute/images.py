"""Images: the catalogue that servers boot from (the Image API and Nova's image proxy read it).

Glance's rules, kept here for both APIs: who sees an image (administrators
everything; others public and community images and their project's), who
changes one (its owner or an administrator), that a protected image is not
deleted, and what a list query means (:mod:`nova_api.compute.image_query`).
Nova's image proxy adds its metadata quota (``metadata_items``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import image_query
from nova_api.compute import image_store
from nova_api.objects import image_members as member_objects
from nova_api.objects import images as image_objects
from nova_api.objects.images import Image
from nova_api.objects.images import ListQuery

__all__ = ['Image', 'ImageAPI', 'ListQuery', 'Page']

ACTIVE = 'active'

#: Glance's own attributes and reserved names: never additional properties.
BASE_ATTRIBUTES = frozenset((
    'id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo',
    'os_hash_value', 'owner', 'size', 'virtual_size', 'container_format', 'disk_format',
    'created_at', 'updated_at', 'tags', 'direct_url', 'min_ram', 'min_disk', 'self', 'file',
    'stores', 'schema', 'locations', 'location', 'deleted', 'deleted_at'))
#: Glance keeps properties in its own namespace to itself.
RESERVED_PREFIX = 'os_glance'


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of images and the page size asked for; a full page may have more behind it."""

    images: list[Image]
    limit: int

    @property
    def full(self) -> bool:
        return bool(self.images) and len(self.images) == self.limit


def viewer(ctx: nova_context.RequestContext) -> image_objects.Viewer:
    return image_objects.Viewer(project_id=ctx.project_id, is_admin=bool(ctx.is_admin))


def _changeable(session: orm.Session, ctx: nova_context.RequestContext, image_id: str) -> Image:
    """The image, locked, for a change: 404 unless visible (Glance's ``get`` comes first)."""
    image = image_objects.get_for_update(session, viewer(ctx), image_id)
    if image is None:
        raise exception.ImageNotFound(image_id=image_id)
    return image


def _check_owner(ctx: nova_context.RequestContext, image: Image) -> None:
    """Glance's ``is_image_mutable``: an administrator, or the project that owns the image."""
    if ctx.is_admin:
        return
    if image.owner is None or ctx.project_id is None or image.owner != ctx.project_id:
        raise exception.ImageNotAuthorized(image_id=image.id)


def _check_keys(image: Image, keys: Iterable[str]) -> None:
    for key in keys:
        if key in BASE_ATTRIBUTES or key.startswith(RESERVED_PREFIX):
            raise exception.ImageAttributeReadOnly(image_id=image.id, key=key)


class ImageAPI(base.ResourceAPI):
    """Look images up as the caller may see them; delete them and change their metadata."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.store = image_store.ImageStore(compute.conf)

    def get(self, ctx: nova_context.RequestContext, image_id: str) -> Image:
        """The image, or ``ImageNotFound`` (404) when it does not exist or is not visible."""
        image = self.database.read(image_objects.get, image_id, ctx.project_id, bool(ctx.is_admin))
        if image is None:
            raise exception.ImageNotFound(image_id=image_id)
        return image

    def policy_target(self, ctx: nova_context.RequestContext, image: Image) -> dict[str, Any]:
        """Glance's ``ImageTarget`` of ``image`` for the caller: its owner, visibility, and
        ``member_id`` (the caller's project when it is one of the image's members)."""
        member_id = ''
        if image.visibility == 'shared' and ctx.project_id and image.owner != ctx.project_id:
            if self.database.read(member_objects.get, image.id, ctx.project_id) is not None:
                member_id = ctx.project_id
        return {'project_id': image.owner or '', 'owner': image.owner or '',
                'visibility': image.visibility, 'member_id': member_id, 'image_id': image.id}

    def list(self, ctx: nova_context.RequestContext, params: Iterable[tuple[str, str]],
             default_limit: int = image_query.DEFAULT_LIMIT,
             max_limit: int = image_query.MAX_LIMIT) -> Page:
        """One page of the images the caller sees, for a query in Glance's words.

        ``params`` are the query string's ``(name, value)`` pairs. Raises
        ``InvalidImageQuery`` (400) for what Glance refuses and
        ``ImageMarkerNotFound`` (400) for a marker the caller cannot see.
        """
        query = image_query.parse(params, default_limit, max_limit)
        try:
            images = self.database.read(image_objects.list_images, viewer(ctx), query)
        except image_objects.MarkerNotFound:
            raise exception.ImageMarkerNotFound(marker=query.marker) from None
        return Page(images=images, limit=query.limit or 0)

    def delete(self, ctx: nova_context.RequestContext, image_id: str) -> None:
        """Delete an image: ``ImageNotFound`` (404), ``ImageNotAuthorized`` (403) unless
        the caller owns it or is an administrator, ``ImageProtected`` (403) while protected."""
        def work(session: orm.Session) -> None:
            image = _changeable(session, ctx, image_id)
            _check_owner(ctx, image)
            if image.protected:
                raise exception.ImageProtected(image_id=image_id)
            image_objects.mark_deleted(session, image_id)
        self.database.write(work)
        # After the commit: a download that already opened the file finishes reading it.
        self.store.remove(image_id)

    def metadata_item(self, ctx: nova_context.RequestContext, image_id: str,
                      key: str) -> tuple[str, str]:
        """One additional property: ``ImageNotFound``, or ``ImageMetadataNotFound`` (404)."""
        properties = self.get(ctx, image_id).properties
        if key not in properties:
            raise exception.ImageMetadataNotFound(image_id=image_id, key=key)
        return key, properties[key]

    def update_metadata(self, ctx: nova_context.RequestContext, image_id: str,
                        metadata: Mapping[str, str], replace: bool = False) -> dict[str, str]:
        """Merge ``metadata`` into the image's properties (or, with ``replace``, make it them).

        Nova's proxy order: the image (``ImageNotFound``), then the
        ``metadata_items`` quota on the result (``ImageMetadataLimitExceeded``,
        403), then Glance's ownership and attribute rules (``ImageNotAuthorized``,
        ``ImageAttributeReadOnly``, 403). Returns the properties as stored.
        """
        def work(session: orm.Session) -> dict[str, str]:
            image = _changeable(session, ctx, image_id)
            properties = dict(metadata) if replace else {**image.properties, **metadata}
            self._check_quota(session, ctx, properties)
            _check_owner(ctx, image)
            _check_keys(image, metadata)
            image_objects.replace_properties(session, image_id, properties)
            return properties
        return self.database.write(work)

    def delete_metadata_item(self, ctx: nova_context.RequestContext, image_id: str,
                             key: str) -> None:
        """Remove one property: ``ImageNotFound``, ``ImageMetadataKeyNotFound`` (404),
        ``ImageNotAuthorized`` (403)."""
        def work(session: orm.Session) -> None:
            image = _changeable(session, ctx, image_id)
            if key not in image.properties:
                raise exception.ImageMetadataKeyNotFound(image_id=image_id, key=key)
            _check_owner(ctx, image)
            image_objects.replace_properties(
                session, image_id, {name: value for name, value in image.properties.items()
                                    if name != key})
        self.database.write(work)

    def _check_quota(self, session: orm.Session, ctx: nova_context.RequestContext,
                     properties: Mapping[str, str]) -> None:
        """Nova's ``check_img_metadata_properties_quota``: the caller's ``metadata_items`` limit."""
        if not properties:
            return
        limit = self.quota_engine.limits(session, ctx.project_id, ctx.user_id)['metadata_items']
        if 0 <= limit < len(properties):
            raise exception.ImageMetadataLimitExceeded()
