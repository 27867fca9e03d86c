"""Availability zones: where the simulated compute hosts and this node's control services run.

The configuration is the source of truth (``[DEFAULT] compute_hosts``,
``host`` and the two zone options, see :mod:`nova_api.conf.compute`): each
compute host runs ``nova-compute`` in its zone; this node runs
``nova-conductor`` and ``nova-scheduler`` in the internal zone. Every
service is up: the simulated hosts never fail.
"""

from __future__ import annotations

import dataclasses
import datetime

from oslo_context import context as oslo_context

from nova_api.compute import base
from nova_api.conf import compute as compute_conf

COMPUTE_BINARY = 'nova-compute'
CONTROL_BINARIES = ('nova-conductor', 'nova-scheduler')


@dataclasses.dataclass(frozen=True)
class Service:
    """One service on a host; ``active`` is not disabled, ``available`` is up."""

    binary: str
    available: bool
    active: bool
    updated_at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class Zone:
    """An availability zone and the services of each of its hosts."""

    name: str
    available: bool
    hosts: dict[str, tuple[Service, ...]]


class AvailabilityZonesAPI(base.ResourceAPI):
    """The zones of this deployment, read from the configuration at each request."""

    def zones(self, ctx: oslo_context.RequestContext, internal: bool = False) -> list[Zone]:
        """Every zone with a service, by name; the internal zone only when ``internal``."""
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        internal_zone = self.conf.internal_service_availability_zone
        hosts: dict[str, dict[str, tuple[Service, ...]]] = {}
        for host, zone in compute_conf.compute_hosts(self.conf).items():
            hosts.setdefault(zone, {})[host] = (Service(COMPUTE_BINARY, True, True, now),)
        control = hosts.setdefault(internal_zone, {}).get(self.conf.host, ())
        hosts[internal_zone][self.conf.host] = control + tuple(
            Service(binary, True, True, now) for binary in CONTROL_BINARIES)
        return [Zone(name, True, hosts[name]) for name in sorted(hosts) if internal or name != internal_zone]
