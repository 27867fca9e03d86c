"""Rebuild: Nova's checks of the new image and of the changes that come with it, and what is written.

Run inside the transaction that accepts the rebuild (after the lock and
state checks), so that the image, keypair and limits are read in the same
snapshot as the compare-and-swap that starts it.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute.servers import boot
from nova_api.objects import images as image_objects
from nova_api.objects import server_changes as changes
from nova_api.objects.servers import Server

#: A field the rebuild does not mention: the server keeps what it has.
UNCHANGED: Any = object()


@dataclasses.dataclass(frozen=True)
class RebuildRequest:
    """A validated rebuild body in Nova's terms (the API layer reads it per microversion).

    ``values`` are columns set as given (name, description, hostname,
    access addresses, disk config, user data); ``metadata`` replaces the
    server's when it is not None; ``key_name`` and ``trusted_certs`` are
    UNCHANGED, None (removed) or the new value.
    """

    image_ref: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    metadata: Mapping[str, str] | None = None
    personality: Sequence[Mapping[str, str]] = ()
    key_name: Any = UNCHANGED
    trusted_certs: Any = UNCHANGED
    reimage_boot_volume: bool = False


def check(session: orm.Session, ctx: nova_context.RequestContext, server: Server,
          request: RebuildRequest, quota_engine) -> dict[str, Any]:
    """The columns the rebuild writes, once Nova's checks pass (400/403 as Nova's for each)."""
    image = image_objects.get(session, request.image_ref, ctx.project_id, bool(ctx.is_admin))
    if image is None:
        raise exception.InvalidServerRequest(reason='Cannot find image for rebuild')
    if image.status != 'active':
        raise exception.ImageNotActive(image_id=image.id)
    volume_backed = not server.image_ref
    if volume_backed and request.trusted_certs not in (UNCHANGED, None):
        raise exception.InvalidServerRequest(
            reason='Image certificate validation is not supported for volume-backed servers.')
    if volume_backed and not request.reimage_boot_volume \
            and changes.root_image_id(session, server.uuid) != request.image_ref:
        raise exception.InvalidServerRequest(
            reason='Image %s is unacceptable: Unable to rebuild with a different image for a '
                   'volume-backed server.' % request.image_ref)
    flavor = types.SimpleNamespace(**server.flavor)
    boot.check_image_fits(image, flavor, volume_backed, zero_disk_allowed=True)
    metadata = request.metadata if request.metadata is not None else server.metadata
    boot.check_request_limits(quota_engine.project_limits(session, server.project_id), metadata,
                              request.personality)
    boot.check_user_data(request.values.get('user_data'))
    values = dict(request.values)
    values.update(image_properties=orjson.dumps(dict(image.properties)).decode(),
                  kernel_id='', ramdisk_id='')
    if not volume_backed:
        # An empty image_ref marks a volume-backed server; a rebuild keeps it so (Nova's).
        values['image_ref'] = request.image_ref
    if request.key_name is not UNCHANGED:
        values['key_name'] = request.key_name
        values['key_data'] = None if request.key_name is None else boot.key_data_of(
            session, ctx, request.key_name)
    if request.trusted_certs is not UNCHANGED:
        values['trusted_certs'] = orjson.dumps(list(request.trusted_certs)).decode() \
            if request.trusted_certs else None
    return values


def replace_metadata(session: orm.Session, server_uuid: str,
                     metadata: Mapping[str, str] | None) -> None:
    """A rebuild's ``metadata`` replaces the server's whole metadata."""
    if metadata is not None:
        changes.replace_metadata(session, server_uuid, metadata)

