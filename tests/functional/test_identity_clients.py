"""The built-in identity in production shapes: keystonemiddleware in front of another daemon,
real clients from a clouds.yaml, key rotation, and logs that keep secrets out.

- A second daemon with ``[identity] enabled = false`` validates the first
  daemon's tokens over HTTP with keystonemiddleware's auth_token and its token
  cache, exactly as it would against a real Keystone.
- openstackclient and openstacksdk log in with a password from a generated
  clouds.yaml and boot a server.
- ``nova-api-manage identity rotate-keys``: tokens of a key rotated out stop
  validating on every worker.
- At debug level, no password, token or adminPass value reaches the log.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest
from identity_client import ADMIN_PASSWORD
from identity_client import DEMO_PASSWORD
from identity_client import OPTIONS
from identity_client import Identity
from identity_client import eventually

OPENSTACK = str(pathlib.Path(sys.executable).with_name('openstack'))
CIRROS_NAME = 'cirros'


@pytest.fixture(scope='module')
def cloud(tmp_path_factory):
    """A daemon serving the built-in identity (SQLite), for the whole module."""
    from daemon import NovaApiDaemon

    daemon = NovaApiDaemon(tmp_path_factory.mktemp('identity-cloud'), options=OPTIONS)
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.cleanup()


@pytest.fixture
def identity(cloud) -> Identity:
    return Identity(cloud)


def clouds_yaml(path: pathlib.Path, daemon, user: str, password: str, project: str) -> pathlib.Path:
    path.write_text(json.dumps({'clouds': {'nova_api': {
        'auth': {'auth_url': daemon.url + '/identity', 'username': user, 'password': password,
                 'project_name': project, 'user_domain_name': 'Default',
                 'project_domain_name': 'Default'},
        'identity_api_version': 3}}}))  # YAML is a superset of JSON
    return path


def run_openstack(config: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith('OS_')}
    env['OS_CLIENT_CONFIG_FILE'] = str(config)
    return subprocess.run([OPENSTACK, '--os-cloud', 'nova_api', *args], env=env,
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)


def test_keystonemiddleware_in_another_daemon_validates_our_tokens_over_http(
        cloud, identity, daemon_factory):
    service = daemon_factory(workers=1, options={'api': {'auth_strategy': 'keystone'},
                                      'identity': {'enabled': False},
                                      'keystone_authtoken': {
                                          'www_authenticate_uri': cloud.url + '/identity',
                                          'auth_url': cloud.url + '/identity',
                                          'auth_type': 'password', 'username': 'admin',
                                          'password': ADMIN_PASSWORD, 'project_name': 'admin',
                                          'user_domain_name': 'Default',
                                          'project_domain_name': 'Default'}})
    token = identity.token('demo', DEMO_PASSWORD, 'demo')

    listed = service.get('/v2.1/servers', headers={'X-Auth-Token': token})
    assert listed.status_code == 200, listed.text
    booted = identity.session.post(service.url + '/v2.1/os-keypairs', timeout=30,
                                   headers={'X-Auth-Token': token},
                                   json={'keypair': {'name': 'through-keystonemiddleware'}})
    assert booted.status_code == 200, booted.text
    assert booted.json()['keypair']['user_id'] == identity.request(
        'GET', '/v3/auth/tokens', token=token, subject=token).json()['token']['user']['id']

    refused = service.get('/v2.1/servers', headers={'X-Auth-Token': token[:-3] + 'AAA'})
    assert refused.status_code == 401
    assert refused.headers['WWW-Authenticate'] == 'Keystone uri="%s/identity"' % cloud.url
    assert service.get('/identity/v3').status_code == 404  # nothing of the built-in identity
    assert service.get('/v2.1/servers').status_code == 401

    # auth_token keeps what it validated in its own cache ([keystone_authtoken]
    # token_cache_time, 300 s; one worker, so one cache), as in front of a real Keystone: a
    # token revoked since is still served from it, where the built-in identity's own
    # pipeline refuses it within a second.
    assert identity.request('DELETE', '/v3/auth/tokens', token=identity.token(),
                            subject=token).status_code == 204
    eventually(lambda: all(identity.compute('GET', '/servers', token).status_code == 401
                           for _ in range(4)))
    assert service.get('/v2.1/servers', headers={'X-Auth-Token': token}).status_code == 200


def test_openstackclient_boots_a_server_from_a_clouds_yaml_with_a_password(cloud, tmp_path):
    config = clouds_yaml(tmp_path / 'clouds.yaml', cloud, 'demo', DEMO_PASSWORD, 'demo')

    # Issue 10's command as it writes it (run_openstack adds `--os-cloud nova_api`).
    created = run_openstack(config, 'server', 'create', '--image', 'cirros', '--flavor',
                            'm1.tiny', '--nic', 'none', '--wait', 'demo', '-f', 'json')
    assert created.returncode == 0, created.stdout + created.stderr
    server = json.loads(created.stdout)
    assert server['status'] == 'ACTIVE'
    listed = run_openstack(config, 'server', 'list', '-f', 'json')
    assert [s['Name'] for s in json.loads(listed.stdout)] == ['demo']
    issued = run_openstack(config, 'token', 'issue', '-f', 'json')
    assert issued.returncode == 0, issued.stderr
    assert json.loads(issued.stdout)['project_id'] == server['project_id']
    deleted = run_openstack(config, 'server', 'delete', '--wait', server['id'])
    assert deleted.returncode == 0, deleted.stderr

    wrong = clouds_yaml(tmp_path / 'wrong.yaml', cloud, 'demo', 'not-it', 'demo')
    refused = run_openstack(wrong, 'server', 'list')
    assert refused.returncode != 0 and 'HTTP 401' in refused.stderr


def test_the_seeded_networks_and_router_belong_to_the_admin_project(cloud, tmp_path):
    """As devstack seeds them: ``--project admin`` finds them under the project's real id."""
    config = clouds_yaml(tmp_path / 'clouds.yaml', cloud, 'admin', ADMIN_PASSWORD, 'admin')
    shown = run_openstack(config, 'project', 'show', 'admin', '-f', 'json')
    assert shown.returncode == 0, shown.stderr
    admin_project = json.loads(shown.stdout)['id']

    listed = run_openstack(config, 'network', 'list', '--project', 'admin', '-f', 'json')
    assert listed.returncode == 0, listed.stderr
    assert sorted(n['Name'] for n in json.loads(listed.stdout)) == ['private', 'public']
    router = run_openstack(config, 'router', 'show', 'router1', '-f', 'json')
    assert router.returncode == 0, router.stderr
    assert json.loads(router.stdout)['project_id'] == admin_project


def test_openstacksdk_connects_from_a_clouds_yaml_with_a_password(cloud, tmp_path, monkeypatch):
    import openstack

    config = clouds_yaml(tmp_path / 'clouds.yaml', cloud, 'admin', ADMIN_PASSWORD, 'admin')
    monkeypatch.setenv('OS_CLIENT_CONFIG_FILE', str(config))

    connection = openstack.connect(cloud='nova_api')

    assert 'm1.tiny' in [flavor.name for flavor in connection.compute.flavors()]
    assert connection.get_image(CIRROS_NAME) is not None
    assert connection.session.get_endpoint(service_type='identity').startswith(cloud.url)


def test_a_token_of_a_key_rotated_out_stops_validating(cloud, identity):
    old = identity.token()
    assert identity.compute('GET', '/servers', old).status_code == 200

    for _ in range(2):  # max_active_keys 3: staged, primary, one secondary
        rotated = cloud.manage('identity', 'rotate-keys')
        assert rotated.returncode == 0, rotated.stderr

    eventually(lambda: all(identity.compute('GET', '/servers', old).status_code == 401
                           for _ in range(8)))
    new = identity.token()
    assert identity.compute('GET', '/servers', new).status_code == 200


def test_no_secret_reaches_the_debug_log(cloud, identity):
    """Run last in this module: every call above has been logged by then."""
    token = identity.token()
    identity.login('admin', 'a-wrong-Pa55-word')
    booted = identity.compute('POST', '/servers', token, json={'server': {
        'name': 'secretive', 'flavorRef': '1', 'adminPass': 'admin-pass-Secret-42',
        'imageRef': '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'}})
    assert booted.status_code == 202, booted.text
    generated = booted.json()['server']['adminPass']
    identity.compute('DELETE', '/servers/' + booted.json()['server']['id'], token)
    identity.request('GET', '/v3/auth/tokens', token=token, subject=token)

    log = cloud.read_log()
    assert ' DEBUG ' in log  # the daemon does log at debug level
    for secret in (ADMIN_PASSWORD, DEMO_PASSWORD, 'a-wrong-Pa55-word', 'admin-pass-Secret-42',
                   generated, token, token[:40]):
        assert secret not in log, 'a secret is in the log: %s...' % secret[:6]
