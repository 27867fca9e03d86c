"""A server's volume attachments (``os-volume_attachments``): listed, attached, updated, detached.

An attachment is a block device mapping of the server that names a volume
(those given at boot included). There is no volume service yet: any UUID
names a volume, one that is attached to no server does not exist for a
detach or a swap (Cinder's 404), and a volume attached to one server is
refused to another (400, as Nova refuses a volume that is not
multiattach). The attach happens at once: the device is named (``/dev/vdb``,
``/dev/vdc``... after the root disk, or the letter asked for) and the
server's ``os-extended-volumes:volumes_attached`` shows it.
"""

from __future__ import annotations

import uuid

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import server_holds
from nova_api.compute.device_names import next_device_name
from nova_api.compute.servers import states as s
from nova_api.objects import server_changes as changes
from nova_api.objects import volume_attachments as bdms
from nova_api.objects.servers import Server
from nova_api.objects.volume_attachments import BlockDevice

__all__ = ['BlockDevice', 'VolumeAttachmentAPI']

#: Nova's compute API attach_volume and detach_volume (swap_volume: ACTIVE, PAUSED, RESIZED).
_VOLUME_STATES = frozenset({s.ACTIVE, s.PAUSED, s.STOPPED, s.RESIZED, s.SOFT_DELETED, s.SHELVED,
                            s.SHELVED_OFFLOADED})
ATTACH = server_holds.Allowed('attach_volume', _VOLUME_STATES)
DETACH = server_holds.Allowed('detach_volume', _VOLUME_STATES)
#: vm_states where the API refuses a volume change before 2.20.
SHELVED_STATES = frozenset({s.SHELVED, s.SHELVED_OFFLOADED})


def _volume_exists(session: orm.Session, volume_id: str) -> None:
    """Cinder's view of a simulated volume: it exists while it is attached somewhere."""
    if not bdms.holders_of(session, volume_id):
        raise exception.VolumeNotFound(volume_id=volume_id)


class VolumeAttachmentAPI(base.ResourceAPI):
    """The volumes of a server: Nova's attach, detach, update and swap rules."""

    def list(self, ctx: nova_context.RequestContext, server: Server, offset: int,
             limit: int) -> list[BlockDevice]:
        """The attachments among the server's block devices ``offset`` to ``offset + limit``.

        As Nova pages them: over every block device (the image's root disk
        too), keeping only the volumes of the page.
        """
        devices = self.database.read(bdms.devices_of, server.uuid)[offset:offset + limit]
        return [device for device in devices if device.volume_id]

    def get(self, ctx: nova_context.RequestContext, server: Server, volume_id: str) -> BlockDevice:
        device = self.database.read(bdms.get, server.uuid, volume_id)
        if device is None:
            raise exception.VolumeNotAttached(instance=server.uuid, volume=volume_id)
        return device

    def attach(self, ctx: nova_context.RequestContext, server: Server, volume_id: str,
               device: str | None, tag: str | None, delete_on_termination: bool) -> BlockDevice:
        """Attach the volume: a new block device, named unless the server is shelved-offloaded."""
        def work(session: orm.Session) -> BlockDevice:
            state = server_holds.hold(session, ctx, server.uuid, ATTACH)
            holders = bdms.holders_of(session, volume_id)
            if holders:
                raise exception.InvalidVolume(
                    reason='volume %s is already attached to instances: %s' % (
                        volume_id, ' '.join(holders)))
            offloaded = state['vm_state'] == s.SHELVED_OFFLOADED
            if offloaded and tag:
                raise exception.VolumeTaggedAttachToShelvedNotSupported()
            now = changes.utcnow()
            name = None
            if not offloaded:
                used = [bdm.device_name for bdm in bdms.devices_of(session, server.uuid)
                        if bdm.device_name]
                name = next_device_name(server.root_device_name, used, device)
            row = {'uuid': str(uuid.uuid4()), 'instance_uuid': server.uuid,
                   'source_type': 'volume', 'destination_type': 'volume', 'boot_index': None,
                   'volume_id': volume_id, 'device_name': name, 'tag': None if offloaded else tag,
                   'delete_on_termination': delete_on_termination, 'no_device': False,
                   'attachment_id': str(uuid.uuid4()), 'created_at': now, 'updated_at': now}
            bdms.insert(session, row)
            # Shelved-offloaded: no host does it, the API records it (Nova's api_ event).
            event = 'api_attach_volume' if offloaded else 'compute_attach_volume'
            server_holds.record(session, ctx, server.uuid, 'attach_volume', event, state['host'],
                                now=now)
            return BlockDevice(row['uuid'], server.uuid, volume_id, name, None, row['tag'],
                               delete_on_termination, row['attachment_id'])
        return self.database.write(work)

    def detach(self, ctx: nova_context.RequestContext, server: Server, volume_id: str) -> None:
        """Detach the volume; never the root disk (400)."""
        def work(session: orm.Session) -> None:
            _volume_exists(session, volume_id)
            device = bdms.get(session, server.uuid, volume_id)
            if device is None:
                raise exception.VolumeNotAttached(instance=server.uuid, volume=volume_id)
            if device.is_root:
                raise exception.RootVolumeDetach()
            state = server_holds.hold(session, ctx, server.uuid, DETACH)
            offloaded = state['vm_state'] == s.SHELVED_OFFLOADED
            if not offloaded and state['host'] is None:
                raise exception.InstanceNotReady(instance_id=server.uuid)
            bdms.delete(session, server.uuid, volume_id)
            event = 'api_detach_volume' if offloaded else 'compute_detach_volume'
            server_holds.record(session, ctx, server.uuid, 'detach_volume', event, state['host'])
        self.database.write(work)

    def update(self, ctx: nova_context.RequestContext, server: Server, volume_id: str,
               fields: dict) -> None:
        """2.85: change ``delete_on_termination``; the other fields shown must stay as they are."""
        def work(session: orm.Session) -> None:
            device = bdms.get(session, server.uuid, volume_id)
            if device is None:
                raise exception.VolumeBDMNotFound(volume_id=volume_id)
            for field, current in (('id', volume_id), ('serverId', server.uuid),
                                   ('device', device.device_name), ('tag', device.tag)):
                if field in fields and fields[field] != current:
                    raise exception.AttachmentFieldImmutable(field=field)
            if 'delete_on_termination' in fields:
                bdms.set_delete_on_termination(session, server.uuid, volume_id,
                                               fields['delete_on_termination'], changes.utcnow())
        self.database.write(work)

    def swap(self, ctx: nova_context.RequestContext, server: Server, old_volume_id: str,
             new_volume_id: str) -> None:
        """Swap the volume for another: Nova allows it only while Cinder migrates the old one.

        No simulated volume ever migrates, so a volume that exists is a 409,
        as Nova answers anyone but Cinder.
        """
        self.database.read(_volume_exists, old_volume_id)
        raise exception.VolumeNotMigrating(volume_id=old_volume_id)
