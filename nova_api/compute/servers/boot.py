"""Booting servers: Nova's checks of a create request, and the rows one accepted request writes.

:func:`check` reads what the request names (flavor, image, keypair,
networks, zone) in one read transaction and applies Nova's rules, in
Nova's order, with its messages. :func:`insert` then writes, in one write
transaction, the quota check (the servers that fit, at least
``min_count``), the servers with their metadata, tags and block devices,
their instance actions and a build task each; the task runner does the rest.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime
import random
import re
import string
import uuid
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import device_names
from nova_api.compute import flavors as flavor_rules
from nova_api.compute import networks as networks_api
from nova_api.compute import numa_topology
from nova_api.compute import server_groups
from nova_api.compute import service_registry
from nova_api.compute.servers import operations as ops
from nova_api.objects import images as image_objects
from nova_api.objects import keypairs as keypair_objects
from nova_api.objects import server_changes as changes
from nova_api.objects import tasks as task_queue

GiB = 1024 ** 3
#: Nova's multi_instance_display_name_template.
MULTI_INSTANCE_NAME = '%(name)s-%(count)d'
#: Scheduler hints Nova keeps to itself (it drops them before they are stored).
PRIVATE_HINT_PREFIX = '_nova'


@dataclasses.dataclass(frozen=True)
class BootRequest:
    """A validated ``POST /servers`` body, in Nova's terms (the controller reads it per microversion).

    ``networks`` is ``'auto'``, ``'none'`` or a list of ``{uuid, fixed_ip,
    port, tag}``; ``block_devices`` the ``block_device_mapping_v2`` entries.
    """

    name: str
    flavor_ref: str
    image_ref: str | None = None
    description: str | None = None
    hostname: str | None = None
    key_name: str | None = None
    metadata: Mapping[str, str] = dataclasses.field(default_factory=dict)
    user_data: str | None = None
    availability_zone: str | None = None
    host: str | None = None
    node: str | None = None
    access_ip_v4: str | None = None
    access_ip_v6: str | None = None
    security_groups: Sequence[str] | None = None
    networks: Any = 'auto'
    block_devices: Sequence[Mapping[str, Any]] = ()
    config_drive: bool = False
    auto_disk_config: bool | None = None
    min_count: int = 1
    max_count: int = 1
    tags: Sequence[str] = ()
    trusted_certs: Sequence[str] | None = None
    scheduler_hints: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    personality: Sequence[Mapping[str, str]] = ()


@dataclasses.dataclass(frozen=True)
class Checked:
    """What :func:`check` found: everything :func:`insert` writes from."""

    request: BootRequest
    flavor: Any
    image: image_objects.Image | None
    image_ref: str
    key_name: str | None
    key_data: str | None
    zone: str | None
    host: str | None
    node: str | None
    networks: Any
    block_devices: list[dict[str, Any]]
    volume_backed: bool
    #: The server group of the ``group`` scheduler hint, if any.
    group: server_groups.ServerGroup | None = None
    #: The security groups' names, as the network service found them (None: as requested).
    security_groups: Sequence[str] | None = None


def parse_zone(text: str | None) -> tuple[str | None, str | None, str | None]:
    """``zone``, ``zone:host``, ``zone:host:node`` or ``zone::node``: Nova's legacy forced host."""
    host = node = None
    if text and ':' in text:
        colons = text.count(':')
        if colons == 1:
            text, host = text.split(':')
        elif colons == 2 and '::' in text:
            text, node = text.split('::')
        elif colons == 2:
            text, host, node = text.split(':')
        else:
            raise exception.InvalidInput(reason='Unable to parse availability_zone')
    return text or None, host or None, node or None


def check(session: orm.Session, ctx: nova_context.RequestContext, request: BootRequest,
          conf, networks: networks_api.NetworkAPI, quota_engine,
          zero_disk_allowed: bool, net: Any = None) -> Checked:
    """Nova's create checks, in its order; raises the 4xx Nova gives for each."""
    if request.min_count > request.max_count:
        raise exception.InvalidServerRequest(reason='min_count must be <= max_count')
    zone, host, node = parse_zone(request.availability_zone)
    host, node = host or request.host, node or request.node
    _check_multiple(request)
    _check_zone(session, conf, zone, host, node)
    flavor = _flavor(session, ctx, request.flavor_ref)
    block_devices = _block_devices(request)
    volume_backed = not request.image_ref
    image = _image(session, ctx, request, block_devices)
    if image is not None:
        check_image_fits(image, flavor, volume_backed, zero_disk_allowed)
    check_numa(flavor, image.properties if image is not None else {})
    if request.trusted_certs and volume_backed:
        raise exception.InvalidServerRequest(
            reason='Image signature certificate validation failed for certificate: %s. Image '
                   'certificate validation is not supported when booting from volume'
                   % request.trusted_certs[0])
    check_user_data(request.user_data)
    key_data = None if request.key_name is None else key_data_of(session, ctx, request.key_name)
    check_request_limits(quota_engine.project_limits(session, ctx.project_id), request.metadata,
                         request.personality)
    groups = None
    if net is None:
        checked_networks = _networks(session, networks, request)
    else:  # the network service's ports (nova_api/networking/compute_ports.py)
        checked_networks = net.server_ports.check_boot(session, ctx, request.networks)
        groups = net.compute_groups.check_names(session, ctx.project_id,
                                                request.security_groups or ['default'])
    return Checked(security_groups=groups, request=request, flavor=flavor, image=image,
                   image_ref=request.image_ref or '', key_name=request.key_name, key_data=key_data,
                   zone=zone, host=host, node=node, networks=checked_networks,
                   block_devices=block_devices, volume_backed=volume_backed,
                   group=_group(session, ctx, request))


def _group(session: orm.Session, ctx: nova_context.RequestContext,
           request: BootRequest) -> server_groups.ServerGroup | None:
    """The group the hints name: Nova's 400 for one that does not exist (or is another project's)."""
    group_uuid = server_groups.requested_group(request.scheduler_hints)
    if group_uuid is None:
        return None
    try:
        return server_groups.find(session, ctx, str(group_uuid))
    except exception.InstanceGroupNotFound as error:
        raise exception.InvalidServerRequest(reason=error.format_message()) from None


def check_user_data(user_data: str | None) -> None:
    if user_data is not None:
        try:
            base64.b64decode(user_data, validate=False)
        except (binascii.Error, ValueError):
            raise exception.InvalidServerRequest(reason='User data needs to be valid base 64.') from None


def key_data_of(session: orm.Session, ctx: nova_context.RequestContext, key_name: str) -> str:
    """The public key of the caller's keypair ``key_name`` (users own keys, projects servers)."""
    keypair = keypair_objects.get(session, ctx.user_id, key_name)
    if keypair is None:
        raise exception.InvalidServerRequest(reason='Invalid key_name provided.')
    return keypair.public_key


def check_request_limits(limits: Mapping[str, int], metadata: Mapping[str, str],
                         files: Sequence[Mapping[str, str]]) -> None:
    """The per-request limits of a boot or rebuild: metadata items, and (before 2.57) files."""
    allowed = limits['metadata_items']
    if 0 <= allowed < len(metadata):
        raise exception.MetadataLimitExceeded(allowed=allowed)
    if not files:
        return
    allowed = limits['injected_files']
    if 0 <= allowed < len(files):
        raise exception.OnsetFileLimitExceeded()
    path_limit, content_limit = limits['injected_file_path_bytes'], limits['injected_file_content_bytes']
    for entry in files:
        if 0 <= path_limit < len(entry.get('path', '')):
            raise exception.OnsetFilePathLimitExceeded(allowed=path_limit)
        if 0 <= content_limit < len(base64.b64decode(entry.get('contents', '') or '')):
            raise exception.OnsetFileContentLimitExceeded(allowed=content_limit)


def _check_multiple(request: BootRequest) -> None:
    if request.max_count <= 1:
        return
    if isinstance(request.networks, list):
        for entry in request.networks:
            if entry.get('uuid') and entry.get('fixed_ip'):
                raise exception.InvalidFixedIpAndMaxCountRequest(
                    reason='max_count cannot be greater than 1 if an fixed_ip is specified.')
            if entry.get('port'):
                raise exception.InvalidServerRequest(
                    reason='Failed to launch instances: Unable to launch multiple instances with '
                           'a single configured port ID. Please launch your instance one by one '
                           'with different ports.')
    if request.hostname:
        raise exception.AmbiguousHostnameForMultipleInstances()


def _check_zone(session: orm.Session, conf, zone: str | None, host: str | None,
                node: str | None) -> None:
    # The zones are the aggregates' (seeded from [DEFAULT] compute_hosts).
    hosts = service_registry.host_zones(session, conf)
    if zone and host is None and zone not in set(hosts.values()):
        raise exception.InvalidRequest('The requested availability zone is not available')
    for name in (host, node):
        if name is not None and name not in hosts:
            raise exception.ComputeHostNotFound(host=name)


def _flavor(session: orm.Session, ctx: nova_context.RequestContext, flavor_ref: str):
    try:
        flavor = flavor_rules.get_visible(session, ctx, str(flavor_ref))
    except exception.FlavorNotFound as error:
        raise exception.InvalidServerRequest(reason=error.format_message()) from None
    if flavor.disabled:
        raise exception.InvalidServerRequest(
            reason=exception.FlavorNotFound(flavor_id=flavor.flavorid).format_message())
    return flavor


def _image(session: orm.Session, ctx: nova_context.RequestContext, request: BootRequest,
           block_devices: list[dict[str, Any]]) -> image_objects.Image | None:
    """The image booted from: ``imageRef``, or the image of a volume-backed root disk."""
    image_id = request.image_ref
    if not image_id:
        root = next((bdm for bdm in block_devices if bdm.get('boot_index') == 0), None)
        if root is None:
            raise exception.InvalidBDMBootSequence()
        image_id = root.get('image_id')
        if image_id is None:
            return None
    image = image_objects.get(session, image_id, ctx.project_id, bool(ctx.is_admin))
    if image is None:
        if not request.image_ref:
            raise exception.InvalidBDMImage(id=image_id)
        raise exception.InvalidServerRequest(reason='Can not find requested image')
    if image.status != 'active':
        raise exception.ImageNotActive(image_id=image.id)
    return image


def check_image_fits(image: image_objects.Image, flavor, volume_backed: bool,
                      zero_disk_allowed: bool) -> None:
    """Nova's ``_check_requested_image`` and its zero-disk rule."""
    if flavor.memory_mb < (image.min_ram or 0):
        raise exception.FlavorMemoryTooSmall()
    if volume_backed:
        return
    if flavor.root_gb == 0:
        if not zero_disk_allowed:
            raise exception.BootFromVolumeRequiredForZeroDiskFlavor()
        return
    disk = flavor.root_gb * GiB
    if (image.size or 0) > disk:
        raise exception.FlavorDiskSmallerThanImage(flavor_size=disk, image_size=image.size)
    if (image.min_disk or 0) * GiB > disk:
        raise exception.FlavorDiskSmallerThanMinDisk(flavor_size=disk,
                                                     image_min_disk=image.min_disk * GiB)


def check_numa(flavor, image_properties: Mapping[str, Any]) -> None:
    """Nova's boot builds the guest NUMA topology the flavor and image ask for
    (``numa_get_constraints``) and refuses one it cannot build: a 400 with its reason."""
    try:
        numa_topology.constraints({'vcpus': flavor.vcpus, 'memory_mb': flavor.memory_mb,
                                   'extra_specs': flavor.extra_specs}, image_properties)
    except (exception.Invalid, exception.Forbidden) as refused:
        raise exception.Invalid(refused.format_message()) from None


_BDM_FIELDS = ('source_type', 'destination_type', 'device_type', 'disk_bus', 'device_name',
               'boot_index', 'guest_format', 'volume_size', 'volume_type', 'tag')


def _block_devices(request: BootRequest) -> list[dict[str, Any]]:
    """The block devices to record: Nova's ``BlockDeviceDict.from_api`` rules, then the root disk."""
    image_given = bool(request.image_ref)
    rows = []
    for entry in request.block_devices:
        source, destination = entry.get('source_type'), entry.get('destination_type')
        device_uuid = entry.get('uuid')
        boot_index = entry.get('boot_index')
        boot_index = -1 if boot_index is None else int(boot_index)
        if not entry.get('no_device'):
            if source == 'blank' and device_uuid:
                raise exception.InvalidBDMFormat(details='Invalid device UUID.')
            if source != 'blank' and not device_uuid:
                raise exception.InvalidBDMFormat(details='Missing device UUID.')
            if source == 'image' and destination == 'local' and not (image_given and boot_index == 0):
                raise exception.InvalidBDMFormat(details='Mapping image to local is not supported.')
            if destination == 'local' and entry.get('volume_type'):
                raise exception.InvalidBDMFormat(
                    details='Specifying a volume_type with destination_type=local is not supported.')
            if source == 'volume' and entry.get('volume_type'):
                raise exception.InvalidBDMFormat(
                    details='Specifying volume type to existing volume is not supported.')
        row = {field: entry.get(field) for field in _BDM_FIELDS}
        row['boot_index'] = boot_index if boot_index >= 0 else None
        row['delete_on_termination'] = _truthy(entry.get('delete_on_termination', False))
        row['no_device'] = bool(entry.get('no_device'))
        row['image_id'] = device_uuid if source == 'image' else None
        row['snapshot_id'] = device_uuid if source == 'snapshot' else None
        row['volume_id'] = device_uuid if source == 'volume' else None
        rows.append(row)
    boots = [row for row in rows if row['boot_index'] == 0]
    if len(boots) > 1 or (not image_given and not boots):
        raise exception.InvalidBDMBootSequence()
    if image_given and not boots:
        # Nova's implicit root disk of an image-backed server.
        rows.insert(0, {field: None for field in _BDM_FIELDS} | {
            'source_type': 'image', 'destination_type': 'local', 'boot_index': 0,
            'image_id': request.image_ref, 'delete_on_termination': True, 'no_device': False,
            'snapshot_id': None, 'volume_id': None, 'device_type': 'disk'})
    return rows


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ('1', 't', 'true', 'on', 'y', 'yes')
    return bool(value)


def _networks(session: orm.Session, networks: networks_api.NetworkAPI, request: BootRequest) -> Any:
    """'auto', 'none', or the entries checked: known networks, free addresses, no ports yet."""
    requested = request.networks
    if requested in ('auto', 'none'):
        return requested
    if not requested:
        return 'auto'  # an empty list: whatever network there is, as with Neutron
    checked = []
    for entry in requested:
        if entry.get('port'):
            # No port exists until there is a network service to make them.
            raise exception.PortNotFound(port_id=entry['port'])
        network = networks.get(entry['uuid'])
        fixed_ip = entry.get('fixed_ip')
        if fixed_ip is not None:
            networks.host_index(network, fixed_ip)
            holder = networks.holder_of(session, network, fixed_ip)
            if holder is not None:
                raise exception.FixedIpAlreadyInUse(address=fixed_ip, instance_uuid=holder)
        checked.append({'uuid': network.id, 'fixed_ip': fixed_ip, 'tag': entry.get('tag')})
    return checked


# -- the write ---------------------------------------------------------------------

def sanitize_hostname(name: str, default: str) -> str:
    """Nova's ``utils.sanitize_hostname``: RFC 952/1123 characters, at most 63 of them."""
    name = name.encode('latin-1', 'ignore').decode('latin-1')[:63]
    name = re.sub(r'[ _.]', '-', name)
    name = re.sub(r'[^\w.-]+', '', name).lower().strip('.-')
    return name or default[:63]


def reservation_id() -> str:
    """Nova's ``utils.generate_uid('r')``."""
    return 'r-' + ''.join(random.choice(string.ascii_lowercase + string.digits) for _ in range(8))


def _hints(hints: Mapping[str, Any]) -> dict[str, list]:
    """Unknown hints are kept, as lists (the request spec's form); Nova's private ones never."""
    return {key: value if isinstance(value, list) else [value]
            for key, value in hints.items() if not key.startswith(PRIVATE_HINT_PREFIX)}


def flavor_snapshot(flavor) -> str:
    return orjson.dumps({
        'flavorid': flavor.flavorid, 'name': flavor.name, 'memory_mb': flavor.memory_mb,
        'vcpus': flavor.vcpus, 'root_gb': flavor.root_gb, 'ephemeral_gb': flavor.ephemeral_gb,
        'swap': flavor.swap, 'rxtx_factor': flavor.rxtx_factor, 'vcpu_weight': flavor.vcpu_weight,
        'is_public': flavor.is_public, 'description': flavor.description,
        'extra_specs': dict(flavor.extra_specs)}).decode()


def _row(checked: Checked, ctx: nova_context.RequestContext, index: int, count: int,
         resv_id: str, root_device_name: str, now: datetime.datetime) -> dict[str, Any]:
    request, flavor = checked.request, checked.flavor
    server_uuid = str(uuid.uuid4())
    name = request.name
    if count > 1:
        name = MULTI_INSTANCE_NAME % {'name': name, 'count': index + 1, 'uuid': server_uuid}
    image_properties = dict(checked.image.properties) if checked.image else {}
    auto_disk = request.auto_disk_config
    if auto_disk is None:
        auto_disk = str(image_properties.get('auto_disk_config', '')).lower() in ('1', 'true', 'yes')
    return {
        'uuid': server_uuid, 'project_id': ctx.project_id, 'user_id': ctx.user_id,
        'display_name': name, 'display_description': request.description,
        'hostname': request.hostname or sanitize_hostname(name, 'Server-%s' % server_uuid),
        'reservation_id': resv_id, 'launch_index': index, 'image_ref': checked.image_ref,
        'image_properties': orjson.dumps(image_properties).decode(),
        'flavor_id': flavor.flavorid, 'flavor': flavor_snapshot(flavor), 'vcpus': flavor.vcpus,
        'memory_mb': flavor.memory_mb, 'root_gb': flavor.root_gb,
        'ephemeral_gb': flavor.ephemeral_gb, **ops.BUILD.start,
        'host': None, 'node': None, 'availability_zone': checked.zone,
        'pinned_availability_zone': checked.zone,
        'scheduler_hints': orjson.dumps(_hints(request.scheduler_hints)).decode(),
        'requested_networks': orjson.dumps(checked.networks).decode(),
        'requested_host': checked.host, 'requested_node': checked.node,
        'key_name': checked.key_name, 'key_data': checked.key_data, 'user_data': request.user_data,
        'config_drive': 'True' if request.config_drive else '',
        'access_ip_v4': request.access_ip_v4, 'access_ip_v6': request.access_ip_v6,
        'auto_disk_config': bool(auto_disk), 'progress': 0, 'locked_by': None,
        'locked_reason': None,
        'security_groups': orjson.dumps(sorted(set(
            checked.security_groups or request.security_groups or ['default']))).decode(),
        'trusted_certs': orjson.dumps(list(request.trusted_certs)).decode()
        if request.trusted_certs else None,
        'root_device_name': root_device_name, 'kernel_id': '', 'ramdisk_id': '',
        'launched_at': None, 'terminated_at': None, 'deleted_at': None, 'deleted': False,
        'created_at': now, 'updated_at': now,
    }


def _block_device_rows(checked: Checked, names: Sequence[str | None],
                       now: datetime.datetime) -> list[dict[str, Any]]:
    rows = []
    for bdm, name in zip(checked.block_devices, names, strict=True):
        row = dict(bdm, uuid=str(uuid.uuid4()), device_name=name, created_at=now, updated_at=now)
        if row['destination_type'] == 'volume' and row['volume_id'] is None:
            # Cinder would create this volume from the image, snapshot or nothing.
            row['volume_id'] = str(uuid.uuid4())
        if row['destination_type'] == 'volume':
            row['attachment_id'] = str(uuid.uuid4())  # Cinder's attachment, simulated
        rows.append(row)
    return rows


def insert(session: orm.Session, ctx: nova_context.RequestContext, checked: Checked,
           quota_engine, build_wait: float) -> tuple[list[dict[str, Any]], str]:
    """Write the servers that fit the quota; their rows (in launch order) and the reservation id."""
    request, flavor = checked.request, checked.flavor
    count = quota_engine.check_instances(session, ctx.project_id, ctx.user_id, flavor.vcpus,
                                         flavor.memory_mb, request.min_count, request.max_count)
    now = changes.utcnow()
    resv_id = reservation_id()
    # Named here rather than on the host as Nova does: the same names, without a statement more
    # in the build (every simulated host is libvirt-like).
    root_device_name, bdm_names = device_names.at_build(checked.block_devices)
    rows = [_row(checked, ctx, index, count, resv_id, root_device_name, now)
            for index in range(count)]
    uuids = [row['uuid'] for row in rows]
    changes.insert_servers(
        session, rows,
        metadata={server_uuid: request.metadata for server_uuid in uuids},
        tags={server_uuid: sorted(set(request.tags)) for server_uuid in uuids},
        block_devices={server_uuid: _block_device_rows(checked, bdm_names, now)
                       for server_uuid in uuids})
    if checked.group is not None:
        server_groups.join(session, ctx, quota_engine, checked.group, uuids, now)
    if quota_engine.recheck:
        quota_engine.check_instances(session, ctx.project_id, ctx.user_id, flavor.vcpus,
                                     flavor.memory_mb, 0, 0)
    actions = changes.start_actions(session, [
        {'action': ops.BUILD.action, 'instance_uuid': server_uuid, 'request_id': ctx.request_id,
         'user_id': ctx.user_id, 'project_id': ctx.project_id, 'start_time': now,
         'created_at': now} for server_uuid in uuids])
    due = now + datetime.timedelta(seconds=ops.BUILD.steps[0].wait * build_wait)
    task_queue.enqueue_many(session, ({
        'instance_uuid': server_uuid, 'operation': ops.BUILD.name, 'step': 0, 'due_at': due,
        'attempts': 0, 'action_id': actions.get(server_uuid), 'created_at': now}
        for server_uuid in uuids))
    return rows, resv_id
