"""Server moves over HTTP on both backends: resize and its confirm/revert, cold and live migration,
evacuation, and the records os-migrations and server-migrations show, against Nova's samples.

The daemon simulates three compute hosts, so that every move has somewhere to go.
"""

from __future__ import annotations

import json
import pathlib
import time
import uuid

import pytest
from sample_shape import assert_same_shape
from servers_client import ServersClient
from test_api_wire import assert_fault

NOVA_API_OPTIONS = {'DEFAULT': {'compute_hosts': 'cmp1, cmp2, cmp3'}}
SAMPLES = pathlib.Path(__file__).resolve().parents[3] / 'shared' / 'reference' / 'nova-api-samples'


def _sample(folder: str, name: str) -> dict:
    path = SAMPLES / folder / name
    if not path.exists():
        pytest.skip('Nova API samples not found at %s' % SAMPLES)
    return json.loads(path.read_text())


def _active(client: ServersClient, **fields) -> dict:
    created = client.boot(**fields)
    assert created.status_code == 202, created.text
    return client.wait_for(created.json()['server']['id'], 'ACTIVE')


def _usage(client: ServersClient) -> tuple[int, int]:
    absolute = client('GET', '/limits').json()['limits']['absolute']
    return absolute['totalCoresUsed'], absolute['totalRAMUsed']


def _migrations(admin: ServersClient, server_id: str, version: str = '2.80') -> list[dict]:
    response = admin.at(version)('GET', '/os-migrations?instance_uuid=%s' % server_id)
    assert response.status_code == 200, response.text
    return response.json()['migrations']


def _wait_migration(admin: ServersClient, server_id: str, status: str,
                    timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        found = _migrations(admin, server_id)
        if found and found[0]['status'] == status:
            return found[0]
        assert time.monotonic() < deadline, found
        time.sleep(0.05)


# -- resize ----------------------------------------------------------------------------

def test_resize_then_confirm_shows_the_new_flavor_and_counts_it(alice, admin):
    server = _active(alice)
    assert server['flavor']['id'] == '1' and _usage(alice) == (1, 512)

    accepted = alice.action(server['id'], {'resize': {'flavorRef': '3'}})
    assert accepted.status_code == 202 and accepted.content == b''
    assert alice.show(server['id'])['OS-EXT-STS:task_state'] in (
        'resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish')
    resized = alice.wait_for(server['id'], 'VERIFY_RESIZE')
    assert resized['flavor']['id'] == '3' and resized['OS-EXT-STS:vm_state'] == 'resized'
    # Nova counts the instance's own columns: the new flavor, from finish_resize on.
    assert _usage(alice) == (2, 4096)

    migration = _migrations(admin, server['id'])[0]
    assert (migration['status'], migration['migration_type']) == ('finished', 'resize')
    assert migration['old_instance_type_id'] != migration['new_instance_type_id']
    assert migration['user_id'] == 'alice' and migration['project_id'] == alice.project

    confirmed = alice.action(server['id'], {'confirmResize': None})
    assert confirmed.status_code == 204, confirmed.text
    active = alice.wait_for(server['id'], 'ACTIVE')
    assert active['flavor']['id'] == '3' and _usage(alice) == (2, 4096)
    assert _wait_migration(admin, server['id'], 'confirmed')['migration_type'] == 'resize'


def test_resize_then_revert_puts_the_old_flavor_and_host_back(alice, admin):
    server = _active(alice)
    host = admin.show(server['id'])['OS-EXT-SRV-ATTR:host']
    alice.action(server['id'], {'resize': {'flavorRef': '2'}})
    alice.wait_for(server['id'], 'VERIFY_RESIZE')
    assert _usage(alice) == (1, 2048)

    reverted = alice.action(server['id'], {'revertResize': None})
    assert reverted.status_code == 202, reverted.text
    assert alice.show(server['id'])['status'] in ('REVERT_RESIZE', 'ACTIVE')
    active = alice.wait_for(server['id'], 'ACTIVE')
    assert active['flavor']['id'] == '1' and _usage(alice) == (1, 512)
    assert admin.show(server['id'])['OS-EXT-SRV-ATTR:host'] == host
    assert _wait_migration(admin, server['id'], 'reverted')['migration_type'] == 'resize'


def test_a_stopped_server_is_resized_and_confirmed_stopped(alice):
    server = _active(alice)
    alice.action(server['id'], {'os-stop': None})
    alice.wait_for(server['id'], 'SHUTOFF')
    assert alice.action(server['id'], {'resize': {'flavorRef': '2'}}).status_code == 202
    alice.wait_for(server['id'], 'VERIFY_RESIZE')
    assert alice.action(server['id'], {'confirmResize': None}).status_code == 204
    assert alice.wait_for(server['id'], 'SHUTOFF')['flavor']['id'] == '2'


def test_wrong_states_are_409s(alice):
    server = _active(alice)
    sid = server['id']
    assert_fault(alice.action(sid, {'confirmResize': None}), 409, 'conflictingRequest',
                 "Cannot 'confirmResize' instance %s while it is in vm_state active" % sid)
    assert_fault(alice.action(sid, {'revertResize': None}), 409, 'conflictingRequest',
                 "Cannot 'revertResize' instance %s while it is in vm_state active" % sid)
    assert alice.action(sid, {'resize': {'flavorRef': '2'}}).status_code == 202
    twice = alice.action(sid, {'resize': {'flavorRef': '3'}})
    assert twice.status_code == 409 and 'resize' in twice.json()['conflictingRequest']['message']
    alice.wait_for(sid, 'VERIFY_RESIZE')
    assert_fault(alice.action(sid, {'resize': {'flavorRef': '3'}}), 409, 'conflictingRequest',
                 "Cannot 'resize' instance %s while it is in vm_state resized" % sid)
    assert alice.action(sid, {'confirmResize': None}).status_code == 204
    alice.wait_for(sid, 'ACTIVE')


def test_resize_refusals_are_nova_400s_and_403(alice, admin):
    server = _active(alice)
    sid = server['id']
    assert_fault(alice.action(sid, {'resize': {'flavorRef': '1'}}), 400, 'badRequest',
                 'When resizing, instances must change flavor!')
    assert_fault(alice.action(sid, {'resize': {'flavorRef': 'nope'}}), 400, 'badRequest',
                 'Flavor nope could not be found.')
    assert alice.action(sid, {'resize': {}}).status_code == 400
    assert alice.action(sid, {'resize': {'flavorRef': '2', 'extra': 1}}).status_code == 400
    limited = admin('PUT', '/os-quota-sets/%s' % alice.project, {'quota_set': {'cores': 1}})
    assert limited.status_code == 200, limited.text
    assert_fault(alice.action(sid, {'resize': {'flavorRef': '3'}}), 403, 'forbidden',
                 'Quota exceeded for cores: Requested 1, but already used 1 of 1 cores')
    assert alice.show(sid)['status'] == 'ACTIVE'  # refused: nothing changed


def test_members_may_not_move_servers_and_others_see_nothing(alice, nova_api_service):
    server = _active(alice)
    sid = server['id']
    for body in ({'migrate': None},
                 {'os-migrateLive': {'host': None, 'block_migration': 'auto'}},
                 {'evacuate': {}}):
        refused = alice.at('2.80').action(sid, body)
        assert refused.status_code == 403, (body, refused.text)
    assert alice('GET', '/os-migrations').status_code == 403
    mallory = ServersClient(nova_api_service, 'mallory', uuid.uuid4().hex)
    for body in ({'resize': {'flavorRef': '2'}}, {'confirmResize': None},
                 {'revertResize': None}):
        assert mallory.action(sid, body).status_code == 404
    assert mallory.at('2.23')('GET', '/servers/%s/migrations' % sid).status_code == 404


# -- cold and live migration, evacuation ------------------------------------------------

def test_admin_cold_migration_lands_elsewhere_and_is_confirmed(alice, admin):
    server = _active(alice)
    source = admin.show(server['id'])['OS-EXT-SRV-ATTR:host']
    assert admin.action(server['id'], {'migrate': None}).status_code == 202
    admin.wait_for(server['id'], 'VERIFY_RESIZE')
    moved = admin.show(server['id'])
    assert moved['OS-EXT-SRV-ATTR:host'] != source and moved['flavor']['id'] == '1'
    migration = _migrations(admin, server['id'])[0]
    assert (migration['migration_type'], migration['source_compute']) == ('migration', source)
    assert migration['old_instance_type_id'] == migration['new_instance_type_id']
    assert admin.action(server['id'], {'confirmResize': None}).status_code == 204
    admin.wait_for(server['id'], 'ACTIVE')

    at_2_56 = admin.at('2.56')
    assert_fault(at_2_56.action(server['id'], {'migrate': {'host': 'nowhere'}}), 400,
                 'badRequest', 'Compute host nowhere could not be found.')
    here = admin.show(server['id'])['OS-EXT-SRV-ATTR:host']
    assert_fault(at_2_56.action(server['id'], {'migrate': {'host': here}}), 400, 'badRequest',
                 'Cannot migrate to the host where the server exists.')
    assert at_2_56.action(server['id'], {'migrate': {'bad': 1}}).status_code == 400


def test_live_migration_records_and_server_migrations_against_the_samples(alice, admin):
    server = _active(alice, metadata={'nova_api:live_migration_seconds': '6'})
    sid = server['id']
    source = admin.show(sid)['OS-EXT-SRV-ATTR:host']
    live = admin.at('2.80')
    assert live.action(sid, {'os-migrateLive': {'host': None, 'block_migration': 'auto'}}) \
        .status_code == 202
    assert admin.show(sid)['status'] == 'MIGRATING'
    running = _wait_migration(admin, sid, 'running')

    listed = live('GET', '/servers/%s/migrations' % sid)
    assert listed.status_code == 200, listed.text
    assert_same_shape(listed.json(), _sample('server-migrations/v2.80', 'migrations-index.json'))
    shown = live('GET', '/servers/%s/migrations/%d' % (sid, running['id']))
    assert_same_shape(shown.json(), _sample('server-migrations/v2.80', 'migrations-get.json'))
    assert shown.json()['migration']['source_compute'] == source
    found = live('GET', '/os-migrations?instance_uuid=%s' % sid).json()
    sample = _sample('os-migrations/v2.80', 'migrations-get.json')
    # The sample's in-progress live migration, the one with links.
    live_one = [m for m in sample['migrations'] if 'links' in m][:1]
    assert_same_shape(found, {'migrations': live_one})
    assert found['migrations'][0]['links'][0]['href'].endswith(
        '/servers/%s/migrations/%d' % (sid, running['id']))
    assert admin.at('2.23')('GET', '/servers/%s/migrations' % sid).json()['migrations'][0] \
        .keys() == set(_sample('server-migrations/v2.23', 'migrations-index.json')
                       ['migrations'][0])
    assert admin.at('2.22')('GET', '/servers/%s/migrations' % sid).status_code == 404

    forced = admin.at('2.22')('POST', '/servers/%s/migrations/%d/action' % (sid, running['id']),
                              {'force_complete': None})
    assert forced.status_code == 202, forced.text
    admin.wait_for(sid, 'ACTIVE')
    assert admin.show(sid)['OS-EXT-SRV-ATTR:host'] != source
    assert _wait_migration(admin, sid, 'completed')['migration_type'] == 'live-migration'
    assert_fault(live('GET', '/servers/%s/migrations/%d' % (sid, running['id'])), 404,
                 'itemNotFound',
                 'Live migration %d for server %s is not in progress.' % (running['id'], sid))


def test_a_live_migration_is_aborted(alice, admin):
    server = _active(alice, metadata={'nova_api:live_migration_seconds': '20'})
    sid = server['id']
    source = admin.show(sid)['OS-EXT-SRV-ATTR:host']
    live = admin.at('2.25')
    assert live.action(sid, {'os-migrateLive': {'host': None, 'block_migration': False}}) \
        .status_code == 202
    running = _wait_migration(admin, sid, 'running')
    aborted = live('DELETE', '/servers/%s/migrations/%d' % (sid, running['id']))
    assert aborted.status_code == 202, aborted.text
    admin.wait_for(sid, 'ACTIVE')
    assert admin.show(sid)['OS-EXT-SRV-ATTR:host'] == source
    assert _migrations(admin, sid)[0]['status'] == 'cancelled'
    assert live('DELETE', '/servers/%s/migrations/%d' % (sid, running['id'])).status_code == 409


def test_live_migration_bodies_and_checks(alice, admin):
    server = _active(alice)
    sid = server['id']
    here = admin.show(sid)['OS-EXT-SRV-ATTR:host']
    old = admin.at('2.1')
    assert old.action(sid, {'os-migrateLive': {'host': None, 'block_migration': 'auto',
                                               'disk_over_commit': False}}).status_code == 400
    assert old.action(sid, {'os-migrateLive': {'host': None}}).status_code == 400
    assert_fault(old.action(sid, {'os-migrateLive': {'host': here, 'block_migration': False,
                                                     'disk_over_commit': False}}),
                 400, 'badRequest',
                 'Unable to migrate instance (%s) to current host (%s).' % (sid, here))
    assert_fault(admin.at('2.30').action(sid, {'os-migrateLive': {
        'host': None, 'block_migration': 'auto', 'force': True}}), 400, 'badRequest',
        "Can't force to a non-provided destination")
    assert admin.at('2.68').action(sid, {'os-migrateLive': {
        'host': None, 'block_migration': 'auto', 'force': True}}).status_code == 400


def test_evacuate_needs_the_host_to_be_down(alice, admin):
    server = _active(alice)
    sid = server['id']
    host = admin.show(sid)['OS-EXT-SRV-ATTR:host']
    assert_fault(admin.at('2.14').action(sid, {'evacuate': {}}), 400, 'badRequest',
                 'Compute service of %s is still in use.' % host)
    assert_fault(admin.at('2.14').action(sid, {'evacuate': {'host': 'nowhere'}}), 404,
                 'itemNotFound', 'Compute host nowhere not found.')
    assert admin.at('2.1').action(sid, {'evacuate': {}}).status_code == 400  # onSharedStorage
    assert admin.show(sid)['status'] == 'ACTIVE'


def test_os_migrations_bodies_and_pages_against_the_samples(alice, admin):
    servers = [_active(alice) for _ in range(2)]
    for server in servers:
        alice.action(server['id'], {'resize': {'flavorRef': '2'}})
    for server in servers:
        alice.wait_for(server['id'], 'VERIFY_RESIZE')
    sid = servers[0]['id']
    for version, folder in (('2.1', 'os-migrations'), ('2.23', 'os-migrations/v2.23'),
                            ('2.59', 'os-migrations/v2.59'), ('2.80', 'os-migrations/v2.80')):
        body = admin.at(version)('GET', '/os-migrations?instance_uuid=%s' % sid).json()
        sample = _sample(folder, 'migrations-get.json')
        # Compare one record with one of the sample's (its resize, not its live migration).
        record = dict(sample['migrations'][-1])
        record.pop('links', None)
        assert_same_shape(body, {'migrations': [record]})

    page = admin.at('2.59')('GET', '/os-migrations?limit=1&migration_type=resize&host=%s'
                            % admin.show(sid)['OS-EXT-SRV-ATTR:host']).json()
    assert len(page['migrations']) == 1 and page['migrations_links'][0]['rel'] == 'next'
    marker = page['migrations'][0]['uuid']
    rest = admin.at('2.59')('GET', '/os-migrations?marker=%s' % marker)
    assert rest.status_code == 200 and marker not in [m['uuid'] for m in rest.json()['migrations']]
    assert_fault(admin.at('2.59')('GET', '/os-migrations?marker=%s' % uuid.uuid4()), 400,
                 'badRequest')
    assert admin.at('2.59')('GET', '/os-migrations?foo=1').status_code == 400
    assert admin.at('2.58')('GET', '/os-migrations?foo=1').status_code == 200
    mine = admin.at('2.80')('GET', '/os-migrations?user_id=alice&project_id=%s' % alice.project)
    assert {m['instance_uuid'] for m in mine.json()['migrations']} >= {s['id'] for s in servers}
    for server in servers:
        alice.action(server['id'], {'revertResize': None})
    for server in servers:
        alice.wait_for(server['id'], 'ACTIVE')


def test_a_failed_resize_goes_to_error_with_a_fault(alice, admin):
    server = _active(alice, metadata={'nova_api:fail': 'resize'})
    alice.action(server['id'], {'resize': {'flavorRef': '2'}})
    failed = alice.wait_for(server['id'], 'ERROR')
    assert 'resize' in failed['fault']['message']
    assert _wait_migration(admin, server['id'], 'error')['migration_type'] == 'resize'
