"""The servers a usage report counts: those alive at some time in a period, deleted ones included."""

from __future__ import annotations

import dataclasses
import datetime

import orjson
import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_I = models.Instance.__table__.c


@dataclasses.dataclass(frozen=True)
class UsedServer:
    """What a usage report needs of one server."""

    uuid: str
    name: str | None
    project_id: str
    vm_state: str
    launched_at: datetime.datetime
    terminated_at: datetime.datetime | None
    flavor_name: str
    vcpus: int
    memory_mb: int
    local_gb: int


def active_in_window(session: orm.Session, begin: datetime.datetime, end: datetime.datetime,
                     project_id: str | None, limit: int | None,
                     marker: str | None) -> list[UsedServer] | None:
    """Servers launched before ``end`` and not terminated before ``begin``, by (project, uuid).

    Nova's ``instance_get_active_by_window_joined``. A page of ``limit``
    after the server ``marker``; None when ``marker`` is not one of them.
    """
    where = [sa.or_(_I.terminated_at.is_(None), _I.terminated_at > begin), _I.launched_at < end]
    if project_id is not None:
        where.append(_I.project_id == project_id)
    if marker is not None:
        found = session.execute(sa.select(_I.project_id, _I.uuid).where(_I.uuid == marker)).first()
        if found is None:
            return None
        where.append(sa.tuple_(_I.project_id, _I.uuid) > sa.tuple_(found.project_id, found.uuid))
    query = (sa.select(_I.uuid, _I.display_name, _I.project_id, _I.vm_state, _I.launched_at,
                       _I.terminated_at, _I.flavor)
             .where(*where).order_by(_I.project_id, _I.uuid))
    if limit is not None:
        query = query.limit(limit)
    servers = []
    for row in session.execute(query):
        flavor = orjson.loads(row.flavor)
        servers.append(UsedServer(
            row.uuid, row.display_name, row.project_id, row.vm_state, row.launched_at,
            row.terminated_at, flavor.get('name', ''), flavor['vcpus'], flavor['memory_mb'],
            flavor['root_gb'] + flavor['ephemeral_gb']))
    return servers


def active_per_host(session: orm.Session, begin: datetime.datetime,
                    end: datetime.datetime) -> dict[str, int]:
    """How many servers each host had alive at some time in [begin, end) (the usage audit's count)."""
    query = (sa.select(_I.host, sa.func.count())
             .where(_I.host.is_not(None), _I.launched_at < end,
                    sa.or_(_I.terminated_at.is_(None), _I.terminated_at > begin))
             .group_by(_I.host))
    return dict(session.execute(query).all())
