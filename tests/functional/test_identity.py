"""The built-in identity over HTTP: tokens issued, validated, revoked; Keystone's errors.

Against the real daemon (auth_strategy keystone, the built-in identity), on
SQLite and PostgreSQL: discovery, every scope of POST /v3/auth/tokens and
its failures, GET/HEAD/DELETE /v3/auth/tokens, the scope listings, the
legacy v2.0 call, lockout, and tokens refused by the compute API when they
are tampered, expired, revoked or signed with a key rotated out.
"""

from __future__ import annotations

import datetime
import pathlib
import re

import pytest
from identity_client import ADMIN_PASSWORD
from identity_client import DEMO_PASSWORD
from identity_client import OPTIONS
from identity_client import Identity
from identity_client import eventually
from identity_client import password_body

NOVA_API_OPTIONS = OPTIONS
UNAUTHORIZED = {'error': {'code': 401, 'title': 'Unauthorized',
                          'message': 'The request you have made requires authentication.'}}


@pytest.fixture
def identity(nova_api_service) -> Identity:
    return Identity(nova_api_service)


# -- discovery -------------------------------------------------------------------

def test_discovery_offers_v3_and_needs_no_token(identity):
    root = identity.request('GET', '')
    assert root.status_code == 300
    assert [v['id'] for v in root.json()['versions']['values']] == ['v3.14', 'v2.0']
    v3 = identity.request('GET', '/v3')
    assert v3.status_code == 200
    assert v3.json()['version']['links'][0]['href'] == identity.url + '/v3/'
    assert identity.request('GET', '/v2.0').json()['version']['id'] == 'v2.0'


# -- POST /v3/auth/tokens ------------------------------------------------------------

def test_a_password_scoped_to_a_project_gets_roles_with_their_implications_and_the_catalog(
        identity, nova_api_service):
    response = identity.login('admin', ADMIN_PASSWORD, 'admin')

    assert response.status_code == 201
    token_id = response.headers['X-Subject-Token']
    assert len(token_id) < 1000 and ':' not in token_id
    token = response.json()['token']
    assert token['methods'] == ['password']
    assert token['user']['name'] == 'admin' and len(token['user']['id']) == 32
    assert token['user']['domain'] == {'id': 'default', 'name': 'Default'}
    assert token['project']['name'] == 'admin'
    assert token['project']['domain'] == {'id': 'default', 'name': 'Default'}
    assert sorted(r['name'] for r in token['roles']) == ['admin', 'member', 'reader']
    assert len(token['audit_ids']) == 1 and len(token['audit_ids'][0]) == 22
    issued = datetime.datetime.strptime(token['issued_at'], '%Y-%m-%dT%H:%M:%S.%fZ')
    expires = datetime.datetime.strptime(token['expires_at'], '%Y-%m-%dT%H:%M:%S.%fZ')
    assert expires - issued == datetime.timedelta(hours=1)  # [identity] token_expiration
    catalog = {service['type']: service for service in token['catalog']}
    assert sorted(catalog) == ['compute', 'identity', 'image', 'network']
    compute = catalog['compute']['endpoints']
    assert sorted(e['interface'] for e in compute) == ['admin', 'internal', 'public']
    assert {e['url'] for e in compute} == {nova_api_service.url + '/v2.1'}
    assert {e['region'] for e in compute} == {'RegionOne'}


def test_the_token_works_on_the_compute_and_image_apis(identity):
    token = identity.token()

    assert identity.compute('GET', '/servers', token).status_code == 200
    images = identity.session.get(identity.daemon.url + '/image/v2/images',
                                  headers={'X-Auth-Token': token}, timeout=30)
    assert images.status_code == 200 and images.json()['images']


def test_a_wrong_password_and_an_unknown_user_get_the_same_401(identity):
    wrong = identity.login('admin', 'not-the-password')
    unknown = identity.login('nobody-at-all', 'not-the-password')
    by_id = identity.post('/v3/auth/tokens', password_body('f' * 32, 'x', 'admin', by='id'))

    for response in (wrong, unknown, by_id):
        assert response.status_code == 401
        assert response.json() == UNAUTHORIZED
        assert response.headers['WWW-Authenticate'].startswith('Keystone uri=')
        assert 'X-Subject-Token' not in response.headers


def test_without_a_scope_the_token_is_for_the_default_project(identity):
    token = identity.post('/v3/auth/tokens', password_body('demo', DEMO_PASSWORD)).json()['token']

    assert token['project']['name'] == 'demo'
    assert sorted(r['name'] for r in token['roles']) == ['member', 'reader']


def test_an_unscoped_token_has_no_roles_and_no_catalog(identity):
    body = password_body('admin', ADMIN_PASSWORD)
    body['auth']['scope'] = {'unscoped': {}}

    response = identity.post('/v3/auth/tokens', body)

    assert response.status_code == 201
    token = response.json()['token']
    assert 'project' not in token and 'roles' not in token and 'catalog' not in token


def test_a_token_rescoped_keeps_its_expiry_and_its_audit_chain(identity):
    body = password_body('admin', ADMIN_PASSWORD)
    body['auth']['scope'] = {'unscoped': {}}
    first = identity.post('/v3/auth/tokens', body)
    rescoped = identity.post('/v3/auth/tokens', {'auth': {
        'identity': {'methods': ['token'], 'token': {'id': first.headers['X-Subject-Token']}},
        'scope': {'project': {'name': 'admin', 'domain': {'name': 'Default'}}}}})

    assert rescoped.status_code == 201
    token = rescoped.json()['token']
    assert token['methods'] == ['token', 'password']
    assert token['expires_at'] == first.json()['token']['expires_at']
    assert token['audit_ids'][1] == first.json()['token']['audit_ids'][0]
    assert token['project']['name'] == 'admin'


@pytest.mark.parametrize('scope, code', [
    ({'project': {'name': 'admin'}}, 400),                       # a name needs its domain
    ({'project': {'id': 'x'}, 'domain': {'id': 'default'}}, 400),  # two scopes
    ({}, 400),                                                    # no scope in the scope
    ({'domain': {}}, 400),                                        # a domain with neither
    ({'project': {'name': 'no-such-project', 'domain': {'id': 'default'}}}, 401),
    ({'project': {'id': 'f' * 32}}, 401),
    ({'project': {'name': 'demo', 'domain': {'id': 'default'}}}, 401),  # no role there
    ({'project': {'name': 'admin', 'domain': {'name': 'NoSuchDomain'}}}, 401),
    ({'domain': {'id': 'default'}}, 401),                         # no role on the domain
    ({'system': {'all': True}}, 401),
])
def test_scoping_errors_are_keystones(identity, scope, code):
    body = password_body('admin', ADMIN_PASSWORD)
    body['auth']['scope'] = scope

    response = identity.post('/v3/auth/tokens', body)

    assert response.status_code == code, response.text
    error = response.json()['error']
    assert error['code'] == code and error['title'] == ('Bad Request' if code == 400
                                                        else 'Unauthorized')
    if code == 401:
        assert response.json() == UNAUTHORIZED


@pytest.mark.parametrize('body, code', [
    (None, 400),
    ({}, 400),
    ({'auth': {}}, 400),
    ({'auth': {'identity': {}}}, 400),
    ({'auth': {'identity': {'methods': 'password'}}}, 400),
    ({'auth': {'identity': {'methods': ['password']}}}, 400),         # no password data
    ({'auth': {'identity': {'methods': ['password'], 'password': {}}}}, 400),
    ({'auth': {'identity': {'methods': ['password'], 'password': {'user': {'name': 'admin',
                                                                            'password': 'x'}}}}},
     400),                                                           # a user name needs a domain
    ({'auth': {'identity': {'methods': ['totp'], 'totp': {}}}}, 401),
    ({'auth': {'identity': {'methods': ['token'], 'token': {}}}}, 400),
    ({'auth': {'identity': {'methods': ['token'], 'token': {'id': 'garbage'}}}}, 404),
])
def test_malformed_requests_are_keystones_400_401_404(identity, body, code):
    response = identity.post('/v3/auth/tokens', body)

    assert response.status_code == code, response.text
    assert response.json()['error']['code'] == code


def test_a_body_that_is_not_json_is_a_400(identity):
    response = identity.session.post(identity.url + '/v3/auth/tokens', data=b'{not json',
                                     headers={'Content-Type': 'application/json'}, timeout=30)

    assert response.status_code == 400
    assert response.json()['error']['code'] == 400


# -- GET / HEAD / DELETE /v3/auth/tokens ----------------------------------------------------

def test_a_user_validates_its_own_token_and_an_admin_anyones(identity):
    user, password, project = identity.new_member()
    mine = identity.token(user, password, project)
    admins = identity.token()

    shown = identity.request('GET', '/v3/auth/tokens', token=mine, subject=mine)
    assert shown.status_code == 200 and shown.headers['X-Subject-Token'] == mine
    assert shown.json()['token']['user']['name'] == user
    head = identity.request('HEAD', '/v3/auth/tokens', token=mine, subject=mine)
    assert head.status_code == 200 and head.content == b''
    by_admin = identity.request('GET', '/v3/auth/tokens?nocatalog', token=admins, subject=mine)
    assert by_admin.status_code == 200 and 'catalog' not in by_admin.json()['token']
    refused = identity.request('GET', '/v3/auth/tokens', token=mine, subject=admins)
    assert refused.status_code == 403 and refused.json()['error']['title'] == 'Forbidden'


def test_validating_needs_a_valid_caller_and_a_valid_subject(identity):
    token = identity.token()

    assert identity.request('GET', '/v3/auth/tokens', subject=token).status_code == 401
    assert identity.request('GET', '/v3/auth/tokens', token=token + 'x',
                            subject=token).status_code == 401
    missing = identity.request('GET', '/v3/auth/tokens', token=token, subject=token[:-4])
    assert missing.status_code == 404 and missing.json()['error']['title'] == 'Not Found'
    assert identity.request('GET', '/v3/auth/tokens', token=token).status_code == 404


def test_a_revoked_token_stops_working_on_every_worker(identity):
    token = identity.token()
    caller = identity.token()
    assert identity.compute('GET', '/servers', token).status_code == 200

    revoked = identity.request('DELETE', '/v3/auth/tokens', token=caller, subject=token)

    assert revoked.status_code == 204
    assert identity.request('GET', '/v3/auth/tokens', token=caller,
                            subject=token).status_code == 404
    # Two workers: each must refuse it, within its one-second refresh.
    eventually(lambda: all(identity.compute('GET', '/servers', token).status_code == 401
                           for _ in range(8)))
    assert identity.compute('GET', '/servers', caller).status_code == 200


def test_a_tampered_token_is_a_401_on_the_compute_api(identity):
    token = identity.token()
    middle = len(token) // 2
    tampered = token[:middle] + ('A' if token[middle] != 'A' else 'B') + token[middle + 1:]

    response = identity.compute('GET', '/servers', tampered)

    assert response.status_code == 401
    assert response.json() == {'unauthorized': {
        'code': 401, 'message': 'The request you have made requires authentication.'}}
    assert response.headers['WWW-Authenticate'] == 'Keystone uri="%s"' % identity.url


def test_an_expired_token_is_a_401(identity, nova_api_service):
    """A token sealed with the daemon's own keys but already past its expiry."""
    from nova_api.identity import keys
    from nova_api.identity import tokens

    token = identity.token()
    repository = keys.KeyRepository(str(pathlib.Path(nova_api_service.options['DEFAULT'][
        'state_path']) / 'identity-keys'))
    ring = keys.KeyRing(repository)
    opened = tokens.TokenFormat(ring).open(token)
    past = datetime.datetime(2020, 1, 1)
    expired = tokens.TokenFormat(ring).seal(tokens.Token(**{
        **opened.__dict__, 'issued_at': past, 'expires_at': past + datetime.timedelta(hours=1)}))

    assert identity.compute('GET', '/servers', expired).status_code == 401
    assert identity.request('GET', '/v3/auth/tokens', token=token,
                            subject=expired).status_code == 404
    allowed = identity.request('GET', '/v3/auth/tokens?allow_expired=1', token=token,
                               subject=expired)
    assert allowed.status_code == 404  # 2020 is beyond the allow_expired window too


# -- what a token may be scoped to ------------------------------------------------

def test_the_scope_listings_of_a_token(identity):
    user, password, project = identity.new_member()
    token = identity.token(user, password, project)

    projects = identity.request('GET', '/v3/auth/projects', token=token)
    assert projects.status_code == 200
    assert [p['name'] for p in projects.json()['projects']] == [project]
    assert projects.json()['links']['self'] == identity.url + '/v3/auth/projects'
    domains = identity.request('GET', '/v3/auth/domains', token=token)
    assert domains.status_code == 200 and domains.json()['domains'] == []
    catalog = identity.request('GET', '/v3/auth/catalog', token=token)
    assert catalog.status_code == 200
    assert sorted(s['type'] for s in catalog.json()['catalog']) == [
        'compute', 'identity', 'image', 'network']
    assert identity.request('GET', '/v3/auth/projects').status_code == 401


def test_the_catalog_needs_a_project_scoped_token(identity):
    body = password_body('admin', ADMIN_PASSWORD)
    body['auth']['scope'] = {'unscoped': {}}
    unscoped = identity.post('/v3/auth/tokens', body).headers['X-Subject-Token']

    response = identity.request('GET', '/v3/auth/catalog', token=unscoped)

    assert response.status_code == 403


# -- the legacy v2.0 call -------------------------------------------------------------

def test_v2_password_credentials_with_a_tenant_name_get_an_access_document(identity):
    response = identity.post('/v2.0/tokens', {'auth': {
        'passwordCredentials': {'username': 'demo', 'password': DEMO_PASSWORD},
        'tenantName': 'demo'}})

    assert response.status_code == 200
    access = response.json()['access']
    assert access['token']['tenant']['name'] == 'demo'
    assert access['user']['name'] == 'demo'
    assert {'member', 'reader'} == {r['name'] for r in access['user']['roles']}
    compute = next(s for s in access['serviceCatalog'] if s['type'] == 'compute')
    assert compute['endpoints'][0]['publicURL'] == identity.daemon.url + '/v2.1'
    token = access['token']['id']
    assert identity.compute('GET', '/servers', token).status_code == 200
    by_token = identity.post('/v2.0/tokens', {'auth': {
        'token': {'id': token}, 'tenantId': access['token']['tenant']['id']}})
    assert by_token.status_code == 200


def test_v2_errors(identity):
    assert identity.post('/v2.0/tokens', {'auth': {'passwordCredentials': {
        'username': 'demo', 'password': 'wrong'}}}).status_code == 401
    assert identity.post('/v2.0/tokens', {'auth': {}}).status_code == 400
    assert identity.post('/v2.0/tokens', {}).status_code == 400


# -- lockout ------------------------------------------------------------------------

def test_repeated_failures_lock_the_account_out_and_only_that_one(identity):
    user, password, project = identity.new_member()
    other, other_password, other_project = identity.new_member()
    for _ in range(3):  # [identity] lockout_failure_attempts
        assert identity.login(user, 'wrong', project).status_code == 401

    locked = identity.login(user, password, project)

    assert locked.status_code == 401 and locked.json() == UNAUTHORIZED
    assert identity.login(other, other_password, other_project).status_code == 201


# -- each project sees its own ------------------------------------------------------------

def test_a_token_of_another_project_sees_that_projects_servers_only(identity):
    user, password, project = identity.new_member()
    mine = identity.token(user, password, project)
    admins = identity.token()
    booted = identity.compute('POST', '/servers', admins, json={'server': {
        'name': 'admins-own', 'flavorRef': '1', 'imageRef': '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'}})
    assert booted.status_code == 202, booted.text
    server_id = booted.json()['server']['id']

    assert identity.compute('GET', '/servers', mine).json()['servers'] == []
    assert identity.compute('GET', '/servers/' + server_id, mine).status_code == 404
    everyone = identity.compute('GET', '/servers?all_tenants=1', admins).json()['servers']
    assert server_id in [s['id'] for s in everyone]
    assert identity.compute('GET', '/servers?all_tenants=1', mine).status_code == 403
    identity.compute('DELETE', '/servers/' + server_id, admins)


def test_a_reader_may_list_but_not_create(identity):
    user, password, project = identity.new_member(role='reader')
    token = identity.token(user, password, project)

    assert identity.compute('GET', '/servers', token).status_code == 200
    refused = identity.compute('POST', '/servers', token, json={'server': {
        'name': 'no', 'flavorRef': '1', 'imageRef': '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'}})
    assert refused.status_code == 403


# -- last: what this module's calls left in the log -------------------------------------------

def test_no_password_or_token_of_this_module_reaches_the_debug_log(identity):
    """Defined last, so it runs after every call above on each database backend: no token
    (Fernet: ``gAAAAA...``), no configured password, no password of a user made above."""
    identity.token()
    identity.login('admin', 'not-the-password')

    log = identity.daemon.read_log()
    assert ' DEBUG ' in log and 'POST /identity/v3/auth/tokens' in log
    for secret in (ADMIN_PASSWORD, DEMO_PASSWORD, 'not-the-password'):
        assert secret not in log, 'a password is in the log: %s...' % secret[:4]
    for pattern in (r'gAAAAA[\w-]{16}', r'pw-[0-9a-f]{32}'):
        found = re.search(pattern, log)
        assert found is None, 'a secret is in the log: %s...' % found.group()[:10]
