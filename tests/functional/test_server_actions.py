"""Server actions over HTTP against the real daemon, on SQLite and PostgreSQL.

Pause, suspend, lock, rescue, shelve, rebuild, changePassword,
trigger_crash_dump, the admin actions, security groups, fixed addresses
and forceDelete/restore: each story walks Nova's states and its refusals
(the 409s of tempest's negative suites, the 403s of the admin actions, the
404 for another project's server) and ends with the server where Nova
would leave it.
"""

from __future__ import annotations

import concurrent.futures
import uuid

from network_client import NetworkClient
from servers_client import CIRROS
from servers_client import UBUNTU
from servers_client import ServersClient
from servers_client import new_project
from test_api_wire import assert_fault


def _active(client: ServersClient, **fields) -> str:
    server_id = client.boot(**fields).json()['server']['id']
    client.wait_for(server_id, 'ACTIVE')
    return server_id


def _accepted(response) -> None:
    assert response.status_code == 202, response.text


def _refused(client: ServersClient, server_id: str, body: dict, action: str, attr: str,
             state: str) -> None:
    assert_fault(client.action(server_id, body), 409, 'conflictingRequest',
                 "Cannot '%s' instance %s while it is in %s %s" % (action, server_id, attr, state))


def test_pause_unpause_suspend_resume_and_their_wrong_states(alice):
    server_id = _active(alice)
    _refused(alice, server_id, {'unpause': None}, 'unpause', 'vm_state', 'active')
    _refused(alice, server_id, {'resume': None}, 'resume', 'vm_state', 'active')
    _accepted(alice.action(server_id, {'pause': None}))
    _refused(alice, server_id, {'pause': None}, 'pause', 'task_state', 'pausing')
    paused = alice.wait_for(server_id, 'PAUSED')
    assert paused['OS-EXT-STS:vm_state'] == 'paused' and paused['OS-EXT-STS:power_state'] == 3
    _refused(alice, server_id, {'pause': {}}, 'pause', 'vm_state', 'paused')
    _refused(alice, server_id, {'suspend': None}, 'suspend', 'vm_state', 'paused')
    _accepted(alice.action(server_id, {'unpause': None}))
    alice.wait_for(server_id, 'ACTIVE')
    _accepted(alice.action(server_id, {'suspend': None}))
    assert alice.wait_for(server_id, 'SUSPENDED')['OS-EXT-STS:power_state'] == 4
    _refused(alice, server_id, {'suspend': None}, 'suspend', 'vm_state', 'suspended')
    _accepted(alice.action(server_id, {'resume': None}))
    assert alice.wait_for(server_id, 'ACTIVE')['OS-EXT-STS:power_state'] == 1


def test_a_locked_server_refuses_its_members_but_not_an_admin(nova_api_service, alice, admin):
    bob = ServersClient(nova_api_service, 'bob', alice.project, version='2.73')
    server_id = _active(alice)
    _accepted(bob.action(server_id, {'lock': {'locked_reason': 'maintenance'}}))
    shown = bob.show(server_id)
    assert shown['locked'] is True and shown['locked_reason'] == 'maintenance'
    assert 'locked' not in alice.show(server_id)  # 2.9
    assert alice.at('2.9').show(server_id)['locked'] is True
    for body in ({'pause': None}, {'os-stop': None}, {'reboot': {'type': 'HARD'}},
                 {'rebuild': {'imageRef': CIRROS}}, {'shelve': None}):
        assert_fault(alice.action(server_id, body), 409, 'conflictingRequest',
                     'Instance %s is locked' % server_id)
    assert_fault(alice('DELETE', '/servers/%s' % server_id), 409, 'conflictingRequest')
    _accepted(admin.action(server_id, {'pause': None}))  # an admin acts on a locked server
    admin.wait_for(server_id, 'PAUSED')
    _accepted(alice.action(server_id, {'unlock': None}))  # locked by its owner: any member
    assert bob.show(server_id)['locked_reason'] is None

    _accepted(admin.action(server_id, {'lock': None}))
    assert_fault(alice.action(server_id, {'unlock': None}), 403, 'forbidden')
    _accepted(alice.action(server_id, {'lock': None}))  # the owner's lock: no change
    assert_fault(alice.action(server_id, {'unlock': None}), 403, 'forbidden')
    _accepted(admin.action(server_id, {'unlock': None}))
    assert bob.show(server_id)['locked'] is False


def test_a_lock_reason_counts_from_2_73(alice):
    server_id = _active(alice)
    # Before 2.73 the value under "lock" is not looked at.
    _accepted(alice.at('2.72').action(server_id, {'lock': {'locked_reason': 'x'}}))
    assert alice.at('2.73').show(server_id)['locked_reason'] is None
    _accepted(alice.action(server_id, {'unlock': None}))
    assert_fault(alice.at('2.73').action(server_id, {'lock': {'locked_reason': ''}}), 400,
                 'badRequest')


def test_rescue_and_unrescue(alice):
    server_id = _active(alice)
    _refused(alice, server_id, {'unrescue': None}, 'unrescue', 'vm_state', 'active')
    assert_fault(alice.action(server_id, {'rescue': {'rescue_image_ref': str(uuid.uuid4())}}),
                 400, 'badRequest', 'is not supported')
    rescued = alice.action(server_id, {'rescue': {'adminPass': 'Secret!1'}})
    assert rescued.status_code == 200 and rescued.json() == {'adminPass': 'Secret!1'}
    assert alice.wait_for(server_id, 'RESCUE')['OS-EXT-STS:vm_state'] == 'rescued'
    _refused(alice, server_id, {'rescue': None}, 'rescue', 'vm_state', 'rescued')
    _accepted(alice.action(server_id, {'unrescue': None}))
    alice.wait_for(server_id, 'ACTIVE')
    generated = alice.action(server_id, {'rescue': None}).json()
    assert len(generated['adminPass']) >= 12
    alice.wait_for(server_id, 'RESCUE')


def test_shelve_offload_and_unshelve(alice, admin):
    server_id = _active(alice)
    _refused(alice, server_id, {'unshelve': None}, 'unshelve', 'vm_state', 'active')
    _accepted(alice.action(server_id, {'shelve': None}))
    # shelved_offload_time is 0: the server leaves its host once shelved.
    offloaded = admin.at('2.3').wait_for(server_id, 'SHELVED_OFFLOADED')
    assert offloaded['OS-EXT-SRV-ATTR:host'] is None and offloaded['OS-EXT-STS:power_state'] == 4
    _refused(alice, server_id, {'shelve': None}, 'shelve', 'vm_state', 'shelved_offloaded')
    assert_fault(alice.action(server_id, {'shelveOffload': None}), 403, 'forbidden')
    assert_fault(alice.at('2.77').action(server_id, {'unshelve': {'availability_zone': 'nowhere'}}),
                 400, 'badRequest', 'The requested availability zone is not available')
    assert_fault(alice.at('2.77').action(server_id, {'unshelve': {}}), 400, 'badRequest')
    assert_fault(alice.at('2.91').action(server_id, {'unshelve': {'host': 'compute1'}}), 403,
                 'forbidden')
    _accepted(alice.at('2.77').action(server_id, {'unshelve': {'availability_zone': 'nova'}}))
    unshelved = admin.wait_for(server_id, 'ACTIVE')
    assert unshelved['OS-EXT-SRV-ATTR:host'] is not None
    assert unshelved['OS-EXT-AZ:availability_zone'] == 'nova'
    assert alice.at('2.96').show(server_id)['pinned_availability_zone'] == 'nova'
    _accepted(admin.action(server_id, {'shelve': None}))
    admin.wait_for(server_id, 'SHELVED_OFFLOADED')
    _accepted(admin.at('2.91').action(server_id, {'unshelve': {'availability_zone': None}}))
    admin.wait_for(server_id, 'ACTIVE')
    assert alice.at('2.96').show(server_id)['pinned_availability_zone'] is None


def test_rebuild_changes_the_image_name_and_metadata_and_answers_with_the_server(alice):
    client = alice.at('2.57')
    server_id = _active(client, metadata={'old': '1'})
    response = client.action(server_id, {'rebuild': {
        'imageRef': CIRROS, 'name': 'rebuilt', 'metadata': {'new': '2'}, 'adminPass': 'pw',
        'user_data': 'IyEvYmluL3NoCg=='}})
    assert response.status_code == 202, response.text
    body = response.json()['server']
    assert body['status'] == 'REBUILD' and body['name'] == 'rebuilt'
    assert body['metadata'] == {'new': '2'} and body['adminPass'] == 'pw'
    assert body['user_data'] == 'IyEvYmluL3NoCg==' and 'key_name' in body
    rebuilt = client.wait_for(server_id, 'ACTIVE')
    assert rebuilt['image']['id'] == CIRROS and rebuilt['metadata'] == {'new': '2'}


def test_rebuild_refusals_are_nova_s(alice):
    client = alice.at('2.54')
    server_id = _active(client)
    for rebuild, code, fragment in (
            ({'imageRef': str(uuid.uuid4())}, 400, 'Cannot find image for rebuild'),
            ({'imageRef': UBUNTU}, 400, "Flavor's disk is smaller than the minimum size"),
            ({'imageRef': CIRROS, 'key_name': 'nokey'}, 400, 'Invalid key_name provided.'),
            ({'imageRef': CIRROS, 'metadata': {str(n): 'v' for n in range(200)}}, 403,
             'Maximum number of metadata items exceeds'),
            ({'imageRef': 'not-a-uuid'}, 400, 'imageRef'),
            ({'imageRef': CIRROS, 'user_data': 'x'}, 400, 'user_data')):
        response = client.action(server_id, {'rebuild': rebuild})
        assert response.status_code == code, (rebuild, response.text)
        assert fragment in response.text, (rebuild, response.text)
    assert client.show(server_id)['status'] == 'ACTIVE'  # nothing half-written


def test_a_stopped_server_is_rebuilt_stopped(alice):
    server_id = _active(alice)
    _accepted(alice.action(server_id, {'os-stop': None}))
    alice.wait_for(server_id, 'SHUTOFF')
    _accepted(alice.action(server_id, {'rebuild': {'imageRef': CIRROS}}))
    assert alice.wait_for(server_id, 'SHUTOFF')['OS-EXT-STS:power_state'] == 4


def test_change_password_and_crash_dump(alice):
    server_id = _active(alice)
    _accepted(alice.action(server_id, {'changePassword': {'adminPass': 'n3w'}}))
    assert alice.show(server_id)['status'] in ('PASSWORD', 'ACTIVE')
    alice.wait_for(server_id, 'ACTIVE')
    assert_fault(alice.at('2.16').action(server_id, {'trigger_crash_dump': None}), 404,
                 'itemNotFound')
    _accepted(alice.at('2.17').action(server_id, {'trigger_crash_dump': None}))
    assert_fault(alice.at('2.17').action(server_id, {'trigger_crash_dump': {}}), 400,
                 'badRequest')
    _accepted(alice.action(server_id, {'os-stop': None}))
    alice.wait_for(server_id, 'SHUTOFF')
    _refused(alice.at('2.17'), server_id, {'trigger_crash_dump': None}, 'trigger_crash_dump',
             'vm_state', 'stopped')
    _refused(alice, server_id, {'changePassword': {'adminPass': 'x'}}, 'changePassword',
             'vm_state', 'stopped')


def test_admin_actions_are_for_admins(alice, admin):
    server_id = _active(alice)
    for body in ({'os-resetState': {'state': 'error'}}, {'injectNetworkInfo': None},
                 {'shelveOffload': None}):
        assert_fault(alice.action(server_id, body), 403, 'forbidden')
    _accepted(admin.action(server_id, {'os-resetState': {'state': 'error'}}))
    assert alice.show(server_id)['status'] == 'ERROR'
    assert_fault(admin.action(server_id, {'os-resetState': {'state': 'paused'}}), 400,
                 'badRequest')
    _accepted(admin.action(server_id, {'os-resetState': {'state': 'active'}}))
    assert alice.show(server_id)['status'] == 'ACTIVE'
    _accepted(admin.action(server_id, {'injectNetworkInfo': None}))
    # Gone from Nova; its fault wrapper names no 410, so the body is a computeFault.
    assert_fault(admin.action(server_id, {'resetNetwork': None}), 410, 'computeFault')


def test_security_groups_are_added_and_removed(alice, nova_api_service):
    server_id = _active(alice)
    # The groups are the network service's (Nova's 404 for a group the project lacks).
    NetworkClient(nova_api_service, alice.user, alice.project).create('security-groups', name='web')
    _accepted(alice.action(server_id, {'addSecurityGroup': {'name': 'web'}}))
    _accepted(alice.action(server_id, {'addSecurityGroup': {'name': 'web'}}))  # no change
    names = [group['name'] for group in alice.show(server_id)['security_groups']]
    assert names == ['default', 'web']
    listed = alice('GET', '/servers/%s/os-security-groups' % server_id).json()
    assert sorted(group['name'] for group in listed['security_groups']) == ['default', 'web']
    _accepted(alice.action(server_id, {'removeSecurityGroup': {'name': 'default'}}))
    assert [g['name'] for g in alice.show(server_id)['security_groups']] == ['web']
    assert_fault(alice.action(server_id, {'removeSecurityGroup': {'name': 'default'}}), 404,
                 'itemNotFound', 'not associated with the instance')
    assert_fault(alice.action(server_id, {'addSecurityGroup': {}}), 400, 'badRequest')
    portless = alice.at('2.37').boot(networks='none').json()['server']['id']
    alice.wait_for(portless, 'ACTIVE')
    assert_fault(alice.action(portless, {'addSecurityGroup': {'name': 'web'}}), 404,
                 'itemNotFound', 'could not be found as device id on any ports')


def test_fixed_addresses_are_added_and_removed_up_to_2_43(alice, nova_api_service):
    client = alice.at('2.43')
    server_id = _active(client)
    private = next(network['id'] for network in alice('GET', '/os-networks').json()['networks']
                   if network['label'] == 'private')
    _accepted(client.action(server_id, {'addFixedIp': {'networkId': private}}))
    addresses = [a['addr'] for a in client.show(server_id)['addresses']['private']]
    assert len(addresses) == 2
    _accepted(client.action(server_id, {'removeFixedIp': {'address': addresses[0]}}))
    assert [a['addr'] for a in client.show(server_id)['addresses']['private']] == addresses[1:]
    assert_fault(client.action(server_id, {'removeFixedIp': {'address': addresses[0]}}), 400,
                 'badRequest', "does not have fixed IP '%s'" % addresses[0])
    assert_fault(client.action(server_id, {'addFixedIp': {'networkId': str(uuid.uuid4())}}), 400,
                 'badRequest')
    assert_fault(alice.at('2.44').action(server_id, {'addFixedIp': {'networkId': private}}), 404,
                 'itemNotFound')


def test_force_delete_and_restore_without_soft_delete(alice):
    server_id = _active(alice)
    _refused(alice, server_id, {'restore': None}, 'restore', 'vm_state', 'active')
    _accepted(alice.action(server_id, {'forceDelete': None}))
    alice.wait_gone(server_id)


def test_another_project_server_is_not_found_for_every_action(nova_api_service, alice):
    mallory = ServersClient(nova_api_service, 'mallory', new_project(), version='2.43')
    server_id = alice.boot().json()['server']['id']
    for body in ({'pause': None}, {'unpause': None}, {'suspend': None}, {'resume': None},
                 {'lock': None}, {'unlock': None}, {'rescue': None}, {'unrescue': None},
                 {'shelve': None}, {'unshelve': None}, {'rebuild': {'imageRef': CIRROS}},
                 {'changePassword': {'adminPass': 'x'}}, {'forceDelete': None},
                 {'restore': None}, {'addSecurityGroup': {'name': 'x'}},
                 {'removeFixedIp': {'address': '10.0.0.9'}}):
        assert_fault(mallory.action(server_id, body), 404, 'itemNotFound')


def test_twenty_parallel_actions_have_one_winner_per_transition(alice, admin):
    server_id = _active(alice)
    bodies = [{'pause': None}, {'suspend': None}, {'os-stop': None}, {'rescue': None},
              {'reboot': {'type': 'SOFT'}}] * 4
    with concurrent.futures.ThreadPoolExecutor(len(bodies)) as pool:
        codes = list(pool.map(
            lambda body: ServersClient(alice.daemon, alice.user, alice.project).action(
                server_id, body).status_code, bodies))
    assert set(codes) <= {200, 202, 409}, codes
    winners = [next(iter(body)) for body, code in zip(bodies, codes, strict=True)
               if code != 409]
    assert len(winners) == 1, codes
    expected = {'pause': 'PAUSED', 'suspend': 'SUSPENDED', 'os-stop': 'SHUTOFF',
                'rescue': 'RESCUE', 'reboot': 'ACTIVE'}[winners[0]]
    admin.wait_for(server_id, expected)
    actions = admin('GET', '/servers/%s/os-instance-actions' % server_id)
    if actions.status_code == 200:  # the instance-action log agrees: one action beside create
        logged = sorted(action['action'] for action in actions.json()['instanceActions'])
        assert len(logged) == 2 and 'create' in logged, logged


def test_soft_delete_restore_and_force_delete(daemon_factory):
    daemon = daemon_factory(options={'DEFAULT': {'reclaim_instance_interval': 3600}})
    client = ServersClient(daemon, 'carol', new_project())
    server_id = _active(client)
    assert client('DELETE', '/servers/%s' % server_id).status_code == 204
    client.wait_for(server_id, 'SOFT_DELETED')
    _refused(client, server_id, {'pause': None}, 'pause', 'vm_state', 'soft-delete')
    _accepted(client.action(server_id, {'restore': None}))
    client.wait_for(server_id, 'ACTIVE')
    assert client('DELETE', '/servers/%s' % server_id).status_code == 204
    client.wait_for(server_id, 'SOFT_DELETED')
    _accepted(client.action(server_id, {'forceDelete': None}))
    client.wait_gone(server_id)


def test_restore_over_quota_is_403(daemon_factory):
    daemon = daemon_factory(options={'DEFAULT': {'reclaim_instance_interval': 3600}})
    client = ServersClient(daemon, 'dave', new_project())
    admin = ServersClient(daemon, 'admin', 'admin')
    server_id = _active(client)
    assert client('DELETE', '/servers/%s' % server_id).status_code == 204
    client.wait_for(server_id, 'SOFT_DELETED')
    assert admin('PUT', '/os-quota-sets/%s' % client.project,
                 {'quota_set': {'instances': 1}}).status_code == 200
    _active(client)
    assert_fault(client.action(server_id, {'restore': None}), 403, 'forbidden', 'Quota exceeded')
    assert client.show(server_id)['status'] == 'SOFT_DELETED'
