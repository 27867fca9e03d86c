"""The identity admin calls over HTTP in-process: Keystone's bodies, codes and errors.

The caller's context is given in the environ (the token side is
identity-core's and is covered with the real daemon in
tests/functional/test_identity_admin.py).
"""

from __future__ import annotations

import pytest

from nova_api import context
from nova_api import policy
from nova_api.api import router
from nova_api.identity import router as identity_router
from nova_api.identity import service
from nova_api.identity.admin import resources
from nova_api.identity.admin import roles as roles_api


@pytest.fixture
def identity(sqlite_conf):
    layer = service.Identity(sqlite_conf())
    resources.DomainAPI(layer).create({'name': 'Default', 'explicit_domain_id': 'default'})
    found = roles_api.RoleAPI(layer)
    admin, member, reader = (found.create({'name': n}) for n in ('admin', 'member', 'reader'))
    found.create_implied(admin.id, member.id)
    found.create_implied(member.id, reader.id)
    return layer


@pytest.fixture
def app(identity):
    return identity_router.build(router.Services(identity=identity,
                                                 policy=policy.Enforcer(identity.conf)))


def _as(roles, user='admin-user', project='admin-project'):
    return {context.ENV_CONTEXT: context.RequestContext(
        user_id=user, project_id=project, roles=list(roles), project_domain_id='default',
        user_domain_id='default')}


ADMIN = _as(['admin', 'member', 'reader'])
MEMBER = _as(['member', 'reader'], user='member-user', project='p1')


@pytest.fixture
def call(app, api_request):
    def send(path, method='GET', body=None, environ=ADMIN):
        return api_request(app, path, method, body=body, environ=dict(environ))
    return send


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


def test_a_member_cannot_create_users_or_projects(call):
    refused = call('/v3/users', 'POST', {'user': {'name': 'mallory'}}, environ=MEMBER)
    assert refused.status_int == 403
    assert refused.json['error']['message'] == (
        'You are not authorized to perform the requested action: identity:create_user.')
    assert call('/v3/projects', 'POST', {'project': {'name': 'x'}},
                environ=MEMBER).status_int == 403


def test_no_context_is_keystones_401(call):
    response = call('/v3/users', environ={})
    assert response.status_int == 401
    assert response.headers['WWW-Authenticate'].startswith('Keystone uri=')


def test_a_user_is_created_without_showing_its_password_and_reads_itself(call):
    created = call('/v3/users', 'POST', {'user': {'name': 'alice', 'password': 's3cret',
                                                  'email': 'a@example.org'}})
    assert created.status_int == 201
    user = created.json['user']
    assert 'password' not in user and user['email'] == 'a@example.org'
    assert user['domain_id'] == 'default' and user['password_expires_at'] is None

    itself = _as(['member', 'reader'], user=user['id'], project='p1')
    assert call('/v3/users/' + user['id'], environ=itself).status_int == 200
    assert call('/v3/users', environ=itself).status_int == 403
    assert call('/v3/users?name=alice').json['users'][0]['id'] == user['id']
    assert call('/v3/users', 'POST', {'user': {'name': 'alice'}}).status_int == 409


def test_changing_a_password_checks_the_original(call):
    user = call('/v3/users', 'POST', {'user': {'name': 'bob', 'password': 'old'}}).json['user']
    path = '/v3/users/%s/password' % user['id']
    wrong = call(path, 'POST', {'user': {'original_password': 'nope', 'password': 'new'}},
                 environ={})
    assert wrong.status_int == 401
    unknown = call('/v3/users/nobody/password', 'POST',
                   {'user': {'original_password': 'old', 'password': 'new'}}, environ={})
    assert unknown.json == wrong.json
    right = call(path, 'POST', {'user': {'original_password': 'old', 'password': 'new'}},
                 environ={})
    assert right.status_int == 204
    assert call(path, 'POST', {'user': {'original_password': 'old', 'password': 'x'}},
                environ={}).status_int == 401


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


def test_application_credentials_belong_to_their_user(call):
    project = call('/v3/projects', 'POST', {'project': {'name': 'ac'}}).json['project']['id']
    user = call('/v3/users', 'POST', {'user': {'name': 'dave'}}).json['user']['id']
    owner = _as(['member', 'reader'], user=user, project=project)
    base = '/v3/users/%s/application_credentials' % user

    created = call(base, 'POST', {'application_credential': {'name': 'ci'}}, environ=owner)
    assert created.status_int == 201
    credential = created.json['application_credential']
    assert credential['secret'] and credential['project_id'] == project
    assert sorted(r['name'] for r in credential['roles']) == ['member', 'reader']
    assert credential['unrestricted'] is False

    listed = call(base, environ=owner).json['application_credentials']
    assert [c['id'] for c in listed] == [credential['id']] and 'secret' not in listed[0]
    assert call(base, 'POST', {'application_credential': {'name': 'ci'}},
                environ=owner).status_int == 409
    beyond = call(base, 'POST', {'application_credential': {
        'name': 'x', 'roles': [{'name': 'admin'}]}}, environ=owner)
    assert beyond.status_int == 400
    assert beyond.json['error']['message'].startswith('Invalid application credential:')
    past = call(base, 'POST', {'application_credential': {
        'name': 'y', 'expires_at': '2000-01-01T00:00:00Z'}}, environ=owner)
    assert past.status_int == 400
    assert call(base, 'POST', {'application_credential': {'name': 'z'}},
                environ=MEMBER).status_int == 403

    one = '%s/%s' % (base, credential['id'])
    assert call(one, environ=MEMBER).status_int == 403
    assert call(one, environ=owner).status_int == 200
    assert call(one, 'DELETE', environ=owner).status_int == 204
    assert call(one, environ=owner).status_int == 404
