"""os-hypervisors: the compute node of each live nova-compute service, its size and its usage.

A simulated host is as big as ``[simulated_hosts]`` says; what is used of
it is what the live servers on it take from their flavors, plus the
memory the host reserves. The hypervisor is Nova's fake driver (type
``fake``, version 1000); its id is its service's (an integer), its uuid
the compute node's.
"""

from __future__ import annotations

import dataclasses
import datetime
import ipaddress

import orjson
from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import service_registry as registry
from nova_api.compute import services as services_api
from nova_api.conf import simulated_hosts
from nova_api.objects import hypervisors as objects
from nova_api.objects.hypervisors import HostUsage

HYPERVISOR_TYPE = 'fake'
HYPERVISOR_VERSION = 1000
#: Where the simulated hosts' management addresses are drawn from, by service id.
_HOST_IP_BASE = ipaddress.ip_address('192.168.1.0')


@dataclasses.dataclass(frozen=True)
class Hypervisor:
    """One compute node as os-hypervisors shows it."""

    id: int
    uuid: str
    hypervisor_hostname: str
    service: services_api.Service
    size: simulated_hosts.HostSize
    usage: HostUsage
    reserved_memory_mb: int
    servers: tuple[tuple[str, str], ...] | None = None

    @property
    def host(self) -> str:
        return self.service.host

    @property
    def host_ip(self) -> str:
        return str(_HOST_IP_BASE + 100 + self.id % 150)

    @property
    def memory_mb_used(self) -> int:
        return self.usage.memory_mb_used + self.reserved_memory_mb

    @property
    def cpu_info(self) -> str:
        """The JSON text Nova stores (the view parses it from 2.28)."""
        return orjson.dumps({
            'arch': 'x86_64', 'model': 'Nehalem', 'vendor': 'Intel', 'features': ['pge', 'clflush'],
            'topology': {'cores': self.size.vcpus, 'threads': 1, 'sockets': 1}}).decode()

    @property
    def uptime(self) -> str:
        """What ``uptime`` prints on the host: up since its service registered."""
        created = self.service.created_at or self.service.updated_at
        return uptime_text(self.service.updated_at, self.service.updated_at - created)


def uptime_text(now: datetime.datetime, up: datetime.timedelta) -> str:
    """`` 08:32:11 up 93 days, 18:25,  1 user,  load average: 0.00, 0.00, 0.00``, as procps writes it."""
    minutes = int(up.total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    since = '%d day%s, ' % (days, '' if days == 1 else 's') if days else ''
    since += '%2d:%02d' % (hours, minutes) if hours else '%d min' % minutes
    return ' %s up %s,  0 users,  load average: 0.00, 0.00, 0.00' % (now.strftime('%H:%M:%S'), since)


@dataclasses.dataclass(frozen=True)
class Statistics:
    """The sums over every hypervisor (until 2.87)."""

    count: int
    vcpus: int
    memory_mb: int
    local_gb: int
    vcpus_used: int
    memory_mb_used: int
    local_gb_used: int
    running_vms: int
    current_workload: int


class HypervisorsAPI(base.ResourceAPI):
    """The hypervisors, read with their services and usage in one transaction."""

    def list(self, ctx: oslo_context.RequestContext, with_servers: bool = False,
             pattern: str | None = None) -> list[Hypervisor]:
        """Every hypervisor by id, or those whose hostname contains ``pattern`` (none: 404)."""
        found = registry.read_with(self.database, self.conf, self._read, with_servers)
        if pattern is None:
            return found
        matched = [hypervisor for hypervisor in found if pattern in hypervisor.hypervisor_hostname]
        if not matched:
            raise exception.HypervisorNotMatched(pattern=pattern)
        return matched

    def page(self, ctx: oslo_context.RequestContext, limit: int | None, marker: str | None,
             by_uuid: bool, with_servers: bool = False) -> list[Hypervisor]:
        """``limit`` hypervisors after the one whose id (or, ``by_uuid``, uuid) is ``marker``."""
        found = self.list(ctx, with_servers)
        if marker is not None:
            ids = [hypervisor.uuid if by_uuid else str(hypervisor.id) for hypervisor in found]
            if marker not in ids:
                raise exception.HypervisorMarkerNotFound(marker=marker)
            found = found[ids.index(marker) + 1:]
        return found if limit is None else found[:limit]

    def get(self, ctx: oslo_context.RequestContext, hypervisor_id: str,
            with_servers: bool = False) -> Hypervisor:
        """The hypervisor of this id or uuid; ``HypervisorNotFound`` (404) otherwise."""
        for hypervisor in self.list(ctx, with_servers):
            if hypervisor_id in (str(hypervisor.id), hypervisor.uuid):
                return hypervisor
        raise exception.HypervisorNotFound(hypervisor_id=hypervisor_id)

    def uptime(self, ctx: oslo_context.RequestContext, hypervisor_id: str) -> Hypervisor:
        """The hypervisor, whose host must be up to answer (400 otherwise, as Nova)."""
        hypervisor = self.get(ctx, hypervisor_id)
        if not hypervisor.service.up:
            raise exception.ComputeServiceUnavailable(host=hypervisor.host)
        return hypervisor

    def statistics(self, ctx: oslo_context.RequestContext) -> Statistics:
        found = self.list(ctx)

        def total(value) -> int:
            return sum(value(hypervisor) for hypervisor in found)
        return Statistics(
            count=len(found), vcpus=total(lambda h: h.size.vcpus),
            memory_mb=total(lambda h: h.size.memory_mb), local_gb=total(lambda h: h.size.local_gb),
            vcpus_used=total(lambda h: h.usage.vcpus_used),
            memory_mb_used=total(lambda h: h.memory_mb_used),
            local_gb_used=total(lambda h: h.usage.local_gb_used),
            running_vms=total(lambda h: h.usage.running_vms),
            current_workload=total(lambda h: h.usage.current_workload))

    def _read(self, session: orm.Session, state: registry.Registered,
              with_servers: bool) -> list[Hypervisor]:
        computes = [service for service in services_api.shown(state, self.conf)
                    if service.binary == registry.COMPUTE_BINARY]
        usage = objects.usage_by_host(session)
        servers = (objects.servers_by_host(session, [service.host for service in computes])
                   if with_servers else {})
        reserved = self.conf.simulated_hosts.reserved_host_memory_mb
        return [Hypervisor(service.id, service.node_uuid, service.host, service,
                           simulated_hosts.host_size(self.conf, service.host),
                           usage.get(service.host, HostUsage()), reserved,
                           tuple(servers[service.host]) if with_servers else None)
                for service in computes]
