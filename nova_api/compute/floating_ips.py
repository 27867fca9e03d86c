"""Nova's floating IP proxies (to 2.35, the actions to 2.43) over the network service, with its
wording for each refusal."""

from __future__ import annotations

from typing import Any

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.exception import network as net_exc
from nova_api.exception import server_ports as port_exc
from nova_api.networking import compute_floating_ips as fips
from nova_api.objects.servers import Server

#: Nova's [neutron] default_floating_pool: here the seeded external network.
DEFAULT_POOL = 'public'


class FloatingIPProxyAPI(base.NetworkServiceProxyAPI):
    """List, show, allocate and release a project's floating IPs; put them on servers."""

    def list(self, ctx: nova_context.RequestContext) -> list[dict[str, Any]]:
        self._require_service()
        return self.database.read(fips.floating_ips, ctx)

    def get(self, ctx: nova_context.RequestContext, fip_id: str) -> dict[str, Any]:
        self._require_service()
        found = self.database.read(fips.floating_ips, ctx, fip_id)
        if not found:
            raise port_exc.FloatingIpNotFound(id=fip_id)
        return found[0]

    def pools(self, ctx: nova_context.RequestContext) -> list[str]:
        self._require_service()
        return self.database.read(fips.pools)

    def allocate(self, ctx: nova_context.RequestContext, pool: str | None) -> dict[str, Any]:
        """A floating IP from ``pool`` (an external network's name); Nova's 404s and 403."""
        self._require_service()
        name = pool or DEFAULT_POOL
        network_id = self.database.read(fips.pool_id, name)
        if network_id is None:
            raise port_exc.FloatingIpPoolNotFound()
        try:
            made = self.net.floating_ips.create(ctx, {'floating_network_id': network_id})
        except net_exc.ExternalIpAddressExhausted:
            raise port_exc.NoMoreFloatingIps(pool=name) from None
        except exception.NovaAPIException as error:
            if isinstance(error, net_exc.OverQuota):
                raise port_exc.FloatingIpLimitExceeded(pool=name) from None
            raise
        return self.get(ctx, made['id'])

    def release(self, ctx: nova_context.RequestContext, fip_id: str) -> None:
        self.get(ctx, fip_id)
        self.net.floating_ips.delete(ctx, fip_id)

    def _by_address(self, ctx: nova_context.RequestContext, address: str) -> dict[str, Any]:
        found = self.database.read(fips.floating_ips, ctx, None, address)
        if not found:
            raise port_exc.FloatingIpNotFoundForAddress(address=address)
        return found[0]

    def associate(self, ctx: nova_context.RequestContext, server: Server, address: str,
                  fixed_address: str | None) -> None:
        """addFloatingIp: on the server's fixed address (the first IPv4 one if not given)."""
        self._require_service()
        fip = self._by_address(ctx, address)
        if fip['instance_id'] is not None and fip['instance_id'] != server.uuid:
            raise port_exc.FloatingIpAssociated()
        target = self.database.read(fips.server_port_for, server.uuid, fixed_address)
        if target is None:
            if fixed_address is not None:
                raise port_exc.FixedAddressNotOnServer()
            raise port_exc.NoFixedIpsOnServer()
        try:
            self.net.floating_ips.update(ctx, fip['id'], {'port_id': target[0],
                                                          'fixed_ip_address': target[1]})
        except exception.NovaAPIException as error:
            raise port_exc.FloatingIpAssociateFailed(reason=error.format_message()) from None

    def disassociate(self, ctx: nova_context.RequestContext, server: Server,
                     address: str) -> None:
        """removeFloatingIp: 409 if it is not on this server."""
        self._require_service()
        fip = self._by_address(ctx, address)
        if fip['instance_id'] != server.uuid:
            raise port_exc.FloatingIpNotAssociatedWithServer(address=address, id=server.uuid)
        self.net.floating_ips.update(ctx, fip['id'], {'port_id': None})
