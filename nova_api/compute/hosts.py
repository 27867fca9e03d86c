"""os-hosts (until 2.42): the hosts and their services, what a compute host has and what it gives.

Enabling, disabling, maintenance mode and power actions are asked of the
host's driver in Nova; the simulated driver, like libvirt's, does not do
them, so a known host answers 501 (an unknown one 404), as Nova answers.
Use ``os-services`` to disable a compute service.
"""

from __future__ import annotations

import dataclasses

from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import hypervisors as hypervisors_api
from nova_api.compute import service_registry as registry
from nova_api.compute import services as services_api
from nova_api.objects import hosts as objects


@dataclasses.dataclass(frozen=True)
class HostService:
    """One enabled service, as os-hosts lists it."""

    host_name: str
    service: str
    zone: str


@dataclasses.dataclass(frozen=True)
class Resource:
    """One line of a host's resources: its total, what is used, or one project's share."""

    host: str
    project: str
    cpu: int
    memory_mb: int
    disk_gb: int


class HostsAPI(base.ResourceAPI):
    """The os-hosts operations."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.hypervisors = hypervisors_api.HypervisorsAPI(compute)

    def list(self, ctx: oslo_context.RequestContext, zone: str | None = None) -> list[HostService]:
        """The enabled services' hosts (and topics, zones); those in ``zone`` when given."""
        services = registry.read_with(self.database, self.conf,
                                      lambda session, state: services_api.shown(state, self.conf))
        return [HostService(service.host, service.topic, service.zone) for service in services
                if not service.disabled and (not zone or service.zone == zone)]

    def resources(self, ctx: oslo_context.RequestContext, host: str) -> list[Resource]:
        """(total), (used_now), (used_max) and each project's share of a compute host (404 unknown)."""
        hypervisor = next((item for item in self.hypervisors.list(ctx) if item.host == host), None)
        if hypervisor is None:
            raise exception.AdminComputeHostNotFound(host=host)
        projects = self.database.read(objects.usage_by_project, host)
        size, usage = hypervisor.size, hypervisor.usage
        lines = [Resource(host, '(total)', size.vcpus, size.memory_mb, size.local_gb),
                 Resource(host, '(used_now)', usage.vcpus_used, hypervisor.memory_mb_used,
                          usage.local_gb_used),
                 Resource(host, '(used_max)', sum(p[1] for p in projects), sum(p[2] for p in projects),
                          sum(p[3] for p in projects))]
        lines.extend(Resource(host, *project) for project in projects)
        return lines

    def check_driver_action(self, ctx: oslo_context.RequestContext, host: str) -> None:
        """A host action: 404 for an unknown compute host, else 501 (the driver does not do it)."""
        registry.read_with(self.database, self.conf, self._check_host, host)
        raise exception.FeatureNotSupported()

    @staticmethod
    def _check_host(session: orm.Session, state: registry.Registered, host: str) -> None:
        if host not in state.compute():
            raise exception.AdminComputeHostNotFound(host=host)
