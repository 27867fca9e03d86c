"""A server's security groups: ``GET /servers/{server_id}/os-security-groups``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import server_networks as schemas
from nova_api.api.views import server_security_groups as views
from nova_api.policies import server_networks as policies


class ServerSecurityGroupsController(controller.Controller):
    """The groups a server was booted with (Ansible reads them on every run)."""

    @validation.query_schema_windows(schemas.SERVER_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """The server's security groups with their rules. 200."""
        server = self.compute.servers.get(req.context, server_id)
        self.policy.authorize(req.context, policies.SERVER_SECURITY_GROUPS,
                              {'project_id': server.project_id})
        return views.index(*self.compute.servers.security_groups_of(server))
