"""The development identity service: Keystone v3 token issuing and look-ups, through the real pipeline."""

from __future__ import annotations

import pytest


def password_auth(user='alice', project=None, password='anything', by='name'):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {by: user, 'domain': {'name': 'Default'}, 'password': password}}}}}
    if project is not None:
        body['auth']['scope'] = {'project': {by: project, 'domain': {'name': 'Default'}}}
    return body


def assert_keystone_error(response, code):
    assert response.status_int == code
    error = response.json['error']
    assert error['code'] == code and error['message'] and error['title']


def test_version_discovery_points_at_v3(pipeline, api_request):
    response = api_request(pipeline, '/identity/v3')

    assert response.status_int == 200
    assert response.json['version']['id'].startswith('v3.')
    assert response.json['version']['links'] == [
        {'rel': 'self', 'href': 'http://localhost/identity/v3/'}]


def test_a_password_scoped_to_a_project_gets_the_noauth2_token_and_the_catalog(
        pipeline, api_request):
    response = api_request(pipeline, '/identity/v3/auth/tokens', 'POST', password_auth('alice', 'demo'))

    assert response.status_int == 201
    assert response.headers['X-Subject-Token'] == 'alice:demo'
    token = response.json['token']
    assert token['project']['id'] == 'demo' and token['user']['id'] == 'alice'
    assert sorted(role['name'] for role in token['roles']) == ['member', 'reader']
    compute, image, network, identity = token['catalog']
    assert compute['type'] == 'compute'
    assert {endpoint['url'] for endpoint in compute['endpoints']} == {'http://localhost/v2.1'}
    assert (image['type'], image['name']) == ('image', 'glance')
    assert {endpoint['url'] for endpoint in image['endpoints']} == {'http://localhost/image'}
    assert (network['type'], network['name']) == ('network', 'neutron')
    assert {endpoint['url'] for endpoint in network['endpoints']} == {'http://localhost/network'}
    assert identity['type'] == 'identity'
    assert {endpoint['url'] for endpoint in identity['endpoints']} == {'http://localhost/identity'}
    assert sorted(endpoint['interface'] for endpoint in compute['endpoints']) == [
        'admin', 'internal', 'public']


def test_the_admin_user_gets_the_admin_role(pipeline, api_request):
    response = api_request(pipeline, '/identity/v3/auth/tokens', 'POST',
                           password_auth('admin', 'admin', by='id'))

    assert 'admin' in [role['name'] for role in response.json['token']['roles']]


def test_the_issued_token_is_accepted_by_the_compute_api(pipeline, api_request):
    token = api_request(pipeline, '/identity/v3/auth/tokens', 'POST',
                        password_auth('alice', 'demo')).headers['X-Subject-Token']

    response = api_request(pipeline, '/v2.1/nothing-here', token=token)

    assert response.status_int == 404  # past authentication: the route is unknown


def test_an_unscoped_token_has_no_catalog(pipeline, api_request):
    response = api_request(pipeline, '/identity/v3/auth/tokens', 'POST', password_auth('alice'))

    assert response.status_int == 201
    assert 'catalog' not in response.json['token']
    assert response.headers['X-Subject-Token'] == 'alice:'


def test_a_token_can_be_rescoped(pipeline, api_request):
    body = {'auth': {'identity': {'methods': ['token'], 'token': {'id': 'alice:'}},
                     'scope': {'project': {'id': 'other'}}}}

    response = api_request(pipeline, '/identity/v3/auth/tokens', 'POST', body)

    assert response.headers['X-Subject-Token'] == 'alice:other'


@pytest.mark.parametrize('body, code', [
    (b'{not json', 400),
    ({'auth': {}}, 400),
    ({'auth': {'identity': {'methods': []}}}, 400),
    ({'auth': {'identity': {'methods': ['password'], 'password': {}}}}, 400),
    # Regressions (issue 12): a password or token that is not an object, JSON 1,000 deep,
    # were 500s
    ({'auth': {'identity': {'methods': ['password'], 'password': 'x'}}}, 400),
    ({'auth': {'identity': {'methods': ['password'], 'password': [1]}}}, 400),
    ({'auth': {'identity': {'methods': ['password'], 'password': {'user': 'x'}}}}, 400),
    ({'auth': {'identity': 'x'}}, 400),
    ({'auth': {'identity': {'methods': ['token'], 'token': 'x'}}}, 400),
    (b'{"auth": ' + b'[' * 1000 + b']' * 1000 + b'}', 400),
    (b'{"auth": {"identity": {"methods": ["\\ud800"]}}}', 400),
    ({'auth': {'identity': {'methods': ['password'], 'password': {'user': {'name': 'a'}}}}}, 401),
    ({'auth': {'identity': {'methods': ['totp']}}}, 401),
    (password_auth('al:ice', 'demo'), 400),
    ({'auth': {'identity': {'methods': ['token'], 'token': {'id': 'a:b'}},
               'scope': {'system': {'all': True}}}}, 400),
])
def test_bad_token_requests_get_keystone_errors(pipeline, api_request, body, code):
    response = api_request(pipeline, '/identity/v3/auth/tokens', 'POST', body)

    assert_keystone_error(response, code)


def test_look_ups_need_a_token_and_name_the_thing_asked_for(pipeline, api_request):
    assert_keystone_error(api_request(pipeline, '/identity/v3/projects/demo'), 401)

    project = api_request(pipeline, '/identity/v3/projects?name=demo', token='alice:demo')
    user = api_request(pipeline, '/identity/v3/users/bob', token='alice:demo')

    assert [p['id'] for p in project.json['projects']] == ['demo']
    assert user.json['user']['name'] == 'bob'


def test_unknown_paths_and_methods(pipeline, api_request):
    assert_keystone_error(api_request(pipeline, '/identity/v3/regions', token='a:b'), 404)
    assert_keystone_error(api_request(pipeline, '/identity/v3/auth/tokens', 'DELETE', token='a:b'), 405)
    # Regression: a path that is not UTF-8 text was a 500 (webob decodes path_info)
    assert_keystone_error(api_request(pipeline, '/identity/v3/projects/%ff%fe', token='a:b'), 404)


def test_it_is_not_served_with_keystone_authentication(load_pipeline, sqlite_conf, api_request):
    app = load_pipeline(sqlite_conf(config_text='[api]\nauth_strategy = keystone\n'
                                                '[identity]\nenabled = false\n'))

    response = api_request(app, '/identity/v3/auth/tokens', 'POST', password_auth('alice', 'demo'))

    assert_keystone_error(response, 404)
