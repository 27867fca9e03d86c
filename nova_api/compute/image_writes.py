"""Writing images through the Image API: create, JSON-patch changes, deactivate/reactivate, tags.

Glance's rules (``glance/domain``, ``glance/api/v2/images.py``): a new
image is ``queued``, owned by the caller's project unless an administrator
says otherwise; ``disk_format`` and ``container_format`` change only while
queued; ``min_ram``/``min_disk`` are never negative; an image has at most
``[image] image_property_quota`` additional properties and
``image_tag_quota`` tags. Each change runs in one transaction on the locked
row, so what it checks is what it changes. Policies are the controllers'.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import images
from nova_api.objects import image_writes
from nova_api.objects import images as image_objects
from nova_api.objects.images import Image

QUEUED, SAVING, ACTIVE, DEACTIVATED = 'queued', 'saving', 'active', 'deactivated'
#: Glance's attributes a create or a change may set (the rest are read-only or reserved).
WRITABLE = ('name', 'visibility', 'protected', 'os_hidden', 'min_ram', 'min_disk',
            'container_format', 'disk_format', 'owner', 'tags')
_QUEUED_ONLY = ('container_format', 'disk_format')
_NOT_NEGATIVE = ('min_ram', 'min_disk')


@dataclasses.dataclass(frozen=True)
class Change:
    """One operation of a JSON patch: ``op`` add, remove or replace; ``path`` its decoded
    pointer; ``draft`` 4 (``...-v2.0-json-patch``) or 10 (``...-v2.1-json-patch``)."""

    op: str
    path: tuple[str, ...]
    value: Any = None
    draft: int = 10


def _limit(conf_value: int, what: str, attempted: int) -> None:
    if 0 <= conf_value < attempted:
        raise exception.ImageLimitExceeded(what=what, attempted=attempted, maximum=conf_value)


def _check_value(name: str, value: Any) -> None:
    if name in _NOT_NEGATIVE and value is not None and value < 0:
        raise exception.Invalid("Invalid value '%s' for parameter '%s': Cannot be a negative value"
                                % (value, name))


@dataclasses.dataclass
class _Draft:
    """The image being changed: its writable attributes, properties and tags."""

    status: str
    attributes: dict[str, Any]
    properties: dict[str, str | None]

    @classmethod
    def of(cls, image: Image) -> _Draft:
        attributes = {name: getattr(image, name) for name in WRITABLE if name != 'tags'}
        attributes['tags'] = list(image.tags)
        return cls(image.status, attributes, dict(image.properties))

    def set(self, name: str, value: Any) -> None:
        if name in _QUEUED_ONLY and self.status not in (QUEUED, 'importing'):
            raise exception.Forbidden('Attribute %s can be only replaced for a queued image.' % name)
        _check_value(name, value)
        self.attributes[name] = value

    def apply(self, change: Change, is_admin: bool) -> None:
        name = change.path[0]
        if name == 'locations':
            verb = {'add': 'add', 'remove': 'remove', 'replace': 'update'}[change.op]
            raise exception.Forbidden("It's not allowed to %s locations if locations are "
                                      "invisible." % verb)
        if change.op == 'replace':
            if name == 'owner' and not is_admin:
                raise exception.Forbidden("Owner can't be updated by non admin.")
            if name in self.attributes:
                self.set(name, change.value)
            elif name in self.properties:
                self.properties[name] = change.value
            else:
                raise exception.Conflict('Property %s does not exist.' % name)
        elif change.op == 'add':
            if change.draft == 4 and (name in self.attributes or name in self.properties):
                raise exception.Conflict('Property %s already present.' % name)
            if name in self.attributes:
                self.set(name, change.value)
            else:
                self.properties[name] = change.value
        elif name in self.attributes:
            raise exception.Forbidden('Property %s may not be removed.' % name)
        elif name in self.properties:
            del self.properties[name]
        else:
            raise exception.Conflict('Property %s does not exist.' % name)


class ImageWritesAPI(base.ResourceAPI):
    """Create and change images; the data itself is :mod:`nova_api.compute.image_data`'s."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.images: images.ImageAPI = compute.images

    def create(self, ctx: nova_context.RequestContext, attributes: Mapping[str, Any],
               properties: Mapping[str, str], tags: Iterable[str]) -> Image:
        """A new ``queued`` image: ``ImageIdExists`` (409) for an id any image ever had,
        ``ImageLimitExceeded`` (413) past the property or tag quota, 400 for a negative size."""
        values = {'visibility': 'shared', 'owner': ctx.project_id, **attributes,
                  'status': QUEUED}
        values.setdefault('id', str(uuid.uuid4()))
        values.pop('tags', None)
        for name in _NOT_NEGATIVE:
            _check_value(name, values.get(name))
        tags = sorted(set(tags))
        _limit(self.conf.image.image_property_quota, 'properties', len(properties))
        _limit(self.conf.image.image_tag_quota, 'tags', len(tags))

        def work(session: orm.Session) -> None:
            if image_writes.id_taken(session, values['id']):
                raise exception.ImageIdExists(image_id=values['id'])
            image_objects.add(session, values, properties, tags)
            image_writes.update(session, values['id'], {})  # Glance sets updated_at at once
        self.database.write(work)
        return self.images.get(ctx, values['id'])

    def update(self, ctx: nova_context.RequestContext, image_id: str,
               changes: Iterable[Change]) -> Image:
        """Apply a JSON patch, all of it or none: 403, 409 and 400 as Glance's ``_do_*``."""
        def work(session: orm.Session) -> None:
            image = self._locked(session, ctx, image_id)
            draft = _Draft.of(image)
            for change in changes:
                draft.apply(change, bool(ctx.is_admin))
            _limit(self.conf.image.image_property_quota, 'properties', len(draft.properties))
            tags = sorted(set(draft.attributes.pop('tags')))
            _limit(self.conf.image.image_tag_quota, 'tags', len(tags))
            image_writes.update(session, image_id, draft.attributes)
            image_objects.replace_properties(session, image_id, draft.properties)
            image_writes.replace_tags(session, image_id, tags)
        self.database.write(work)
        return self.images.get(ctx, image_id)

    def set_deactivated(self, ctx: nova_context.RequestContext, image_id: str,
                        deactivated: bool) -> None:
        """Glance's deactivate (active -> deactivated) and reactivate (back); a repeat is a
        no-op; any other status is ``ImageActionNotAllowed`` (403)."""
        target, source = (DEACTIVATED, ACTIVE) if deactivated else (ACTIVE, DEACTIVATED)

        def work(session: orm.Session) -> None:
            image = self._locked(session, ctx, image_id)
            if image.status == target:
                return
            if image.status != source:
                raise exception.ImageActionNotAllowed(
                    action='deactivate' if deactivated else 'reactivate', status=image.status)
            image_writes.set_status(session, image_id, (source,), target)
        self.database.write(work)

    def add_tag(self, ctx: nova_context.RequestContext, image_id: str, tag: str) -> None:
        """Tag the image (again is fine): 400 past 255 characters, 413 past the tag quota."""
        if len(tag) > 255:
            raise exception.Invalid("Could not update image: '%s' is too long" % tag)

        def work(session: orm.Session) -> None:
            image = self._locked(session, ctx, image_id)
            tags = set(image.tags) | {tag}
            _limit(self.conf.image.image_tag_quota, 'tags', len(tags))
            image_writes.replace_tags(session, image_id, tags)
            image_writes.update(session, image_id, {})
        self.database.write(work)

    def delete_tag(self, ctx: nova_context.RequestContext, image_id: str, tag: str) -> None:
        """Untag the image: ``ImageTagNotFound`` (404) when it has no such tag."""
        def work(session: orm.Session) -> None:
            image = self._locked(session, ctx, image_id)
            if tag not in image.tags:
                raise exception.ImageTagNotFound()
            image_writes.replace_tags(session, image_id, set(image.tags) - {tag})
            image_writes.update(session, image_id, {})
        self.database.write(work)

    @staticmethod
    def _locked(session: orm.Session, ctx: nova_context.RequestContext, image_id: str) -> Image:
        image = image_objects.get_for_update(session, images.viewer(ctx), image_id)
        if image is None:
            raise exception.ImageNotFound(image_id=image_id)
        return image
