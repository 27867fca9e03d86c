"""Server reads: the record the views show, built set-based for a whole page at once.

A page costs one query for the servers and one per related table (metadata,
tags, addresses, faults, volumes) for all of them together, never a query
per server, and rows become plain frozen records without an ORM object
graph: the list of servers is the heaviest thing clients ask for.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import orjson
import sqlalchemy as sa

from nova_api.db import models
from nova_api.db import prepared

#: Nova's instance_name_template.
INSTANCE_NAME_TEMPLATE = 'instance-%08x'


@dataclasses.dataclass(frozen=True, slots=True)
class Address:
    """One address of a server on a network (``fixed``, or later ``floating``)."""

    network: str
    address: str
    version: int
    mac_address: str
    type: str = 'fixed'


@dataclasses.dataclass(frozen=True, slots=True)
class Fault:
    """The newest fault of a server: shown while it is in ERROR (details to admins only)."""

    code: int
    message: str
    details: str | None
    created_at: datetime.datetime


@dataclasses.dataclass(frozen=True, slots=True)
class Volume:
    """A volume attached to a server (``os-extended-volumes:volumes_attached``)."""

    id: str
    delete_on_termination: bool


@dataclasses.dataclass(slots=True)
class Server:
    """A server with everything the API shows of it (read-only by convention: not frozen,
    because a frozen dataclass of 47 fields costs three times as much to build, and a page
    builds a hundred).

    ``flavor`` is the flavor it was built with (Nova's keys: flavorid, name,
    vcpus, memory_mb, root_gb, ephemeral_gb, swap, extra_specs, ...);
    ``image_properties`` the image's properties at boot.
    """

    id: int
    uuid: str
    project_id: str
    user_id: str
    name: str | None
    description: str | None
    hostname: str | None
    reservation_id: str | None
    launch_index: int | None
    image_ref: str | None
    image_properties: Mapping[str, Any]
    flavor: Mapping[str, Any]
    vm_state: str
    task_state: str | None
    power_state: int
    host: str | None
    node: str | None
    availability_zone: str | None
    pinned_availability_zone: str | None
    scheduler_hints: Mapping[str, Any]
    key_name: str | None
    key_data: str | None
    user_data: str | None
    config_drive: str
    access_ip_v4: str | None
    access_ip_v6: str | None
    auto_disk_config: bool
    progress: int
    locked_by: str | None
    locked_reason: str | None
    security_groups: tuple[str, ...]
    trusted_certs: tuple[str, ...] | None
    root_device_name: str | None
    kernel_id: str
    ramdisk_id: str
    launched_at: datetime.datetime | None
    terminated_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime | None
    deleted_at: datetime.datetime | None
    deleted: bool
    metadata: Mapping[str, str]
    tags: tuple[str, ...]
    addresses: tuple[Address, ...]
    fault: Fault | None
    volumes: tuple[Volume, ...]

    @property
    def instance_name(self) -> str:
        return INSTANCE_NAME_TEMPLATE % self.id

    @property
    def locked(self) -> bool:
        return self.locked_by is not None


_I = models.Instance.__table__.c

#: The instance columns a Server is read from, in the order ``_server`` reads them.
COLUMNS = (
    _I.id, _I.uuid, _I.project_id, _I.user_id, _I.display_name, _I.display_description,
    _I.hostname, _I.reservation_id, _I.launch_index, _I.image_ref, _I.image_properties, _I.flavor,
    _I.vm_state, _I.task_state, _I.power_state, _I.host, _I.node, _I.availability_zone,
    _I.pinned_availability_zone, _I.scheduler_hints, _I.key_name, _I.key_data, _I.user_data,
    _I.config_drive, _I.access_ip_v4, _I.access_ip_v6, _I.auto_disk_config, _I.progress,
    _I.locked_by, _I.locked_reason, _I.security_groups, _I.trusted_certs, _I.root_device_name,
    _I.kernel_id, _I.ramdisk_id, _I.launched_at, _I.terminated_at, _I.created_at, _I.updated_at,
    _I.deleted_at, _I.deleted,
)

_EMPTY: Mapping[str, Any] = {}


def _json(text: str | None, default: Any = _EMPTY, decoded: dict[str, Any] | None = None) -> Any:
    """The JSON column's value; ``decoded`` shares one value among rows with the same text
    (a page's servers mostly have the same flavor and image)."""
    if not text:
        return default
    if decoded is None:
        return orjson.loads(text)
    value = decoded.get(text)
    if value is None:
        value = decoded[text] = orjson.loads(text)
    return value


@dataclasses.dataclass
class _Related:
    """What the other tables hold for a page of servers, by server uuid."""

    metadata: dict[str, dict[str, str]]
    tags: dict[str, list[str]]
    addresses: dict[str, list[Address]]
    faults: dict[str, Fault]
    volumes: dict[str, list[Volume]]


def _server(row: Sequence[Any], related: _Related, decoded: dict[str, Any] | None = None) -> Server:
    uuid = row[1]
    trusted = _json(row[31], None)
    return Server(
        id=row[0], uuid=uuid, project_id=row[2], user_id=row[3], name=row[4], description=row[5],
        hostname=row[6], reservation_id=row[7], launch_index=row[8], image_ref=row[9],
        image_properties=_json(row[10], _EMPTY, decoded), flavor=_json(row[11], _EMPTY, decoded),
        vm_state=row[12],
        task_state=row[13], power_state=row[14], host=row[15], node=row[16],
        availability_zone=row[17], pinned_availability_zone=row[18],
        scheduler_hints=_json(row[19], _EMPTY, decoded), key_name=row[20], key_data=row[21],
        user_data=row[22],
        config_drive=row[23], access_ip_v4=row[24], access_ip_v6=row[25],
        auto_disk_config=bool(row[26]), progress=row[27], locked_by=row[28],
        locked_reason=row[29], security_groups=tuple(_json(row[30], (), decoded)),
        trusted_certs=None if trusted is None else tuple(trusted), root_device_name=row[32],
        kernel_id=row[33], ramdisk_id=row[34], launched_at=row[35], terminated_at=row[36],
        created_at=row[37], updated_at=row[38], deleted_at=row[39], deleted=bool(row[40]),
        metadata=related.metadata.get(uuid, _EMPTY), tags=tuple(related.tags.get(uuid, ())),
        addresses=tuple(related.addresses.get(uuid, ())), fault=related.faults.get(uuid),
        volumes=tuple(related.volumes.get(uuid, ())))


def _kind(name: str) -> sa.ColumnElement:
    return sa.literal_column("'%s'" % name)


_meta = models.InstanceMetadata.__table__.c
_tag = models.Tag.__table__.c
_ip = models.FixedIP.__table__.c
_bdm = models.BlockDeviceMapping.__table__.c
#: The network service's floating IPs: shown on the fixed address they point at.
_fip = models.FloatingIP.__table__.c
_fault = models.InstanceFault.__table__.c
_UUIDS = sa.bindparam('uuids', expanding=True)
_NULL = sa.cast(sa.null(), sa.String)
_NO_NUMBER = sa.cast(sa.null(), sa.Integer)

#: Metadata, tags, addresses (fixed, and the floating IPs on them) and volumes of a page of
#: servers: one round trip.
#: (kind, server, text, text, number, text, order)
_RELATED = prepared.Prepared(sa.union_all(
    sa.select(_kind('m'), _meta.instance_uuid, _meta.key, _meta.value, _NO_NUMBER, _NULL,
              _meta.id).where(_meta.instance_uuid.in_(_UUIDS)),
    sa.select(_kind('t'), _tag.resource_id, _tag.tag, _NULL, _NO_NUMBER, _NULL, _NO_NUMBER)
    .where(_tag.resource_id.in_(_UUIDS)),
    sa.select(_kind('a'), _ip.instance_uuid, _ip.network_name, _ip.address, _ip.version,
              _ip.mac_address, _ip.id).where(_ip.instance_uuid.in_(_UUIDS)),
    sa.select(_kind('f'), _ip.instance_uuid, _ip.network_name, _fip.floating_ip_address,
              _ip.version, _ip.mac_address, _ip.id)
    .join_from(models.FloatingIP.__table__, models.FixedIP.__table__, sa.and_(
        _fip.fixed_port_id == _ip.port_id, _fip.fixed_ip_address == _ip.address))
    .where(_ip.instance_uuid.in_(_UUIDS)),
    sa.select(_kind('v'), _bdm.instance_uuid, _bdm.volume_id, _NULL,
              sa.cast(_bdm.delete_on_termination, sa.Integer), _NULL, _bdm.id)
    .where(_bdm.instance_uuid.in_(_UUIDS), _bdm.volume_id.is_not(None)),
))

#: Faults of the servers in ERROR (or deleted), newest first: the first seen is shown.
_FAULTS = prepared.Prepared(
    sa.select(_fault.instance_uuid, _fault.code, _fault.message, _fault.details, _fault.created_at)
    .where(_fault.instance_uuid.in_(sa.bindparam('uuids', expanding=True)))
    .order_by(_fault.created_at.desc(), _fault.id.desc()))


def _related(read: prepared.Snapshot, uuids: list[str], error_uuids: list[str]) -> _Related:
    """Metadata, tags, addresses, volumes of ``uuids``; faults of ``error_uuids`` only."""
    related = _Related({}, {}, {}, {}, {})
    if not uuids:
        return related
    rows = read(_RELATED, uuids=uuids)
    # Tags by name, addresses and volumes in the order they were given.
    rows.sort(key=lambda row: (row[0], row[1], row[2] if row[0] == 't' else '', row[6] or 0))
    for kind, uuid, first, second, number, third, _ in rows:
        if kind == 'm':
            related.metadata.setdefault(uuid, {})[first] = second
        elif kind == 't':
            related.tags.setdefault(uuid, []).append(first)
        elif kind == 'a':
            related.addresses.setdefault(uuid, []).append(Address(first, second, number, third))
        elif kind == 'f':
            related.addresses.setdefault(uuid, []).append(
                Address(first, second, number, third, 'floating'))
        else:
            related.volumes.setdefault(uuid, []).append(Volume(first, bool(number)))
    if error_uuids:
        for uuid, code, message, details, created in read(_FAULTS, uuids=error_uuids):
            related.faults.setdefault(uuid, Fault(code, message, details, created))
    return related


#: The vm_states in which a server shows its fault (Nova: status ERROR or DELETED).
_FAULT_VM_STATES = frozenset(('error', 'deleted'))


def build(read: prepared.Snapshot, rows: Sequence[Sequence[Any]]) -> list[Server]:
    """Servers from instance rows selected with :data:`COLUMNS`, their related rows read at once."""
    uuids = [row[1] for row in rows]
    errors = [row[1] for row in rows if row[12] in _FAULT_VM_STATES or row[40]]
    related = _related(read, uuids, errors)
    decoded: dict[str, Any] = {}
    return [_server(row, related, decoded) for row in rows]


def _by_uuid(project: bool, read_deleted: bool) -> prepared.Prepared:
    query = sa.select(*COLUMNS).where(_I.uuid == sa.bindparam('uuid'))
    if project:
        query = query.where(_I.project_id == sa.bindparam('project_id'))
    if not read_deleted:
        query = query.where(_I.deleted == sa.false())
    return prepared.Prepared(query)


#: (in one project?, deleted ones too?) -> the statement
_BY_UUID = {(project, deleted): _by_uuid(project, deleted)
            for project in (False, True) for deleted in (False, True)}


def get(read: prepared.Snapshot, uuid: str, project_id: str | None = None,
        read_deleted: bool = False) -> Server | None:
    """The server ``uuid``; only in ``project_id`` when given; deleted ones when ``read_deleted``."""
    params = {'uuid': uuid}
    if project_id is not None:
        params['project_id'] = project_id
    rows = read(_BY_UUID[project_id is not None, read_deleted], **params)
    return build(read, rows)[0] if rows else None


def from_new_row(row: Mapping[str, Any], metadata: Mapping[str, str],
                 tags: Iterable[str]) -> Server:
    """A server just inserted, from the row written (no need to read it back)."""
    related = _Related({row['uuid']: dict(metadata)}, {row['uuid']: sorted(set(tags))}, {}, {}, {})
    values = [row.get(column.name) for column in COLUMNS]
    values[0] = row.get('id', 0)
    return _server(values, related)
