"""The built-in identity's admin calls against the real daemon: the stories clients and tempest tell.

The daemon serves ``[api] auth_strategy = keystone`` with the built-in
identity; every caller logs in with a real password (the bootstrap admin,
or users these tests create) and every compute call carries the token.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests
from daemon import wait_until
from servers_client import CIRROS

ADMIN_PASSWORD = 'admin-Pa55-word'
DEMO_PASSWORD = 'demo-Pa55-word'

NOVA_API_OPTIONS = {
    'DEFAULT': {'debug': True},
    'api': {'auth_strategy': 'keystone'},
    'identity': {'bootstrap_admin_password': ADMIN_PASSWORD,
                 'bootstrap_demo_password': DEMO_PASSWORD},
}


def unique(prefix: str) -> str:
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


class Cloud:
    """One caller of the daemon: ``cloud.identity(method, path, body)``, ``cloud.compute(...)``."""

    def __init__(self, daemon, token: str):
        self.daemon = daemon
        self.token = token
        self.session = requests.Session()

    def _call(self, method: str, url: str, body: Any = None, **headers: str) -> requests.Response:
        return self.session.request(method, url, json=body, timeout=60,
                                    headers={'X-Auth-Token': self.token, **headers})

    def identity(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self._call(method, self.daemon.url + '/identity' + path, body)

    def compute(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self._call(method, self.daemon.url + '/v2.1' + path, body,
                          **{'OpenStack-API-Version': 'compute 2.1'})

    def role_id(self, name: str) -> str:
        return self.identity('GET', '/v3/roles?name=' + name).json()['roles'][0]['id']


def log_in(daemon, user: str, password: str, project: str | None) -> requests.Response:
    body: dict[str, Any] = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': user, 'domain': {'id': 'default'}, 'password': password}}}}}
    if project is not None:
        body['auth']['scope'] = {'project': {'name': project, 'domain': {'id': 'default'}}}
    return requests.post(daemon.url + '/identity/v3/auth/tokens', json=body, timeout=60)


def cloud_of(daemon, user: str, password: str, project: str | None) -> Cloud:
    response = log_in(daemon, user, password, project)
    assert response.status_code == 201, response.text
    return Cloud(daemon, response.headers['X-Subject-Token'])


@pytest.fixture
def operator(nova_api_service) -> Cloud:
    """The bootstrap admin, on the admin project."""
    return cloud_of(nova_api_service, 'admin', ADMIN_PASSWORD, 'admin')


@pytest.fixture
def demo(nova_api_service) -> Cloud:
    """The bootstrap demo user: a member of the demo project."""
    return cloud_of(nova_api_service, 'demo', DEMO_PASSWORD, 'demo')


def new_tenant(operator: Cloud, role: str = 'member', project: str | None = None):
    """What tempest's dynamic credentials make: a project, a user, a role on it.

    Returns (project id, user id, user name, password)."""
    if project is None:
        created = operator.identity('POST', '/v3/projects', {'project': {
            'name': unique('tempest-project'), 'domain_id': 'default',
            'description': 'made like tempest'}})
        assert created.status_code == 201, created.text
        project = created.json()['project']['id']
    name, password = unique('tempest-user'), uuid.uuid4().hex
    user = operator.identity('POST', '/v3/users', {'user': {
        'name': name, 'password': password, 'domain_id': 'default',
        'default_project_id': project, 'email': name + '@example.org'}})
    assert user.status_code == 201, user.text
    user_id = user.json()['user']['id']
    granted = operator.identity('PUT', '/v3/projects/%s/users/%s/roles/%s' % (
        project, user_id, operator.role_id(role)))
    assert granted.status_code == 204, granted.text
    return project, user_id, name, password


def project_name(operator: Cloud, project_id: str) -> str:
    return operator.identity('GET', '/v3/projects/' + project_id).json()['project']['name']


def test_tempests_dynamic_credentials_flow(nova_api_service, operator):
    project, user_id, name, password = new_tenant(operator)
    tenant = cloud_of(nova_api_service, name, password, project_name(operator, project))

    servers = tenant.compute('GET', '/servers')
    assert servers.status_code == 200 and servers.json() == {'servers': []}
    assert tenant.identity('GET', '/v3/users/' + user_id).json()['user']['name'] == name
    own = tenant.identity('GET', '/v3/users/%s/projects' % user_id).json()['projects']
    assert [p['id'] for p in own] == [project]

    assert operator.identity('DELETE', '/v3/users/' + user_id).status_code == 204
    assert operator.identity('DELETE', '/v3/projects/' + project).status_code == 204
    # The user's token was revoked with it (workers see revocations within a second).
    assert _eventually_status(lambda: tenant.compute('GET', '/servers'), 401)
    assert log_in(nova_api_service, name, password, None).status_code == 401
    assert operator.identity('GET', '/v3/projects/' + project).status_code == 404


def _eventually_status(call, status: int) -> bool:
    """True once ``call()`` answers ``status``: each worker reads new revocations once a second."""
    return wait_until(lambda: call().status_code == status,
                      message='never answered %d' % status)


def test_two_projects_see_only_their_own_servers_and_keypairs(nova_api_service, operator):
    clouds = []
    for _ in range(2):
        project, _user_id, name, password = new_tenant(operator)
        clouds.append((project, cloud_of(nova_api_service, name, password,
                                         project_name(operator, project))))
    booted = {}
    for project, tenant in clouds:
        server = tenant.compute('POST', '/servers', {'server': {
            'name': unique('iso'), 'flavorRef': '1', 'imageRef': CIRROS}})
        assert server.status_code == 202, server.text
        booted[project] = server.json()['server']['id']
        key = tenant.compute('POST', '/os-keypairs', {'keypair': {'name': 'key-' + project[:8]}})
        assert key.status_code == 200, key.text

    for project, tenant in clouds:
        seen = [s['id'] for s in tenant.compute('GET', '/servers').json()['servers']]
        assert seen == [booted[project]]
        keys = [k['keypair']['name'] for k in tenant.compute('GET', '/os-keypairs').json()[
            'keypairs']]
        assert keys == ['key-' + project[:8]]
        other = next(p for p in booted if p != project)
        assert tenant.compute('GET', '/servers/' + booted[other]).status_code == 404

    everyone = operator.compute('GET', '/servers?all_tenants=1').json()['servers']
    assert set(booted.values()) <= {s['id'] for s in everyone}
    assert clouds[0][1].compute('GET', '/servers?all_tenants=1').status_code == 403


def test_a_reader_lists_servers_but_cannot_create_one(nova_api_service, operator):
    project, _user_id, name, password = new_tenant(operator, role='reader')
    reader = cloud_of(nova_api_service, name, password, project_name(operator, project))

    assert reader.compute('GET', '/servers').status_code == 200
    refused = reader.compute('POST', '/servers', {'server': {
        'name': 'nope', 'flavorRef': '1', 'imageRef': CIRROS}})
    assert refused.status_code == 403
    assert reader.identity('POST', '/v3/users', {'user': {'name': 'x'}}).status_code == 403


@pytest.mark.parametrize('method, path, body', [
    ('POST', '/v3/users', {'user': {'name': 'by-a-member'}}),
    ('POST', '/v3/projects', {'project': {'name': 'by-a-member'}}),
    ('POST', '/v3/domains', {'domain': {'name': 'by-a-member'}}),
    ('POST', '/v3/roles', {'role': {'name': 'by-a-member'}}),
    ('GET', '/v3/users', None),
    ('GET', '/v3/role_assignments', None),
])
def test_a_member_on_an_admin_call_is_refused(demo, method, path, body):
    response = demo.identity(method, path, body)
    assert response.status_code == 403, response.text
    error = response.json()['error']
    assert error['code'] == 403 and error['title'] == 'Forbidden'
    assert error['message'].startswith('You are not authorized to perform the requested action')


@pytest.mark.parametrize('path, body', [
    ('/v3/projects', {'project': {'name': 'demo'}}),
    ('/v3/users', {'user': {'name': 'demo'}}),
    ('/v3/roles', {'role': {'name': 'member'}}),
    ('/v3/domains', {'domain': {'name': 'Default'}}),
])
def test_a_duplicate_name_is_a_conflict(operator, path, body):
    response = operator.identity('POST', path, body)
    assert response.status_code == 409, response.text
    assert response.json()['error']['title'] == 'Conflict'


@pytest.mark.parametrize('path', ['/v3/projects/nope', '/v3/users/nope', '/v3/roles/nope',
                                  '/v3/domains/nope', '/v3/roles/nope/implies',
                                  '/v3/users/nope/projects'])
def test_an_unknown_id_is_not_found(operator, path):
    response = operator.identity('GET', path)
    assert response.status_code == 404, response.text
    assert response.json()['error']['message'].startswith('Could not find')


@pytest.mark.parametrize('path, body', [
    ('/v3/projects', {'project': {'name': ''}}),
    ('/v3/projects', {'project': {'name': 'x', 'tags': 'not-a-list'}}),
    ('/v3/users', {'user': {}}),
    ('/v3/users', {'user': {'name': 'x', 'enabled': 'perhaps'}}),
    ('/v3/roles', {'role': {'name': 7}}),
    ('/v3/domains', {}),
])
def test_a_bad_body_is_keystones_400(operator, path, body):
    response = operator.identity('POST', path, body)
    assert response.status_code == 400, response.text
    assert response.json()['error']['code'] == 400


def test_a_user_changes_its_own_password_and_its_old_tokens_stop_working(
        nova_api_service, operator):
    project, user_id, name, password = new_tenant(operator)
    tenant = cloud_of(nova_api_service, name, password, project_name(operator, project))
    path = nova_api_service.url + '/identity/v3/users/%s/password' % user_id

    wrong = requests.post(path, json={'user': {'original_password': 'wrong', 'password': 'n'}},
                          timeout=60)
    assert wrong.status_code == 401
    right = requests.post(path, json={'user': {'original_password': password,
                                               'password': 'new-' + password}}, timeout=60)
    assert right.status_code == 204
    assert _eventually_status(lambda: tenant.compute('GET', '/servers'), 401)
    assert log_in(nova_api_service, name, password, None).status_code == 401
    assert log_in(nova_api_service, name, 'new-' + password, None).status_code == 201


def test_deleting_an_application_credential_revokes_the_tokens_made_from_it(
        nova_api_service, operator):
    project, user_id, name, password = new_tenant(operator)
    tenant = cloud_of(nova_api_service, name, password, project_name(operator, project))
    credentials = '/v3/users/%s/application_credentials' % user_id
    credential = tenant.identity('POST', credentials, {'application_credential': {
        'name': unique('ci')}}).json()['application_credential']
    logged_in = requests.post(nova_api_service.url + '/identity/v3/auth/tokens', timeout=60,
                              json={'auth': {'identity': {
                                  'methods': ['application_credential'],
                                  'application_credential': {'id': credential['id'],
                                                             'secret': credential['secret']}}}})
    assert logged_in.status_code == 201, logged_in.text
    application = Cloud(nova_api_service, logged_in.headers['X-Subject-Token'])
    assert application.compute('GET', '/servers').status_code == 200

    deleted = tenant.identity('DELETE', '%s/%s' % (credentials, credential['id']))
    assert deleted.status_code == 204
    # Every worker honours the event within its revocation refresh (about a second).
    assert _eventually_status(lambda: application.compute('GET', '/servers'), 401)
    validated = operator._call('GET', nova_api_service.url + '/identity/v3/auth/tokens',
                               **{'X-Subject-Token': application.token})
    assert validated.status_code == 404
    # The user's own token on the same project is another matter.
    assert tenant.compute('GET', '/servers').status_code == 200


def test_role_assignments_list_the_grants_and_their_implied_roles(operator):
    project, user_id, _name, _password = new_tenant(operator, role='admin')
    direct = operator.identity('GET', '/v3/role_assignments?user.id=' + user_id).json()
    assert [(a['role']['id'], a['scope']['project']['id']) for a in direct['role_assignments']] \
        == [(operator.role_id('admin'), project)]
    effective = operator.identity(
        'GET', '/v3/role_assignments?effective&include_names&user.id=' + user_id).json()
    assert sorted(a['role']['name'] for a in effective['role_assignments']) == [
        'admin', 'member', 'reader']
    inferences = operator.identity('GET', '/v3/role_inferences').json()['role_inferences']
    assert {(r['prior_role']['name'], r['implies'][0]['name']) for r in inferences} >= {
        ('admin', 'member'), ('member', 'reader')}


def test_no_password_secret_or_token_of_the_admin_calls_reaches_the_debug_log(
        nova_api_service, operator):
    project, user_id, name, password = new_tenant(operator)
    tenant = cloud_of(nova_api_service, name, password, project_name(operator, project))
    reset = 'reset-' + uuid.uuid4().hex
    assert operator.identity('PATCH', '/v3/users/' + user_id,
                             {'user': {'password': reset}}).status_code == 200
    changed = 'changed-' + uuid.uuid4().hex
    assert requests.post(nova_api_service.url + '/identity/v3/users/%s/password' % user_id,
                         json={'user': {'original_password': reset, 'password': changed}},
                         timeout=60).status_code == 204
    tenant = cloud_of(nova_api_service, name, changed, project_name(operator, project))
    given = 'given-secret-' + uuid.uuid4().hex
    credentials = '/v3/users/%s/application_credentials' % user_id
    generated = tenant.identity('POST', credentials, {'application_credential': {
        'name': 'generated'}}).json()['application_credential']
    chosen = tenant.identity('POST', credentials, {'application_credential': {
        'name': 'chosen', 'secret': given}})
    assert chosen.status_code == 201
    logged_in = requests.post(nova_api_service.url + '/identity/v3/auth/tokens', timeout=60,
                              json={'auth': {'identity': {
                                  'methods': ['application_credential'],
                                  'application_credential': {'id': generated['id'],
                                                             'secret': generated['secret']}}}})
    assert logged_in.status_code == 201

    log = nova_api_service.read_log()
    assert ' DEBUG ' in log
    for secret in (password, reset, changed, given, generated['secret'], tenant.token,
                   operator.token, logged_in.headers['X-Subject-Token']):
        assert secret not in log, 'a secret is in the log: %s...' % secret[:6]
