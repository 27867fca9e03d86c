"""A server's NUMA topology: ``GET /servers/{server_id}/topology`` (2.78; 404 before, as in Nova).

Readers of the server's project see its guest nodes; the ``host:index``
rule (admins) adds each node's ``host_node`` and ``cpu_pinning``.
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import server_topology as schemas
from nova_api.api.views import server_topology as views
from nova_api.policies import server_topology as policies


class ServerTopologyController(ServerSubresourceController):
    """The guest NUMA topology its flavor (and image) gave a server."""

    @microversion.versioned(microversion.FIRST_SERVER_TOPOLOGY)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404, 409)
    def index(self, req, server_id: str):
        """``{"nodes": [...], "pagesize_kb": ...}``, no nodes for a server without a topology.
        200; 409 for a flavor whose topology Nova would have refused at boot."""
        server = self._server(req, server_id, policies.INDEX)
        host_info = self.policy.check(req.context, policies.HOST_INDEX,
                                      {'project_id': server.project_id})
        return views.show(self.compute.server_topology.get(server), host_info)
