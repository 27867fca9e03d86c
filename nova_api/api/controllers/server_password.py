"""A server's encrypted password: ``GET`` and ``DELETE /servers/{server_id}/os-server-password``.

The password is what the guest posted, encrypted with the server's public
key (base64); clearing it forgets it here, it does not change the guest's.
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import server_password as schemas
from nova_api.api.views import server_password as views
from nova_api.policies import server_password as policies


class ServerPasswordController(ServerSubresourceController):
    """Show and clear a server's encrypted password."""

    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """``{"password": ...}``, '' when there is none. 200."""
        server = self._server(req, server_id, policies.SHOW)
        return views.password(self.compute.server_password.get(server.uuid))

    @controller.response(204)
    @controller.expected_errors(404)
    def clear(self, req, server_id: str):
        """Forget the password. 204."""
        server = self._server(req, server_id, policies.CLEAR)
        self.compute.server_password.clear(server.uuid)
