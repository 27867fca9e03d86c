"""Console tokens: ``GET /os-console-auth-tokens/{token}`` (admins; every console type from 2.31)."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import console_auth_tokens as schemas
from nova_api.api.views import console_auth_tokens as views
from nova_api.policies import console_auth_tokens as policies


class ConsoleAuthTokensController(controller.Controller):
    """What a console proxy asks: where a token's console connects."""

    @validation.query_schema_windows(schemas.SHOW_QUERY_SCHEMAS)
    @controller.expected_errors(400, 404)
    def show(self, req, id: str):
        """``{"console": {"instance_uuid", "host", "port", "internal_access_path"}}``. 200.

        Before 2.31 only RDP tokens were served, and RDP is gone: 400, as
        Nova. 404 for a token that is unknown, expired or of a deleted
        server. From 2.99 a spice-direct console adds ``tls_port``.
        """
        if not microversion.resolves_every_console_token(req):
            raise exception.UnsupportedRequest()
        self.policy.authorize(req.context, policies.BASE_POLICY_NAME)
        info = self.compute.consoles.connection(req.context, id)
        return views.show(info, microversion.shows_console_tls_port(req))
