"""``os-floating-ips`` and ``os-floating-ip-pools``: Nova's proxies of the network service's
floating IPs, up to 2.35 (404 from 2.36, as in Nova)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import floating_ips as schemas
from nova_api.api.views import floating_ips as views
from nova_api.policies import floating_ips as policies


class FloatingIPsController(controller.Controller):
    """List, show, allocate (from a pool) and release the project's floating IPs."""

    def _authorize(self, req, rule: str) -> None:
        self.policy.authorize(req.context, rule, {'project_id': req.context.project_id})

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req):
        """The project's floating IPs. 200."""
        self._authorize(req, policies.LIST)
        return views.index(self.compute.floating_ips.list(req.context))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One floating IP. 200; 404 "Floating IP not found for ID"."""
        self._authorize(req, policies.SHOW)
        return views.show(self.compute.floating_ips.get(req.context, id))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.schema_windows(schemas.CREATE_SCHEMAS)
    @controller.expected_errors(400, 403, 404)
    def create(self, req, body):
        """Allocate one from ``pool`` (``public`` by default). 200; 404 for an unknown pool or
        an exhausted one, 403 over quota."""
        self._authorize(req, policies.CREATE)
        pool = (body or {}).get('pool')
        return views.show(self.compute.floating_ips.allocate(req.context, pool))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def delete(self, req, id: str):
        """Release it (disassociated first). 202."""
        self._authorize(req, policies.DELETE)
        self.compute.floating_ips.release(req.context, id)


class FloatingIPPoolsController(controller.Controller):
    """The pools floating IPs come from: the external networks."""

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req):
        """``{"floating_ip_pools": [{"name"}]}``. 200."""
        self.policy.authorize(req.context, policies.POOLS, {'project_id': req.context.project_id})
        return views.pools(self.compute.floating_ips.pools(req.context))
