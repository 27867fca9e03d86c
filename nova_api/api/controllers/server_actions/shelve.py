"""shelve, shelveOffload and unshelve (2.77 into a zone; 2.91 onto a host, or unpinned)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.compute.servers.actions import UNCHANGED
from nova_api.policies import server_actions as policies


class ShelveActions(ActionFamily):
    """Shelve a server off its host and back."""

    @controller.action('shelve')
    @validation.schema_windows(ACTION_SCHEMAS['shelve'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def shelve(self, req, id: str, body):
        """Shelve, from ACTIVE, SHUTOFF, PAUSED or SUSPENDED. 202; SHELVED, then
        SHELVED_OFFLOADED after ``[DEFAULT] shelved_offload_time``."""
        server = self._server(req, id, policies.SHELVE)
        self.compute.server_actions.shelve(req.context, server)

    @controller.action('shelveOffload')
    @validation.schema_windows(ACTION_SCHEMAS['shelveOffload'])
    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def shelve_offload(self, req, id: str, body):
        """Offload a SHELVED server from its host now (admins). 202; SHELVED_OFFLOADED."""
        server = self._server(req, id, policies.SHELVE_OFFLOAD)
        self.compute.server_actions.shelve_offload(req.context, server)

    @controller.action('unshelve')
    @validation.schema_windows(ACTION_SCHEMAS['unshelve'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def unshelve(self, req, id: str, body):
        """Unshelve, from SHELVED or SHELVED_OFFLOADED. 202; ACTIVE once done.

        2.77: ``availability_zone`` for an offloaded server; 2.91: ``host``
        (admins) and a null zone to unpin it.
        """
        server = self._server(req, id, policies.UNSHELVE)
        options = body['unshelve'] if isinstance(body['unshelve'], dict) else {}
        zone = UNCHANGED
        if microversion.allows_unshelve_to_zone(req) and 'availability_zone' in options:
            zone = options['availability_zone']
        host = options.get('host') if microversion.allows_unshelve_to_host(req) else None
        if host is not None:
            self.policy.authorize(req.context, policies.UNSHELVE_TO_HOST,
                                  {'user_id': server.user_id, 'project_id': server.project_id})
        self.compute.server_actions.unshelve(req.context, server, zone, host)
