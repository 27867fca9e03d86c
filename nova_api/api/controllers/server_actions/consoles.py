"""Console actions: ``os-getConsoleOutput``, and up to 2.5 the console URL actions
(``os-getVNCConsole``, ``os-getSPICEConsole``, ``os-getSerialConsole``; ``os-getRDPConsole``
is gone with Hyper-V) that ``POST /servers/{id}/remote-consoles`` replaced.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas import server_console_actions as schemas
from nova_api.api.views import remote_consoles as views
from nova_api.policies import console_output as output_policies
from nova_api.policies import remote_consoles as console_policies

_LAST = microversion.LAST_CONSOLE_ACTIONS


class ConsoleActions(ActionFamily):
    """A server's console log and, before 2.6, its console URLs."""

    @controller.action('os-getConsoleOutput')
    @validation.schema_windows(schemas.GET_CONSOLE_OUTPUT_SCHEMAS)
    @controller.expected_errors(404, 409)
    def get_console_output(self, req, id: str, body):
        """The console log, ``{"output"}``; ``length``: its last lines (null: all). 200.

        409 while the server has no host; 404 while it has no guest yet.
        """
        server = self._server(req, id, output_policies.BASE_POLICY_NAME)
        length = body['os-getConsoleOutput'].get('length')
        return views.output(self.compute.consoles.output(req.context, server, length))

    def _console(self, req, server_id: str, protocol: str, console_type: str) -> dict:
        # Nova asks the rule before it looks the server up, with no target.
        self.policy.authorize(req.context, console_policies.BASE_POLICY_NAME)
        server = self.compute.servers.get(req.context, server_id)
        url = self.compute.consoles.remote_console(req.context, server, protocol, console_type,
                                                   req.host)
        return views.console(console_type, url)

    @controller.action('os-getVNCConsole')
    @microversion.versioned(max_version=_LAST)
    @validation.schema(schemas.get_vnc_console, '2.1', _LAST)
    @controller.expected_errors(400, 404, 409, 501)
    def get_vnc_console(self, req, id: str, body):
        """A noVNC console URL, ``{"console": {"type", "url"}}``. 200; up to 2.5.

        Unlike the other console actions, a server being deleted or migrated is a 409.
        """
        console_type = body['os-getVNCConsole']['type']
        try:
            return self._console(req, id, 'vnc', console_type)
        except exception.InstanceStateRefusesMethod as refused:
            raise exception.InstanceInvalidState(
                action='get_vnc_console', instance_uuid=id, attr=refused.kwargs['attr'],
                state=refused.kwargs['state']) from None

    @controller.action('os-getSPICEConsole')
    @microversion.versioned(max_version=_LAST)
    @validation.schema(schemas.get_spice_console, '2.1', _LAST)
    @controller.expected_errors(400, 404, 409, 501)
    def get_spice_console(self, req, id: str, body):
        """A SPICE HTML5 console URL. 200; up to 2.5; 400 unless ``[spice] enabled``."""
        return self._console(req, id, 'spice', body['os-getSPICEConsole']['type'])

    @controller.action('os-getSerialConsole')
    @microversion.versioned(max_version=_LAST)
    @validation.schema(schemas.get_serial_console, '2.1', _LAST)
    @controller.expected_errors(400, 404, 409, 501)
    def get_serial_console(self, req, id: str, body):
        """A serial console URL. 200; up to 2.5; 400 unless ``[serial_console] enabled``."""
        return self._console(req, id, 'serial', body['os-getSerialConsole']['type'])

    @controller.action('os-getRDPConsole')
    @microversion.versioned(max_version=_LAST)
    @validation.schema(schemas.get_rdp_console, '2.1', _LAST)
    @controller.expected_errors(400, 404, 409, 501)
    def get_rdp_console(self, req, id: str, body):
        """Removed with Hyper-V (Nova 29.0.0): always 400, as Nova, without looking at anything."""
        raise exception.UnsupportedRequest()
