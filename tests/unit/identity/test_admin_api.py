"""The identity admin calls in-process, through the whole keystone pipeline with real tokens.

Keystone's bodies, codes and errors; the daemon-level stories (clients,
compute isolation) are in tests/functional/test_identity_admin.py.
"""

from __future__ import annotations

import pytest

from nova_api.identity import revocations
from tests.unit.identity.conftest import DEMO_PASSWORD

NO_TOKEN = ''


@pytest.fixture(autouse=True)
def revocations_seen_at_once(monkeypatch):
    """Every validation reads the new revocation events (a worker's cache waits a second)."""
    monkeypatch.setattr(revocations, 'REFRESH_SECONDS', 0.0)


@pytest.fixture
def app(keystone_pipeline):
    return keystone_pipeline()


@pytest.fixture
def admin_token(app, login):
    return login(app)


@pytest.fixture
def member_token(app, login):
    """The bootstrap demo user: a member (and reader) of the demo project."""
    return login(app, 'demo', DEMO_PASSWORD, 'demo')


@pytest.fixture
def call(app, api_request, admin_token):
    """``call(path, method, body, token)``: below /identity, as the admin unless told."""
    def send(path, method='GET', body=None, token=None):
        token = admin_token if token is None else token
        return api_request(app, '/identity' + path, method, body=body, token=token or None)
    return send


@pytest.fixture
def user_in_project(call, app, login):
    """``user_in_project(name)``: a new user with the member role on a new project, and its token."""
    def make(name, role='member'):
        project = call('/v3/projects', 'POST', {'project': {'name': name + '-project'}})
        user = call('/v3/users', 'POST', {'user': {'name': name, 'password': name + '-pw'}})
        project_id, user_id = project.json['project']['id'], user.json['user']['id']
        granted = call('/v3/projects/%s/users/%s/roles/%s' % (project_id, user_id,
                                                              _role_id(call, role)), 'PUT')
        assert granted.status_int == 204
        return project_id, user_id, login(app, name, name + '-pw', name + '-project')
    return make


def _role_id(call, name):
    return call('/v3/roles?name=' + name).json['roles'][0]['id']


def test_the_default_domain_is_listed_and_shown(call):
    listed = call('/v3/domains')
    assert listed.status_int == 200
    assert [d['id'] for d in listed.json['domains']] == ['default']
    assert listed.json['links']['next'] is None
    shown = call('/v3/domains/default').json['domain']
    assert shown['name'] == 'Default'
    assert shown['links']['self'] == 'http://localhost/identity/v3/domains/default'


def test_a_project_is_created_shown_listed_updated_and_deleted(call):
    created = call('/v3/projects', 'POST', {'project': {'name': 'p-one', 'description': 'd',
                                                        'tags': ['a']}})
    assert created.status_int == 201
    project = created.json['project']
    assert project['domain_id'] == 'default' and project['parent_id'] == 'default'
    assert project['is_domain'] is False and project['enabled'] is True
    assert project['tags'] == ['a']

    assert call('/v3/projects/' + project['id']).json['project']['name'] == 'p-one'
    assert [p['name'] for p in call('/v3/projects?name=p-one').json['projects']] == ['p-one']
    assert call('/v3/projects?enabled=false').json['projects'] == []

    updated = call('/v3/projects/' + project['id'], 'PATCH',
                   {'project': {'enabled': False, 'tags': ['b', 'c']}})
    assert updated.status_int == 200
    assert updated.json['project']['enabled'] is False
    assert updated.json['project']['tags'] == ['b', 'c']

    assert call('/v3/projects/' + project['id'], 'DELETE').status_int == 204
    missing = call('/v3/projects/' + project['id'])
    assert missing.status_int == 404
    assert missing.json == {'error': {'code': 404, 'title': 'Not Found',
                                      'message': 'Could not find project: %s.' % project['id']}}


def test_a_project_name_is_unique_in_its_domain(call):
    assert call('/v3/projects', 'POST', {'project': {'name': 'dup'}}).status_int == 201
    again = call('/v3/projects', 'POST', {'project': {'name': 'dup'}})
    assert again.status_int == 409
    assert again.json['error']['title'] == 'Conflict'
    assert 'Duplicate entry found with name dup' in again.json['error']['message']


@pytest.mark.parametrize('body, field', [
    ({'project': {}}, "'name' is a required property"),
    ({'project': {'name': ''}}, 'name'),
    ({'project': {'name': 'x', 'enabled': 'maybe'}}, 'enabled'),
    ({'user': {'name': 'x'}}, "'project' is a required property"),
    ({'project': {'name': 'x'}, 'user': {}}, 'Additional properties are not allowed'),
])
def test_a_bad_project_body_is_keystones_400(call, body, field):
    response = call('/v3/projects', 'POST', body)
    assert response.status_int == 400
    assert response.json['error']['code'] == 400
    assert field in response.json['error']['message']


def test_a_member_cannot_create_users_or_projects(call, member_token):
    refused = call('/v3/users', 'POST', {'user': {'name': 'mallory'}}, token=member_token)
    assert refused.status_int == 403
    assert refused.json['error']['message'] == (
        'You are not authorized to perform the requested action: identity:create_user.')
    assert call('/v3/projects', 'POST', {'project': {'name': 'x'}},
                token=member_token).status_int == 403


def test_no_context_is_keystones_401(call):
    response = call('/v3/users', token=NO_TOKEN)
    assert response.status_int == 401
    assert response.headers['WWW-Authenticate'].startswith('Keystone uri=')


def test_a_user_is_created_without_showing_its_password_and_reads_itself(call, user_in_project):
    created = call('/v3/users', 'POST', {'user': {'name': 'erin', 'password': 's3cret',
                                                  'email': 'e@example.org'}})
    assert created.status_int == 201
    user = created.json['user']
    assert 'password' not in user and user['email'] == 'e@example.org'
    assert user['domain_id'] == 'default' and user['password_expires_at'] is None
    assert call('/v3/users?name=erin').json['users'][0]['id'] == user['id']
    assert call('/v3/users', 'POST', {'user': {'name': 'erin'}}).status_int == 409

    _project, alice, alice_token = user_in_project('alice')
    assert call('/v3/users/' + alice, token=alice_token).status_int == 200
    assert call('/v3/users/' + user['id'], token=alice_token).status_int == 403
    assert call('/v3/users', token=alice_token).status_int == 403
    assert call('/v3/users/%s/projects' % alice, token=alice_token).json['projects'][0][
        'name'] == 'alice-project'


def test_changing_a_password_checks_the_original_and_revokes_the_users_tokens(
        call, app, login):
    user = call('/v3/users', 'POST', {'user': {'name': 'bob', 'password': 'old'}}).json['user']
    path = '/v3/users/%s/password' % user['id']
    bob_token = call('/v3/auth/tokens', 'POST', {'auth': {'identity': {
        'methods': ['password'], 'password': {'user': {'id': user['id'], 'password': 'old'}}}}},
        token=NO_TOKEN).headers['X-Subject-Token']
    assert call('/v3/users/' + user['id'], token=bob_token).status_int == 200
    wrong = call(path, 'POST', {'user': {'original_password': 'nope', 'password': 'new'}},
                 token=NO_TOKEN)
    assert wrong.status_int == 401
    unknown = call('/v3/users/nobody/password', 'POST',
                   {'user': {'original_password': 'old', 'password': 'new'}}, token=NO_TOKEN)
    assert unknown.json == wrong.json
    right = call(path, 'POST', {'user': {'original_password': 'old', 'password': 'new'}},
                 token=NO_TOKEN)
    assert right.status_int == 204
    assert call('/v3/users/' + user['id'], token=bob_token).status_int == 401
    assert call(path, 'POST', {'user': {'original_password': 'old', 'password': 'x'}},
                token=NO_TOKEN).status_int == 401


def test_roles_and_their_implications(call):
    admin, member, reader = (_role_id(call, n) for n in ('admin', 'member', 'reader'))
    implies = call('/v3/roles/%s/implies' % admin).json['role_inference']
    assert [r['name'] for r in implies['implies']] == ['member']
    rules = call('/v3/role_inferences').json['role_inferences']
    assert {(r['prior_role']['name'], tuple(i['name'] for i in r['implies'])) for r in rules} == {
        ('admin', ('member',)), ('member', ('reader',))}

    custom = call('/v3/roles', 'POST', {'role': {'name': 'observer'}})
    assert custom.status_int == 201
    custom_id = custom.json['role']['id']
    path = '/v3/roles/%s/implies/%s' % (custom_id, reader)
    assert call(path, 'HEAD').status_int == 404
    put = call(path, 'PUT')
    assert put.status_int == 201
    assert put.json['role_inference']['implies']['id'] == reader
    assert call(path, 'HEAD').status_int == 204
    assert call(path).json['role_inference']['prior_role']['name'] == 'observer'
    refused = call('/v3/roles/%s/implies/%s' % (custom_id, admin), 'PUT')
    assert refused.status_int == 403
    assert refused.json['error']['message'] == '%s cannot be an implied roles.' % admin
    assert call(path, 'DELETE').status_int == 204
    assert call(path, 'DELETE').status_int == 404
    assert call('/v3/roles', 'POST', {'role': {'name': 'observer'}}).status_int == 409
    assert call('/v3/roles/%s' % custom_id, 'DELETE').status_int == 204
    assert call('/v3/roles/%s' % custom_id).status_int == 404


def test_removing_an_implied_role_revokes_the_tokens_that_carry_it(call, user_in_project):
    lead, observer, auditor = (
        call('/v3/roles', 'POST', {'role': {'name': name}}).json['role']['id']
        for name in ('lead', 'observer', 'auditor'))
    for prior, implied in ((lead, observer), (observer, auditor)):
        assert call('/v3/roles/%s/implies/%s' % (prior, implied), 'PUT').status_int == 201
    _, _, leader = user_in_project('leader', role='lead')
    _, _, bystander = user_in_project('bystander')
    assert call('/v3/auth/projects', token=leader).status_int == 200

    # lead implies observer implies auditor: the leader's token carries auditor, through a chain.
    assert call('/v3/roles/%s/implies/%s' % (observer, auditor), 'DELETE').status_int == 204
    assert call('/v3/auth/projects', token=leader).status_int == 401
    assert call('/v3/auth/projects', token=bystander).status_int == 200


def test_grants_are_given_checked_listed_and_revoked(call):
    project = call('/v3/projects', 'POST', {'project': {'name': 'g'}}).json['project']['id']
    user = call('/v3/users', 'POST', {'user': {'name': 'carol'}}).json['user']['id']
    member = _role_id(call, 'member')
    path = '/v3/projects/%s/users/%s/roles/%s' % (project, user, member)

    assert call(path, 'HEAD').status_int == 404
    assert call(path, 'PUT').status_int == 204
    assert call(path, 'PUT').status_int == 204
    assert call(path, 'HEAD').status_int == 204
    listed = call('/v3/projects/%s/users/%s/roles' % (project, user)).json['roles']
    assert [r['name'] for r in listed] == ['member']
    assert [p['id'] for p in call('/v3/users/%s/projects' % user).json['projects']] == [project]

    direct = call('/v3/role_assignments?user.id=' + user).json['role_assignments']
    assert direct == [{'scope': {'project': {'id': project}}, 'user': {'id': user},
                       'role': {'id': member},
                       'links': {'assignment': 'http://localhost/identity/v3/' + path[4:]}}]
    effective = call('/v3/role_assignments?effective&include_names&user.id=' + user).json
    named = sorted((a['role']['name'], 'prior_role' in a['links'])
                   for a in effective['role_assignments'])
    assert named == [('member', False), ('reader', True)]
    assert effective['role_assignments'][0]['user']['name'] == 'carol'
    assert effective['role_assignments'][0]['scope']['project']['domain']['id'] == 'default'

    assert call(path, 'DELETE').status_int == 204
    assert call(path, 'DELETE').status_int == 404
    assert call('/v3/projects/%s/users/%s/roles/nope' % (project, user), 'PUT').status_int == 404


def test_a_domain_is_deleted_only_once_disabled(call):
    domain = call('/v3/domains', 'POST', {'domain': {'name': 'other'}}).json['domain']['id']
    call('/v3/projects', 'POST', {'project': {'name': 'in-other', 'domain_id': domain}})
    refused = call('/v3/domains/' + domain, 'DELETE')
    assert refused.status_int == 403
    assert refused.json['error']['message'] == (
        'Cannot delete a domain that is enabled, please disable it first.')
    assert call('/v3/domains/' + domain, 'PATCH',
                {'domain': {'enabled': False}}).json['domain']['enabled'] is False
    assert call('/v3/domains/' + domain, 'DELETE').status_int == 204
    assert call('/v3/projects?domain_id=' + domain).json['projects'] == []
    assert call('/v3/domains', 'POST', {'domain': {'name': 'Default'}}).status_int == 409


def test_application_credentials_belong_to_their_user(call, user_in_project, member_token):
    project, user, owner = user_in_project('dave')
    base = '/v3/users/%s/application_credentials' % user

    created = call(base, 'POST', {'application_credential': {'name': 'ci'}}, token=owner)
    assert created.status_int == 201
    credential = created.json['application_credential']
    assert credential['secret'] and credential['project_id'] == project
    assert sorted(r['name'] for r in credential['roles']) == ['member', 'reader']
    assert credential['unrestricted'] is False

    listed = call(base, token=owner).json['application_credentials']
    assert [c['id'] for c in listed] == [credential['id']] and 'secret' not in listed[0]
    assert call(base, 'POST', {'application_credential': {'name': 'ci'}},
                token=owner).status_int == 409
    beyond = call(base, 'POST', {'application_credential': {
        'name': 'x', 'roles': [{'name': 'admin'}]}}, token=owner)
    assert beyond.status_int == 400
    assert beyond.json['error']['message'].startswith('Invalid application credential:')
    past = call(base, 'POST', {'application_credential': {
        'name': 'y', 'expires_at': '2000-01-01T00:00:00Z'}}, token=owner)
    assert past.status_int == 400
    assert call(base, 'POST', {'application_credential': {'name': 'z'}},
                token=member_token).status_int == 403

    one = '%s/%s' % (base, credential['id'])
    assert call(one, token=member_token).status_int == 403
    assert call(one, token=owner).status_int == 200
    assert call(one, 'DELETE', token=owner).status_int == 204
    assert call(one, token=owner).status_int == 404


def test_disabling_a_user_revokes_its_tokens_and_enabling_does_not_bring_them_back(
        call, user_in_project):
    _project, user, token = user_in_project('frank')
    assert call('/v3/users/' + user, token=token).status_int == 200
    assert call('/v3/users/' + user, 'PATCH', {'user': {'enabled': False}}).status_int == 200
    assert call('/v3/users/' + user, token=token).status_int == 401
    call('/v3/users/' + user, 'PATCH', {'user': {'enabled': True}})
    assert call('/v3/users/' + user, token=token).status_int == 401


def test_revoking_a_grant_revokes_the_users_tokens_on_that_project(call, user_in_project):
    project, user, token = user_in_project('grace')
    member = _role_id(call, 'member')
    assert call('/v3/users/' + user, token=token).status_int == 200
    path = '/v3/projects/%s/users/%s/roles/%s' % (project, user, member)
    assert call(path, 'DELETE').status_int == 204
    assert call('/v3/users/' + user, token=token).status_int == 401


def test_deleting_a_project_revokes_the_tokens_scoped_to_it(call, user_in_project):
    project, user, token = user_in_project('heidi')
    assert call('/v3/projects/' + project, 'DELETE').status_int == 204
    assert call('/v3/users/' + user, token=token).status_int == 401
    assert call('/v3/users/%s/projects' % user).json['projects'] == []


def test_an_application_credential_logs_in_with_its_roles_and_cannot_make_another(
        call, user_in_project):
    project, user, token = user_in_project('ivan')
    base = '/v3/users/%s/application_credentials' % user
    reader = call(base, 'POST', {'application_credential': {
        'name': 'ro', 'roles': [{'name': 'reader'}]}}, token=token).json['application_credential']
    assert [r['name'] for r in reader['roles']] == ['reader']

    issued = call('/v3/auth/tokens', 'POST', {'auth': {'identity': {
        'methods': ['application_credential'],
        'application_credential': {'id': reader['id'], 'secret': reader['secret']}}}},
        token=NO_TOKEN)
    assert issued.status_int == 201
    assert issued.json['token']['project']['id'] == project
    assert [r['name'] for r in issued.json['token']['roles']] == ['reader']
    refused = call(base, 'POST', {'application_credential': {'name': 'more'}},
                   token=issued.headers['X-Subject-Token'])
    assert refused.status_int == 403

    assert call('%s/%s' % (base, reader['id']), 'DELETE', token=token).status_int == 204
    again = call('/v3/auth/tokens', 'POST', {'auth': {'identity': {
        'methods': ['application_credential'],
        'application_credential': {'id': reader['id'], 'secret': reader['secret']}}}},
        token=NO_TOKEN)
    assert again.status_int == 401


@pytest.mark.parametrize('path', ['/v3/users', '/v3/projects', '/v3/roles', '/v3/domains/default'])
def test_head_answers_as_get_without_a_body(call, path):
    response = call(path, 'HEAD')
    assert response.status_int == 200
    assert response.body == b''


def test_users_and_role_assignments_are_filtered_as_keystone_filters_them(call):
    domain = call('/v3/domains', 'POST', {'domain': {'name': 'filtered'}}).json['domain']['id']
    project = call('/v3/projects', 'POST', {'project': {'name': 'f'}}).json['project']['id']
    user = call('/v3/users', 'POST', {'user': {'name': 'frank'}}).json['user']['id']
    elsewhere = call('/v3/users', 'POST', {'user': {'name': 'frank', 'domain_id': domain}})
    member, reader = _role_id(call, 'member'), _role_id(call, 'reader')
    for path in ('/v3/projects/%s/users/%s/roles/%s' % (project, user, member),
                 '/v3/domains/default/users/%s/roles/%s' % (user, reader)):
        assert call(path, 'PUT').status_int == 204

    assert [u['id'] for u in call('/v3/users?name=frank&domain_id=default').json['users']] \
        == [user]
    assert [u['id'] for u in call('/v3/users?domain_id=' + domain).json['users']] == [
        elsewhere.json['user']['id']]

    def listed(query):
        return sorted((a['role']['id'], *a['scope']) for a in call(
            '/v3/role_assignments?' + query).json['role_assignments'])
    assert listed('user.id=%s' % user) == sorted([(member, 'project'), (reader, 'domain')])
    assert listed('user.id=%s&role.id=%s' % (user, reader)) == [(reader, 'domain')]
    assert listed('scope.project.id=' + project) == [(member, 'project')]
    assert listed('user.id=%s&scope.domain.id=default' % user) == [(reader, 'domain')]
    both = call('/v3/role_assignments?scope.project.id=%s&scope.domain.id=default' % project)
    assert both.status_int == 400
