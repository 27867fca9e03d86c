"""rescue and unrescue: boot a server from a rescue image (its own by default), and back."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.compute import crypto
from nova_api.policies import server_actions as policies


class RescueActions(ActionFamily):
    """Rescue (200 with the rescue password, as Nova) and unrescue (202)."""

    @controller.action('rescue')
    @validation.schema_windows(ACTION_SCHEMAS['rescue'])
    @controller.expected_errors(400, 404, 409)
    def rescue(self, req, id: str, body):
        """Rescue, from ACTIVE, SHUTOFF or ERROR. 200 ``{"adminPass"}`` (``{}`` when
        ``[api] enable_instance_password`` is off); RESCUE once done.

        A volume-backed server: 400 before 2.87, and from 2.87 unless the
        rescue image has ``hw_rescue_bus`` and ``hw_rescue_device``.
        """
        options = body['rescue'] or {}
        server = self._server(req, id, policies.RESCUE)
        self.compute.server_actions.rescue(req.context, server, options.get('rescue_image_ref'),
                                           microversion.allows_volume_backed_rescue(req))
        if not self.compute.conf.api.enable_instance_password:
            return {}
        return {'adminPass': options.get('adminPass') or crypto.generate_password()}

    @controller.action('unrescue')
    @validation.schema_windows(ACTION_SCHEMAS['unrescue'])
    @controller.response(202)
    @controller.expected_errors(404, 409)
    def unrescue(self, req, id: str, body):
        """Unrescue, from RESCUE. 202; ACTIVE once done."""
        server = self._server(req, id, policies.UNRESCUE)
        self.compute.server_actions.unrescue(req.context, server)
