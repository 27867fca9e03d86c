"""What is wrong with a token request's body, in Keystone's order and words (keystone/auth/schema.py,
keystone/auth/core.py): the schema, then the ids and names, then each method's data and the scope."""

from __future__ import annotations

import pytest

from .conftest import ADMIN_PASSWORD

KEYSTONE_TAIL = (' The server could not comply with the request since it is either malformed or '
                 'otherwise incorrect. The client is assumed to be in error.')


def _password(user: dict) -> dict:
    return {'auth': {'identity': {'methods': ['password'], 'password': {'user': user}}}}


def _scoped(scope) -> dict:
    body = _password({'name': 'admin', 'domain': {'id': 'default'}, 'password': ADMIN_PASSWORD})
    body['auth']['scope'] = scope
    return body


@pytest.mark.parametrize('body, message', [
    (None, 'Expecting to find auth in request body.' + KEYSTONE_TAIL),
    ({'auth': None}, 'Expecting to find auth in request body.' + KEYSTONE_TAIL),
    ({'auth': {}}, "'identity' is a required property"),
    ({'auth': 'password'}, "'password' is not of type 'object'"),
    ({'auth': {'identity': {}}}, "Invalid input for field 'identity': 'methods' is a required "
                                 "property"),
    ({'auth': {'identity': {'methods': 'password'}}},
     "Invalid input for field 'identity/methods': 'password' is not of type 'array'"),
    ({'auth': {'identity': {'methods': [7]}}},
     "Invalid input for field 'identity/methods/0': 7 is not of type 'string'"),
    ({'auth': {'identity': {'methods': ['password']}}},
     'Expecting to find password in identity.' + KEYSTONE_TAIL),
    ({'auth': {'identity': {'methods': ['password'], 'password': []}}},
     "Invalid input for field 'identity/password': [] is not of type 'object'"),
    ({'auth': {'identity': {'methods': ['password'], 'password': {}}}},
     'Expecting to find user in password.' + KEYSTONE_TAIL),
    (_password({'password': 'x'}),
     'Invalid input for field identity/password/user: id or name must be present.'),
    (_password({'name': 'admin', 'password': 'x'}), 'Expecting to find domain in user.' + KEYSTONE_TAIL),
    (_password({'name': 'admin', 'domain': {}, 'password': 'x'}),
     'Invalid input for field identity/password/user/domain: id or name must be present.'),
    (_password({'name': 'admin', 'domain': {'id': ''}, 'password': 'x'}),
     'Expecting to find id or name in domain.' + KEYSTONE_TAIL),
    (_password({'id': 'u1', 'password': 12345}),
     "Invalid input for field 'identity/password/user/password': 12345 is not of type 'string'"),
    ({'auth': {'identity': {'methods': ['token'], 'token': {}}}},
     "Invalid input for field 'identity/token': 'id' is a required property"),
    ({'auth': {'identity': {'methods': ['token'], 'token': {'id': 5}}}},
     "Invalid input for field 'identity/token/id': 5 is not of type 'string'"),
    (_scoped(7), "Invalid input for field 'scope': 7 is not of type 'object', 'string'"),
    (_scoped({}), 'Expecting to find system, project, domain, OS-TRUST:trust or unscoped in '
                  'scope.' + KEYSTONE_TAIL),
    (_scoped({'project': {'name': 'admin'}}), 'Expecting to find domain in project.' + KEYSTONE_TAIL),
    # A name wins over an id, so it needs its domain even then.
    (_scoped({'project': {'id': 'p1', 'name': 'admin'}}),
     'Expecting to find domain in project.' + KEYSTONE_TAIL),
    (_scoped({'project': {}}), 'Invalid input for field scope/project: id or name must be present.'),
    (_scoped({'project': {'name': 'admin', 'domain': {}}}),
     'Invalid input for field scope/project/domain: id or name must be present.'),
    (_scoped({'domain': {'name': 7}}), "Invalid input for field 'scope/domain/name': 7 is not of "
                                       "type 'string'"),
    (_scoped({'system': {'all': 'yes'}}),
     "Invalid input for field 'scope/system/all': 'yes' is not of type 'boolean'"),
])
def test_a_malformed_token_request_is_keystones_400(keystone_pipeline, api_request, body, message):
    response = api_request(keystone_pipeline(), '/identity/v3/auth/tokens', 'POST',
                           'null' if body is None else body)

    assert response.status_int == 400, response.text
    assert response.json['error'] == {'code': 400, 'title': 'Bad Request', 'message': message}


def test_a_request_naming_no_method_is_a_401_as_in_keystone(keystone_pipeline, api_request):
    body = {'auth': {'identity': {'methods': []}}}

    response = api_request(keystone_pipeline(), '/identity/v3/auth/tokens', 'POST', body)

    assert response.status_int == 401
    assert response.json['error']['title'] == 'Unauthorized'


def test_the_string_unscoped_is_an_explicitly_unscoped_request(keystone_pipeline, api_request):
    response = api_request(keystone_pipeline(), '/identity/v3/auth/tokens', 'POST',
                           _scoped('unscoped'))

    assert response.status_int == 201, response.text
    assert 'project' not in response.json['token']
