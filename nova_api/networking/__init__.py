"""The Network API's business layer: Neutron's rules over the shared database.

The API side (:mod:`nova_api.network`) calls one object per resource
(``compute.network.networks``, ``.subnets``, ``.ports``, ...), each opening
short transactions and returning plain records in Neutron's attribute
names; compute calls the port functions (a device's ports) within its own
transactions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nova_api.networking import compute_groups
from nova_api.networking import compute_ports
from nova_api.networking import floating_ips
from nova_api.networking import networks
from nova_api.networking import ports
from nova_api.networking import quotas
from nova_api.networking import resource_tags
from nova_api.networking import routers
from nova_api.networking import security_groups
from nova_api.networking import seed
from nova_api.networking import server_cache
from nova_api.networking import subnets

if TYPE_CHECKING:
    from nova_api.compute import Compute


class Networking:
    """Every Network API resource, for one configuration (one per worker process)."""

    def __init__(self, compute: Compute) -> None:
        self.conf = compute.conf
        self.database = compute.database
        self._seeded = False
        self.quotas = quotas.QuotaAPI(self)
        self.networks = networks.NetworkAPI(self)
        self.subnets = subnets.SubnetAPI(self)
        self.ports = ports.PortAPI(self)
        self.security_groups = security_groups.SecurityGroupAPI(self)
        self.routers = routers.RouterAPI(self)
        self.floating_ips = floating_ips.FloatingIPAPI(self)
        self.tags = resource_tags.TagAPI(self)
        # What compute asks for its servers (compute_ports.py, compute_groups.py).
        self.server_ports = compute_ports.ServerPortsAPI(self)
        self.compute_groups = compute_groups.ServerGroupsAPI(self)

    @staticmethod
    def refresh_servers(session, port_ids) -> None:
        """Compute's cache of these ports (a server's addresses and groups), after a change
        through the Network API: Neutron's network-changed event to Nova, in one transaction."""
        server_cache.refresh_ports(session, port_ids)

    @staticmethod
    def refresh_server_groups(session, server_uuids) -> None:
        server_cache.refresh_groups(session, server_uuids)

    def ensure_seeded(self) -> None:
        """Seed ``private``, ``public`` and ``router1`` once per process (a no-op when they are
        there)."""
        if not self._seeded:
            self.database.write(seed.seed, self.conf)
            self.database.write(seed.seed_router, self)
            self._seeded = True
