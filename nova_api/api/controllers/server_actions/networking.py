"""Network actions: add/removeSecurityGroup, add/removeFixedIp (os-multinic) and
add/removeFloatingIp (both up to 2.43)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.policies import floating_ips as floating_ip_policies
from nova_api.policies import server_actions as policies


class NetworkingActions(ActionFamily):
    """A server's security groups and fixed addresses."""

    @controller.action('addSecurityGroup')
    @validation.schema_windows(ACTION_SCHEMAS['addSecurityGroup'])
    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def add_security_group(self, req, id: str, body):
        """Apply a security group to the server's ports. 202; 404 for a server without ports."""
        server = self._server(req, id, policies.ADD_SECURITY_GROUP)
        name = body['addSecurityGroup']['name'].strip()
        self.compute.server_actions.add_security_group(req.context, server, name)

    @controller.action('removeSecurityGroup')
    @validation.schema_windows(ACTION_SCHEMAS['removeSecurityGroup'])
    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def remove_security_group(self, req, id: str, body):
        """Take a security group off the server. 202; 404 when the server does not have it."""
        server = self._server(req, id, policies.REMOVE_SECURITY_GROUP)
        name = body['removeSecurityGroup']['name'].strip()
        self.compute.server_actions.remove_security_group(req.context, server, name)

    @controller.action('addFixedIp')
    @microversion.versioned(max_version=microversion.LAST_MULTINIC)
    @validation.schema_windows(ACTION_SCHEMAS['addFixedIp'])
    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def add_fixed_ip(self, req, id: str, body):
        """Another address on network ``networkId`` (to 2.43; 404 after). 202."""
        server = self._server(req, id, policies.ADD_FIXED_IP)
        self.compute.server_actions.add_fixed_ip(req.context, server,
                                                 str(body['addFixedIp']['networkId']))

    @controller.action('removeFixedIp')
    @microversion.versioned(max_version=microversion.LAST_MULTINIC)
    @validation.schema_windows(ACTION_SCHEMAS['removeFixedIp'])
    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def remove_fixed_ip(self, req, id: str, body):
        """Give back one of the server's addresses (to 2.43; 404 after). 202."""
        server = self._server(req, id, policies.REMOVE_FIXED_IP)
        self.compute.server_actions.remove_fixed_ip(req.context, server,
                                                    body['removeFixedIp']['address'])

    @controller.action('addFloatingIp')
    @microversion.versioned(max_version=microversion.LAST_MULTINIC)
    @validation.schema_windows(ACTION_SCHEMAS['addFloatingIp'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404)
    def add_floating_ip(self, req, id: str, body):
        """Put a floating IP of the project's on the server (to 2.43; 404 after). 202."""
        server = self._server(req, id, floating_ip_policies.ADD)
        args = body['addFloatingIp']
        self.compute.floating_ips.associate(req.context, server, args['address'],
                                            args.get('fixed_address'))

    @controller.action('removeFloatingIp')
    @microversion.versioned(max_version=microversion.LAST_MULTINIC)
    @validation.schema_windows(ACTION_SCHEMAS['removeFloatingIp'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def remove_floating_ip(self, req, id: str, body):
        """Take it off the server (to 2.43; 404 after). 202; 409 if it is not on it."""
        server = self._server(req, id, floating_ip_policies.REMOVE)
        self.compute.floating_ips.disassociate(req.context, server,
                                               body['removeFloatingIp']['address'])
