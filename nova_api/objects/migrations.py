"""Migration records (Nova's ``migrations`` table): written with the moves' state changes, read by the APIs.

Every write here runs inside the transaction that changes the server's
states (the API's accept, or a task runner turn), so a server and its
migration record never disagree. Status changes are compare-and-swaps on
the statuses a change may start from: of two concurrent confirms, one
finds the migration ``finished`` and the other does not.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import exception
from nova_api.db import models

_migrations = models.Migration.__table__
_M = _migrations.c

RESIZE = 'resize'
COLD_MIGRATION = 'migration'
LIVE_MIGRATION = 'live-migration'
EVACUATION = 'evacuation'
TYPES = (COLD_MIGRATION, RESIZE, LIVE_MIGRATION, EVACUATION)

#: The statuses in which a live migration is in progress: what
#: ``/servers/{id}/migrations`` shows (Nova's list).
LIVE_IN_PROGRESS = ('queued', 'preparing', 'running', 'post-migrating')


@dataclasses.dataclass(frozen=True)
class Migration:
    """One move of a server, with Nova's field names."""

    id: int
    uuid: str
    source_compute: str | None
    dest_compute: str | None
    source_node: str | None
    dest_node: str | None
    dest_host: str | None
    old_instance_type_id: int | None
    new_instance_type_id: int | None
    old_flavor: str | None
    new_flavor: str | None
    instance_uuid: str
    status: str
    migration_type: str
    hidden: bool
    memory_total: int | None
    memory_processed: int | None
    memory_remaining: int | None
    disk_total: int | None
    disk_processed: int | None
    disk_remaining: int | None
    user_id: str | None
    project_id: str | None
    created_at: datetime.datetime | None
    updated_at: datetime.datetime | None


_FIELDS = tuple(field.name for field in dataclasses.fields(Migration))


def _from_row(row: Mapping[str, Any]) -> Migration:
    return Migration(**{name: row[name] for name in _FIELDS})


def _select() -> sa.Select:
    return sa.select(*(_M[name] for name in _FIELDS)).where(_M.deleted.is_(False))


def insert(session: orm.Session, values: Mapping[str, Any], now: datetime.datetime) -> int:
    """Record a new move; returns its id."""
    row = {'hidden': False, 'deleted': False, 'created_at': now, 'updated_at': None}
    row.update(values)
    return session.execute(sa.insert(_migrations).values(row)).inserted_primary_key[0]


def advance(session: orm.Session, instance_uuid: str, from_statuses: Iterable[str],
            values: Mapping[str, Any], now: datetime.datetime,
            migration_types: Iterable[str] | None = None) -> int:
    """Write ``values`` (a new status...) to the server's migrations in ``from_statuses``; how many."""
    where = [_M.instance_uuid == instance_uuid, _M.deleted.is_(False),
             _M.status.in_(sorted(from_statuses))]
    if migration_types is not None:
        where.append(_M.migration_type.in_(sorted(migration_types)))
    result = session.execute(sa.update(_migrations).where(*where)
                             .values(dict(values, updated_at=now)))
    return result.rowcount


def set_by_id(session: orm.Session, migration_id: int, values: Mapping[str, Any],
              now: datetime.datetime) -> None:
    session.execute(sa.update(_migrations).where(_M.id == migration_id)
                    .values(dict(values, updated_at=now)))


def flavor_pk(session: orm.Session, flavorid: str | None) -> int | None:
    """A flavor's internal id (what Nova's migrations show as ``*_instance_type_id``), if it exists."""
    if flavorid is None:
        return None
    flavors = models.Flavor.__table__.c
    return session.scalar(sa.select(flavors.id).where(flavors.flavorid == flavorid))


def latest(session: orm.Session, instance_uuid: str,
           statuses: Iterable[str] | None = None,
           migration_types: Iterable[str] | None = None) -> Migration | None:
    """The server's newest migration (in one of ``statuses`` when given), or None."""
    query = _select().where(_M.instance_uuid == instance_uuid)
    if statuses is not None:
        query = query.where(_M.status.in_(sorted(statuses)))
    if migration_types is not None:
        query = query.where(_M.migration_type.in_(sorted(migration_types)))
    row = session.execute(query.order_by(_M.id.desc()).limit(1)).mappings().first()
    return None if row is None else _from_row(row)


def for_instance(session: orm.Session, instance_uuid: str, migration_id: int) -> Migration:
    """The server's migration ``migration_id``; Nova's MigrationNotFoundForInstance (404) if none."""
    row = session.execute(_select().where(_M.id == migration_id,
                                          _M.instance_uuid == instance_uuid)).mappings().first()
    if row is None:
        raise exception.MigrationNotFoundForInstance(migration_id=migration_id,
                                                     instance_id=instance_uuid)
    return _from_row(row)


def in_progress(session: orm.Session, instance_uuid: str,
                migration_type: str | None = LIVE_MIGRATION) -> list[Migration]:
    """The server's live migrations in progress, oldest first (Nova's in-progress list)."""
    query = _select().where(_M.instance_uuid == instance_uuid,
                            _M.status.in_(LIVE_IN_PROGRESS))
    if migration_type is not None:
        query = query.where(_M.migration_type == migration_type)
    return [_from_row(row) for row in session.execute(query.order_by(_M.id)).mappings()]


@dataclasses.dataclass(frozen=True)
class ListQuery:
    """``GET /os-migrations``: Nova's filters, and a page (from 2.59) newest first."""

    filters: Mapping[str, Any]
    limit: int | None = None
    marker: str | None = None
    changes_since: datetime.datetime | None = None
    changes_before: datetime.datetime | None = None


def page(session: orm.Session, query: ListQuery) -> list[Migration]:
    """Nova's ``migration_get_all_by_filters``: hidden ones included (the API drops them)."""
    if query.limit == 0:
        return []
    select = _select()
    filters = query.filters
    if 'status' in filters:
        select = select.where(_M.status == filters['status'])
    if 'host' in filters:
        select = select.where(sa.or_(_M.source_compute == filters['host'],
                                     _M.dest_compute == filters['host']))
    elif 'source_compute' in filters:
        select = select.where(_M.source_compute == filters['source_compute'])
    for name in ('migration_type', 'instance_uuid', 'user_id', 'project_id'):
        if name in filters:
            select = select.where(_M[name] == filters[name])
    if 'hidden' in filters:
        select = select.where(_M.hidden.is_(bool(filters['hidden'])))
    if query.changes_since is not None:
        select = select.where(_M.updated_at >= query.changes_since)
    if query.changes_before is not None:
        select = select.where(_M.updated_at <= query.changes_before)
    paged = query.limit is not None or query.marker is not None
    if query.marker is not None:
        marker = session.execute(sa.select(_M.created_at, _M.id).where(
            _M.uuid == query.marker, _M.deleted.is_(False))).first()
        if marker is None:
            raise exception.MarkerNotFound(marker=query.marker)
        created_at, marker_id = marker
        # Newest first on (created_at, id): what follows the marker is older.
        select = select.where(sa.or_(_M.created_at < created_at,
                                     sa.and_(_M.created_at == created_at, _M.id < marker_id)))
    if paged:
        select = select.order_by(_M.created_at.desc(), _M.id.desc())
        if query.limit is not None:
            select = select.limit(query.limit)
    else:
        select = select.order_by(_M.id)
    return [_from_row(row) for row in session.execute(select).mappings()]
