"""``POST /servers/{id}/action``: one module per family of actions, each a table of ``@action`` rows.

The router builds the action resource from :class:`ServerActionsController`
and the families listed in ``nova_api.api.router.EXTENSIONS``; the
Resource dispatches a body ``{"name": ...}`` to the family's handler of
that name (400 for a name no family has). Every handler is the same
shape: look the server up (404), ask its policy rule with the server's
project and user as target, ask the compute layer to accept the
operation (409 in a wrong state), answer 202.
"""

from __future__ import annotations

from nova_api.api import controller


class ServerActionsController(controller.Controller):
    """The resource the action families extend; it has no action of its own."""


class ActionFamily(controller.ControllerExtension):
    """Base of the action families: the server lookup and policy target they share."""

    def _server(self, req, server_id: str, rule: str):
        """The server (404 if not the caller's), once ``rule`` allows acting on it."""
        server = self.compute.servers.get(req.context, server_id)
        self.policy.authorize(req.context, rule, {'user_id': server.user_id,
                                                  'project_id': server.project_id})
        return server
