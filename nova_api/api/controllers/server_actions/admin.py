"""Admin actions: os-resetState, injectNetworkInfo, and resetNetwork (410, gone from Nova)."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.policies import server_actions as policies


class AdminActions(ActionFamily):
    """What only an admin does to a server (under Nova's default policy)."""

    @controller.action('os-resetState')
    @validation.schema_windows(ACTION_SCHEMAS['os-resetState'])
    @controller.response(202)
    @controller.expected_errors(404)
    def reset_state(self, req, id: str, body):
        """Set vm_state to ``active`` or ``error`` and clear the task, in any state. 202."""
        server = self._server(req, id, policies.RESET_STATE)
        self.compute.server_actions.reset_state(req.context, server,
                                                body['os-resetState']['state'])

    @controller.action('injectNetworkInfo')
    @validation.schema_windows(ACTION_SCHEMAS['injectNetworkInfo'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def inject_network_info(self, req, id: str, body):
        """Push the network configuration to the guest. 202; 409 if it is locked."""
        server = self._server(req, id, policies.INJECT_NETWORK_INFO)
        self.compute.server_actions.inject_network_info(req.context, server)

    @controller.action('resetNetwork')
    @validation.schema_windows(ACTION_SCHEMAS['resetNetwork'])
    @controller.expected_errors(410)
    def reset_network(self, req, id: str, body):
        """Removed in Nova 23.0.0 (it only worked with Xen): 410 at every version."""
        raise exception.Gone()
