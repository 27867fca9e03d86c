"""lock and unlock: a locked server refuses everyone's actions but an admin's (409)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.policies import server_actions as policies


class LockActions(ActionFamily):
    """Lock (as the owner or as an admin, 2.73 with a reason) and unlock."""

    @controller.action('lock')
    @validation.schema_windows(ACTION_SCHEMAS['lock'])
    @controller.response(202)
    @controller.expected_errors(404)
    def lock(self, req, id: str, body):
        """Lock, in any state. 202. The owner locking a locked server changes nothing."""
        server = self._server(req, id, policies.LOCK)
        reason = None
        if microversion.allows_lock_reason(req) and body['lock'] is not None:
            reason = body['lock'].get('locked_reason')
        self.compute.server_actions.lock(req.context, server, reason)

    @controller.action('unlock')
    @validation.schema_windows(ACTION_SCHEMAS['unlock'])
    @controller.response(202)
    @controller.expected_errors(404)
    def unlock(self, req, id: str, body):
        """Unlock. 202. What an admin locked, its owner unlocks only with the override rule."""
        server = self._server(req, id, policies.UNLOCK)
        if not self.compute.server_actions.is_expected_locked_by(req.context, server):
            self.policy.authorize(req.context, policies.UNLOCK_OVERRIDE,
                                  {'project_id': server.project_id})
        self.compute.server_actions.unlock(req.context, server)
