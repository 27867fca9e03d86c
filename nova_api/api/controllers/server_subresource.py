"""The base of the controllers under ``/servers/{server_id}/...``: the server lookup they share."""

from __future__ import annotations

from nova_api.api import controller


class ServerSubresourceController(controller.Controller):
    """A resource of one server: the server first (404 if not the caller's), then its rule."""

    def _server(self, req, server_id: str, rule: str):
        """The server, once ``rule`` allows the caller on its project."""
        server = self.compute.servers.get(req.context, server_id)
        self.policy.authorize(req.context, rule, {'project_id': server.project_id})
        return server
