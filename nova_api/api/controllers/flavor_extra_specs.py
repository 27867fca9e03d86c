"""Flavor extra specs: ``/flavors/{flavor_id}/os-extra_specs[/{id}]``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import flavor_extra_specs as schemas
from nova_api.api.views import flavor_extra_specs as views
from nova_api.policies import flavor_extra_specs as policies


class FlavorExtraSpecsController(controller.Controller):
    """Read (project readers) and write (admins) the extra specs of a flavor."""

    @validation.query_schema(schemas.index_query)
    @controller.expected_errors(404)
    def index(self, req, flavor_id: str):
        """List a flavor's extra specs. 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.INDEX)
        return views.index(self.compute.flavor_extra_specs.index(ctx, flavor_id))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, flavor_id: str, id: str):
        """Show one extra spec. 200; 404 when the flavor has no such key."""
        ctx = req.context
        self.policy.authorize(ctx, policies.SHOW)
        return views.show(id, self.compute.flavor_extra_specs.show(ctx, flavor_id, id))

    @validation.schema(schemas.create)
    @controller.expected_errors(400, 404, 409)
    def create(self, req, flavor_id: str, body: dict):
        """Add or change extra specs; echoes the request. 200. From 2.86 they are validated."""
        ctx = req.context
        self.policy.authorize(ctx, policies.CREATE, target={})
        self.compute.flavor_extra_specs.update(
            ctx, flavor_id, body['extra_specs'],
            validate=microversion.validates_flavor_extra_specs(req))
        return body

    @validation.schema(schemas.update)
    @controller.expected_errors(400, 404, 409)
    def update(self, req, flavor_id: str, id: str, body: dict):
        """Set the extra spec of the URL (the body's only key); echoes it. 200. Validated from 2.86."""
        ctx = req.context
        self.policy.authorize(ctx, policies.UPDATE, target={})
        self.compute.flavor_extra_specs.update_one(
            ctx, flavor_id, id, body, validate=microversion.validates_flavor_extra_specs(req))
        return body

    @controller.expected_errors(404)
    def delete(self, req, flavor_id: str, id: str):
        """Delete one extra spec. 200 with no body, as Nova."""
        ctx = req.context
        self.policy.authorize(ctx, policies.DELETE, target={})
        self.compute.flavor_extra_specs.delete(ctx, flavor_id, id)
