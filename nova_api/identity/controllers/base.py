"""What every identity controller is built on: the framework's Controller with the identity layer."""

from __future__ import annotations

from typing import Any

from nova_api.api import controller
from nova_api.identity import caller as caller_module


class IdentityController(controller.Controller):
    """A controller of the identity API: ``self.identity`` is the layer behind it
    (:class:`nova_api.identity.service.Identity`), ``self.policy`` the enforcer."""

    def __init__(self, services: Any = None) -> None:
        super().__init__(services)
        self.identity = getattr(services, 'identity', None)

    @staticmethod
    def caller(req):
        """The caller's valid token (:class:`nova_api.identity.tokens.Token`); 401 without one.
        ``req.context`` is then its request context, for the policy checks."""
        return caller_module.token_of(req.environ)
