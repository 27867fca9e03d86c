"""``/v3/roles``, implied roles (``/v3/roles/{prior}/implies[/{implied}]``) and ``/v3/role_inferences``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import schemas
from nova_api.identity.admin import views
from nova_api.identity.admin.controllers import base
from nova_api.policies import identity as rules


def _role_target(found, role_id: str) -> dict:
    if found is None:
        return rules.flat_target(role={'id': role_id})
    return rules.flat_target(role={'id': found.id, 'name': found.name,
                                   'domain_id': found.domain_id})


class RolesController(base.AdminController):
    """Roles: list, show, create, update, delete."""

    @validation.query_schema(schemas.role_index_query)
    @controller.expected_errors(400, 401, 403)
    def index(self, req):
        """The global roles (or a domain's, ``domain_id``) by name; ``name`` filters. 200."""
        self.authorize(req, rules.LIST_ROLES)
        found = self.roles.list(base.first(req, 'name'), base.first(req, 'domain_id'))
        return views.collection(req, 'roles', [views.role(self.url(req), r) for r in found])

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def show(self, req, role_id):
        """One role. 200; 404 when there is none."""
        found = self.roles.get(role_id)
        self.authorize(req, rules.GET_ROLE, _role_target(found, role_id))
        if found is None:
            raise exceptions.RoleNotFound(role_id=role_id)
        return {'role': views.role(self.url(req), found)}

    @validation.schema(schemas.role_create)
    @controller.expected_errors(400, 401, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body):
        """A new role. 201; 409 for a name already taken (among global roles, or the domain's)."""
        self.authorize(req, rules.CREATE_ROLE)
        return {'role': views.role(self.url(req), self.roles.create(body['role']))}

    @validation.schema(schemas.role_update)
    @controller.expected_errors(400, 401, 403, 404, 409)
    def update(self, req, role_id, body):
        """Rename or describe a role. 200."""
        self.authorize(req, rules.UPDATE_ROLE, rules.flat_target(role={'id': role_id}))
        return {'role': views.role(self.url(req), self.roles.update(role_id, body['role']))}

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def delete(self, req, role_id):
        """Delete a role, its grants and rules; its holders' tokens are revoked. 204."""
        self.authorize(req, rules.DELETE_ROLE, rules.flat_target(role={'id': role_id}))
        self.roles.delete(role_id)


class ImpliedRolesController(base.AdminController):
    """The rules "whoever holds the prior role holds the implied one too"."""

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def index(self, req, prior_role_id):
        """``GET /v3/roles/{prior}/implies``: the roles it implies directly. 200."""
        self.authorize(req, rules.LIST_IMPLIED_ROLES)
        prior, implied = self.roles.implies(prior_role_id)
        return views.role_implications(self.url(req), prior, implied)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def show(self, req, prior_role_id, implied_role_id):
        """One rule. 200; 404 for an unknown role or when it does not hold."""
        self.authorize(req, rules.GET_IMPLIED_ROLE)
        return views.role_inference(self.url(req),
                                    *self.roles.implied(prior_role_id, implied_role_id))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def check(self, req, prior_role_id, implied_role_id):
        """``HEAD``: 204 when the rule holds (Keystone's, not 200), 404 otherwise."""
        self.authorize(req, rules.CHECK_IMPLIED_ROLE)
        self.roles.implied(prior_role_id, implied_role_id)

    @validation.schema(schemas.no_body)
    @controller.expected_errors(401, 403, 404)
    @controller.response(201)
    def create(self, req, prior_role_id, implied_role_id, body=None):
        """Make the prior role imply the other. 201; 403 for ``admin`` or a domain's role."""
        self.authorize(req, rules.CREATE_IMPLIED_ROLE)
        return views.role_inference(self.url(req),
                                    *self.roles.create_implied(prior_role_id, implied_role_id))

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def delete(self, req, prior_role_id, implied_role_id):
        """Remove the rule. 204; 404 when it does not hold."""
        self.authorize(req, rules.DELETE_IMPLIED_ROLE)
        self.roles.delete_implied(prior_role_id, implied_role_id)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403)
    def inferences(self, req):
        """``GET /v3/role_inferences``: every rule, by prior role. 200."""
        self.authorize(req, rules.LIST_ROLE_INFERENCE_RULES)
        return views.role_inferences(req, self.url(req), self.roles.inferences())
