"""``os-interface``: a server's ports, listed, shown, attached and detached.

Nova's states: attach and detach from ACTIVE, PAUSED or SHUTOFF with no
task, a locked server refusing non-admins (409). ``tag`` at attach from
2.49, shown from 2.70.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import attach_interfaces as schemas
from nova_api.api.views import attach_interfaces as views
from nova_api.policies import attach_interfaces as policies


class InterfaceAttachmentController(ServerSubresourceController):
    """``/servers/{server_id}/os-interface`` and ``.../os-interface/{port_id}``."""

    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """The server's ports. 200."""
        server = self._server(req, server_id, policies.LIST)
        return views.index(req, self.compute.attach_interfaces.list(req.context, server))

    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(403, 404)
    def show(self, req, server_id: str, id: str):
        """One port of the server. 200; 404 for a port that is not one of its own."""
        server = self._server(req, server_id, policies.SHOW)
        return views.show(req, self.compute.attach_interfaces.get(req.context, server, id))

    @validation.schema_windows(schemas.CREATE_SCHEMAS)
    @controller.expected_errors(400, 403, 404, 409)
    def create(self, req, server_id: str, body):
        """Attach a new port on ``net_id`` (or the default network). 200 with the port.

        ``fixed_ips`` asks for an address (``net_id`` needed); a ``port_id``
        names a port, but none exists that is not attached already (404,
        or 409 in use).
        """
        server = self._server(req, server_id, policies.CREATE)
        attachment = (body or {}).get('interfaceAttachment') or {}
        net_id, port_id = attachment.get('net_id'), attachment.get('port_id')
        address = (attachment.get('fixed_ips') or [{}])[0].get('ip_address')
        if net_id and port_id:
            raise exception.InvalidInterfaceRequest(
                reason='Must not input both network_id and port_id')
        if address and not net_id:
            raise exception.InvalidInterfaceRequest(
                reason='Must input network_id when request IP address')
        interface = self.compute.attach_interfaces.attach(
            req.context, server, net_id, port_id, address, attachment.get('tag'))
        return views.show(req, interface)

    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def delete(self, req, server_id: str, id: str):
        """Detach the port and release its addresses. 202."""
        server = self._server(req, server_id, policies.DELETE)
        self.compute.attach_interfaces.detach(req.context, server, id)
