"""``os-networks``: Nova's read proxy of the networks servers attach to, up to 2.35; its
nova-network writes are gone (410 at every version, as with Neutron)."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import server_networks as schemas
from nova_api.api.views import networks as views
from nova_api.policies import server_networks as policies


class NetworksController(controller.Controller):
    """List and show the networks; 404 from 2.36, as in Nova."""

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.NETWORKS_QUERY_SCHEMAS)
    @controller.expected_errors(())
    def index(self, req):
        """The networks (``id`` and ``label``; every other field null, admins seeing more). 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.NETWORKS_LIST, {'project_id': ctx.project_id})
        return views.index(req, self.compute.network_proxies.list(ctx))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.NETWORKS_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One network. 200; 404 "Network not found"."""
        ctx = req.context
        self.policy.authorize(ctx, policies.NETWORKS_SHOW, {'project_id': ctx.project_id})
        return views.show(req, self.compute.network_proxies.get(ctx, id))

    @validation.schema_windows(schemas.GONE_BODY_SCHEMAS)
    @controller.expected_errors(410)
    def create(self, req, body):
        """nova-network's create: 410 at every version."""
        raise exception.Gone()

    @validation.schema_windows(schemas.GONE_BODY_SCHEMAS)
    @controller.expected_errors(410)
    def add(self, req, body):
        """nova-network's add to a project: 410 at every version."""
        raise exception.Gone()

    @controller.expected_errors(410)
    def delete(self, req, id: str):
        """nova-network's delete: 410 at every version."""
        raise exception.Gone()
