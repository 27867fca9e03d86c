"""Images of servers: createImage and createBackup, as Nova's compute API and manager make them.

Accepting one writes, in one transaction, the server's first task state
(compare-and-swap), a ``queued`` image in the catalogue with Nova's
snapshot properties, and the request the task carries out. The task's
steps then do what Nova's compute manager does: the driver extracts the
disk (``image_pending_upload``), the image uploads (``saving``,
``image_uploading``) and becomes ``active``; a backup then rotates out the
oldest backups of its type beyond ``rotation``
(:mod:`~nova_api.compute.servers.image_steps`).

A volume-backed server's snapshot is Nova's ``snapshot_volume_backed``: no
task, an ``active`` image of size 0 whose ``block_device_mapping`` names a
snapshot of each volume, made at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute.servers import api as servers_api
from nova_api.compute.servers import operations as ops
from nova_api.compute.servers.image_steps import DEFAULT_DISK_FORMAT
from nova_api.db import models
from nova_api.objects import images as image_objects
from nova_api.objects import server_changes as changes
from nova_api.objects import server_images as requests
from nova_api.objects.servers import Server

#: Never inherited by a snapshot: Nova's fixed list and its
#: ``non_inheritable_image_properties`` default.
NON_INHERITABLE = frozenset((
    'cinder_encryption_key_id', 'cinder_encryption_key_deletion_policy', 'img_signature',
    'img_signature_hash_method', 'img_signature_key_type', 'img_signature_certificate_uuid',
    'cache_in_nova', 'bittorrent'))
NON_INHERITABLE_PREFIXES = ('os_glance',)


def snapshot_image(ctx: nova_context.RequestContext, server: Server,
                   base_image: image_objects.Image | None, name: str, image_type: str,
                   extra_properties: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The new image's columns and properties: Nova's ``create_image`` over the server's record.

    The base image's properties as the server booted with them (less the
    non-inheritable ones), Nova's system metadata (``base_image_ref``,
    min_ram, min_disk at least the flavor's disk), who made it, then
    ``extra_properties`` over all. Someone else's project makes a
    ``shared`` image that names the server's owner; its owner, a
    ``private`` one. A snapshot's formats are the driver's to set on upload.
    """
    properties = {key: str(value) for key, value in server.image_properties.items()
                  if key not in NON_INHERITABLE and not key.startswith(NON_INHERITABLE_PREFIXES)}
    if server.image_ref:
        properties['base_image_ref'] = server.image_ref
    properties.update({'instance_uuid': server.uuid, 'user_id': str(ctx.user_id),
                       'image_type': image_type})
    values: dict[str, Any] = {
        'id': str(uuid.uuid4()), 'name': name, 'status': 'queued', 'owner': ctx.project_id,
        'min_ram': base_image.min_ram if base_image else 0,
        'min_disk': max(base_image.min_disk if base_image else 0,
                        int(server.flavor.get('root_gb') or 0)),
        'disk_format': None, 'container_format': None,
    }
    if ctx.project_id != server.project_id:
        values['visibility'] = 'shared'
        properties['instance_owner'] = server.project_id
    else:
        values['visibility'] = 'private'
    if image_type != 'snapshot' and base_image is not None:
        values['disk_format'] = base_image.disk_format
        values['container_format'] = base_image.container_format
    properties.update(extra_properties)
    return values, properties


class ServerImagesAPI(base.ResourceAPI):
    """createImage and createBackup of a server the caller may see."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.servers: servers_api.ServerAPI = compute.servers

    def snapshot(self, ctx: nova_context.RequestContext, server: Server, name: str,
                 metadata: Mapping[str, str]) -> str:
        """Start a snapshot (Nova's states; no lock check); returns the new image's id.

        A volume-backed server's is made at once (see :meth:`_snapshot_volume_backed`).
        """
        if is_volume_backed(server):
            return self._snapshot_volume_backed(ctx, server, name, metadata)
        return self._start(ctx, server, ops.SNAPSHOT, name, 'snapshot', dict(metadata))

    def backup(self, ctx: nova_context.RequestContext, server: Server, name: str,
               backup_type: str, rotation: int, metadata: Mapping[str, str]) -> str:
        """Start a backup; ``InvalidRequest`` (400) for a volume-backed server, as Nova."""
        if is_volume_backed(server):
            raise exception.InvalidRequest('Backup is not supported for volume-backed instances.')
        properties = dict(metadata, backup_type=backup_type)
        return self._start(ctx, server, ops.BACKUP, name, 'backup', properties, backup_type,
                           rotation)

    def check_metadata_quota(self, ctx: nova_context.RequestContext,
                             metadata: Mapping[str, str]) -> None:
        """Nova's image metadata quota of createImage and createBackup before 2.39 (403)."""
        if not metadata:
            return
        limits = self.database.read(self.quota_engine.limits, ctx.project_id, ctx.user_id)
        if 0 <= limits['metadata_items'] < len(metadata):
            raise exception.ImageMetadataLimitExceeded()

    def _base_image(self, ctx, server: Server) -> image_objects.Image | None:
        if not server.image_ref:
            return None
        return self.database.read(image_objects.get, server.image_ref, None, True)

    def _start(self, ctx: nova_context.RequestContext, server: Server, operation: ops.Operation,
               name: str, image_type: str, extra: Mapping[str, str],
               backup_type: str | None = None, rotation: int | None = None) -> str:
        values, properties = snapshot_image(ctx, server, self._base_image(ctx, server), name,
                                            image_type, extra)

        def write_image(session: orm.Session, state, now) -> str:
            image_objects.add(session, values, properties)
            requests.start(session, server.uuid, values['id'], backup_type, rotation)
            return values['id']
        return self.servers.accept(ctx, server, operation, also=write_image)

    def _snapshot_volume_backed(self, ctx: nova_context.RequestContext, server: Server,
                                name: str, metadata: Mapping[str, str]) -> str:
        """Nova's ``snapshot_volume_backed``: an active, empty image mapping volume snapshots."""
        values, properties = snapshot_image(ctx, server, None, name, 'snapshot', dict(metadata))
        # Glance activates an image of size 0 without data, with these formats (Nova's
        # force_activate).
        values.update(status='active', size=0, disk_format=DEFAULT_DISK_FORMAT,
                      container_format='bare')

        def work(session: orm.Session) -> str:
            state = changes.state_of(session, server.uuid)
            if state is None or state['deleted']:
                raise exception.InstanceNotFound(instance_id=server.uuid)
            servers_api.check_state(ops.SNAPSHOT, server.uuid, state)
            properties.update(_volume_mappings(session, server))
            image_objects.add(session, values, properties)
            now = changes.utcnow()
            action_id = changes.start_action(session, server.uuid, ops.SNAPSHOT.action,
                                             ctx.request_id, ctx.user_id, ctx.project_id, now)
            changes.start_events(session, [{'action_id': action_id,
                                            'event': 'api_snapshot_instance', 'start_time': now,
                                            'host': server.host, 'created_at': now}])
            changes.finish_events(session, [{'action_id': action_id,
                                             'event': 'api_snapshot_instance',
                                             'result': 'Success'}], now)
            return values['id']
        return self.database.write(work)


def is_volume_backed(server: Server) -> bool:
    """Nova's ``is_volume_backed_instance``: booted from a volume (no image of its own)."""
    return not server.image_ref


def _volume_mappings(session: orm.Session, server: Server) -> dict[str, str]:
    """The image's ``block_device_mapping`` (a new snapshot of each volume), ``bdm_v2``, root device."""
    bdm = models.BlockDeviceMapping.__table__.c
    rows = session.execute(sa.select(
        bdm.source_type, bdm.destination_type, bdm.device_type, bdm.disk_bus, bdm.device_name,
        bdm.boot_index, bdm.guest_format, bdm.volume_size, bdm.volume_type,
        bdm.delete_on_termination, bdm.no_device, bdm.tag, bdm.image_id)
        .where(bdm.instance_uuid == server.uuid).order_by(bdm.id)).mappings().all()
    mapping = []
    for row in rows:
        if row['no_device']:
            continue
        entry = {key: row[key] for key in ('device_type', 'disk_bus', 'device_name', 'boot_index',
                                            'guest_format', 'volume_size', 'volume_type',
                                            'delete_on_termination', 'tag')}
        if row['destination_type'] == 'volume':
            entry.update(source_type='snapshot', destination_type='volume',
                         snapshot_id=str(uuid.uuid4()), volume_id=None, image_id=None)
        else:
            entry.update(source_type=row['source_type'], destination_type='local',
                         snapshot_id=None, volume_id=None, image_id=row['image_id'])
        entry['no_device'] = None
        mapping.append(entry)
    properties = {}
    if server.root_device_name:
        properties['root_device_name'] = server.root_device_name
    if mapping:
        properties['block_device_mapping'] = orjson.dumps(mapping).decode()
        properties['bdm_v2'] = 'True'
    return properties
