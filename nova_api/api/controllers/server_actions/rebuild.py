"""rebuild: the server again from an image, with the changes the body makes at its version."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import server_rebuild_request
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.controllers.servers import show_options
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.api.views import servers as views
from nova_api.compute import crypto
from nova_api.compute.servers.rebuild import UNCHANGED
from nova_api.policies import server_actions as policies


class RebuildActions(ActionFamily):
    """Rebuild a server."""

    @controller.action('rebuild')
    @validation.schema_windows(ACTION_SCHEMAS['rebuild'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def rebuild(self, req, id: str, body):
        """Rebuild, from ACTIVE, SHUTOFF or ERROR. 202 with the server (REBUILD) and adminPass.

        Name, metadata (replaced), personality (to 2.56), description
        (2.19), key_name (2.54, null removes it), user_data (2.57),
        trusted certificates (2.63), hostname (2.90) change with it; the
        body shows key_name from 2.54 and user_data from 2.57.
        """
        ctx = req.context
        server = self._server(req, id, policies.REBUILD)
        request, password = server_rebuild_request.read(req, body)
        if request.trusted_certs is not UNCHANGED:
            self.policy.authorize(ctx, policies.REBUILD_TRUSTED_CERTS,
                                  {'user_id': server.user_id, 'project_id': server.project_id})
        rebuilt = self.compute.server_actions.rebuild(ctx, server, request)
        if not self.compute.conf.api.enable_instance_password:
            password = None
        elif password is None:
            password = crypto.generate_password()
        return views.rebuilt(req, rebuilt, show_options(req, self.policy, self.compute, [rebuilt]),
                             password)
