"""os-keypairs over HTTP against the real daemon, on SQLite and on PostgreSQL.

Each story uses users of its own (keypairs belong to users), so the
stories share one daemon per backend without seeing each other's keys.
Bodies are compared by structure with Nova's samples at each microversion
that has them.
"""

from __future__ import annotations

import concurrent.futures
import json
import uuid

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from sample_shape import assert_same_shape
from test_api_wire import assert_fault

PROJECT = '6f70656e737461636b'


def ssh_key() -> str:
    return ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode() + ' me@host'


class Client:
    """One user talking to the daemon at one microversion."""

    def __init__(self, daemon, user: str, version: str = '2.1'):
        self.daemon = daemon
        self.user = user
        self.version = version

    def at(self, version: str) -> Client:
        return Client(self.daemon, self.user, version)

    def __call__(self, method: str, path: str, body=None, **kwargs) -> requests.Response:
        headers = {'X-Auth-Token': '%s:%s' % (self.user, PROJECT),
                   'OpenStack-API-Version': 'compute %s' % self.version}
        headers.update(kwargs.pop('headers', {}))
        return requests.request(method, self.daemon.url + '/v2.1' + path, json=body,
                                headers=headers, timeout=30, **kwargs)

    def import_key(self, name: str, **extra) -> requests.Response:
        return self('POST', '/os-keypairs', {'keypair': dict(name=name, public_key=ssh_key(),
                                                             **extra)})


@pytest.fixture
def user(nova_api_service) -> Client:
    return Client(nova_api_service, 'u-' + uuid.uuid4().hex[:12])


@pytest.fixture
def other(nova_api_service) -> Client:
    return Client(nova_api_service, 'o-' + uuid.uuid4().hex[:12])


@pytest.fixture
def admin(nova_api_service) -> Client:
    return Client(nova_api_service, 'admin')


@pytest.fixture
def sample(nova_samples):
    def load(version: str, name: str) -> dict:
        folder = nova_samples / 'os-keypairs'
        if version != '2.1':
            folder = folder / ('v' + version)
        return json.loads((folder / name).read_text())
    return load


def names(response: requests.Response) -> list[str]:
    return [kp['keypair']['name'] for kp in response.json()['keypairs']]


# -- the main story -----------------------------------------------------------------------

def test_create_list_show_delete(user):
    created = user('POST', '/os-keypairs', {'keypair': {'name': 'gen'}})
    assert created.status_code == 200
    keypair = created.json()['keypair']
    assert keypair['private_key'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    assert keypair['public_key'].startswith('ssh-rsa ')
    assert keypair['user_id'] == user.user

    public_key = ssh_key()
    imported = user('POST', '/os-keypairs', {'keypair': {'name': 'imp', 'public_key': public_key}})
    assert imported.status_code == 200
    assert imported.json()['keypair']['public_key'] == public_key
    assert 'private_key' not in imported.json()['keypair']

    assert names(user('GET', '/os-keypairs')) == ['gen', 'imp']
    shown = user('GET', '/os-keypairs/gen').json()['keypair']
    assert 'private_key' not in shown  # shown once, never stored
    assert shown['fingerprint'] == keypair['fingerprint']
    assert shown['public_key'] == keypair['public_key']

    assert user('DELETE', '/os-keypairs/gen').status_code == 202
    assert_fault(user('GET', '/os-keypairs/gen'), 404, 'itemNotFound',
                 'Keypair gen not found for user %s' % user.user)
    assert_fault(user('DELETE', '/os-keypairs/gen'), 404, 'itemNotFound')
    assert names(user('GET', '/os-keypairs')) == ['imp']


def test_types_and_codes_from_2_2(user):
    v22 = user.at('2.2')
    response = v22('POST', '/os-keypairs', {'keypair': {'name': 'win', 'type': 'x509'}})
    assert response.status_code == 201
    assert response.json()['keypair']['type'] == 'x509'
    assert v22.import_key('ssh').json()['keypair']['type'] == 'ssh'
    assert [kp['keypair']['type'] for kp in v22('GET', '/os-keypairs').json()['keypairs']] == \
        ['ssh', 'x509']
    assert v22('DELETE', '/os-keypairs/win').status_code == 204


def test_2_92_imports_only_and_allows_at_and_dot(user):
    v292 = user.at('2.92')
    assert_fault(v292('POST', '/os-keypairs', {'keypair': {'name': 'gen'}}), 400, 'badRequest',
                 "'public_key' is a required property")
    name = 'me.and.myself@this.nice.domain.com mooh.'
    created = v292.import_key(name)
    assert created.status_code == 201
    assert created.json()['keypair']['name'] == name
    assert v292('GET', '/os-keypairs/' + requests.utils.quote(name)).json()['keypair']['name'] == name
    assert_fault(user.at('2.91').import_key('a@b'), 400, 'badRequest', 'Only expected characters')
    assert v292('DELETE', '/os-keypairs/' + requests.utils.quote(name)).status_code == 204


# -- refusals ----------------------------------------------------------------------------------

def test_duplicate_name_is_409(user, other):
    assert user.import_key('dup').status_code == 200
    assert_fault(user.import_key('dup'), 409, 'conflictingRequest', "Key pair 'dup' already exists.")
    assert_fault(user('POST', '/os-keypairs', {'keypair': {'name': 'dup'}}), 409,
                 'conflictingRequest')
    assert other.import_key('dup').status_code == 200  # names are per user


@pytest.mark.parametrize('version, body, message', [
    ('2.1', {'keypair': {'name': 'a' * 256}}, 'Invalid input for field/attribute name.'),
    ('2.1', {'keypair': {'name': ''}}, 'Invalid input for field/attribute name.'),
    ('2.1', {'keypair': {'name': 'bad/name'}}, 'Only expected characters'),
    ('2.1', {'keypair': {'name': ' spaced '}}, 'Can not start or end with whitespace.'),
    ('2.1', {'keypair': {'name': 5}}, "5 is not of type 'string'"),
    ('2.1', {'keypair': {'name': 'x', 'type': 'ssh'}}, "('type' was unexpected)"),
    ('2.1', {'keypair': {'name': 'x', 'extra': 1}}, "('extra' was unexpected)"),
    ('2.1', {'kp': {'name': 'x'}}, "'keypair' is a required property"),
    ('2.2', {'keypair': {'name': 'x', 'type': 'rsa'}}, "'rsa' is not one of ['ssh', 'x509']"),
    ('2.9', {'keypair': {'name': 'x', 'user_id': 'u'}}, "('user_id' was unexpected)"),
    ('2.1', {'keypair': {'name': 'x', 'public_key': 'ssh-what negative'}},
     'Keypair data is invalid: failed to generate fingerprint'),
    ('2.2', {'keypair': {'name': 'x', 'type': 'x509', 'public_key': 'nope'}},
     'Keypair data is invalid: failed to generate X509 fingerprint. Error message: '),
])
def test_bad_input_is_400(user, version, body, message):
    assert_fault(user.at(version)('POST', '/os-keypairs', body), 400, 'badRequest', message)
    assert user('GET', '/os-keypairs').json() == {'keypairs': []}


def test_malformed_json_is_400(user):
    response = user('POST', '/os-keypairs', data='{"keypair": ',
                    headers={'Content-Type': 'application/json'})
    assert_fault(response, 400, 'badRequest')


def test_unknown_query_parameters_are_400_from_2_75(user):
    user.import_key('k')
    for method, path in (('GET', '/os-keypairs'), ('GET', '/os-keypairs/k'),
                         ('DELETE', '/os-keypairs/k')):
        assert_fault(user.at('2.75')(method, path + '?foo=1'), 400, 'badRequest',
                     "Additional properties are not allowed ('foo' was unexpected)")
    assert user.at('2.74')('GET', '/os-keypairs/k?foo=1').status_code == 200


# -- other users ------------------------------------------------------------------------------

def test_another_users_keypair_is_not_found(user, other):
    other.import_key('theirs')
    assert_fault(user('GET', '/os-keypairs/theirs'), 404, 'itemNotFound',
                 'Keypair theirs not found for user %s' % user.user)
    assert_fault(user('DELETE', '/os-keypairs/theirs'), 404, 'itemNotFound')
    assert names(user('GET', '/os-keypairs')) == []
    assert other('GET', '/os-keypairs/theirs').status_code == 200


def test_member_naming_another_user_is_403(user, other):
    other.import_key('theirs')
    v210 = user.at('2.10')
    query = '?user_id=' + other.user
    for method, path in (('GET', '/os-keypairs'), ('GET', '/os-keypairs/theirs'),
                         ('DELETE', '/os-keypairs/theirs')):
        assert_fault(v210(method, path + query), 403, 'forbidden',
                     "Policy doesn't allow os_compute_api:os-keypairs:")
    assert_fault(v210.import_key('mine', user_id=other.user), 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:os-keypairs:create to be performed.")
    assert names(other('GET', '/os-keypairs')) == ['theirs']


def test_admin_manages_a_users_keypairs_from_2_10(admin, user, sample):
    v210 = admin.at('2.10')
    created = v210('POST', '/os-keypairs', {'keypair': {'name': 'given', 'user_id': user.user}})
    assert created.status_code == 201
    assert created.json()['keypair']['user_id'] == user.user
    assert_same_shape(created.json(), sample('2.10', 'keypairs-post-resp.json'))
    query = '?user_id=' + user.user
    assert names(v210('GET', '/os-keypairs' + query)) == ['given']
    assert names(user('GET', '/os-keypairs')) == ['given']
    shown = v210('GET', '/os-keypairs/given' + query)
    assert shown.json()['keypair']['user_id'] == user.user
    assert_same_shape(shown.json(), sample('2.10', 'keypairs-get-resp.json'))
    assert_fault(v210('GET', '/os-keypairs/given'), 404, 'itemNotFound',
                 'Keypair given not found for user admin')
    assert v210('DELETE', '/os-keypairs/given' + query).status_code == 204
    assert names(user('GET', '/os-keypairs')) == []


# -- pagination -----------------------------------------------------------------------------

def test_pages_follow_next_links(user, admin, nova_api_service):
    for name in ('k3', 'k1', 'k4', 'k2', 'k5'):
        user.import_key(name)
    v235 = user.at('2.35')
    seen, url = [], '/os-keypairs?limit=2'
    while url:
        page = v235('GET', url)
        assert page.status_code == 200
        seen += names(page)
        links = page.json().get('keypairs_links')
        url = links[0]['href'].split('/v2.1', 1)[1] if links else None
    assert seen == ['k1', 'k2', 'k3', 'k4', 'k5']
    # The admin pages through the user's keypairs; the link keeps user_id.
    page = admin.at('2.35')('GET', '/%s/os-keypairs?limit=1&user_id=%s' % (PROJECT, user.user))
    assert names(page) == ['k1']
    assert page.json()['keypairs_links'] == [{'rel': 'next', 'href': '%s/v2.1/%s/os-keypairs?'
                                              'limit=1&marker=k1&user_id=%s'
                                              % (nova_api_service.url, PROJECT, user.user)}]
    assert_fault(v235('GET', '/os-keypairs?marker=nope'), 400, 'badRequest',
                 'Marker nope could not be found.')
    assert_fault(v235('GET', '/os-keypairs?limit=x'), 400, 'badRequest',
                 'Invalid input for query parameters limit.')
    assert names(user.at('2.34')('GET', '/os-keypairs?limit=1')) == ['k1', 'k2', 'k3', 'k4', 'k5']


# -- Nova's samples ---------------------------------------------------------------------------

@pytest.mark.parametrize('version', ['2.1', '2.2', '2.10', '2.35'])
def test_generated_keypair_matches_the_sample(user, sample, version):
    response = user.at(version)('POST', '/os-keypairs', {'keypair': {'name': 'gen'}})
    assert_same_shape(response.json(), sample(version, 'keypairs-post-resp.json'))


@pytest.mark.parametrize('version', ['2.1', '2.2', '2.10', '2.92'])
def test_imported_keypair_matches_the_sample(user, sample, version):
    request = sample(version, 'keypairs-import-post-req.json')
    request['keypair'].pop('user_id', None)  # the samples' user is 'fake'
    response = user.at(version)('POST', '/os-keypairs', request)
    assert response.status_code == (200 if version == '2.1' else 201)
    nova = sample(version, 'keypairs-import-post-resp.json')
    assert_same_shape(response.json(), nova)
    assert response.json()['keypair']['fingerprint'] == nova['keypair']['fingerprint']


@pytest.mark.parametrize('version', ['2.1', '2.2', '2.10'])
def test_show_and_list_match_the_samples(user, sample, version):
    client = user.at(version)
    client.import_key('k')
    assert_same_shape(client('GET', '/os-keypairs/k').json(),
                      sample(version, 'keypairs-get-resp.json'))
    assert_same_shape(client('GET', '/os-keypairs').json(),
                      sample(version, 'keypairs-list-resp.json'))


def test_paged_lists_match_the_2_35_samples(user, admin, sample):
    user.import_key('a')
    user.import_key('b')
    v235 = user.at('2.35')
    assert_same_shape(v235('GET', '/os-keypairs?limit=1').json(),
                      sample('2.35', 'keypairs-list-resp.json'))
    assert_same_shape(v235('GET', '/os-keypairs?marker=a').json(),
                      sample('2.35', 'keypairs-list-user1-resp.json'))
    as_admin = admin.at('2.35')('GET', '/os-keypairs?limit=1&user_id=' + user.user)
    assert_same_shape(as_admin.json(), sample('2.35', 'keypairs-list-user2-resp.json'))


# -- quota ------------------------------------------------------------------------------------

@pytest.fixture
def quota_daemon(daemon_factory, database_url):
    """A daemon allowing 3 keypairs per user, on each backend in turn."""
    options = {'quota': {'key_pairs': 3}}
    if database_url is not None:
        options['database'] = {'connection': database_url}
    daemon = daemon_factory(start=False, options=options)
    if database_url is not None:
        synced = daemon.manage('db', 'sync')
        assert synced.returncode == 0, synced.stdout + synced.stderr
    return daemon.start()


def test_quota_caps_each_users_keypairs(quota_daemon):
    daemon = quota_daemon
    alice, bob = Client(daemon, 'alice'), Client(daemon, 'bob')
    for name in ('a', 'b', 'c'):
        assert alice.import_key(name).status_code == 200
    assert_fault(alice.import_key('d'), 403, 'forbidden', 'Quota exceeded, too many key pairs.')
    assert_fault(alice('POST', '/os-keypairs', {'keypair': {'name': 'd'}}), 403, 'forbidden',
                 'Quota exceeded, too many key pairs.')
    assert bob.import_key('a').status_code == 200
    assert alice('DELETE', '/os-keypairs/a').status_code == 202
    assert alice.import_key('d').status_code == 200


def test_concurrent_creates_cannot_overshoot_the_quota(quota_daemon):
    carol = Client(quota_daemon, 'carol')
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(lambda i: carol.import_key('k%d' % i).status_code, range(8)))
    assert codes == [200] * 3 + [403] * 5
    assert len(names(carol('GET', '/os-keypairs'))) == 3
