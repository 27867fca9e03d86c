"""Read a validated ``POST /servers`` body as Nova does at the request's microversion.

What the schemas cannot say: which fields count at which version (the
description defaults to the name before 2.19; tags from 2.52; hostname
from 2.90; omitted networks mean ``auto`` before 2.37), Nova's checks of
the ``networks`` entries, and its two spellings of the scheduler hints.
"""

from __future__ import annotations

from typing import Any

from oslo_utils import uuidutils

from nova_api import exception
from nova_api.api import microversion
from nova_api.compute.servers.api import BootRequest

DISK_CONFIG = {'AUTO': True, 'MANUAL': False}


def normalize_name(value: str) -> str:
    """Nova's ``common.normalize_name``: leading and trailing spaces go (v2.0 compatibility)."""
    return value.strip()


def _count(server: dict[str, Any], name: str, default: int) -> int:
    return int(server.get(name, default))


def _networks(req, requested: Any) -> Any:
    """'auto' / 'none' / [{uuid, fixed_ip, port, tag}] with Nova's checks of each entry."""
    if requested is None:
        return 'auto'  # before 2.37; from 2.37 the schema requires the key
    if isinstance(requested, str):
        return requested
    entries, ports = [], set()
    for network in requested:
        port = network.get('port')
        fixed_ip = network.get('fixed_ip')
        if port:
            if port in ports:
                raise exception.InvalidServerRequest(
                    reason="Port ID '%s' was specified twice: you cannot attach a port multiple "
                           "times." % port)
            if fixed_ip is not None:
                raise exception.InvalidServerRequest(
                    reason="Specified Fixed IP '%s' cannot be used with port '%s': the two cannot "
                           "be specified together." % (fixed_ip, port))
            ports.add(port)
            entries.append({'port': port, 'tag': network.get('tag')})
            continue
        if 'uuid' not in network:
            raise exception.InvalidServerRequest(reason="Bad network format: missing 'uuid'")
        if not uuidutils.is_uuid_like(network['uuid']):
            raise exception.InvalidServerRequest(
                reason='Bad networks format: network uuid is not in proper format (%s)'
                       % network['uuid'])
        entries.append({'uuid': network['uuid'], 'fixed_ip': fixed_ip, 'tag': network.get('tag')})
    return entries


def read(req, body: dict[str, Any]) -> tuple[BootRequest, str | None]:
    """The BootRequest of ``body``, and the admin password it asks for (None: generate one)."""
    server = body['server']
    name = normalize_name(server['name'])
    description = server.get('description') if microversion.allows_server_description(req) else name
    min_count = _count(server, 'min_count', 1)
    block_devices = _block_devices(server)
    image_ref = _image_ref(server.get('imageRef'))
    if image_ref is None and not block_devices:
        raise exception.InvalidServerRequest(reason='Missing imageRef attribute')
    request = BootRequest(
        name=name,
        flavor_ref=str(server['flavorRef']),
        image_ref=image_ref,
        description=description,
        hostname=server.get('hostname') if microversion.allows_server_hostname(req) else None,
        key_name=server.get('key_name'),
        metadata=server.get('metadata') or {},
        user_data=server.get('user_data'),
        availability_zone=server.get('availability_zone'),
        host=server.get('host') if microversion.allows_host_at_create(req) else None,
        node=server.get('hypervisor_hostname') if microversion.allows_host_at_create(req) else None,
        access_ip_v4=server.get('accessIPv4'),
        access_ip_v6=server.get('accessIPv6'),
        security_groups=_security_groups(server.get('security_groups')),
        networks=_networks(req, server.get('networks')),
        block_devices=block_devices,
        config_drive=_config_drive(server.get('config_drive')),
        auto_disk_config=DISK_CONFIG.get(server.get('OS-DCF:diskConfig')),
        min_count=min_count,
        max_count=_count(server, 'max_count', min_count),
        tags=tuple(server.get('tags') or ()) if microversion.allows_server_create_tags(req) else (),
        trusted_certs=server.get('trusted_image_certificates')
        if microversion.allows_trusted_certs(req) else None,
        scheduler_hints=body.get('os:scheduler_hints') or body.get('OS-SCH-HNT:scheduler_hints')
        or {},
        personality=tuple(server.get('personality') or ()),
    )
    return request, server.get('adminPass')


#: Device names a legacy mapping boots from.
_ROOT_DEVICES = frozenset(('vda', 'sda', 'xvda', 'hda', '/dev/vda', '/dev/sda', '/dev/xvda',
                           '/dev/hda'))


def _block_devices(server: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    """``block_device_mapping_v2``, or the legacy ``block_device_mapping`` in its terms."""
    legacy, current = server.get('block_device_mapping'), server.get('block_device_mapping_v2')
    if legacy and current:
        raise exception.InvalidServerRequest(
            reason='Using different block_device_mapping syntaxes is not allowed in the same '
                   'request.')
    if current:
        return tuple(current)
    converted = []
    for entry in legacy or ():
        source = 'snapshot' if entry.get('snapshot_id') else 'volume'
        converted.append({
            'source_type': source, 'destination_type': 'volume',
            'uuid': entry.get('snapshot_id') or entry.get('volume_id'),
            'device_name': entry.get('device_name'), 'volume_size': entry.get('volume_size'),
            'delete_on_termination': entry.get('delete_on_termination', False),
            'boot_index': 0 if entry.get('device_name') in _ROOT_DEVICES else None,
            'no_device': entry.get('no_device')})
    return tuple(converted)


def _image_ref(value: Any) -> str | None:
    """imageRef: an id, or Nova's legacy href whose last segment is the id; '' for volume boots."""
    if not value:
        return None
    image_id = str(value).rstrip('/').rsplit('/', 1)[-1]
    if not uuidutils.is_uuid_like(image_id):
        raise exception.InvalidServerRequest(reason='Invalid imageRef provided.')
    return image_id


def _security_groups(groups: Any) -> list[str] | None:
    if groups is None:
        return None
    return sorted({group['name'] for group in groups if group.get('name')})


def _config_drive(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = str(value).strip().lower()
    if text in ('', 'false', '0', 'no', 'off', 'f', 'n'):
        return False
    if text in ('true', '1', 'yes', 'on', 't', 'y'):
        return True
    raise exception.InvalidServerRequest(reason='Invalid config_drive provided.')


#: The update body's fields and the columns they set.
_UPDATE_COLUMNS = {'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6',
                   'hostname': 'hostname', 'description': 'display_description'}
#: ``pinned_availability_zone`` not in the body: leave the pin as it is.
UNCHANGED = object()


def update_values(req, server: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The columns a ``PUT /servers/{id}`` body sets, and the pin it asks for (2.104) or UNCHANGED.

    The schema of the request's version has already refused the fields
    that version does not have.
    """
    values = {column: server[field] for field, column in _UPDATE_COLUMNS.items() if field in server}
    if 'name' in server:
        values['display_name'] = normalize_name(server['name'])
    pin = server.get('pinned_availability_zone', UNCHANGED) \
        if microversion.allows_pinned_az_update(req) else UNCHANGED
    return values, pin
