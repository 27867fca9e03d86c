"""The built-in identity's route table, and its router: the Compute framework with Keystone's errors.

``ROUTES`` is this module's (version discovery, tokens) followed by
:mod:`nova_api.identity.admin_routes`'s (the admin and self-service calls).
Paths are below ``/identity``; there is no project id prefix and no
microversion. Authentication is each controller's business, as in Keystone:
version discovery and ``POST /v3/auth/tokens`` need no token.
"""

from __future__ import annotations

from collections.abc import Mapping

from nova_api import deploy
from nova_api import policy
from nova_api.api import router
from nova_api.identity import admin_routes
from nova_api.identity import caller
from nova_api.identity import faults
from nova_api.identity.controllers import auth
from nova_api.identity.controllers import legacy
from nova_api.identity.controllers import versions

#: path -> {HTTP method: (controller name, controller method)}; every other method is a 405.
_ROUTES: router.RouteTable = (
    ('', {'GET': ('versions', 'index')}),
    ('/', {'GET': ('versions', 'index')}),
    ('/v3', {'GET': ('versions', 'v3')}),
    ('/v3/', {'GET': ('versions', 'v3')}),
    ('/v2.0', {'GET': ('versions', 'v2')}),
    ('/v2.0/', {'GET': ('versions', 'v2')}),
    ('/v3/auth/tokens', {'POST': ('auth_tokens', 'create'), 'GET': ('auth_tokens', 'show'),
                         'HEAD': ('auth_tokens', 'show'), 'DELETE': ('auth_tokens', 'delete')}),
    ('/v3/auth/projects', {'GET': ('auth_scopes', 'projects'), 'HEAD': ('auth_scopes', 'projects')}),
    ('/v3/auth/domains', {'GET': ('auth_scopes', 'domains'), 'HEAD': ('auth_scopes', 'domains')}),
    ('/v3/auth/catalog', {'GET': ('auth_scopes', 'catalog'), 'HEAD': ('auth_scopes', 'catalog')}),
    ('/v2.0/tokens', {'POST': ('legacy_tokens', 'create')}),
)

_CONTROLLERS: Mapping[str, router.Factory] = {
    'versions': versions.VersionsController,
    'auth_tokens': auth.AuthTokensController,
    'auth_scopes': auth.AuthScopesController,
    'legacy_tokens': legacy.LegacyTokensController,
}

ROUTES: router.RouteTable = _ROUTES + admin_routes.ROUTES
CONTROLLERS: Mapping[str, router.Factory] = {**_CONTROLLERS, **admin_routes.CONTROLLERS}


def build(services: router.Services) -> caller.CallerContext:
    """The router of :data:`ROUTES`, answering errors in Keystone's format, behind the caller's
    token validation."""
    api = router.APIRouter(ROUTES, CONTROLLERS, {}, project_id_regex=None, services=services,
                           negotiate_version=False, errors=faults.render)
    return caller.CallerContext(api, services.identity)


def app_factory(global_conf: dict, **local_conf: str) -> caller.CallerContext:
    """paste.deploy app factory: the built-in identity API."""
    conf = deploy.conf_from(global_conf)
    # Built once per worker; the database connects on first use, after the fork.
    services = router.Services(identity=deploy.identity_from(global_conf),
                               policy=policy.Enforcer(conf))
    return build(services)
