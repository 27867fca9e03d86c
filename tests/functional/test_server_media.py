"""Snapshots, backups and consoles over HTTP against the real daemon, on SQLite and PostgreSQL.

createImage and createBackup put images in the catalogue that both image
APIs serve and that go active; backups rotate; the console log is the
server's boot; remote console URLs carry tokens that os-console-auth-tokens
resolves. Bodies are compared with Nova's samples at each microversion.
Every console type is enabled here (Nova enables only VNC by default).
"""

from __future__ import annotations

import json
import time
import uuid

import pytest
import requests
from daemon import NovaApiDaemon
from pg_server import DATABASE_BACKENDS
from sample_shape import assert_same_shape
from servers_client import ServersClient
from test_api_wire import assert_fault

CONSOLES = {'spice': {'enabled': True}, 'serial_console': {'enabled': True},
            'mks': {'enabled': True}}


@pytest.fixture(scope='module', params=DATABASE_BACKENDS)
def media_service(request, tmp_path_factory):
    """A NovaApiDaemon on each backend with every console type enabled."""
    daemon = NovaApiDaemon(tmp_path_factory.mktemp('nova-api-media-%s' % request.param),
                           options=CONSOLES)
    daemon.backend = request.param
    try:
        if request.param == 'postgresql':
            server = request.getfixturevalue('postgresql_server')
            daemon.configure({'database': {'connection': server.create_database()}})
            synced = daemon.manage('db', 'sync')
            assert synced.returncode == 0, synced.stdout + synced.stderr
        daemon.start()
        yield daemon
    finally:
        daemon.cleanup()


@pytest.fixture
def alice(media_service) -> ServersClient:
    return ServersClient(media_service, 'alice', uuid.uuid4().hex)


@pytest.fixture
def mallory(media_service) -> ServersClient:
    return ServersClient(media_service, 'mallory', uuid.uuid4().hex)


@pytest.fixture
def admin(media_service) -> ServersClient:
    return ServersClient(media_service, 'admin', 'admin')


@pytest.fixture
def active(alice):
    """An ACTIVE server of alice's: its id."""
    server_id = alice.boot('media-1').json()['server']['id']
    alice.wait_for(server_id, 'ACTIVE')
    return server_id


def _sample(nova_samples, *parts):
    return json.loads(nova_samples.joinpath(*parts).read_text())


def _glance(client: ServersClient, image_id: str) -> requests.Response:
    return client.session.get('%s/image/v2/images/%s' % (client.daemon.url, image_id),
                              headers={'X-Auth-Token': '%s:%s' % (client.user, client.project)},
                              timeout=30)


def _wait_image(client: ServersClient, image_id: str, status: str, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        response = _glance(client, image_id)
        if status == 'gone' and response.status_code == 404:
            return {}
        if response.status_code == 200 and response.json()['status'] == status:
            return response.json()
        assert time.monotonic() < deadline, 'image %s: %s %s' % (image_id, response.status_code,
                                                                  response.text)
        time.sleep(0.1)


# -- createImage -------------------------------------------------------------------------

def test_create_image_before_2_45_answers_with_a_location(alice, active):
    at_244 = alice.at('2.44')
    created = at_244.action(active, {'createImage': {'name': 'snap-244',
                                                     'metadata': {'meta_var': 'meta_val'}}})
    assert created.status_code == 202, created.text
    assert created.content == b''
    location = created.headers['Location']
    image_id = location.rsplit('/', 1)[1]
    assert location == '%s/image/v2/images/%s' % (alice.daemon.url, image_id)
    shown = alice.show(active)
    assert shown['OS-EXT-STS:task_state'] in ('image_snapshot_pending', 'image_snapshot',
                                              'image_pending_upload', 'image_uploading')
    assert shown['status'] == 'ACTIVE'

    image = _wait_image(alice, image_id, 'active')
    assert image['name'] == 'snap-244' and image['visibility'] == 'private'
    assert image['owner'] == alice.project and image['meta_var'] == 'meta_val'
    assert (image['image_type'], image['instance_uuid'], image['user_id']) == (
        'snapshot', active, 'alice')
    alice.wait_for(active, 'ACTIVE')
    proxied = alice('GET', '/images/%s' % image_id).json()['image']
    assert proxied['status'] == 'ACTIVE' and proxied['server']['id'] == active
    assert image_id in [i['id'] for i in alice('GET', '/images').json()['images']]
    listed = alice.session.get(alice.daemon.url + '/image/v2/images?image_type=snapshot',
                               headers={'X-Auth-Token': 'alice:%s' % alice.project}, timeout=30)
    assert [i['id'] for i in listed.json()['images']] == [image_id]


def test_create_image_from_2_45_answers_with_the_image_id(alice, active, nova_samples):
    created = alice.at('2.45').action(active, _sample(nova_samples, 'servers',
                                                      'server-action-create-image.json'))
    assert created.status_code == 202 and 'Location' not in created.headers
    assert_same_shape(created.json(), _sample(nova_samples, 'servers', 'v2.45',
                                              'server-action-create-image-resp.json'))
    _wait_image(alice, created.json()['image_id'], 'active')
    latest = alice.at('latest').action(active, {'createImage': {'name': 'again'}})
    assert latest.status_code in (202, 409)  # 409 while the first is still uploading


def test_a_snapshot_that_fails_leaves_the_server_active_and_deletes_the_image(alice):
    server_id = alice.boot('fails', metadata={'nova_api:fail': 'snapshot'}).json()['server']['id']
    alice.wait_for(server_id, 'ACTIVE')
    image_id = alice.at('2.45').action(server_id, {'createImage': {'name': 'x'}}).json()['image_id']
    _wait_image(alice, image_id, 'gone')
    server = alice.wait_for(server_id, 'ACTIVE')
    assert server['OS-EXT-STS:vm_state'] == 'active'


def test_image_metadata_counts_against_the_quota_before_2_39(alice, active):
    too_many = {'k%d' % index: 'v' for index in range(129)}  # metadata_items: 128
    assert_fault(alice.at('2.38').action(active, {'createImage': {'name': 'n',
                                                                  'metadata': too_many}}),
                 403, 'forbidden', 'Image metadata limit exceeded')
    assert alice.at('2.39').action(active, {'createImage': {'name': 'n', 'metadata': too_many}}
                                   ).status_code == 202


# -- createBackup -----------------------------------------------------------------------

def test_backups_rotate_and_answer_per_microversion(alice, active, nova_samples):
    first = alice.at('2.44').action(active, _sample(nova_samples, 'os-create-backup',
                                                    'create-backup-req.json'))
    assert first.status_code == 202 and first.content == b''
    first_id = first.headers['Location'].rsplit('/', 1)[1]
    assert first.headers['Location'] == '%s/v2.1/images/%s' % (alice.daemon.url, first_id)
    backup = _wait_image(alice, first_id, 'active')
    assert (backup['image_type'], backup['backup_type']) == ('backup', 'daily')
    alice.wait_for(active, 'ACTIVE')

    second = alice.at('2.45').action(active, _sample(nova_samples, 'os-create-backup', 'v2.45',
                                                     'create-backup-req.json'))
    assert_same_shape(second.json(), _sample(nova_samples, 'os-create-backup', 'v2.45',
                                             'create-backup-resp.json'))
    _wait_image(alice, second.json()['image_id'], 'active')  # weekly: the daily one stays
    alice.wait_for(active, 'ACTIVE')
    third = alice.at('2.45').action(active, {'createBackup': {
        'name': 'Backup 3', 'backup_type': 'daily', 'rotation': 1}}).json()['image_id']
    _wait_image(alice, third, 'active')
    _wait_image(alice, first_id, 'gone')  # rotated out: one daily kept
    assert _glance(alice, second.json()['image_id']).status_code == 200
    alice.wait_for(active, 'ACTIVE')

    none_kept = alice.at('2.44').action(active, {'createBackup': {
        'name': 'b0', 'backup_type': 'daily', 'rotation': 0}})
    assert none_kept.status_code == 202 and 'Location' not in none_kept.headers


@pytest.mark.parametrize('body, fragment', [
    ({'createImage': {}}, "'name' is a required property"),
    ({'createImage': {'name': ''}}, 'name'),
    ({'createImage': {'name': 'n', 'extra': 1}}, 'Additional properties'),
    ({'createBackup': {'name': 'b', 'backup_type': 'daily', 'rotation': -1}}, 'rotation'),
    ({'createBackup': {'name': 'b', 'rotation': 1}}, "'backup_type' is a required property"),
    ({'os-getConsoleOutput': {'length': 'abc'}}, 'length'),
    ({'os-getConsoleOutput': {'length': -2}}, 'length'),
])
def test_bad_bodies_are_400(alice, body, fragment):
    server_id = alice.boot().json()['server']['id']
    assert_fault(alice.action(server_id, body), 400, 'badRequest', fragment)


def test_image_actions_in_the_wrong_state_are_409(alice):
    server_id = alice.boot(metadata={'nova_api:build_seconds': '30'}).json()['server']['id']
    for name, body in (('createImage', {'createImage': {'name': 'n'}}),
                       ('createBackup', {'createBackup': {'name': 'n', 'backup_type': 'daily',
                                                          'rotation': 1}})):
        assert_fault(alice.action(server_id, body), 409, 'conflictingRequest',
                     "Cannot '%s' instance %s while it is in vm_state building" % (name, server_id))
    assert_fault(alice.action(server_id, {'os-getConsoleOutput': {}}), 409, 'conflictingRequest',
                 'Instance %s is not ready' % server_id)
    assert_fault(alice.at('2.6')('POST', '/servers/%s/remote-consoles' % server_id, {
        'remote_console': {'protocol': 'vnc', 'type': 'novnc'}}), 409, 'conflictingRequest',
        'is not ready')


def test_another_project_server_is_not_found_for_every_media_action(alice, mallory, active):
    for body in ({'createImage': {'name': 'n'}},
                 {'createBackup': {'name': 'n', 'backup_type': 'daily', 'rotation': 1}},
                 {'os-getConsoleOutput': {'length': 5}},
                 {'os-getVNCConsole': {'type': 'novnc'}}):
        assert_fault(mallory.action(active, body), 404, 'itemNotFound')
    assert_fault(mallory.at('2.6')('POST', '/servers/%s/remote-consoles' % active, {
        'remote_console': {'protocol': 'vnc', 'type': 'novnc'}}), 404, 'itemNotFound')


# -- console output -----------------------------------------------------------------------

def test_console_output_is_the_boot_of_the_server_and_honours_length(alice, active, nova_samples):
    server = alice.show(active)
    full = alice.action(active, {'os-getConsoleOutput': {'length': None}})
    assert full.status_code == 200
    assert_same_shape(full.json(), _sample(nova_samples, 'os-console-output',
                                           'console-output-post-resp.json'))
    log = full.json()['output']
    assert server['addresses']['private'][0]['addr'] in log
    assert 'media-1 login: ' in log and 'Linux version' in log
    assert alice.action(active, {'os-getConsoleOutput': {}}).json()['output'] == log
    five = alice.action(active, {'os-getConsoleOutput': {'length': 5}}).json()['output']
    assert five.split('\n') == log.split('\n')[-5:]
    assert alice.action(active, {'os-getConsoleOutput': {'length': '2'}}).json()['output'] == \
        '\n'.join(log.split('\n')[-2:])


# -- remote consoles and their tokens -------------------------------------------------------

def _token(url: str) -> str:
    return url.rsplit('token', 1)[1].lstrip('=').replace('%3D', '')


def test_a_remote_console_url_resolves_through_its_token(alice, admin, active, nova_samples):
    at_26 = alice.at('2.6')
    created = at_26('POST', '/servers/%s/remote-consoles' % active,
                    _sample(nova_samples, 'os-remote-consoles', 'v2.6',
                            'create-vnc-console-req.json'))
    assert created.status_code == 200, created.text
    assert_same_shape(created.json(), _sample(nova_samples, 'os-remote-consoles', 'v2.6',
                                              'create-vnc-console-resp.json'))
    url = created.json()['remote_console']['url']
    assert url.startswith('http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3D')
    token = _token(url)

    resolved = admin.at('2.31')('GET', '/os-console-auth-tokens/%s' % token)
    assert resolved.status_code == 200, resolved.text
    sample = _sample(nova_samples, 'os-console-auth-tokens', 'v2.31',
                     'get-console-connect-info-get-resp.json')
    assert sorted(resolved.json()['console']) == sorted(sample['console'])
    console = resolved.json()['console']
    assert console['instance_uuid'] == active
    assert console['host'] == admin.show(active)['OS-EXT-SRV-ATTR:host']
    assert isinstance(console['port'], int) and console['internal_access_path'] is None

    assert_fault(admin.at('2.30')('GET', '/os-console-auth-tokens/%s' % token), 400,
                 'badRequest')
    assert_fault(alice.at('2.31')('GET', '/os-console-auth-tokens/%s' % token), 403, 'forbidden')
    assert_fault(admin.at('2.31')('GET', '/os-console-auth-tokens/%s' % uuid.uuid4()), 404,
                 'itemNotFound', 'Token not found')
    assert_fault(admin.at('2.99')('GET', '/os-console-auth-tokens/%s?x=1' % token), 400,
                 'badRequest')

    alice('DELETE', '/servers/%s' % active)
    alice.wait_gone(active)
    assert_fault(admin.at('2.31')('GET', '/os-console-auth-tokens/%s' % token), 404,
                 'itemNotFound')


@pytest.mark.parametrize('version, protocol, console_type, sample', [
    ('2.6', 'spice', 'spice-html5', None),
    ('2.6', 'serial', 'serial', None),
    ('2.8', 'mks', 'webmks', ('v2.8', 'create-mks-console-resp.json')),
    ('2.99', 'spice', 'spice-direct', ('v2.99', 'create-spice-direct-console-resp.json')),
])
def test_every_protocol_gives_a_console(alice, admin, active, nova_samples, version, protocol,
                                        console_type, sample):
    created = alice.at(version)('POST', '/servers/%s/remote-consoles' % active, {
        'remote_console': {'protocol': protocol, 'type': console_type}})
    assert created.status_code == 200, created.text
    body = created.json()['remote_console']
    assert (body['protocol'], body['type']) == (protocol, console_type)
    if sample:
        assert_same_shape(created.json(), _sample(nova_samples, 'os-remote-consoles', *sample))
    if console_type == 'spice-direct':
        resolved = admin.at('2.99')('GET', '/os-console-auth-tokens/%s' % _token(body['url']))
        assert_same_shape(resolved.json(), _sample(
            nova_samples, 'os-console-auth-tokens', 'v2.99', 'get-console-connect-info-get-resp.json'))
        assert resolved.json()['console']['tls_port'] == resolved.json()['console']['port'] + 1


@pytest.mark.parametrize('version, console, fault', [
    ('2.6', {'protocol': 'rdp', 'type': 'rdp-html5'}, 'Unavailable console type rdp.'),
    ('2.6', {'protocol': 'vnc', 'type': 'spice-html5'}, 'Invalid console type spice-html5'),
    ('2.6', {'protocol': 'spice', 'type': 'novnc'}, 'Invalid console type novnc'),
    ('2.6', {'protocol': 'mks', 'type': 'webmks'}, "'mks' is not one of"),
    ('2.8', {'protocol': 'spice', 'type': 'spice-direct'}, "'spice-direct' is not one of"),
    ('2.6', {'protocol': 'vnc'}, "'type' is a required property"),
])
def test_bad_console_combinations_are_400(alice, active, version, console, fault):
    assert_fault(alice.at(version)('POST', '/servers/%s/remote-consoles' % active,
                                   {'remote_console': console}), 400, 'badRequest', fault)


def test_remote_consoles_start_at_2_6_and_the_console_actions_end_at_2_5(alice, active,
                                                                         nova_samples):
    assert_fault(alice.at('2.5')('POST', '/servers/%s/remote-consoles' % active, {
        'remote_console': {'protocol': 'vnc', 'type': 'novnc'}}), 404, 'itemNotFound')
    for name in ('vnc', 'spice', 'serial'):
        request = _sample(nova_samples, 'os-remote-consoles', 'get-%s-console-post-req.json' % name)
        answer = alice.action(active, request)
        assert answer.status_code == 200, answer.text
        assert_same_shape(answer.json(), _sample(nova_samples, 'os-remote-consoles',
                                                 'get-%s-console-post-resp.json' % name))
        assert_fault(alice.at('2.6').action(active, request), 404, 'itemNotFound')
    assert_fault(alice.action(active, {'os-getRDPConsole': {'type': 'rdp-html5'}}), 400,
                 'badRequest')
    assert_fault(alice.action(active, {'os-getVNCConsole': {'type': 'xvpvnc'}}), 400,
                 'badRequest', 'Invalid console type xvpvnc')


# -- real clients ---------------------------------------------------------------------------

def test_openstack_server_image_backup_console_log_and_url(media_service):
    from test_clients import openstack
    from test_clients import unique

    project = unique('oscm')
    name = unique('osc-media')

    def osc(*args, **kwargs):
        return openstack(media_service, *args, user='alice', project=project, **kwargs)
    server = osc('server', 'create', '--image', 'cirros', '--flavor', 'm1.tiny',
                 '--nic', 'auto', '--wait', name, '-f', 'json')

    image = osc('server', 'image', 'create', '--name', name + '-snap', '--property', 'k=v',
                '--wait', name, '-f', 'json')
    assert image['name'] == name + '-snap' and image['status'] == 'active'
    shown = osc('image', 'show', name + '-snap', '-f', 'json')
    assert shown['properties']['instance_uuid'] == server['id']
    assert shown['properties']['k'] == 'v'

    _wait_osc_status(osc, name, 'ACTIVE')
    backup = osc('server', 'backup', 'create', '--name', name + '-bak', '--type', 'daily',
                 '--rotate', '2', '--wait', name, '-f', 'json')
    assert backup['name'] == name + '-bak'  # shown as created; --wait waited for active after
    shown = osc('image', 'show', name + '-bak', '-f', 'json')
    assert shown['status'] == 'active' and shown['properties']['backup_type'] == 'daily'

    log = osc('console', 'log', 'show', '--lines', '5', name, check=False)
    assert log.returncode == 0, log.stderr
    assert len(log.stdout.rstrip('\n').split('\n')) == 5 and '%s login:' % name in log.stdout

    url = osc('console', 'url', 'show', name, '-f', 'json')
    assert url['protocol'] == 'vnc' and url['type'] == 'novnc' and 'token' in url['url']
    serial = osc('console', 'url', 'show', '--serial', name, '-f', 'json')
    assert serial['url'].startswith('ws://')


def _wait_osc_status(osc, name, status, timeout=30):
    deadline = time.monotonic() + timeout
    while osc('server', 'show', name, '-f', 'json')['OS-EXT-STS:task_state'] is not None \
            or osc('server', 'show', name, '-f', 'json')['status'] != status:
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_openstacksdk_snapshot_and_console(media_service):
    import openstack as openstack_sdk

    conn = openstack_sdk.connect(
        auth_url=media_service.url + '/identity', username='bob', password='secret',
        project_name='sdk-media-%s' % uuid.uuid4().hex[:6], user_domain_name='Default',
        project_domain_name='Default', identity_api_version='3')
    server = conn.create_server('sdk-media', image='cirros', flavor='m1.tiny',
                                wait=True, auto_ip=False)
    image = conn.create_image_snapshot('sdk-snap', server, wait=True, timeout=60)
    assert image.status == 'active' and image.name == 'sdk-snap'
    assert conn.get_image('sdk-snap').properties['image_type'] == 'snapshot'

    console = conn.get_server_console(server, length=3)
    assert console.split('\n')[-1] == 'sdk-media login: '
    assert len(console.split('\n')) == 3
    remote = conn.compute.create_server_remote_console(server, protocol='vnc', type='novnc')
    assert 'token' in remote.url
    conn.delete_server(server, wait=True)
