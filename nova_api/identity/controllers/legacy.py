"""``POST /v2.0/tokens``: Keystone's v2.0 token call, for old tools, on the v3 rules.

``passwordCredentials`` (a user of the default domain, by name) or ``token``,
scoped by ``tenantName`` or ``tenantId`` (projects of the default domain);
the answer is v2.0's ``access`` document. Everything else of v2.0 is gone
from Keystone since Queens, and not served.
"""

from __future__ import annotations

from typing import Any

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity import views
from nova_api.identity.controllers import base
from nova_api.identity.schemas import auth as schemas

#: v2.0 knows one domain.
DEFAULT_DOMAIN_ID = 'default'


def v3_request(body: Any) -> dict[str, Any]:
    """The v3 request a v2.0 token request stands for; Keystone's 400 when it stands for none."""
    auth = body.get('auth') if isinstance(body, dict) else None
    if not isinstance(auth, dict):
        raise exception.IdentityValidationError(attribute='auth', target='request body')
    credentials = auth.get('passwordCredentials')
    token = auth.get('token')
    if isinstance(credentials, dict):
        user: dict[str, Any] = {'password': credentials.get('password')}
        if credentials.get('userId'):
            user['id'] = credentials['userId']
        elif credentials.get('username'):
            user.update(name=credentials['username'],
                        domain={'id': DEFAULT_DOMAIN_ID})
        else:
            raise exception.IdentityValidationError(attribute='username',
                                                    target='passwordCredentials')
        identity = {'methods': ['password'], 'password': {'user': user}}
    elif isinstance(token, dict):
        if not token.get('id'):
            raise exception.IdentityValidationError(attribute='id', target='token')
        identity = {'methods': ['token'], 'token': {'id': token['id']}}
    else:
        raise exception.IdentityValidationError(attribute='passwordCredentials or token',
                                                target='auth')
    request: dict[str, Any] = {'identity': identity}
    if auth.get('tenantId'):
        request['scope'] = {'project': {'id': auth['tenantId']}}
    elif auth.get('tenantName'):
        request['scope'] = {'project': {'name': auth['tenantName'],
                                        'domain': {'id': DEFAULT_DOMAIN_ID}}}
    else:
        request['scope'] = 'unscoped'
    return {'auth': request}


class LegacyTokensController(base.IdentityController):
    """``/v2.0/tokens``."""

    @validation.schema(schemas.issue)
    @controller.expected_errors(400, 401, 403, 404)
    def create(self, req, body):
        """A token in v2.0's ``access`` document. 200 (v2.0's code); 400, 401, 404 as v3."""
        token_id, issued = self.identity.tokens.issue(v3_request(body))
        return views.access(token_id, issued, req, self.identity)
