"""The admin calls' bodies against Keystone's OpenAPI description (../shared/reference), as an oracle."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from nova_api.identity import revocations
from tests.unit.identity.conftest import DEMO_PASSWORD

REFERENCE = Path(__file__).resolve().parents[4] / 'shared' / 'reference' / 'openapi' / \
    'identity-v3.yaml'


@pytest.fixture(scope='module')
def openapi():
    if not REFERENCE.exists():
        pytest.skip('the Identity OpenAPI reference is not at %s' % REFERENCE)
    document = yaml.load(REFERENCE.read_text(), Loader=getattr(yaml, 'CSafeLoader',
                                                               yaml.SafeLoader))

    def validate(name, body):
        schema = dict(document['components']['schemas'][name])
        schema['components'] = document['components']
        jsonschema.Draft202012Validator(schema).validate(body)
    return validate


@pytest.fixture
def call(keystone_pipeline, login, api_request, monkeypatch):
    monkeypatch.setattr(revocations, 'REFRESH_SECONDS', 0.0)
    app = keystone_pipeline()
    tokens = {'admin': login(app), 'demo': login(app, 'demo', DEMO_PASSWORD, 'demo')}

    def send(path, method='GET', body=None, who='admin', status=200):
        response = api_request(app, '/identity' + path, method, body=body, token=tokens[who])
        assert response.status_int == status, response.body
        return response.json if response.body else None
    return send


def test_every_admin_body_is_what_keystone_describes(call, openapi):
    project = call('/v3/projects', 'POST', {'project': {'name': 'oracle', 'tags': ['t']}},
                   status=201)
    openapi('ProjectsPostResponse', project)
    project_id = project['project']['id']
    openapi('ProjectGetResponse', call('/v3/projects/' + project_id))
    openapi('ProjectsGetResponse', call('/v3/projects'))
    openapi('ProjectPatchResponse', call('/v3/projects/' + project_id, 'PATCH',
                                         {'project': {'description': 'x'}}))

    user = call('/v3/users', 'POST', {'user': {'name': 'oracle', 'password': 'pw'}}, status=201)
    openapi('UsersPostResponse', user)
    user_id = user['user']['id']
    openapi('UserGetResponse', call('/v3/users/' + user_id))
    openapi('UsersGetResponse', call('/v3/users'))
    openapi('UserPatchResponse', call('/v3/users/' + user_id, 'PATCH',
                                      {'user': {'email': 'o@example.org'}}))

    openapi('DomainGetResponse', call('/v3/domains/default'))
    openapi('DomainsGetResponse', call('/v3/domains'))
    openapi('DomainsPostResponse', call('/v3/domains', 'POST', {'domain': {'name': 'd2'}},
                                        status=201))

    roles = call('/v3/roles')
    openapi('RolesGetResponse', roles)
    role_ids = {role['name']: role['id'] for role in roles['roles']}
    openapi('RoleGetResponse', call('/v3/roles/' + role_ids['member']))
    openapi('RolesPostResponse', call('/v3/roles', 'POST', {'role': {'name': 'o'}}, status=201))
    openapi('RolesImpliesGetResponse', call('/v3/roles/%s/implies' % role_ids['admin']))
    openapi('RolesImplyGetResponse', call('/v3/roles/%s/implies/%s' % (
        role_ids['admin'], role_ids['member'])))
    openapi('Role_InferencesGetResponse', call('/v3/role_inferences'))

    call('/v3/projects/%s/users/%s/roles/%s' % (project_id, user_id, role_ids['member']), 'PUT',
         status=204)
    openapi('ProjectsUsersRolesGetResponse', call('/v3/projects/%s/users/%s/roles' % (
        project_id, user_id)))
    openapi('Role_AssignmentsGetResponse', call('/v3/role_assignments?effective&include_names'))
    openapi('Role_AssignmentsGetResponse', call('/v3/role_assignments'))
    openapi('UsersProjectsGetResponse', call('/v3/users/%s/projects' % user_id))


def test_application_credential_bodies_are_what_keystone_describes(call, openapi):
    demo_id = call('/v3/users?name=demo')['users'][0]['id']
    base = '/v3/users/%s/application_credentials' % demo_id
    created = call(base, 'POST', {'application_credential': {'name': 'oracle'}}, who='demo',
                   status=201)
    openapi('UsersApplication_CredentialsPostResponse', created)
    openapi('UsersApplication_CredentialsGetResponse', call(base, who='demo'))
    openapi('UsersApplication_CredentialGetResponse', call(
        '%s/%s' % (base, created['application_credential']['id']), who='demo'))


def test_token_documents_of_every_scope_are_what_keystone_describes(
        keystone_pipeline, login, api_request, openapi, monkeypatch):
    """Project, domain and unscoped tokens, their validation and the scope listings."""
    from tests.unit.identity.conftest import password_auth

    monkeypatch.setattr(revocations, 'REFRESH_SECONDS', 0.0)
    app = keystone_pipeline()
    admin = login(app)

    def send(path, method='GET', body=None, token=admin, status=200, **headers):
        response = api_request(app, '/identity' + path, method, body=body, token=token,
                               headers=headers)
        assert response.status_int == status, response.body
        return response

    def token_document(body):
        """Keystone, like us, sends a null ``password_expires_at`` that its OpenAPI text types
        as a string only: checked here, then left out of the comparison."""
        user = body['token']['user']
        assert user.pop('password_expires_at', None) is None
        return body

    users = send('/v3/users?name=admin').json['users']
    roles = {role['name']: role['id'] for role in send('/v3/roles').json['roles']}
    send('/v3/domains/default/users/%s/roles/%s' % (users[0]['id'], roles['admin']), 'PUT',
         status=204)
    unscoped = password_auth()
    unscoped['auth']['scope'] = {'unscoped': {}}
    for body in (password_auth(project='admin'), password_auth(domain='default'), unscoped):
        openapi('AuthTokensPostRequest', body)
        issued = send('/v3/auth/tokens', 'POST', body, token=None, status=201)
        openapi('AuthTokensPostResponse', token_document(issued.json))
        subject = issued.headers['X-Subject-Token']
        openapi('AuthTokensGetResponse', token_document(send(
            '/v3/auth/tokens', **{'X-Subject-Token': subject}).json))

    domain_scoped = send('/v3/auth/tokens', 'POST', password_auth(domain='default'), token=None,
                         status=201)
    token = domain_scoped.json['token']
    assert token['domain'] == {'id': 'default', 'name': 'Default'} and 'project' not in token
    assert sorted(r['name'] for r in token['roles']) == ['admin', 'member', 'reader']
    # Keystone's links are {"self": url, ...} on these listings as on /v3/domains and
    # /v3/projects; the OpenAPI text of these two calls says lists of {href, rel}: checked
    # here, then left out of the comparison.
    for kind in ('domains', 'projects'):
        listed = send('/v3/auth/' + kind).json
        assert listed['links']['self'] == 'http://localhost/identity/v3/auth/' + kind
        assert all(item['links'] == {'self': 'http://localhost/identity/v3/%s/%s' % (
            kind, item['id'])} for item in listed[kind])
        openapi('Auth%sGetResponse' % kind.capitalize(), {kind: [
            {k: v for k, v in item.items() if k != 'links'} for item in listed[kind]]})
        if kind == 'domains':
            assert [d['id'] for d in listed['domains']] == ['default']
    openapi('AuthCatalogGetResponse', send('/v3/auth/catalog').json)
