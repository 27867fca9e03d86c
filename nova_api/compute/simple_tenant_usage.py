"""os-simple-tenant-usage: the hours each project's servers ran in a period, and what they used.

Nova's arithmetic: a server counts for the part of the period between its
launch and its termination (or the period's end); its vCPUs, memory and
local disk (root plus ephemeral, from its flavor) are multiplied by those
hours and summed per project.
"""

from __future__ import annotations

import dataclasses
import datetime

from oslo_context import context as oslo_context

from nova_api import exception
from nova_api.compute import base
from nova_api.objects import simple_tenant_usage as objects
from nova_api.objects.simple_tenant_usage import UsedServer


@dataclasses.dataclass(frozen=True)
class ServerUsage:
    """One server's share of the period."""

    server: UsedServer
    hours: float
    state: str
    uptime: int


@dataclasses.dataclass
class TenantUsage:
    """One project's totals over the period, and its servers' usages."""

    tenant_id: str
    start: datetime.datetime
    stop: datetime.datetime
    total_hours: float = 0
    total_vcpus_usage: float = 0
    total_memory_mb_usage: float = 0
    total_local_gb_usage: float = 0
    server_usages: list[ServerUsage] = dataclasses.field(default_factory=list)


def hours_for(server: UsedServer, start: datetime.datetime, stop: datetime.datetime) -> float:
    """The hours of [start, stop] during which the server was alive (Nova's ``_hours_for``)."""
    if server.terminated_at and server.terminated_at < start:
        return 0
    if server.launched_at > stop:
        return 0
    begin = max(server.launched_at, start)
    end = min(stop, server.terminated_at) if server.terminated_at else stop
    return (end - begin).total_seconds() / 3600.0


def tally(servers: list[UsedServer], start: datetime.datetime, stop: datetime.datetime,
          now: datetime.datetime) -> list[TenantUsage]:
    """Per project, in the servers' order: their totals and their server usages."""
    tenants: dict[str, TenantUsage] = {}
    for server in servers:
        hours = hours_for(server, start, stop)
        ended = server.terminated_at
        uptime = int(((ended or now) - server.launched_at).total_seconds())
        usage = tenants.setdefault(server.project_id, TenantUsage(server.project_id, start, stop))
        usage.total_hours += hours
        usage.total_vcpus_usage += server.vcpus * hours
        usage.total_memory_mb_usage += server.memory_mb * hours
        usage.total_local_gb_usage += server.local_gb * hours
        usage.server_usages.append(ServerUsage(server, hours, 'terminated' if ended else server.vm_state,
                                               uptime))
    return list(tenants.values())


class SimpleTenantUsageAPI(base.ResourceAPI):
    """Usage reports, read in one transaction."""

    def usage(self, ctx: oslo_context.RequestContext, start: datetime.datetime,
              stop: datetime.datetime, project_id: str | None, limit: int | None,
              marker: str | None) -> tuple[list[TenantUsage], list[UsedServer]]:
        """The projects' usages (one project's with ``project_id``) and the page of servers counted.

        ``stop`` is capped at now. An unknown ``marker`` is ``MarkerNotFound`` (400).
        """
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        stop = min(stop, now)
        servers = self.database.read(objects.active_in_window, start, stop, project_id, limit, marker)
        if servers is None:
            raise exception.MarkerNotFound(marker=marker)
        return tally(servers, start, stop, now), servers
