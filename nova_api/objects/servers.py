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
from sqlalchemy.dialects import postgresql

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

#: The indexes in COLUMNS of the timestamps (launched_at ... deleted_at).
_TIMESTAMPS = tuple(index for index, column in enumerate(COLUMNS)
                    if isinstance(column.type, sa.DateTime))

#: PostgreSQL: an instance row as one JSON array, in COLUMNS' order. pg8000 is pure Python
#: and spends ~4 us on each column of each row (a page: 100 rows of 41 columns, most of its
#: time); one text column a row that orjson reads in C costs a tenth of that.
_ROW_AS_JSON = sa.cast(sa.func.json_build_array(*COLUMNS), sa.Text)


def selected(dialect: str) -> tuple[sa.ColumnElement, ...]:
    """What a statement reading servers selects: COLUMNS, or on PostgreSQL each row as JSON.
    Read its rows with :func:`rows`."""
    return (_ROW_AS_JSON,) if dialect == 'postgresql' else COLUMNS


def rows(dialect: str, selected_rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """Rows selected with :func:`selected` as rows of COLUMNS."""
    if dialect != 'postgresql':
        return selected_rows
    result = []
    for (text,) in selected_rows:
        row = orjson.loads(text)
        for index in _TIMESTAMPS:
            if row[index] is not None:
                # json_build_array writes timestamps in ISO 8601, which fromisoformat reads.
                row[index] = datetime.datetime.fromisoformat(row[index])
        result.append(row)
    return result


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

def _related_statement(of_page) -> prepared.Prepared:
    """Metadata, tags, addresses (fixed, and the floating IPs on them) and volumes of a page of
    servers: one round trip. ``of_page(column)`` says that a row's server is on the page.
    Columns: (kind, server, text, text, number, text, order)."""
    return prepared.Prepared(sa.union_all(
        # Named for the union's columns (a show reads it as a subquery).
        sa.select(_kind('m').label('kind'), _meta.instance_uuid.label('server'),
                  _meta.key.label('first'), _meta.value.label('second'),
                  _NO_NUMBER.label('number'), _NULL.label('third'), _meta.id.label('position'))
        .where(of_page(_meta.instance_uuid)),
        sa.select(_kind('t'), _tag.resource_id, _tag.tag, _NULL, _NO_NUMBER, _NULL, _NO_NUMBER)
        .where(of_page(_tag.resource_id)),
        sa.select(_kind('a'), _ip.instance_uuid, _ip.network_name, _ip.address, _ip.version,
                  _ip.mac_address, _ip.id).where(of_page(_ip.instance_uuid)),
        sa.select(_kind('f'), _ip.instance_uuid, _ip.network_name, _fip.floating_ip_address,
                  _ip.version, _ip.mac_address, _ip.id)
        .join_from(models.FloatingIP.__table__, models.FixedIP.__table__, sa.and_(
            _fip.fixed_port_id == _ip.port_id, _fip.fixed_ip_address == _ip.address))
        .where(of_page(_ip.instance_uuid)),
        sa.select(_kind('v'), _bdm.instance_uuid, _bdm.volume_id, _NULL,
                  sa.cast(_bdm.delete_on_termination, sa.Integer), _NULL, _bdm.id)
        .where(of_page(_bdm.instance_uuid), _bdm.volume_id.is_not(None)),
    ))


class _ArrayLiteral(sa.types.TypeDecorator):
    """A list of strings sent as the text of a PostgreSQL array ('{"a","b"}'), cast in SQL:
    pg8000 escapes a list's items character by character in Python (~6 ms a page)."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return '{%s}' % ','.join(
            '"%s"' % item.replace('\\', '\\\\').replace('"', '\\"') for item in value)


_UUID_ARRAY = sa.cast(sa.bindparam('uuids', type_=_ArrayLiteral()), postgresql.ARRAY(sa.Text))

#: The related rows' statement by dialect. PostgreSQL takes the page's uuids as one array
#: value (= ANY): an IN list would be five times 128 parameters, each of which pg8000
#: converts and sends in Python (~3 ms a page), and a statement PostgreSQL plans again.
_RELATED = {
    'sqlite': _related_statement(lambda column: column.in_(_UUIDS)),
    'postgresql': _related_statement(lambda column: column == sa.any_(_UUID_ARRAY)),
}

#: Faults of the servers in ERROR (or deleted), newest first: the first seen is shown.
_FAULTS = prepared.Prepared(
    sa.select(_fault.instance_uuid, _fault.code, _fault.message, _fault.details, _fault.created_at)
    .where(_fault.instance_uuid.in_(sa.bindparam('uuids', expanding=True)))
    .order_by(_fault.created_at.desc(), _fault.id.desc()))


def _related(read: prepared.Snapshot, uuids: list[str], error_uuids: list[str],
             rows: list[Sequence[Any]] | None = None) -> _Related:
    """Metadata, tags, addresses, volumes of ``uuids`` (the related rows' statement's
    ``rows`` if already read); faults of ``error_uuids`` only."""
    related = _Related({}, {}, {}, {}, {})
    if not uuids:
        return related
    if rows is None:
        rows = read(_RELATED[read.dialect.name], uuids=uuids)
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


def build(read: prepared.Snapshot, rows: Sequence[Sequence[Any]],
          related_rows: list[Sequence[Any]] | None = None) -> list[Server]:
    """Servers from instance rows selected with :data:`COLUMNS`, their related rows read at once
    (or given, as the related rows' statement gives them)."""
    uuids = [row[1] for row in rows]
    errors = [row[1] for row in rows if row[12] in _FAULT_VM_STATES or row[40]]
    related = _related(read, uuids, errors, related_rows)
    decoded: dict[str, Any] = {}
    return [_server(row, related, decoded) for row in rows]


def _by_uuid(dialect: str, project: bool, read_deleted: bool) -> prepared.Prepared:
    columns = selected(dialect)
    if dialect == 'postgresql':
        # The server's related rows in the same statement, as one JSON array: a show is one
        # round trip (pg8000 sends statements one after the other, never pipelined).
        related = _related_statement(lambda column: column == sa.bindparam('uuid')).statement
        related = related.subquery()
        columns += (sa.select(sa.cast(sa.func.json_agg(sa.func.json_build_array(*related.c)),
                                      sa.Text)).scalar_subquery(),)
    query = sa.select(*columns).where(_I.uuid == sa.bindparam('uuid'))
    if project:
        query = query.where(_I.project_id == sa.bindparam('project_id'))
    if not read_deleted:
        query = query.where(_I.deleted == sa.false())
    return prepared.Prepared(query)


#: (dialect, in one project?, deleted ones too?) -> the statement
_BY_UUID = {(dialect, project, deleted): _by_uuid(dialect, project, deleted)
            for dialect in ('sqlite', 'postgresql')
            for project in (False, True) for deleted in (False, True)}


def get(read: prepared.Snapshot, uuid: str, project_id: str | None = None,
        read_deleted: bool = False) -> Server | None:
    """The server ``uuid``; only in ``project_id`` when given; deleted ones when ``read_deleted``."""
    params = {'uuid': uuid}
    if project_id is not None:
        params['project_id'] = project_id
    dialect = read.dialect.name
    found = read(_BY_UUID[dialect, project_id is not None, read_deleted], **params)
    if not found:
        return None
    if dialect != 'postgresql':
        return build(read, found)[0]
    row, related = found[0]
    return build(read, rows(dialect, [(row,)]), orjson.loads(related) if related else [])[0]


def from_new_row(row: Mapping[str, Any], metadata: Mapping[str, str],
                 tags: Iterable[str]) -> Server:
    """A server just inserted, from the row written (no need to read it back)."""
    related = _Related({row['uuid']: dict(metadata)}, {row['uuid']: sorted(set(tags))}, {}, {}, {})
    values = [row.get(column.name) for column in COLUMNS]
    values[0] = row.get('id', 0)
    return _server(values, related)
