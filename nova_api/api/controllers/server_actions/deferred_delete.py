"""restore and forceDelete: what ``[DEFAULT] reclaim_instance_interval`` (soft delete) brings."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.policies import server_actions as policies


class DeferredDeleteActions(ActionFamily):
    """Bring back a soft-deleted server, or delete one at once."""

    @controller.action('restore')
    @validation.schema_windows(ACTION_SCHEMAS['restore'])
    @controller.response(202)
    @controller.expected_errors(403, 404, 409)
    def restore(self, req, id: str, body):
        """Restore a SOFT_DELETED server. 202; ACTIVE once done; 403 when over quota."""
        server = self._server(req, id, policies.RESTORE)
        self.compute.server_actions.restore(req.context, server)

    @controller.action('forceDelete')
    @validation.schema_windows(ACTION_SCHEMAS['forceDelete'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def force_delete(self, req, id: str, body):
        """Delete now, soft-deleted or not, in any state without a task. 202."""
        server = self._server(req, id, policies.FORCE_DELETE)
        self.compute.server_actions.force_delete(req.context, server)
