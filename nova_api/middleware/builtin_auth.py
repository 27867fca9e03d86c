"""The built-in identity's tokens, validated in-process: keystonemiddleware's auth_token, without HTTP.

With ``[api] auth_strategy = keystone`` and ``[identity] enabled`` the
``authtoken`` filter of etc/api-paste.ini is this one. It opens the token
with the worker's keys, checks its expiry and the worker's revocation cache
(refreshed from the database at most once a second), and sets the identity
headers keystonemiddleware would set, so that the ``keystonecontext`` filter
behind it builds the request context the same way in both modes. Identity
headers the client sent are removed first. No request costs a database
query or a call to anyone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

import webob
from oslo_config import cfg

from nova_api.identity import tokens
from nova_api.identity import views
from nova_api.middleware import auth

LOG = logging.getLogger(__name__)

AUTHTOKEN_GROUP = 'keystone_authtoken'


#: keystonemiddleware's option of that name, declared here rather than imported from it: the
#: built-in identity reads only this one, and keystonemiddleware costs a worker ~11 MiB.
#: tests/unit/middleware/test_builtin_auth_opts.py keeps it the same as keystonemiddleware's.
WWW_AUTHENTICATE_URI_OPT = cfg.StrOpt(
    'www_authenticate_uri',
    help='Complete "public" Identity API endpoint, where unauthenticated clients are sent.')


def _advertised_uri(conf: cfg.ConfigOpts) -> str | None:
    """``[keystone_authtoken] www_authenticate_uri``, when set: where clients are sent to log in."""
    try:
        return conf[AUTHTOKEN_GROUP].www_authenticate_uri  # keystonemiddleware's, if registered
    except (cfg.NoSuchOptError, cfg.NoSuchGroupError, KeyError):
        conf.register_opt(WWW_AUTHENTICATE_URI_OPT, group=AUTHTOKEN_GROUP)
    return conf.keystone_authtoken.www_authenticate_uri


def token_environ(token: tokens.Token) -> dict[str, str]:
    """The identity headers of a valid token, as keystonemiddleware's auth_token sets them."""
    headers = {
        'HTTP_X_IDENTITY_STATUS': 'Confirmed',
        'HTTP_X_USER_ID': token.user_id, 'HTTP_X_USER_NAME': token.user_name,
        'HTTP_X_USER_DOMAIN_ID': token.user_domain_id,
        'HTTP_X_USER_DOMAIN_NAME': token.user_domain_name,
        'HTTP_X_ROLES': ','.join(token.roles),
    }
    if token.project_id:
        headers.update(HTTP_X_PROJECT_ID=token.project_id, HTTP_X_PROJECT_NAME=token.project_name,
                       HTTP_X_PROJECT_DOMAIN_ID=token.project_domain_id,
                       HTTP_X_PROJECT_DOMAIN_NAME=token.project_domain_name)
    elif token.domain_id:
        headers.update(HTTP_X_DOMAIN_ID=token.domain_id, HTTP_X_DOMAIN_NAME=token.domain_name)
    return headers


class BuiltinAuthToken:
    """Validate ``X-Auth-Token`` with the worker's identity layer, as a delayed auth decision:
    without a valid token the request goes on marked ``Invalid``, for the context filter's 401."""

    def __init__(self, application: Callable, conf: cfg.ConfigOpts, identity: Any):
        self.application = application
        self.validator = identity.validator
        self.identity = identity
        self.realm = _advertised_uri(conf)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        for header in auth.IDENTITY_HEADERS:
            environ.pop(header, None)
        token_id = environ.get('HTTP_X_AUTH_TOKEN', '').strip()
        if token_id:
            try:
                token = self.validator.validate(token_id)
            except tokens.InvalidToken as exc:
                LOG.info('Rejected a token: %s', exc)
            else:
                environ.update(token_environ(token))
                return self.application(environ, start_response)
        # The keystonecontext filter behind answers the 401, in the format of the API it guards.
        environ['HTTP_X_IDENTITY_STATUS'] = 'Invalid'
        realm = self.realm or views.identity_url(webob.Request(environ), self.identity)
        environ[auth.ENV_WWW_AUTHENTICATE] = 'Keystone uri="%s"' % realm
        return self.application(environ, start_response)


def filter_factory(conf: cfg.ConfigOpts, identity: Any) -> Callable:
    def make_filter(application: Callable) -> BuiltinAuthToken:
        return BuiltinAuthToken(application, conf, identity)
    return make_filter
