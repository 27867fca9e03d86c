"""Concurrent writers: quotas hold exactly, and SQLite shared by two workers never answers 500."""

from __future__ import annotations

import collections
import concurrent.futures
import uuid

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def _ssh_public_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                         serialization.PublicFormat.OpenSSH).decode()


SSH_KEY = _ssh_public_key()


def start(daemon_factory, backend, request, options):
    if backend == 'postgresql':
        server = request.getfixturevalue('postgresql_server')
        options = dict(options, database={'connection': server.create_database()})
        daemon = daemon_factory(start=False, options=options)
        assert daemon.manage('db', 'sync').returncode == 0
        return daemon.start()
    return daemon_factory(options=options)


@pytest.mark.parametrize('backend', ['sqlite', 'postgresql'])
def test_fifty_parallel_keypair_creates_against_a_quota_of_ten_leave_exactly_ten(
        daemon_factory, request, backend):
    daemon = start(daemon_factory, backend, request, {'quota': {'key_pairs': 10}})
    headers = {'X-Auth-Token': 'racer:6f70656e737461636b', 'OpenStack-API-Version': 'compute 2.2'}

    def create(index):
        body = {'keypair': {'name': 'race-%02d' % index, 'public_key': SSH_KEY}}
        return requests.post(daemon.url + '/v2.1/os-keypairs', json=body, headers=headers, timeout=60)

    with concurrent.futures.ThreadPoolExecutor(25) as pool:
        responses = list(pool.map(create, range(50)))

    codes = collections.Counter(response.status_code for response in responses)
    assert codes == {201: 10, 403: 40}, codes
    for refused in (r for r in responses if r.status_code == 403):
        assert refused.json() == {'forbidden': {'code': 403,
                                                'message': 'Quota exceeded, too many key pairs.'}}
    listed = requests.get(daemon.url + '/v2.1/os-keypairs', headers=headers, timeout=10).json()
    assert len(listed['keypairs']) == 10


def test_parallel_writers_on_sqlite_across_two_workers_get_no_500(daemon_factory):
    daemon = daemon_factory(workers=2)
    admin = {'X-Auth-Token': 'admin:6f70656e737461636b', 'OpenStack-API-Version': 'compute 2.55'}

    def churn(index):
        """Create, change and delete a flavor and a keypair: every request writes."""
        user = {'X-Auth-Token': 'user%d:6f70656e737461636b' % index,
                'OpenStack-API-Version': 'compute 2.2'}
        codes = []
        with requests.Session() as session:
            def call(method, path, headers, body=None):
                response = session.request(method, daemon.url + '/v2.1' + path, json=body,
                                           headers=headers, timeout=60)
                codes.append(response.status_code)
                return response

            for round_ in range(5):
                name = 'churn-%d-%d-%s' % (index, round_, uuid.uuid4().hex[:6])
                created = call('POST', '/flavors', admin,
                               {'flavor': {'name': name, 'ram': 64, 'vcpus': 1, 'disk': 0}})
                if created.status_code == 200:
                    flavor = '/flavors/%s' % created.json()['flavor']['id']
                    call('PUT', flavor, admin, {'flavor': {'description': 'busy'}})
                    call('DELETE', flavor, admin)
                call('POST', '/os-keypairs', user, {'keypair': {'name': name, 'public_key': SSH_KEY}})
                call('DELETE', '/os-keypairs/%s' % name, user)
        return codes

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        codes = collections.Counter(code for result in pool.map(churn, range(32)) for code in result)

    assert set(codes) <= {200, 201, 202, 204}, codes
