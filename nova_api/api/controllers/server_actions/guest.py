"""Guest actions: pause/unpause, suspend/resume, changePassword and trigger_crash_dump (2.17)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.policies import server_actions as policies


class GuestActions(ActionFamily):
    """What happens to the running guest; each from Nova's states, 409 from any other."""

    @controller.action('pause')
    @validation.schema_windows(ACTION_SCHEMAS['pause'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def pause(self, req, id: str, body):
        """Pause, from ACTIVE with no task. 202; PAUSED once done."""
        server = self._server(req, id, policies.PAUSE)
        self.compute.server_actions.pause(req.context, server)

    @controller.action('unpause')
    @validation.schema_windows(ACTION_SCHEMAS['unpause'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def unpause(self, req, id: str, body):
        """Unpause, from PAUSED. 202; ACTIVE once done."""
        server = self._server(req, id, policies.UNPAUSE)
        self.compute.server_actions.unpause(req.context, server)

    @controller.action('suspend')
    @validation.schema_windows(ACTION_SCHEMAS['suspend'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def suspend(self, req, id: str, body):
        """Suspend, from ACTIVE. 202; SUSPENDED once done."""
        server = self._server(req, id, policies.SUSPEND)
        self.compute.server_actions.suspend(req.context, server)

    @controller.action('resume')
    @validation.schema_windows(ACTION_SCHEMAS['resume'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def resume(self, req, id: str, body):
        """Resume, from SUSPENDED. 202; ACTIVE once done."""
        server = self._server(req, id, policies.RESUME)
        self.compute.server_actions.resume(req.context, server)

    @controller.action('changePassword')
    @validation.schema_windows(ACTION_SCHEMAS['changePassword'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def change_password(self, req, id: str, body):
        """Set the guest's administrator password, from ACTIVE. 202; PASSWORD meanwhile."""
        server = self._server(req, id, policies.CHANGE_PASSWORD)
        self.compute.server_actions.change_password(req.context, server)

    @controller.action('trigger_crash_dump')
    @microversion.versioned(min_version=microversion.FIRST_CRASH_DUMP)
    @validation.schema_windows(ACTION_SCHEMAS['trigger_crash_dump'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def trigger_crash_dump(self, req, id: str, body):
        """Send the guest an NMI (2.17; 404 before). 202; its state does not change."""
        server = self._server(req, id, policies.TRIGGER_CRASH_DUMP)
        self.compute.server_actions.trigger_crash_dump(req.context, server)
