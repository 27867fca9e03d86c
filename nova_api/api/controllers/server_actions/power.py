"""Power actions: ``reboot`` (SOFT or HARD), ``os-stop`` and ``os-start``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.policies import servers as policies


class PowerActions(ActionFamily):
    """Reboot, stop and start a server."""

    @controller.action('reboot')
    @validation.schema_windows(ACTION_SCHEMAS['reboot'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def reboot(self, req, id: str, body):
        """Reboot, ``{"reboot": {"type": "SOFT"|"HARD"}}``. 202.

        SOFT from ACTIVE with no task; HARD also from SHUTOFF, PAUSED,
        SUSPENDED and ERROR, and over a reboot in progress (Nova's states).
        """
        server = self._server(req, id, policies.REBOOT)
        hard = body['reboot']['type'].upper() == 'HARD'
        self.compute.servers.reboot(req.context, server, hard)

    @controller.action('os-stop')
    @validation.schema_windows(ACTION_SCHEMAS['os-stop'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def stop(self, req, id: str, body):
        """Power off, from ACTIVE or ERROR with no task. 202; SHUTOFF once done."""
        server = self._server(req, id, policies.STOP)
        self.compute.servers.stop(req.context, server)

    @controller.action('os-start')
    @validation.schema_windows(ACTION_SCHEMAS['os-start'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def start(self, req, id: str, body):
        """Power on, from SHUTOFF with no task. 202; ACTIVE once done."""
        server = self._server(req, id, policies.START)
        self.compute.servers.start(req.context, server)
