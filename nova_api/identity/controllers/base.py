"""What every identity controller is built on: the framework's Controller with the identity layer."""

from __future__ import annotations

from typing import Any

from nova_api.api import controller


class IdentityController(controller.Controller):
    """A controller of the identity API: ``self.identity`` is the layer behind it
    (:class:`nova_api.identity.service.Identity`), ``self.policy`` the enforcer."""

    def __init__(self, services: Any = None) -> None:
        super().__init__(services)
        self.identity = getattr(services, 'identity', None)
