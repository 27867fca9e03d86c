"""Availability zones: where the simulated compute hosts and this node's control services run.

Zones come from the services as Nova reads them (see
:mod:`nova_api.compute.service_registry`): a compute host's zone is set by
the aggregates it is in (``[DEFAULT] compute_hosts`` seeds them), control
services are in the internal zone. A zone with an enabled service is
available; a zone whose services are all disabled is listed as not
available, without hosts. A forced-down service is not ``available``.
"""

from __future__ import annotations

import dataclasses
import datetime

from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api.compute import base
from nova_api.compute import service_registry

COMPUTE_BINARY = service_registry.COMPUTE_BINARY
CONTROL_BINARIES = tuple(binary for binary, _ in service_registry.CONTROL_SERVICES)


@dataclasses.dataclass(frozen=True)
class Service:
    """One service on a host; ``active`` is not disabled, ``available`` is up."""

    binary: str
    available: bool
    active: bool
    updated_at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class Zone:
    """An availability zone and the enabled services of each of its hosts (None: not available)."""

    name: str
    available: bool
    hosts: dict[str, tuple[Service, ...]] | None


class AvailabilityZonesAPI(base.ResourceAPI):
    """The zones of this deployment, read from the registered services at each request."""

    def zones(self, ctx: oslo_context.RequestContext, internal: bool = False) -> list[Zone]:
        """Available zones by name, then the not available ones; the internal zone only when ``internal``."""
        return service_registry.read_with(self.database, self.conf, self._zones, internal)

    def _zones(self, session: orm.Session, state: service_registry.Registered,
               internal: bool) -> list[Zone]:
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        enabled: dict[str, dict[str, tuple[Service, ...]]] = {}
        disabled: set[str] = set()
        for row in state.services:
            zone = state.zone_of(row, self.conf)
            if row.disabled:
                disabled.add(zone)
                continue
            hosts = enabled.setdefault(zone, {})
            hosts[row.host] = hosts.get(row.host, ()) + (
                Service(row.binary, not row.forced_down, True, now),)
        internal_zone = self.conf.internal_service_availability_zone
        shown = [Zone(name, True, enabled[name]) for name in sorted(enabled)]
        shown += [Zone(name, False, None) for name in sorted(disabled - set(enabled))]
        return [zone for zone in shown if internal or zone.name != internal_zone]
