"""``POST /os-server-external-events``: events other services (Neutron, Cinder, Ironic, Cyborg)
send about servers; admins and the service role only.

200 when every event was taken, 207 when any was not; each event comes
back with its ``code`` (200, 400 no tag where one is needed, 404 no such
server, 422 not on a host yet) and ``status``. The names grow with the
microversion: volume-extended 2.51, power-update 2.76,
accelerator-request-bound 2.82, volume-reimaged 2.93.
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import server_external_events as schemas
from nova_api.api.views import server_external_events as views
from nova_api.policies import server_external_events as policies


class ServerExternalEventsController(controller.Controller):
    """``/os-server-external-events``."""

    @validation.schema_windows(schemas.CREATE_SCHEMAS)
    @controller.expected_errors(403)
    def create(self, req, body):
        """Deliver the events. 200, or 207 when some could not be."""
        self.policy.authorize(req.context, policies.CREATE, {})
        outcomes, code = self.compute.server_external_events.create(req.context, body['events'])
        return controller.ResponseObject(views.created(outcomes), code=code)
