"""What the hypervisors report from the servers on them: usage per host, and the servers themselves."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_I = models.Instance.__table__.c


@dataclasses.dataclass(frozen=True)
class HostUsage:
    """What the live servers on one host use."""

    running_vms: int = 0
    vcpus_used: int = 0
    memory_mb_used: int = 0
    local_gb_used: int = 0
    current_workload: int = 0


def usage_by_host(session: orm.Session) -> dict[str, HostUsage]:
    """Every host's usage, in one grouped statement over the live servers."""
    busy = sa.case((_I.task_state.is_not(None), 1), else_=0)
    query = (sa.select(_I.host, sa.func.count(), sa.func.sum(_I.vcpus), sa.func.sum(_I.memory_mb),
                       sa.func.sum(_I.root_gb + _I.ephemeral_gb), sa.func.sum(busy))
             .where(_I.host.is_not(None), _I.deleted.is_(False)).group_by(_I.host))
    return {host: HostUsage(int(count), int(vcpus or 0), int(memory or 0), int(disk or 0),
                            int(workload or 0))
            for host, count, vcpus, memory, disk, workload in session.execute(query)}


def servers_by_host(session: orm.Session, hosts: list[str]) -> dict[str, list[tuple[str, str]]]:
    """(name, uuid) of the live servers on each of ``hosts``, oldest first."""
    found: dict[str, list[tuple[str, str]]] = {host: [] for host in hosts}
    if not hosts:
        return found
    query = (sa.select(_I.host, _I.display_name, _I.uuid)
             .where(_I.host.in_(hosts), _I.deleted.is_(False)).order_by(_I.id))
    for host, name, uuid in session.execute(query):
        found[host].append((name or '', uuid))
    return found
