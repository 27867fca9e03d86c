"""Aggregate queries: aggregates with their hosts and metadata (read set-based), and their changes."""

from __future__ import annotations

import dataclasses
import datetime
import uuid as uuid_lib
from collections.abc import Iterable
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

#: The ids an aggregate can have: its id column is a 32-bit integer.
ID_MIN, ID_MAX = -2 ** 31, 2 ** 31 - 1
_A = models.Aggregate
_H = models.AggregateHost
_M = models.AggregateMetadata

AZ_KEY = 'availability_zone'


@dataclasses.dataclass(frozen=True)
class Aggregate:
    """An aggregate with its hosts (in the order they were added) and metadata."""

    id: int
    uuid: str
    name: str
    created_at: datetime.datetime | None
    updated_at: datetime.datetime | None
    hosts: tuple[str, ...]
    metadata: Mapping[str, str]

    @property
    def availability_zone(self) -> str | None:
        return self.metadata.get(AZ_KEY)


def _read(session: orm.Session, where=None) -> list[Aggregate]:
    """Aggregates (all, or those ``where`` selects) by id: three statements for any number."""
    query = sa.select(_A.id, _A.uuid, _A.name, _A.created_at, _A.updated_at).order_by(_A.id)
    if where is not None:
        query = query.where(where)
    rows = session.execute(query).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    hosts: dict[int, list[str]] = {}
    for aggregate_id, host in session.execute(
            sa.select(_H.aggregate_id, _H.host).where(_H.aggregate_id.in_(ids)).order_by(_H.id)):
        hosts.setdefault(aggregate_id, []).append(host)
    metadata: dict[int, dict[str, str]] = {}
    for aggregate_id, key, value in session.execute(
            sa.select(_M.aggregate_id, _M.key, _M.value).where(_M.aggregate_id.in_(ids))):
        metadata.setdefault(aggregate_id, {})[key] = value
    return [Aggregate(row.id, row.uuid, row.name, row.created_at, row.updated_at,
                      tuple(hosts.get(row.id, ())), metadata.get(row.id, {})) for row in rows]


def list_all(session: orm.Session) -> list[Aggregate]:
    return _read(session)


def get(session: orm.Session, aggregate_id: int) -> Aggregate | None:
    if not ID_MIN <= aggregate_id <= ID_MAX:
        return None  # no row has it; the database would refuse the number (a 400, not Nova's 404)
    found = _read(session, _A.id == aggregate_id)
    return found[0] if found else None


def by_host(session: orm.Session, host: str) -> list[Aggregate]:
    """The aggregates ``host`` is in."""
    return _read(session, _A.id.in_(sa.select(_H.aggregate_id).where(_H.host == host)))


def id_by_name(session: orm.Session, name: str) -> int | None:
    return session.scalar(sa.select(_A.id).where(_A.name == name))


def host_zones(session: orm.Session) -> dict[str, str]:
    """``{host: zone}`` for every host in an aggregate with an availability zone (one statement).

    A host in two zoned aggregates (only the seeding could make one) takes
    the zone of the older aggregate.
    """
    query = (sa.select(_H.host, _M.value).join(_M, sa.and_(_M.aggregate_id == _H.aggregate_id,
                                                         _M.key == AZ_KEY))
             .order_by(_H.aggregate_id.desc()))
    return dict(session.execute(query).all())


def create(session: orm.Session, name: str, metadata: Mapping[str, str]) -> int:
    """Insert an aggregate (a duplicate name raises IntegrityError) and its metadata; its id."""
    row = _A(uuid=str(uuid_lib.uuid4()), name=name)
    session.add(row)
    session.flush()
    set_metadata(session, row.id, metadata)
    return row.id


def rename(session: orm.Session, aggregate_id: int, name: str) -> None:
    session.execute(sa.update(_A).where(_A.id == aggregate_id)
                    .values(name=name, updated_at=models.utcnow()))


def touch(session: orm.Session, aggregate_id: int) -> None:
    session.execute(sa.update(_A).where(_A.id == aggregate_id).values(updated_at=models.utcnow()))


def set_metadata(session: orm.Session, aggregate_id: int, changes: Mapping[str, str | None]) -> None:
    """Merge ``changes`` into the aggregate's metadata; a None value deletes its key."""
    if not changes:
        return
    session.execute(sa.delete(_M).where(_M.aggregate_id == aggregate_id,
                                        _M.key.in_(list(changes))))
    rows = [{'aggregate_id': aggregate_id, 'key': key, 'value': value,
             'created_at': models.utcnow()} for key, value in changes.items() if value is not None]
    if rows:
        session.execute(sa.insert(_M), rows)


def add_hosts(session: orm.Session, aggregate_id: int, hosts: Iterable[str]) -> None:
    rows = [{'aggregate_id': aggregate_id, 'host': host, 'created_at': models.utcnow()}
            for host in hosts]
    if rows:
        session.execute(sa.insert(_H), rows)


def remove_host(session: orm.Session, aggregate_id: int, host: str) -> bool:
    result = session.execute(sa.delete(_H).where(_H.aggregate_id == aggregate_id, _H.host == host))
    return result.rowcount > 0


def remove_host_everywhere(session: orm.Session, host: str) -> None:
    session.execute(sa.delete(_H).where(_H.host == host))


def delete(session: orm.Session, aggregate_id: int) -> None:
    # Children first: SQLite enforces ON DELETE CASCADE only with its foreign keys pragma.
    session.execute(sa.delete(_M).where(_M.aggregate_id == aggregate_id))
    session.execute(sa.delete(_H).where(_H.aggregate_id == aggregate_id))
    session.execute(sa.delete(_A).where(_A.id == aggregate_id))
