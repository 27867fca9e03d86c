"""Flavor access (admin): the list ``GET /flavors/{flavor_id}/os-flavor-access`` and the
``addTenantAccess`` / ``removeTenantAccess`` actions on ``POST /flavors/{id}/action``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import flavor_access as schemas
from nova_api.api.views import flavor_access as views
from nova_api.policies import flavor_access as policies


class FlavorAccessController(controller.Controller):
    """The projects a private flavor is shared with."""

    @validation.query_schema(schemas.index_query)
    @controller.expected_errors(404)
    def index(self, req, flavor_id: str):
        """List the projects of a private flavor. 200; 404 for a public flavor."""
        ctx = req.context
        self.policy.authorize(ctx, policies.BASE_POLICY_NAME)
        projects = self.compute.flavor_access.list(ctx, flavor_id)
        return views.access_list(flavor_id, projects)


class FlavorActionController(controller.Controller):
    """``POST /flavors/{id}/action``: share a flavor with a project, or stop sharing it."""

    @controller.action('addTenantAccess')
    @validation.schema(schemas.add_tenant_access)
    @controller.expected_errors(400, 403, 404, 409)
    def _add_tenant_access(self, req, id: str, body: dict):
        """Share the flavor with a project. 200 with the access list; 409 when it already is.

        From 2.7 a public flavor cannot be shared (409).
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.ADD_TENANT_ACCESS)
        projects = self.compute.flavor_access.add(
            ctx, id, body['addTenantAccess']['tenant'],
            reject_public=microversion.rejects_access_to_public_flavors(req))
        return views.access_list(id, projects)

    @controller.action('removeTenantAccess')
    @validation.schema(schemas.remove_tenant_access)
    @controller.expected_errors(400, 403, 404)
    def _remove_tenant_access(self, req, id: str, body: dict):
        """Stop sharing the flavor with a project. 200 with the access list; 404 when it was not."""
        ctx = req.context
        self.policy.authorize(ctx, policies.REMOVE_TENANT_ACCESS)
        projects = self.compute.flavor_access.remove(ctx, id, body['removeTenantAccess']['tenant'])
        return views.access_list(id, projects)
