"""``os-tenant-networks``: Nova's read proxy of the networks the project sees, up to 2.35 (404
from 2.36); its nova-network writes are gone (410 at every version, as in Nova)."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import security_groups as schemas
from nova_api.api.schemas import server_networks as network_schemas
from nova_api.api.views import tenant_networks as views
from nova_api.policies import security_groups as policies


class TenantNetworksController(controller.Controller):
    """List and show the networks (``id``, ``label``, ``cidr``)."""

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors()
    def index(self, req):
        """The networks the project sees (its own and the shared and external ones). 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.TENANT_NETWORKS_LIST, {'project_id': ctx.project_id})
        return views.index(self.compute.network_proxies.list(ctx))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One network. 200; 404 "Network not found"."""
        ctx = req.context
        self.policy.authorize(ctx, policies.TENANT_NETWORKS_SHOW, {'project_id': ctx.project_id})
        return views.show(self.compute.network_proxies.get(ctx, id))

    @validation.schema_windows(network_schemas.GONE_BODY_SCHEMAS)
    @controller.expected_errors(410)
    def create(self, req, body):
        """nova-network's create: 410 at every version."""
        raise exception.Gone()

    @controller.expected_errors(410)
    def delete(self, req, id: str):
        """nova-network's delete: 410 at every version."""
        raise exception.Gone()
