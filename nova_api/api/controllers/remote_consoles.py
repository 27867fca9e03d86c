"""Remote consoles: ``POST /servers/{server_id}/remote-consoles`` (2.6; mks 2.8; spice-direct 2.99)."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import remote_consoles as schemas
from nova_api.api.views import remote_consoles as views
from nova_api.policies import remote_consoles as policies


class RemoteConsolesController(controller.Controller):
    """A console URL for a server, authorized by a token that ``os-console-auth-tokens`` resolves."""

    @microversion.versioned(microversion.FIRST_REMOTE_CONSOLES)
    @validation.schema_windows(schemas.CREATE_SCHEMAS)
    @controller.expected_errors(400, 404, 409, 501)
    def create(self, req, server_id: str, body):
        """``{"remote_console": {"protocol", "type", "url"}}``. 200.

        400 for rdp (removed), a console type that is not enabled or not of
        its protocol, or a server being deleted or migrated (Nova's
        compute-layer wording); 409 while the server has no host or is still
        building.
        """
        server = self.compute.servers.get(req.context, server_id)
        self.policy.authorize(req.context, policies.BASE_POLICY_NAME,
                              {'project_id': server.project_id})
        protocol = body['remote_console']['protocol']
        console_type = body['remote_console']['type']
        if protocol == 'rdp':
            raise exception.ConsoleTypeUnavailable(console_type=protocol)
        url = self.compute.consoles.remote_console(req.context, server, protocol, console_type,
                                                   req.host)
        return views.remote_console(protocol, console_type, url)
