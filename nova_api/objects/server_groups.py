"""Server group queries: groups and their live members, membership at boot, what placement reads.

A group's members are the servers recorded at boot that are not deleted:
a destroyed server's row leaves the group (:func:`remove_servers`), and
every read joins the live servers anyway, as Nova shows only the members
it finds undeleted. Pages and placement read the members of many groups
in one statement.
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
from sqlalchemy import orm

from nova_api.db import database as db
from nova_api.db import models
from nova_api.db import prepared

_G = models.InstanceGroup.__table__.c
_M = models.InstanceGroupMember.__table__.c
_I = models.Instance.__table__.c


@dataclasses.dataclass(frozen=True)
class ServerGroup:
    """One group with the uuids of its live members (in the order they joined)."""

    id: int
    uuid: str
    name: str | None
    project_id: str
    user_id: str
    policy: str
    rules: Mapping[str, Any]
    members: Sequence[str]
    created_at: datetime.datetime | None = None


def _rules(text: str | None) -> dict[str, Any]:
    return orjson.loads(text) if text else {}


def _live_members(group_ids: Iterable[int]) -> sa.Select:
    return (sa.select(_M.group_id, _M.instance_uuid)
            .join(models.Instance.__table__, _I.uuid == _M.instance_uuid)
            .where(_M.group_id.in_(list(group_ids)), _I.deleted.is_(False))
            .order_by(_M.group_id, _M.id))


def _with_members(session: orm.Session, rows: Sequence[Any]) -> list[ServerGroup]:
    members: dict[int, list[str]] = {row.id: [] for row in rows}
    if members:
        for group_id, instance_uuid in session.execute(_live_members(members)):
            members[group_id].append(instance_uuid)
    return [ServerGroup(id=row.id, uuid=row.uuid, name=row.name, project_id=row.project_id,
                        user_id=row.user_id, policy=row.policy, rules=_rules(row.rules),
                        members=members[row.id], created_at=row.created_at) for row in rows]


def _visible(query: sa.Select, project_id: str | None) -> sa.Select:
    return query if project_id is None else query.where(_G.project_id == project_id)


def get(session: orm.Session, uuid: str, project_id: str | None = None) -> ServerGroup | None:
    """The group ``uuid`` with its live members; only in ``project_id`` when given."""
    rows = session.execute(_visible(sa.select(models.InstanceGroup.__table__)
                                    .where(_G.uuid == uuid), project_id)).all()
    return _with_members(session, rows)[0] if rows else None


def list_groups(session: orm.Session, project_id: str | None, limit: int | None = None,
                offset: int = 0) -> list[ServerGroup]:
    """The groups of ``project_id`` (every project's when None) in creation order, a slice of them."""
    query = _visible(sa.select(models.InstanceGroup.__table__), project_id).order_by(_G.id)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return _with_members(session, session.execute(query).all())


def create(session: orm.Session, uuid: str, name: str, project_id: str, user_id: str,
           policy: str, rules: Mapping[str, Any]) -> ServerGroup:
    row = models.InstanceGroup(uuid=uuid, name=name, project_id=project_id, user_id=user_id,
                               policy=policy, rules=orjson.dumps(dict(rules)).decode())
    session.add(row)
    session.flush()
    return ServerGroup(id=row.id, uuid=uuid, name=name, project_id=project_id, user_id=user_id,
                       policy=policy, rules=dict(rules), members=[], created_at=row.created_at)


def destroy(session: orm.Session, group_id: int) -> bool:
    """Delete the group and its memberships (the servers stay); False when it was gone already."""
    session.execute(sa.delete(models.InstanceGroupMember).where(_M.group_id == group_id))
    result = session.execute(sa.delete(models.InstanceGroup).where(_G.id == group_id))
    return result.rowcount > 0


def lock(session: orm.Session, group_uuids: Iterable[str]) -> None:
    """Serialize the transactions that count or place members of these groups (sorted: no deadlock)."""
    for uuid in sorted(set(group_uuids)):
        db.lock(session, 'server_group:%s' % uuid)


# -- membership ----------------------------------------------------------------------

def add_members(session: orm.Session, group_id: int, server_uuids: Sequence[str],
                now: datetime.datetime) -> None:
    if server_uuids:
        session.execute(sa.insert(models.InstanceGroupMember.__table__), [
            {'group_id': group_id, 'instance_uuid': uuid, 'created_at': now}
            for uuid in server_uuids])


def remove_servers(session: orm.Session, server_uuids: Sequence[str]) -> None:
    """Destroyed servers leave their groups (Nova's instance_destroy)."""
    if server_uuids:
        session.execute(sa.delete(models.InstanceGroupMember)
                        .where(_M.instance_uuid.in_(list(server_uuids))))


_GROUPS_OF_SERVERS = prepared.Prepared(
    sa.select(_M.instance_uuid, _G.uuid)
    .join(models.InstanceGroup.__table__, _G.id == _M.group_id)
    .where(_M.instance_uuid.in_(sa.bindparam('uuids', expanding=True)))
    .order_by(_M.instance_uuid, _M.id))


def groups_of_servers(read: prepared.Snapshot, server_uuids: Sequence[str]) -> dict[str, list[str]]:
    """server uuid -> the uuids of its groups (2.71's ``server_groups``), for a show: prepared."""
    found: dict[str, list[str]] = {}
    for server_uuid, group_uuid in read(_GROUPS_OF_SERVERS, uuids=list(server_uuids)):
        found.setdefault(server_uuid, []).append(group_uuid)
    return found


# -- quotas ---------------------------------------------------------------------------

def count_server_groups(session: orm.Session, project_id: str, user_id: str | None) -> int:
    """The project's groups (the user's share of them when ``user_id`` is given)."""
    query = sa.select(sa.func.count()).select_from(models.InstanceGroup.__table__).where(
        _G.project_id == project_id)
    if user_id is not None:
        query = query.where(_G.user_id == user_id)
    return session.scalar(query) or 0


def count_members(session: orm.Session, group_id: int, user_id: str) -> int:
    """The group's live members that ``user_id`` booted: what Nova counts its quota against."""
    return session.scalar(
        sa.select(sa.func.count()).select_from(models.InstanceGroupMember.__table__)
        .join(models.Instance.__table__, _I.uuid == _M.instance_uuid)
        .where(_M.group_id == group_id, _I.deleted.is_(False), _I.user_id == user_id)) or 0


# -- placement ------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Placement:
    """What the scheduler needs of the groups of a batch of servers."""

    #: server uuid -> the uuid of its group
    group_of: Mapping[str, str]
    #: group uuid -> (policy, rules)
    policies: Mapping[str, tuple[str, Mapping[str, Any]]]
    #: group uuid -> {host: live members on it}
    members_per_host: Mapping[str, Mapping[str, int]]


def placement(session: orm.Session, server_uuids: Sequence[str]) -> Placement:
    """The groups of these servers, locked, and where their live members are: two statements.

    The groups are locked before their members are counted, so that two
    turns placing members of one group concurrently (PostgreSQL) see each
    other's placements.
    """
    rows = session.execute(
        sa.select(_M.instance_uuid, _G.id, _G.uuid, _G.policy, _G.rules)
        .join(models.InstanceGroup.__table__, _G.id == _M.group_id)
        .where(_M.instance_uuid.in_(list(server_uuids))).order_by(_M.id)).all() \
        if server_uuids else []
    group_of: dict[str, str] = {}
    policies: dict[str, tuple[str, Mapping[str, Any]]] = {}
    ids: dict[int, str] = {}
    for server_uuid, group_id, group_uuid, policy, rules in rows:
        group_of.setdefault(server_uuid, group_uuid)
        policies[group_uuid] = (policy, _rules(rules))
        ids[group_id] = group_uuid
    counts: dict[str, dict[str, int]] = {uuid: {} for uuid in policies}
    if ids:
        lock(session, policies)
        for group_id, host, count in session.execute(
                sa.select(_M.group_id, _I.host, sa.func.count())
                .join(models.Instance.__table__, _I.uuid == _M.instance_uuid)
                .where(_M.group_id.in_(list(ids)), _I.deleted.is_(False), _I.host.is_not(None))
                .group_by(_M.group_id, _I.host)):
            counts[ids[group_id]][host] = int(count)
    return Placement(group_of=group_of, policies=policies, members_per_host=counts)
