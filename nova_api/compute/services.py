"""os-services: list the services of the simulated cloud, enable, disable, force down, delete.

Only ``nova-compute`` services may be updated (Nova refuses the others with
400). A disabled compute service is not scheduled to; a forced-down one is
reported down (and so not scheduled to either). A compute service with
servers on it cannot be deleted (409); deleting one removes its host from
its aggregates. See :mod:`nova_api.compute.service_registry` for where the
rows come from.
"""

from __future__ import annotations

import dataclasses
import datetime

from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import service_registry as registry
from nova_api.objects import aggregates as aggregate_objects
from nova_api.objects import server_changes
from nova_api.objects import services as objects
from nova_api.objects.services import ServiceRow

COMPUTE_BINARY = registry.COMPUTE_BINARY


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


@dataclasses.dataclass(frozen=True)
class Service:
    """A service as the API shows it: its row, its zone, and its last report (always just now)."""

    row: ServiceRow
    zone: str
    updated_at: datetime.datetime

    @property
    def up(self) -> bool:
        """The simulated services report all the time: only forcing one down makes it down."""
        return not self.row.forced_down

    def __getattr__(self, name: str):
        return getattr(self.row, name)


def shown(state: registry.Registered, conf) -> list[Service]:
    """Every live service of ``state`` with its zone."""
    now = _now()
    return [Service(row, state.zone_of(row, conf), now) for row in state.services]


class ServicesAPI(base.ResourceAPI):
    """The os-services operations, each one short transaction."""

    def list(self, ctx: oslo_context.RequestContext, host: str | None = None,
             binary: str | None = None) -> list[Service]:
        """The live services, by id; only those on ``host`` and of ``binary`` when given."""
        services = registry.read_with(self.database, self.conf,
                                      lambda session, state: shown(state, self.conf))
        return [service for service in services
                if (not host or service.host == host) and (not binary or service.binary == binary)]

    def get(self, ctx: oslo_context.RequestContext, service_id: str) -> Service:
        """The live service of this uuid (from 2.53) or integer id; ``ServiceNotFound`` otherwise."""
        return registry.read_with(self.database, self.conf, self._find, service_id)

    def _find(self, session: orm.Session, state: registry.Registered, service_id: str) -> Service:
        for service in shown(state, self.conf):
            if service_id in (service.uuid, str(service.id)):
                return service
        raise exception.ServiceNotFound(service_id=service_id)

    def check_updatable(self, ctx: oslo_context.RequestContext, service_id: str) -> None:
        """``ServiceNotFound`` (404), or ``ServiceUpdateNotSupported`` (400) unless nova-compute."""
        service = self.get(ctx, service_id)
        if service.binary != COMPUTE_BINARY:
            raise exception.ServiceUpdateNotSupported(binary=service.binary)

    def update(self, ctx: oslo_context.RequestContext, service_id: str,
               values: dict) -> Service:
        """Write ``values`` (disabled, disabled_reason, forced_down) to a nova-compute service."""
        return registry.write_with(self.database, self.conf, self._update, service_id, values)

    def _update(self, session: orm.Session, state: registry.Registered, service_id: str,
                values: dict) -> Service:
        service = self._find(session, state, service_id)
        if service.binary != COMPUTE_BINARY:
            raise exception.ServiceUpdateNotSupported(binary=service.binary)
        objects.update(session, service.id, values)
        row = dataclasses.replace(service.row, **values)
        return dataclasses.replace(service, row=row)

    def update_by_host(self, ctx: oslo_context.RequestContext, host: str, binary: str,
                       values: dict) -> None:
        """The legacy update (before 2.53): the service named by host and binary."""
        if binary != COMPUTE_BINARY:
            raise exception.ServiceUpdateNotSupported(binary=binary)
        registry.write_with(self.database, self.conf, self._update_by_host, host, binary, values)

    def _update_by_host(self, session: orm.Session, state: registry.Registered, host: str,
                        binary: str, values: dict) -> None:
        row = state.compute().get(host)
        if row is None:
            raise exception.HostBinaryNotFound(host=host, binary=binary)
        objects.update(session, row.id, values)

    def delete(self, ctx: oslo_context.RequestContext, service_id: str) -> None:
        """Delete a service; a compute one must host no server (409) and leaves its aggregates."""
        registry.write_with(self.database, self.conf, self._delete, service_id)

    def _delete(self, session: orm.Session, state: registry.Registered, service_id: str) -> None:
        service = self._find(session, state, service_id)
        if service.binary == COMPUTE_BINARY:
            if server_changes.servers_per_host(session).get(service.host):
                raise exception.ServiceHostsInstances()
            aggregate_objects.remove_host_everywhere(session, service.host)
        objects.soft_delete(session, service.id)
