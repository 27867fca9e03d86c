"""What Nova's network proxies (``os-networks``) read: the network service's networks as the
caller sees them, or, with ``[network] enabled = false``, compute's own ``private``."""

from __future__ import annotations

from typing import Any

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base


class NetworkProxyAPI(base.ResourceAPI):
    """The networks ``os-networks`` lists and shows (each with an ``id`` and a ``name``)."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.servers = compute.servers
        self.net = compute.servers.net

    def list(self, ctx: nova_context.RequestContext) -> list[Any]:
        if self.net is None:
            return self.servers.networks.list()
        self.net.ensure_seeded()
        return self.database.read(self.net.server_ports.visible_networks, ctx)

    def get(self, ctx: nova_context.RequestContext, network_id: str) -> Any:
        """The network; Nova's 404 "Network not found" for one the caller cannot see."""
        if self.net is None:
            try:
                return self.servers.networks.get(network_id)
            except exception.NetworkNotFound:
                raise exception.ProxyNetworkNotFound() from None
        self.net.ensure_seeded()
        found = self.database.read(self.net.server_ports.visible_networks, ctx, network_id)
        if not found:
            raise exception.ProxyNetworkNotFound()
        return found[0]
