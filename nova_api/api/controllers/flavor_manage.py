"""Flavor management (admin): ``POST /flavors``, ``PUT`` and ``DELETE /flavors/{id}``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.flavors import include_extra_specs
from nova_api.api.schemas import flavor_manage as schemas
from nova_api.api.views import flavors as views
from nova_api.policies import flavor_manage as policies

#: Body field -> the compute layer's (Nova's) name.
_CREATE_FIELDS = {
    'name': 'name',
    'id': 'flavorid',
    'ram': 'memory_mb',
    'vcpus': 'vcpus',
    'disk': 'root_gb',
    'OS-FLV-EXT-DATA:ephemeral': 'ephemeral_gb',
    'swap': 'swap',
    'rxtx_factor': 'rxtx_factor',
    'os-flavor-access:is_public': 'is_public',
    'description': 'description',
}


class FlavorManageController(controller.Controller):
    """Create, describe and delete flavors."""

    @validation.schema(schemas.create, '2.1', '2.54')
    @validation.schema(schemas.create_v2_55, '2.55')
    @controller.expected_errors(400, 409)
    def create(self, req, body: dict):
        """Create a flavor. 200 (not 201, as Nova); 409 when the name or id is taken.

        2.55 takes a description; the response follows the flavor views
        (2.61 extra_specs, 2.75 swap 0, 2.102 without rxtx_factor).
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.CREATE, target={})
        values = {_CREATE_FIELDS[key]: value for key, value in body['flavor'].items()}
        flavor = self.compute.flavors.create(ctx, values)
        return views.show(req, flavor, include_extra_specs(req, self.policy))

    @microversion.versioned('2.55')
    @validation.schema(schemas.update_v2_55, '2.55')
    @controller.expected_errors(400, 404)
    def update(self, req, id: str, body: dict):
        """Change a flavor's description (the only thing that changes). 200. From 2.55."""
        ctx = req.context
        self.policy.authorize(ctx, policies.UPDATE, target={})
        flavor = self.compute.flavors.update_description(ctx, id, body['flavor']['description'])
        return views.show(req, flavor, include_extra_specs(req, self.policy))

    @controller.expected_errors(404)
    @controller.response(202)
    def delete(self, req, id: str):
        """Delete a flavor with its extra specs and access list. 202."""
        ctx = req.context
        self.policy.authorize(ctx, policies.DELETE, target={})
        self.compute.flavors.delete(ctx, id)
