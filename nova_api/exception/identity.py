"""The identity API's errors, with Keystone's codes and words.

As in Keystone (outside its ``insecure_debug`` mode), every failed
authentication is the same 401: wrong password, unknown user, disabled or
locked-out account, a project the user has no role on. The reason goes to the
log, never to the caller.
"""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotAuthorized
from nova_api.exception.base import NotFound


class IdentityUnauthorized(NotAuthorized):
    """Any failed authentication; ``reason`` is for the log only."""

    msg_fmt = 'The request you have made requires authentication.'

    def __init__(self, reason: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.reason = reason or self.message


class AuthMethodNotSupported(NotAuthorized):
    msg_fmt = 'Attempted to authenticate with an unsupported method.'


class ApplicationCredentialAuthError(NotAuthorized):
    msg_fmt = 'Error authenticating with application credential: %(detail)s'


class IdentityValidationError(Invalid):
    """Keystone's ValidationError: something the request must carry is missing."""

    msg_fmt = ('Expecting to find %(attribute)s in %(target)s. The server could not comply with '
               'the request since it is either malformed or otherwise incorrect. The client is '
               'assumed to be in error.')


class IdentitySchemaError(Invalid):
    """Keystone's SchemaValidationError: the body breaks the API's schema."""

    msg_fmt = '%(detail)s'


class TokenNotFound(NotFound):
    msg_fmt = 'Could not find token: %(token_id)s.'


class IdentityForbidden(Forbidden):
    msg_fmt = 'You are not authorized to perform the requested action.'


class IdentityForbiddenAction(Forbidden):
    msg_fmt = 'You are not authorized to perform the requested action: %(action)s.'


class IdentityNotFound(NotFound):
    """Keystone's NotFound family: ``Could not find <what>: <id>.``"""

    msg_fmt = 'Could not find %(what)s: %(id)s.'


class IdentityConflict(Conflict):
    msg_fmt = 'Conflict occurred attempting to store %(type)s - %(details)s.'
