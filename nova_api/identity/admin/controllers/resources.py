"""``/v3/domains``, ``/v3/projects`` and ``/v3/users/{user_id}/projects``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import schemas
from nova_api.identity.admin import views
from nova_api.identity.admin.controllers import base
from nova_api.policies import identity as rules


def _project_target(found, project_id: str) -> dict:
    if found is None:
        return rules.flat_target(project={'id': project_id})
    return rules.flat_target(project={'id': found.id, 'domain_id': found.domain_id})


class DomainsController(base.AdminController):
    """Domains: list, show, create, update, delete (once disabled)."""

    @validation.query_schema(schemas.domain_index_query)
    @controller.expected_errors(400, 401, 403)
    def index(self, req):
        """Domains by name; ``name`` and ``enabled`` filter. 200."""
        ctx = self.caller(req)
        self.policy.authorize(ctx, rules.LIST_DOMAINS,
                              rules.flat_target(domain={'id': ctx.domain_id}))
        found = self.domains.list({'name': base.first(req, 'name'),
                                   'enabled': base.first(req, 'enabled')})
        return views.collection(req, 'domains', [views.domain(self.url(req), d) for d in found])

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def show(self, req, domain_id):
        """One domain. 200; 404 when there is none."""
        self.authorize(req, rules.GET_DOMAIN, rules.flat_target(domain={'id': domain_id}))
        return {'domain': views.domain(self.url(req), self.domains.require(domain_id))}

    @validation.schema(schemas.domain_create)
    @controller.expected_errors(400, 401, 403, 409)
    @controller.response(201)
    def create(self, req, body):
        """A new domain. 201; 409 for a name (or explicit id) already taken."""
        self.authorize(req, rules.CREATE_DOMAIN)
        return {'domain': views.domain(self.url(req), self.domains.create(body['domain']))}

    @validation.schema(schemas.domain_update)
    @controller.expected_errors(400, 401, 403, 404, 409)
    def update(self, req, domain_id, body):
        """Change a domain (disabling revokes its tokens). 200."""
        self.authorize(req, rules.UPDATE_DOMAIN, rules.flat_target(domain={'id': domain_id}))
        return {'domain': views.domain(self.url(req),
                                       self.domains.update(domain_id, body['domain']))}

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def delete(self, req, domain_id):
        """Delete a disabled domain and all it holds. 204; 403 while it is enabled."""
        self.authorize(req, rules.DELETE_DOMAIN, rules.flat_target(domain={'id': domain_id}))
        self.domains.delete(domain_id)


class ProjectsController(base.AdminController):
    """Projects: list, show, create, update, delete; a user's projects."""

    @validation.query_schema(schemas.project_index_query)
    @controller.expected_errors(400, 401, 403)
    def index(self, req):
        """Projects by name; ``name``, ``domain_id``, ``enabled``, ``parent_id`` filter. 200."""
        filters = {key: base.first(req, key)
                   for key in ('name', 'domain_id', 'enabled', 'parent_id', 'is_domain')}
        self.authorize(req, rules.LIST_PROJECTS, rules.flat_target(domain_id=filters['domain_id']))
        found = self.projects.list(filters)
        return views.collection(req, 'projects', [views.project(self.url(req), p) for p in found])

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def show(self, req, id):  # noqa: A002 - the route's name
        """One project. 200; 404 when there is none."""
        found = self.projects.get(id)
        self.authorize(req, rules.GET_PROJECT, _project_target(found, id))
        if found is None:
            raise exceptions.ProjectNotFound(project_id=id)
        return {'project': views.project(self.url(req), found)}

    @validation.schema(schemas.project_create)
    @controller.expected_errors(400, 401, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body):
        """A new project (in the default domain unless told). 201; 409 for a taken name."""
        attributes = body['project']
        ctx = self.caller(req)
        domain_id = attributes.get('domain_id') or self.default_domain(ctx)
        self.policy.authorize(ctx, rules.CREATE_PROJECT,
                              rules.flat_target(project={'domain_id': domain_id}))
        created = self.projects.create(dict(attributes, domain_id=domain_id), domain_id)
        return {'project': views.project(self.url(req), created)}

    @validation.schema(schemas.project_update)
    @controller.expected_errors(400, 401, 403, 404, 409)
    def update(self, req, id, body):  # noqa: A002
        """Change a project (disabling revokes its tokens). 200."""
        self.authorize(req, rules.UPDATE_PROJECT,
                       _project_target(self.projects.get(id), id))
        return {'project': views.project(self.url(req),
                                         self.projects.update(id, body['project']))}

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def delete(self, req, id):  # noqa: A002
        """Delete a project with no children; its grants go and its tokens are revoked. 204."""
        self.authorize(req, rules.DELETE_PROJECT,
                       _project_target(self.projects.get(id), id))
        self.projects.delete(id)

    @validation.query_schema(schemas.user_projects_query)
    @controller.expected_errors(400, 401, 403, 404)
    def for_user(self, req, user_id):
        """``GET /v3/users/{user_id}/projects``: where the user holds a role. 200."""
        found_user = self.users.get(user_id)
        self.authorize(req, rules.LIST_USER_PROJECTS, rules.flat_target(user={
            'id': user_id, 'domain_id': found_user.domain_id if found_user else None}))
        filters = {key: base.first(req, key) for key in ('name', 'domain_id', 'enabled')}
        found = self.projects.list_for_user(user_id, filters)
        return views.collection(req, 'projects', [views.project(self.url(req), p) for p in found])
