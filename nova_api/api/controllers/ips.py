"""A server's addresses: ``GET /servers/{server_id}/ips`` and ``/ips/{network_label}``."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import server_networks as schemas
from nova_api.api.views import ips as views
from nova_api.policies import server_networks as policies


class IPsController(ServerSubresourceController):
    """The addresses of a server, by network label."""

    @validation.query_schema_windows(schemas.SERVER_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """Every address of the server, grouped by network. 200 (none while it builds)."""
        return views.index(self._server(req, server_id, policies.IPS_INDEX))

    @validation.query_schema_windows(schemas.SERVER_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, server_id: str, id: str):
        """The server's addresses on one network. 200; 404 when it is not on that network."""
        server = self._server(req, server_id, policies.IPS_SHOW)
        if id not in views.network_names(server):
            raise exception.NetworkNotMember()
        return views.show(server, id)
