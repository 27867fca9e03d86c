"""os-keypairs through the real pipeline, in-process: validation and refusals at each microversion.

The HTTP stories against the daemon are in tests/functional/test_keypairs.py;
here are the many small cases: each bad input gets Nova's status, fault name
and message.
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from fault_check import assert_fault

from nova_api.api import router
from nova_api.api.schemas import keypairs as schemas

#: A hex project id, so that it also matches in URLs.
PROJECT_ID = '6f70656e737461636b20726f636b7321'
ALICE = 'alice:%s' % PROJECT_ID
BOB = 'bob:%s' % PROJECT_ID
ADMIN = 'admin:%s' % PROJECT_ID
SAFE_20 = '_- 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
SAFE_292 = '@.' + SAFE_20


def ssh_key() -> str:
    return ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode() + ' me@host'


@pytest.fixture
def call(pipeline, api_request):
    def send(method, path, body=None, token=ALICE, version=None):
        return api_request(pipeline, '/v2.1' + path, method=method, body=body, token=token,
                           version=version)
    return send


def import_body(name='kp', **extra):
    return {'keypair': dict(name=name, public_key=ssh_key(), **extra)}


# -- create: names ---------------------------------------------------------------------

@pytest.mark.parametrize('version', ['2.1', '2.2', '2.10', '2.91'])
@pytest.mark.parametrize('name, message', [
    # The length messages are jsonschema's own wording, which varies by release.
    ('', "Invalid input for field/attribute name. Value: . ''"),
    ('a' * 256, 'Invalid input for field/attribute name. Value: %s.' % ('a' * 256)),
    ('  test  ', "An invalid 'name' value was provided. The name must be: printable "
     'characters. Can not start or end with whitespace.'),
    ('test/keypair', "An invalid 'name' value was provided. The name must be: "
     'Only expected characters: [%s]' % SAFE_20),
    ('my-key@ my.host', "An invalid 'name' value was provided. The name must be: "
     'Only expected characters: [%s]' % SAFE_20),
])
def test_bad_names_are_400_before_2_92(call, version, name, message):
    response = call('POST', '/os-keypairs', import_body(name), version=version)
    assert_fault(response, 400, 'badRequest')
    assert response.json_body['badRequest']['message'].startswith(message)


@pytest.mark.parametrize('name, message', [
    ('test/keypair', "An invalid 'name' value was provided. The name must be: "
     'Only expected characters: [%s]' % SAFE_292),
    ('tab\tinside', "An invalid 'name' value was provided. The name must be: printable "
     'characters. Can not start or end with whitespace.'),
    ('', None),
    ('a' * 256, None),
])
def test_bad_names_are_400_from_2_92(call, name, message):
    response = call('POST', '/os-keypairs', import_body(name), version='2.92')
    assert_fault(response, 400, 'badRequest', message)


def test_2_92_names_may_have_at_and_dot(call):
    response = call('POST', '/os-keypairs', import_body('my-key@ my.host'), version='2.92')
    assert response.status_int == 201
    assert response.json_body['keypair']['name'] == 'my-key@ my.host'
    shown = call('GET', '/os-keypairs/my-key@%20my.host', version='2.92')
    assert shown.status_int == 200
    assert shown.json_body['keypair']['name'] == 'my-key@ my.host'


def test_name_of_255_characters_is_fine(call):
    response = call('POST', '/os-keypairs', import_body('a' * 255))
    assert response.status_int == 200
    assert call('GET', '/os-keypairs/' + 'a' * 255).status_int == 200


# -- create: bodies, types, keys ------------------------------------------------------

@pytest.mark.parametrize('body, message', [
    ({'alpha': {'name': 'x'}}, "'keypair' is a required property"),
    ({'keypair': {}}, "Invalid input for field/attribute keypair. Value: {}. "
     "'name' is a required property"),
    ({'keypair': {'name': 1}}, 'Invalid input for field/attribute name. Value: 1. '
     "1 is not of type 'string'"),
    ({'keypair': {'name': 'x', 'public_key': 5}}, 'Invalid input for field/attribute '
     "public_key. Value: 5. 5 is not of type 'string'"),
    ({'keypair': {'name': 'x', 'bogus': 1}}, 'Invalid input for field/attribute keypair. '
     "Value: {'name': 'x', 'bogus': 1}. Additional properties are not allowed "
     "('bogus' was unexpected)"),
    ({'keypair': 'x'}, "Invalid input for field/attribute keypair. Value: x. "
     "'x' is not of type 'object'"),
])
def test_malformed_bodies_are_400(call, body, message):
    assert_fault(call('POST', '/os-keypairs', body), 400, 'badRequest', message)


def test_no_body_is_400(call):
    assert_fault(call('POST', '/os-keypairs'), 400, 'badRequest')


def test_type_is_refused_at_2_1(call):
    response = call('POST', '/os-keypairs', import_body(type='ssh'), version='2.1')
    assert_fault(response, 400, 'badRequest')
    assert "'type' was unexpected" in response.json_body['badRequest']['message']


def test_unknown_type_is_400(call):
    response = call('POST', '/os-keypairs', import_body(type='pgp'), version='2.2')
    assert_fault(response, 400, 'badRequest', "Invalid input for field/attribute type. "
                 "Value: pgp. 'pgp' is not one of ['ssh', 'x509']")


def test_user_id_is_refused_before_2_10(call):
    response = call('POST', '/os-keypairs', import_body(user_id='bob'), token=ADMIN,
                    version='2.9')
    assert_fault(response, 400, 'badRequest')
    assert "'user_id' was unexpected" in response.json_body['badRequest']['message']


@pytest.mark.parametrize('version', ['2.1', '2.2', '2.92'])
@pytest.mark.parametrize('public_key', ['', 'ssh-what negative', 'ssh-rsa AAAA', 'garbage'])
def test_bad_ssh_keys_are_400(call, version, public_key):
    body = {'keypair': {'name': 'kp', 'public_key': public_key}}
    assert_fault(call('POST', '/os-keypairs', body, version=version), 400, 'badRequest',
                 'Keypair data is invalid: failed to generate fingerprint')


def test_bad_x509_certificate_is_400(call):
    body = {'keypair': {'name': 'kp', 'type': 'x509', 'public_key': ssh_key()}}
    response = call('POST', '/os-keypairs', body, version='2.2')
    assert_fault(response, 400, 'badRequest')
    assert response.json_body['badRequest']['message'].startswith(
        'Keypair data is invalid: failed to generate X509 fingerprint. Error message: ')


def test_generation_is_gone_at_2_92(call):
    response = call('POST', '/os-keypairs', {'keypair': {'name': 'kp'}}, version='2.92')
    assert_fault(response, 400, 'badRequest', "Invalid input for field/attribute keypair. "
                 "Value: {'name': 'kp'}. 'public_key' is a required property")


def test_generation_still_works_at_2_91(call):
    response = call('POST', '/os-keypairs', {'keypair': {'name': 'kp'}}, version='2.91')
    assert response.status_int == 201
    assert response.json_body['keypair']['private_key'].startswith('-----BEGIN RSA PRIVATE KEY')


def test_generated_x509_keypair(call):
    response = call('POST', '/os-keypairs', {'keypair': {'name': 'win', 'type': 'x509'}},
                    version='2.2')
    assert response.status_int == 201
    keypair = response.json_body['keypair']
    assert keypair['type'] == 'x509'
    assert keypair['public_key'].startswith('-----BEGIN CERTIFICATE-----')
    assert len(keypair['fingerprint'].split(':')) == 20
    assert keypair['private_key']  # base64 PKCS#12, shown once
    shown = call('GET', '/os-keypairs/win', version='2.2').json_body['keypair']
    assert 'private_key' not in shown
    assert shown['fingerprint'] == keypair['fingerprint']


# -- status codes by version -----------------------------------------------------------

@pytest.mark.parametrize('version, created, deleted', [
    ('2.1', 200, 202), ('2.2', 201, 204), ('2.10', 201, 204), ('2.104', 201, 204)])
def test_create_and_delete_codes_follow_the_version(call, version, created, deleted):
    assert call('POST', '/os-keypairs', import_body(), version=version).status_int == created
    response = call('DELETE', '/os-keypairs/kp', version=version)
    assert response.status_int == deleted
    assert response.body == b''


def test_duplicate_is_409(call):
    assert call('POST', '/os-keypairs', import_body()).status_int == 200
    assert_fault(call('POST', '/os-keypairs', import_body()), 409, 'conflictingRequest',
                 "Key pair 'kp' already exists.")
    # Names are per user: bob may have his own 'kp'.
    assert call('POST', '/os-keypairs', import_body(), token=BOB).status_int == 200


# -- not found, other users, policy ----------------------------------------------------

def test_missing_keypair_is_404(call):
    message = 'Keypair nope not found for user alice'
    assert_fault(call('GET', '/os-keypairs/nope'), 404, 'itemNotFound', message)
    assert_fault(call('DELETE', '/os-keypairs/nope'), 404, 'itemNotFound', message)


def test_another_users_keypair_is_not_found(call):
    call('POST', '/os-keypairs', import_body('bobs'), token=BOB)
    assert_fault(call('GET', '/os-keypairs/bobs'), 404, 'itemNotFound',
                 'Keypair bobs not found for user alice')
    assert_fault(call('DELETE', '/os-keypairs/bobs'), 404, 'itemNotFound')
    assert call('GET', '/os-keypairs').json_body == {'keypairs': []}
    assert call('GET', '/os-keypairs/bobs', token=BOB).status_int == 200


@pytest.mark.parametrize('method, path', [
    ('GET', '/os-keypairs?user_id=bob'),
    ('GET', '/os-keypairs/bobs?user_id=bob'),
    ('DELETE', '/os-keypairs/bobs?user_id=bob'),
])
def test_member_naming_another_user_is_403(call, method, path):
    call('POST', '/os-keypairs', import_body('bobs'), token=BOB)
    response = call(method, path, version='2.10')
    assert_fault(response, 403, 'forbidden')
    assert 'os_compute_api:os-keypairs:' in response.json_body['forbidden']['message']
    assert call('GET', '/os-keypairs/bobs', token=BOB).status_int == 200


def test_member_creating_for_another_user_is_403(call):
    response = call('POST', '/os-keypairs', import_body(user_id='bob'), version='2.10')
    assert_fault(response, 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:os-keypairs:create to be performed.")


def test_member_naming_themselves_is_fine(call):
    call('POST', '/os-keypairs', import_body(user_id='alice'), version='2.10')
    assert call('GET', '/os-keypairs/kp?user_id=alice', version='2.10').status_int == 200


def test_user_id_query_is_ignored_before_2_10(call):
    call('POST', '/os-keypairs', import_body('bobs'), token=BOB)
    # Nova ignores it: alice lists her own (no 403), admin sees their own.
    assert call('GET', '/os-keypairs?user_id=bob', version='2.9').json_body == {'keypairs': []}
    assert_fault(call('GET', '/os-keypairs/bobs?user_id=bob', token=ADMIN, version='2.9'),
                 404, 'itemNotFound', 'Keypair bobs not found for user admin')


def test_admin_manages_another_users_keypairs_from_2_10(call):
    response = call('POST', '/os-keypairs', import_body('given', user_id='bob'), token=ADMIN,
                    version='2.10')
    assert response.status_int == 201
    assert response.json_body['keypair']['user_id'] == 'bob'
    listed = call('GET', '/os-keypairs', token=BOB, version='2.10').json_body
    assert [kp['keypair']['name'] for kp in listed['keypairs']] == ['given']
    admin_view = call('GET', '/os-keypairs?user_id=bob', token=ADMIN, version='2.10')
    assert [kp['keypair']['name'] for kp in admin_view.json_body['keypairs']] == ['given']
    shown = call('GET', '/os-keypairs/given?user_id=bob', token=ADMIN, version='2.10')
    assert shown.json_body['keypair']['user_id'] == 'bob'
    assert call('DELETE', '/os-keypairs/given?user_id=bob', token=ADMIN,
                version='2.10').status_int == 204
    assert call('GET', '/os-keypairs', token=BOB).json_body == {'keypairs': []}


# -- query strings -----------------------------------------------------------------------

@pytest.mark.parametrize('method, path', [
    ('GET', '/os-keypairs?unknown=3'),
    ('GET', '/os-keypairs/kp?unknown=3'),
    ('DELETE', '/os-keypairs/kp?unknown=3'),
])
def test_unknown_query_parameters_are_400_from_2_75(call, method, path):
    call('POST', '/os-keypairs', import_body())
    response = call(method, path, version='2.75')
    assert_fault(response, 400, 'badRequest',
                 "Additional properties are not allowed ('unknown' was unexpected)")
    assert call(method, path, version='2.74').status_int in (200, 204)


@pytest.mark.parametrize('query, message', [
    ('limit=abc', "Invalid input for query parameters limit. Value: abc. "
     "'abc' does not match '^[0-9]*$'"),
    ('limit=-1', "Invalid input for query parameters limit. Value: -1. "
     "'-1' does not match '^[0-9]*$'"),
    ('limit=', None),
    ('marker=nope', 'Marker nope could not be found.'),
])
def test_bad_pagination_is_400(call, query, message):
    assert_fault(call('GET', '/os-keypairs?' + query, version='2.35'), 400, 'badRequest', message)


def test_pagination_is_ignored_before_2_35(call):
    for name in ('a', 'b'):
        call('POST', '/os-keypairs', import_body(name))
    body = call('GET', '/os-keypairs?limit=1&marker=nope', version='2.34').json_body
    assert [kp['keypair']['name'] for kp in body['keypairs']] == ['a', 'b']
    assert 'keypairs_links' not in body


def test_pages_in_name_order_with_next_links(call, pipeline, api_request):
    for name in ('c', 'a', 'd', 'b'):
        call('POST', '/os-keypairs', import_body(name))
    first = call('GET', '/os-keypairs?limit=3', version='2.35').json_body
    assert [kp['keypair']['name'] for kp in first['keypairs']] == ['a', 'b', 'c']
    assert first['keypairs_links'] == [
        {'rel': 'next', 'href': 'http://localhost/v2.1/os-keypairs?limit=3&marker=c'}]
    last = call('GET', '/os-keypairs?limit=3&marker=c', version='2.35').json_body
    assert [kp['keypair']['name'] for kp in last['keypairs']] == ['d']
    assert 'keypairs_links' not in last
    everything = call('GET', '/os-keypairs', version='2.35').json_body
    assert len(everything['keypairs']) == 4 and 'keypairs_links' not in everything
    assert call('GET', '/os-keypairs?limit=0', version='2.35').json_body == {'keypairs': []}
    # With the project in the URL, the link keeps it; other parameters are kept, sorted.
    with_project = api_request(pipeline, '/v2.1/%s/os-keypairs?user_id=alice&limit=1' % PROJECT_ID,
                               token=ALICE, version='2.35').json_body
    assert with_project['keypairs_links'][0]['href'] == (
        'http://localhost/v2.1/%s/os-keypairs?limit=1&marker=a&user_id=alice' % PROJECT_ID)


def test_multiple_values_take_nova_s_pick(call):
    for name in ('a', 'b', 'c'):
        call('POST', '/os-keypairs', import_body(name))
    # limit and marker: the last value; user_id: the first.
    body = call('GET', '/os-keypairs?limit=5&limit=1&marker=zzz&marker=a&user_id=alice'
                '&user_id=bob', version='2.35').json_body
    assert [kp['keypair']['name'] for kp in body['keypairs']] == ['b']


# -- bodies ------------------------------------------------------------------------------

def test_type_appears_from_2_2(call):
    call('POST', '/os-keypairs', import_body())
    for version, has_type in (('2.1', False), ('2.2', True)):
        assert ('type' in call('GET', '/os-keypairs/kp', version=version)
                .json_body['keypair']) is has_type
        listed = call('GET', '/os-keypairs', version=version).json_body['keypairs'][0]
        assert ('type' in listed['keypair']) is has_type


def test_show_has_nova_s_database_fields(call):
    created = call('POST', '/os-keypairs', import_body()).json_body['keypair']
    shown = call('GET', '/os-keypairs/kp').json_body['keypair']
    assert shown['deleted'] is False and shown['deleted_at'] is None
    assert shown['updated_at'] is None and isinstance(shown['id'], int)
    assert shown['created_at'].startswith('20')
    assert {k: shown[k] for k in created} == created


# -- wiring --------------------------------------------------------------------------------

def test_routes_are_declared():
    paths = dict(router.ROUTES)
    assert paths['/os-keypairs'] == {'GET': ('keypairs', 'index'), 'POST': ('keypairs', 'create')}
    assert set(paths['/os-keypairs/{keypair_name}']) == {'GET', 'DELETE'}


def test_schemas_are_built_from_each_other():
    keypair = schemas.create_v2_92['properties']['keypair']
    assert keypair['required'] == ['name', 'public_key']
    assert set(keypair['properties']) == {'name', 'public_key', 'type', 'user_id'}
    assert 'user_id' not in schemas.create_v2_2['properties']['keypair']['properties']
    assert schemas.index_query_v2_75['additionalProperties'] is False


# -- quota ---------------------------------------------------------------------------------

@pytest.mark.parametrize('recheck', [True, False])
def test_over_quota_is_403(load_pipeline, sqlite_conf, api_request, recheck):
    app = load_pipeline(sqlite_conf(overrides={'quota': {'key_pairs': 2, 'recheck_quota': recheck}}))

    def create(name, token=ALICE, body=None):
        return api_request(app, '/v2.1/os-keypairs', method='POST', token=token,
                           body=body or import_body(name), version='2.10')

    assert create('one').status_int == 201
    assert create('two', body={'keypair': {'name': 'two'}}).status_int == 201  # generated
    for body in (import_body('three'), {'keypair': {'name': 'three'}}, import_body('one')):
        assert_fault(create('three', body=body), 403, 'forbidden',
                     'Quota exceeded, too many key pairs.')
    # The quota is each user's: bob still has room, also when the admin creates for him.
    assert create('one', token=BOB).status_int == 201
    assert create('x', token=ADMIN, body=import_body('x', user_id='bob')).status_int == 201
    assert_fault(create('y', token=ADMIN, body=import_body('y', user_id='bob')), 403, 'forbidden')
    # Deleting makes room again.
    assert api_request(app, '/v2.1/os-keypairs/one', method='DELETE', token=ALICE).status_int == 202
    assert create('three').status_int == 201


def test_unlimited_quota(load_pipeline, sqlite_conf, api_request):
    app = load_pipeline(sqlite_conf(overrides={'quota': {'key_pairs': -1}}))
    for name in 'abc':
        assert api_request(app, '/v2.1/os-keypairs', method='POST', token=ALICE,
                           body=import_body(name)).status_int == 200
