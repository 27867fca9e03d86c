"""Who calls the identity API: the ``X-Auth-Token`` validated in-process, as a request context.

The identity API authenticates in its controllers, as Keystone does:
version discovery and ``POST /v3/auth/tokens`` need no token, everything
else does. :class:`CallerContext` runs in front of the router and, when the
request carries a valid token, puts the token and its request context in the
environ; a controller that needs a caller asks :func:`token_of` (401 if there
is none). An invalid token is simply no caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from nova_api import context as nova_context
from nova_api import exception
from nova_api.identity import tokens

LOG = logging.getLogger(__name__)

ENV_TOKEN = 'nova_api.identity.token'


def context_of(environ: dict, token: tokens.Token, token_id: str | None = None
               ) -> nova_context.RequestContext:
    """The request context of a validated token."""
    return nova_context.RequestContext(
        request_id=nova_context.request_id(environ),
        global_request_id=nova_context.global_request_id(environ),
        remote_address=environ.get('REMOTE_ADDR'),
        auth_token=token_id, user_id=token.user_id, user_name=token.user_name,
        user_domain_id=token.user_domain_id, user_domain_name=token.user_domain_name,
        project_id=token.project_id, project_name=token.project_name,
        project_domain_id=token.project_domain_id, project_domain_name=token.project_domain_name,
        domain_id=token.domain_id, domain_name=token.domain_name, roles=list(token.roles))


def token_of(environ: dict) -> tokens.Token:
    """The caller's valid token; Keystone's 401 when the request has none."""
    token = environ.get(ENV_TOKEN)
    if token is None:
        raise exception.IdentityUnauthorized(reason='no valid X-Auth-Token')
    return token


class CallerContext:
    """Validate ``X-Auth-Token`` when there is one, and set the caller for the controllers."""

    def __init__(self, application: Callable, identity: Any):
        self.application = application
        self.identity = identity

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        environ.pop(ENV_TOKEN, None)
        token_id = environ.get('HTTP_X_AUTH_TOKEN', '').strip()
        if token_id:
            try:
                token = self.identity.validator.validate(token_id)
            except tokens.InvalidToken as exc:
                LOG.debug('X-Auth-Token does not validate: %s', exc)
            else:
                environ[ENV_TOKEN] = token
                nova_context.set_in_environ(environ, context_of(environ, token, token_id))
        return self.application(environ, start_response)
