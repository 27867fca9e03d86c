"""The identity API's admin and self-service routes (domains, projects, users, roles, grants,
application credentials), merged into :data:`nova_api.identity.router.ROUTES`.

Keystone's paths and methods; ``HEAD`` where Keystone answers it (a grant or an
implied role checked, 204). Updates are ``PATCH``, as in Keystone. A project's id
is ``{id}`` or ``{target_id}`` in the paths: the framework takes a ``project_id``
path argument for the compute API's URL prefix.
"""

from __future__ import annotations

from collections.abc import Mapping

from nova_api.api import router
from nova_api.identity.admin.controllers import application_credentials
from nova_api.identity.admin.controllers import assignments
from nova_api.identity.admin.controllers import resources
from nova_api.identity.admin.controllers import roles
from nova_api.identity.admin.controllers import users

_GRANT = {'PUT': 'grant', 'GET': 'check', 'HEAD': 'check', 'DELETE': 'revoke'}


def _methods(controller: str, methods: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """The path's methods; ``HEAD`` answers as ``GET`` does (without the body) unless told."""
    routed = {verb: (controller, action) for verb, action in methods.items()}
    if 'GET' in routed:
        routed.setdefault('HEAD', routed['GET'])
    return routed


ROUTES: router.RouteTable = (
    ('/v3/domains', _methods('domains', {'GET': 'index', 'POST': 'create'})),
    ('/v3/domains/{domain_id}', _methods('domains', {'GET': 'show', 'PATCH': 'update',
                                                     'DELETE': 'delete'})),
    ('/v3/projects', _methods('projects', {'GET': 'index', 'POST': 'create'})),
    ('/v3/projects/{id}', _methods('projects', {'GET': 'show', 'PATCH': 'update',
                                                        'DELETE': 'delete'})),
    ('/v3/users', _methods('users', {'GET': 'index', 'POST': 'create'})),
    ('/v3/users/{user_id}', _methods('users', {'GET': 'show', 'PATCH': 'update',
                                               'DELETE': 'delete'})),
    ('/v3/users/{user_id}/password', _methods('users', {'POST': 'change_password'})),
    ('/v3/users/{user_id}/projects', _methods('projects', {'GET': 'for_user'})),
    ('/v3/roles', _methods('roles', {'GET': 'index', 'POST': 'create'})),
    ('/v3/roles/{role_id}', _methods('roles', {'GET': 'show', 'PATCH': 'update',
                                               'DELETE': 'delete'})),
    ('/v3/roles/{prior_role_id}/implies', _methods('implied_roles', {'GET': 'index'})),
    ('/v3/roles/{prior_role_id}/implies/{implied_role_id}', _methods('implied_roles', {
        'PUT': 'create', 'GET': 'show', 'HEAD': 'check', 'DELETE': 'delete'})),
    ('/v3/role_inferences', _methods('implied_roles', {'GET': 'inferences'})),
    ('/v3/projects/{target_id}/users/{user_id}/roles', _methods('project_grants',
                                                                {'GET': 'index'})),
    ('/v3/projects/{target_id}/users/{user_id}/roles/{role_id}',
     _methods('project_grants', _GRANT)),
    ('/v3/domains/{target_id}/users/{user_id}/roles', _methods('domain_grants',
                                                               {'GET': 'index'})),
    ('/v3/domains/{target_id}/users/{user_id}/roles/{role_id}',
     _methods('domain_grants', _GRANT)),
    ('/v3/role_assignments', _methods('role_assignments', {'GET': 'index'})),
    ('/v3/users/{user_id}/application_credentials', _methods('application_credentials', {
        'GET': 'index', 'POST': 'create'})),
    ('/v3/users/{user_id}/application_credentials/{application_credential_id}',
     _methods('application_credentials', {'GET': 'show', 'DELETE': 'delete'})),
)

CONTROLLERS: Mapping[str, router.Factory] = {
    'domains': resources.DomainsController,
    'projects': resources.ProjectsController,
    'users': users.UsersController,
    'roles': roles.RolesController,
    'implied_roles': roles.ImpliedRolesController,
    'project_grants': assignments.ProjectGrantsController,
    'domain_grants': assignments.DomainGrantsController,
    'role_assignments': assignments.RoleAssignmentsController,
    'application_credentials': application_credentials.ApplicationCredentialsController,
}
