"""Who is calling: the auth strategies and the filters that build the request context.

``[api] auth_strategy`` picks a pipeline from etc/api-paste.ini
(:func:`pipeline_factory`):

- ``noauth2``: ``X-Auth-Token: <user>:<project>`` is trusted as it stands; the
  user ``admin`` gets the admin role. For development and tests only.
- ``keystone``: keystonemiddleware's auth_token validates the token and sets
  identity headers (after removing any the client sent); :class:`KeystoneContext`
  turns them into the context.

Either way the context is built from what was verified, and the identity
headers a client sent are removed before anything else can read them.

Both filters answer 401 in the format of the API they guard: the paste
option ``errors`` names it (``compute``, the default: a Nova fault;
``image``: Glance's; ``network``: Neutron's).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from oslo_config import cfg

from nova_api import context as nova_context
from nova_api import deploy
from nova_api import exception
from nova_api.api import faults
from nova_api.conf import identity as identity_conf
from nova_api.image import faults as image_faults
from nova_api.middleware import base
from nova_api.network import faults as network_faults

AUTH_REQUIRED = 'The request you have made requires authentication.'
#: Where a token validator in front leaves the WWW-Authenticate of its 401 (the built-in identity's).
ENV_WWW_AUTHENTICATE = 'nova_api.www_authenticate'

#: Identity headers that only a token validator may set.
IDENTITY_HEADERS = (
    'HTTP_X_IDENTITY_STATUS', 'HTTP_X_SERVICE_IDENTITY_STATUS',
    'HTTP_X_USER_ID', 'HTTP_X_USER', 'HTTP_X_USER_NAME', 'HTTP_X_USER_DOMAIN_ID',
    'HTTP_X_USER_DOMAIN_NAME', 'HTTP_X_PROJECT_ID', 'HTTP_X_PROJECT_NAME',
    'HTTP_X_PROJECT_DOMAIN_ID', 'HTTP_X_PROJECT_DOMAIN_NAME', 'HTTP_X_TENANT_ID',
    'HTTP_X_TENANT_NAME', 'HTTP_X_TENANT', 'HTTP_X_ROLES', 'HTTP_X_ROLE',
    'HTTP_X_SERVICE_ROLES', 'HTTP_X_IS_ADMIN_PROJECT', 'HTTP_X_SERVICE_CATALOG',
    'HTTP_X_AUTH_PROJECT_ID',
)

#: The noauth2 user who is an administrator.
ADMIN_USER = 'admin'
ADMIN_ROLES = ['admin', 'member', 'reader']
MEMBER_ROLES = ['member', 'reader']


#: The error formats an auth filter can answer in, by the name its paste section gives.
ERROR_FORMATS: dict[str, faults.ErrorRenderer] = {
    'compute': faults.compute_error,
    'image': image_faults.render,
    'network': network_faults.render,
}


class _AuthFilter(base.Middleware):
    """An auth filter: answers 401 in the error format of the API it guards."""

    def __init__(self, application: Callable, conf: cfg.ConfigOpts, errors: str = 'compute'):
        super().__init__(application, conf)
        self.render_error = ERROR_FORMATS[errors]

    @classmethod
    def factory(cls, global_conf: dict[str, Any], **local_conf: str) -> Callable:
        """paste.deploy filter factory; ``errors = image`` for the Image API."""
        errors = local_conf.get('errors', 'compute')
        if errors not in ERROR_FORMATS:
            raise ValueError('errors = %s: not one of %s' % (errors, ', '.join(ERROR_FORMATS)))
        conf = deploy.conf_from(global_conf)

        def make_filter(application: Callable) -> _AuthFilter:
            return cls(application, conf, errors)
        return make_filter

    def unauthorized(self, environ: dict, start_response: Callable,
                     realm: str) -> Iterable[bytes]:
        error = exception.NotAuthorized(AUTH_REQUIRED)
        error.headers = {'WWW-Authenticate': realm}
        return self.render_error(environ, error, faults.NO_WORDING)(environ, start_response)


def _context(environ: dict, **identity: Any) -> nova_context.RequestContext:
    return nova_context.RequestContext(
        request_id=nova_context.request_id(environ),
        global_request_id=nova_context.global_request_id(environ),
        remote_address=environ.get('REMOTE_ADDR'),
        **identity)


class NoAuth2(_AuthFilter):
    """Development authentication: the token names the user and the project."""

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        token = environ.get('HTTP_X_AUTH_TOKEN', '').strip()
        for header in IDENTITY_HEADERS:
            environ.pop(header, None)
        if not token:
            return self.unauthorized(environ, start_response, 'NoAuth2 realm="nova_api"')
        user_id, _sep, project_id = token.partition(':')
        is_admin = user_id == ADMIN_USER
        ctx = _context(environ, user_id=user_id, project_id=project_id or user_id,
                       roles=list(ADMIN_ROLES if is_admin else MEMBER_ROLES),
                       is_admin=is_admin)
        nova_context.set_in_environ(environ, ctx)
        return self.application(environ, start_response)


class KeystoneContext(_AuthFilter):
    """Build the context from the headers keystonemiddleware's auth_token set."""

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get('HTTP_X_IDENTITY_STATUS') != 'Confirmed':
            return self.unauthorized(environ, start_response,
                                     environ.get(ENV_WWW_AUTHENTICATE, 'Keystone'))
        roles = [r.strip() for r in environ.get('HTTP_X_ROLES', '').split(',') if r.strip()]
        ctx = _context(
            environ,
            user_id=environ.get('HTTP_X_USER_ID'),
            project_id=environ.get('HTTP_X_PROJECT_ID'),
            user_name=environ.get('HTTP_X_USER_NAME'),
            project_name=environ.get('HTTP_X_PROJECT_NAME'),
            user_domain_id=environ.get('HTTP_X_USER_DOMAIN_ID'),
            project_domain_id=environ.get('HTTP_X_PROJECT_DOMAIN_ID'),
            roles=roles,
            auth_token=environ.get('HTTP_X_AUTH_TOKEN'))
        nova_context.set_in_environ(environ, ctx)
        return self.application(environ, start_response)


def authtoken_factory(global_conf: dict, **local_conf: str) -> Callable:
    """The token validator: the built-in identity's, in-process, when it is served
    (nova_api.middleware.builtin_auth); else keystonemiddleware auth_token, configured from our
    ConfigOpts ([keystone_authtoken])."""
    conf = deploy.conf_from(global_conf)
    if identity_conf.is_built_in(conf):
        from nova_api.middleware import builtin_auth  # the identity layer only where it is served

        return builtin_auth.filter_factory(conf, deploy.identity_from(global_conf))

    # Imported here: keystonemiddleware (with keystoneauth1, requests and oslo.cache) costs
    # ~11 MiB and 2 s per process, and only an external Keystone needs it.
    from keystonemiddleware import auth_token

    def make_filter(application: Callable) -> Callable:
        return auth_token.AuthProtocol(application, dict(local_conf, oslo_config_config=conf))
    return make_filter


def pipeline_factory(loader, global_conf: dict, **local_conf: str) -> Callable:
    """The pipeline of ``[api] auth_strategy``, from the composite's options."""
    conf = deploy.conf_from(global_conf)
    names = local_conf[conf.api.auth_strategy].split()
    app = loader.get_app(names[-1])
    for name in reversed(names[:-1]):
        app = loader.get_filter(name)(app)
    return app
