"""A server's diagnostics: ``GET /servers/{server_id}/diagnostics`` (admins, by Nova's default rule).

Before 2.48 the body is the driver's own dict (libvirt's keys: ``cpu0_time``,
``vda_read``, ``tap<port>_rx``..., ``memory``); from 2.48 Nova's standard
format. A server not on a host, or not running, is Nova's 409.
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import server_diagnostics as schemas
from nova_api.api.views import server_diagnostics as views
from nova_api.policies import server_diagnostics as policies


class ServerDiagnosticsController(ServerSubresourceController):
    """What the simulated hypervisor reports of a server's guest."""

    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404, 409)
    def index(self, req, server_id: str):
        """The server's diagnostics at the request's microversion. 200; 409 while it has no
        host ("Instance ... is not ready") or is not running ("... in power state shutdown")."""
        server = self._server(req, server_id, policies.SHOW)
        return views.show(req, self.compute.server_diagnostics.get(req.context, server))
