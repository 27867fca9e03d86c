"""Grants (``/v3/{projects|domains}/{id}/users/{user_id}/roles[/{role_id}]``) and ``/v3/role_assignments``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity.admin import assignments
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import schemas
from nova_api.identity.admin import views
from nova_api.identity.admin.controllers import base
from nova_api.policies import identity as rules


class _GrantsController(base.AdminController):
    """A user's roles on one kind of target (projects or domains)."""

    kind = assignments.PROJECT

    def _target(self, target_id: str, user_id: str, role_id: str | None = None) -> dict:
        """The policy target Keystone builds: the user, the project or domain, the role."""
        target, user, role = self.assignments.resolve(self.kind, target_id, user_id, role_id)
        parts: dict = {'user': {'id': user_id, 'domain_id': user.domain_id if user else None}}
        if self.kind == assignments.PROJECT:
            parts['project'] = {'id': target_id, 'domain_id': target.domain_id if target else None}
        else:
            parts['domain'] = {'id': target_id}
        if role is not None:
            parts['role'] = {'id': role.id, 'name': role.name, 'domain_id': role.domain_id}
        return rules.flat_target(**parts)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def index(self, req, target_id, user_id):
        """The roles granted to the user there (directly). 200."""
        self.authorize(req, rules.LIST_GRANTS, self._target(target_id, user_id))
        found = self.assignments.roles_of(self.kind, target_id, user_id)
        return views.collection(req, 'roles', [views.role(self.url(req), r) for r in found])

    @validation.schema(schemas.no_body)
    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def grant(self, req, target_id, user_id, role_id, body=None):
        """Grant the role (again: no change). 204; 404 for an unknown role, user or target."""
        self.authorize(req, rules.CREATE_GRANT, self._target(target_id, user_id, role_id))
        self.assignments.grant(self.kind, target_id, user_id, role_id)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def check(self, req, target_id, user_id, role_id):
        """``GET``/``HEAD``: 204 when the grant exists, 404 otherwise."""
        self.authorize(req, rules.CHECK_GRANT, self._target(target_id, user_id, role_id))
        self.assignments.check(self.kind, target_id, user_id, role_id)

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def revoke(self, req, target_id, user_id, role_id):
        """Take the role away; the user's tokens (and credentials) there are revoked. 204."""
        self.authorize(req, rules.REVOKE_GRANT, self._target(target_id, user_id, role_id))
        self.assignments.revoke(self.kind, target_id, user_id, role_id)


class ProjectGrantsController(_GrantsController):
    kind = assignments.PROJECT


class DomainGrantsController(_GrantsController):
    kind = assignments.DOMAIN


class RoleAssignmentsController(base.AdminController):
    """``GET /v3/role_assignments``."""

    @validation.query_schema(schemas.role_assignments_query)
    @controller.expected_errors(400, 401, 403)
    def index(self, req):
        """Assignments filtered by ``user.id``, ``role.id``, ``scope.project.id``,
        ``scope.domain.id``; ``effective`` adds the implied roles, ``include_names`` the names.
        200; 400 for both scopes at once, or ``effective`` with a group."""
        filters = assignments.AssignmentFilters(
            user_id=base.first(req, 'user.id'), role_id=base.first(req, 'role.id'),
            project_id=base.first(req, 'scope.project.id'),
            domain_id=base.first(req, 'scope.domain.id'),
            effective=base.key_only(req, 'effective'),
            include_names=base.key_only(req, 'include_names'))
        if filters.project_id and filters.domain_id:
            raise exceptions.IdentityInvalid(
                message='Specify a domain or project, not both')
        if filters.effective and base.first(req, 'group.id'):
            raise exceptions.IdentityInvalid(
                message='Combining effective and group filter will always result in an '
                        'empty list.')
        ctx = self.caller(req)
        self.policy.authorize(ctx, rules.LIST_ROLE_ASSIGNMENTS,
                              rules.flat_target(domain_id=ctx.domain_id))
        if base.first(req, 'group.id'):
            return views.role_assignments(req, self.url(req), [])  # there are no groups
        found, names = self.assignments.list(filters)
        return views.role_assignments(req, self.url(req), found, names)
