"""Quota limits stored per project and per user, and the usage counts quotas are checked against."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db import prepared

_PROJECT_LIMITS = prepared.Prepared(
    sa.select(models.Quota.resource, models.Quota.hard_limit)
    .where(models.Quota.project_id == sa.bindparam('project_id')))
_USER_LIMITS = prepared.Prepared(
    sa.select(models.ProjectUserQuota.resource, models.ProjectUserQuota.hard_limit)
    .where(models.ProjectUserQuota.project_id == sa.bindparam('project_id'),
           models.ProjectUserQuota.user_id == sa.bindparam('user_id')))


def project_limits(session: orm.Session, project_id: str) -> dict[str, int]:
    """The limits set for ``project_id``, by resource (defaults not included).

    Every boot reads them twice (check and recheck): a prepared statement.
    """
    rows = prepared.on_session(session)(_PROJECT_LIMITS, project_id=project_id)
    return {resource: limit for resource, limit in rows}


def user_limits(session: orm.Session, project_id: str, user_id: str) -> dict[str, int]:
    """The limits set for ``user_id`` within ``project_id``, by resource."""
    rows = prepared.on_session(session)(_USER_LIMITS, project_id=project_id, user_id=user_id)
    return {resource: limit for resource, limit in rows}


def user_limit_totals(session: orm.Session, project_id: str) -> dict[str, int]:
    """The sum of the limits set for the users of ``project_id``, by resource."""
    model = models.ProjectUserQuota
    rows = session.execute(sa.select(model.resource, sa.func.sum(model.hard_limit))
                           .where(model.project_id == project_id).group_by(model.resource))
    return {resource: int(total) for resource, total in rows}


def set_project_limit(session: orm.Session, project_id: str, resource: str, limit: int) -> None:
    row = session.scalar(sa.select(models.Quota).where(
        models.Quota.project_id == project_id, models.Quota.resource == resource))
    if row is None:
        session.add(models.Quota(project_id=project_id, resource=resource, hard_limit=limit))
    else:
        row.hard_limit = limit


def set_user_limit(session: orm.Session, project_id: str, user_id: str, resource: str,
                   limit: int) -> None:
    model = models.ProjectUserQuota
    row = session.scalar(sa.select(model).where(
        model.project_id == project_id, model.user_id == user_id, model.resource == resource))
    if row is None:
        session.add(model(project_id=project_id, user_id=user_id, resource=resource,
                          hard_limit=limit))
    else:
        row.hard_limit = limit


def delete_project_limits(session: orm.Session, project_id: str) -> None:
    """Forget every limit of the project and of its users: they revert to the defaults."""
    session.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))
    session.execute(sa.delete(models.ProjectUserQuota)
                    .where(models.ProjectUserQuota.project_id == project_id))


def delete_user_limits(session: orm.Session, project_id: str, user_id: str) -> None:
    model = models.ProjectUserQuota
    session.execute(sa.delete(model).where(model.project_id == project_id,
                                           model.user_id == user_id))


# -- usage ---------------------------------------------------------------------

def count_key_pairs(session: orm.Session, project_id: str, user_id: str | None) -> int:
    """Keypairs belong to users: the count is the user's, whatever the project."""
    if user_id is None:
        return 0
    return session.scalar(sa.select(sa.func.count()).select_from(models.KeyPair)
                          .where(models.KeyPair.user_id == user_id)) or 0


def _live_instances(project_id: Any, user_id: Any) -> list[sa.ColumnElement[bool]]:
    """Servers that count against quota: not deleted, nor waiting to be reclaimed (Nova's get_counts).

    The ids are values, or bind parameters of a prepared statement.
    """
    instance = models.Instance
    where = [instance.project_id == project_id, instance.deleted == sa.false(),
             instance.vm_state != 'soft-delete']
    if user_id is not None:
        where.append(instance.user_id == user_id)
    return where


def count_instances(session: orm.Session, project_id: str, user_id: str | None) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(models.Instance)
                          .where(*_live_instances(project_id, user_id))) or 0


def count_cores(session: orm.Session, project_id: str, user_id: str | None) -> int:
    return int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(models.Instance.vcpus), 0))
                              .where(*_live_instances(project_id, user_id))) or 0)


def count_ram(session: orm.Session, project_id: str, user_id: str | None) -> int:
    return int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(models.Instance.memory_mb), 0))
                              .where(*_live_instances(project_id, user_id))) or 0)


def instance_usage(session: orm.Session, project_id: str, user_id: str | None) -> dict[str, int]:
    """instances, cores and ram in use, in one query."""
    instance = models.Instance
    count, cores, ram = session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(instance.vcpus), 0),
                  sa.func.coalesce(sa.func.sum(instance.memory_mb), 0))
        .where(*_live_instances(project_id, user_id))).one()
    return {'instances': int(count), 'cores': int(cores), 'ram': int(ram)}


def _usage_statement(by_user: bool) -> prepared.Prepared:
    instance = models.Instance.__table__.c
    group = models.InstanceGroup.__table__.c
    live = _live_instances(sa.bindparam('project_id'), sa.bindparam('user_id') if by_user else None)
    groups = [group.project_id == sa.bindparam('project_id')]
    if by_user:
        groups.append(group.user_id == sa.bindparam('user_id'))
    servers = sa.select(sa.func.count().label('instances'),
                        sa.func.coalesce(sa.func.sum(instance.vcpus), 0).label('cores'),
                        sa.func.coalesce(sa.func.sum(instance.memory_mb), 0).label('ram')
                        ).where(*live).subquery()
    group_count = sa.select(sa.func.count()).select_from(models.InstanceGroup.__table__) \
        .where(*groups).scalar_subquery()
    keypair_count = sa.select(sa.func.count()).select_from(models.KeyPair.__table__) \
        .where(models.KeyPair.__table__.c.user_id == sa.bindparam('keypair_user')) \
        .scalar_subquery()
    return prepared.Prepared(sa.select(servers.c.instances, servers.c.cores, servers.c.ram,
                                       group_count, keypair_count).select_from(servers))


#: Every counted resource's usage in one statement: (for the whole project, for one user).
_USAGE = {by_user: _usage_statement(by_user) for by_user in (False, True)}


def _usage_and_limits_statement() -> prepared.Prepared:
    """A project's usage and a generation number, on each of its limit rows (one row if it has none)."""
    counted = _usage_statement(False).statement.subquery()
    quota = models.Quota.__table__.c
    generation = models.Generation.__table__.c
    number = sa.select(generation.value).where(generation.name == sa.bindparam('generation')) \
        .scalar_subquery()
    return prepared.Prepared(
        sa.select(*counted.c, number, quota.resource, quota.hard_limit)
        .select_from(counted.outerjoin(models.Quota.__table__,
                                       quota.project_id == sa.bindparam('project_id'))))


_USAGE_AND_LIMITS = _usage_and_limits_statement()


def usage(session: orm.Session, project_id: str, user_id: str | None) -> dict[str, int]:
    """What ``count_*`` count, all in one prepared statement (``GET /limits``, quota sets).

    Keypairs are the user's (none without a user), as :func:`count_key_pairs` counts them.
    """
    return _counted(prepared.on_session(session)(_USAGE[user_id is not None],
                                                 **_usage_params(project_id, user_id))[0], user_id)


def usage_and_project_limits(session: orm.Session, project_id: str, generation: str
                             ) -> tuple[dict[str, int], dict[str, int], int | None]:
    """:func:`usage` and :func:`project_limits` of a project, and the number of ``generation``.

    One statement (``GET /limits``): on PostgreSQL a statement is a round
    trip, whose client side (pg8000's) costs more than the rest of the
    request. The generation number comes from the same snapshot, so a copy
    kept at that number is as current as the usage (db.generations.KeptCopy.at).
    Keypairs belong to users: none are counted here.
    """
    rows = prepared.on_session(session)(_USAGE_AND_LIMITS, generation=generation,
                                        **_usage_params(project_id, None))
    limits = {row[6]: row[7] for row in rows if row[6] is not None}
    return _counted(rows[0], None), limits, rows[0][5]


def _usage_params(project_id: str, user_id: str | None) -> dict[str, str | None]:
    params = {'project_id': project_id, 'keypair_user': user_id}
    if user_id is not None:
        params['user_id'] = user_id
    return params


def _counted(row: Any, user_id: str | None) -> dict[str, int]:
    instances, cores, ram, groups, keypairs = row[:5]
    return {'instances': int(instances), 'cores': int(cores), 'ram': int(ram),
            'server_groups': int(groups), 'key_pairs': int(keypairs) if user_id is not None else 0}
