"""Servers over HTTP against the real daemon, on SQLite and PostgreSQL: the stories users live.

Each story boots servers in a project of its own, so the stories share one
daemon per backend without seeing each other's servers. The daemon's
simulated builds take the default second.
"""

from __future__ import annotations

import pytest
from servers_client import CIRROS
from servers_client import UBUNTU
from servers_client import ServersClient
from servers_client import new_project
from test_api_wire import assert_fault


def test_a_server_boots_to_active_with_an_address_and_is_deleted(alice):
    created = alice.boot('web-1', metadata={'role': 'web'})

    assert created.status_code == 202, created.text
    server = created.json()['server']
    assert set(server) == {'id', 'links', 'OS-DCF:diskConfig', 'security_groups', 'adminPass'}
    assert server['security_groups'] == [{'name': 'default'}]
    assert created.headers['Location'] == server['links'][0]['href']
    assert alice.show(server['id'])['status'] == 'BUILD'

    active = alice.wait_for(server['id'], 'ACTIVE')
    assert active['OS-EXT-STS:power_state'] == 1 and active['OS-EXT-STS:vm_state'] == 'active'
    assert active['addresses']['private'][0]['addr'].startswith('10.0.')
    assert active['metadata'] == {'role': 'web'}
    assert active['image']['id'] == CIRROS and active['flavor']['id'] == '1'
    assert active['tenant_id'] == alice.project and active['user_id'] == 'alice'
    ips = alice('GET', '/servers/%s/ips' % server['id']).json()
    assert ips == {'addresses': {'private': [{'addr': active['addresses']['private'][0]['addr'],
                                              'version': 4}]}}

    deleted = alice('DELETE', '/servers/%s' % server['id'])
    assert deleted.status_code == 204 and deleted.content == b''
    alice.wait_gone(server['id'])
    assert_fault(alice('GET', '/servers/%s' % server['id']), 404, 'itemNotFound',
                 'Instance %s could not be found.' % server['id'])


def test_list_detail_filters_and_pages(alice):
    ids = [alice.boot('page-%d' % index).json()['server']['id'] for index in range(3)]

    listed = alice('GET', '/servers').json()
    assert [s['id'] for s in listed['servers']] == ids[::-1]  # newest first
    assert set(listed['servers'][0]) == {'id', 'name', 'links'}
    page = alice('GET', '/servers?limit=2').json()
    assert [s['id'] for s in page['servers']] == ids[:0:-1]
    assert page['servers_links'][0]['rel'] == 'next'
    assert 'marker=%s' % ids[1] in page['servers_links'][0]['href']
    rest = alice('GET', '/servers?limit=2&marker=%s' % ids[1]).json()
    assert [s['id'] for s in rest['servers']] == [ids[0]] and 'servers_links' not in rest

    assert [s['name'] for s in alice('GET', '/servers?name=page-1').json()['servers']] == ['page-1']
    detail = alice('GET', '/servers/detail?status=BUILD&sort_key=display_name&sort_dir=asc').json()
    assert [s['name'] for s in detail['servers']] == ['page-0', 'page-1', 'page-2']


def test_update_reboot_stop_start(alice):
    server_id = alice.boot('before').json()['server']['id']
    alice.wait_for(server_id, 'ACTIVE')

    at_219 = alice.at('2.19')
    updated = at_219('PUT', '/servers/%s' % server_id,
                     {'server': {'name': 'after', 'description': 'renamed'}})
    assert updated.status_code == 200, updated.text
    assert (updated.json()['server']['name'], updated.json()['server']['description']) == (
        'after', 'renamed')

    assert alice.action(server_id, {'reboot': {'type': 'SOFT'}}).status_code == 202
    assert alice.show(server_id)['status'] == 'REBOOT'
    alice.wait_for(server_id, 'ACTIVE')
    assert alice.action(server_id, {'os-stop': None}).status_code == 202
    assert alice.wait_for(server_id, 'SHUTOFF')['OS-EXT-STS:power_state'] == 4
    assert alice.action(server_id, {'os-start': None}).status_code == 202
    alice.wait_for(server_id, 'ACTIVE')


def test_an_action_in_the_wrong_state_is_409(alice):
    server_id = alice.boot().json()['server']['id']
    assert_fault(alice.action(server_id, {'os-start': None}), 409, 'conflictingRequest')
    alice.wait_for(server_id, 'ACTIVE')
    assert_fault(alice.action(server_id, {'os-start': None}), 409, 'conflictingRequest',
                 "Cannot 'start' instance %s while it is in vm_state active" % server_id)


def test_another_project_server_is_not_found_for_every_method(alice, mallory):
    server_id = alice.boot().json()['server']['id']
    for method, path, body in (
            ('GET', '/servers/%s' % server_id, None),
            ('PUT', '/servers/%s' % server_id, {'server': {'name': 'mine'}}),
            ('DELETE', '/servers/%s' % server_id, None),
            ('POST', '/servers/%s/action' % server_id, {'reboot': {'type': 'HARD'}}),
            ('GET', '/servers/%s/ips' % server_id, None),
            ('GET', '/servers/%s/os-security-groups' % server_id, None)):
        assert_fault(mallory(method, path, body), 404, 'itemNotFound')
    assert mallory('GET', '/servers').json() == {'servers': []}
    assert mallory.at('latest')('GET', '/servers/detail').json() == {'servers': []}


def test_an_admin_sees_every_project_with_all_tenants(alice, admin):
    server_id = alice.boot().json()['server']['id']
    assert server_id not in [s['id'] for s in admin('GET', '/servers').json()['servers']]
    every = admin('GET', '/servers/detail?all_tenants=1&tenant_id=%s' % alice.project).json()
    assert [s['id'] for s in every['servers']] == [server_id]
    assert 'OS-EXT-SRV-ATTR:instance_name' in every['servers'][0]
    assert_fault(alice('GET', '/servers?all_tenants=1'), 403, 'forbidden')


@pytest.mark.parametrize(('fields', 'fragment'), [
    ({'name': ''}, 'name'),
    ({'name': '   '}, 'name'),
    ({'name': 'x' * 256}, 'name'),
    ({'flavorRef': 'no-such-flavor'}, 'Flavor no-such-flavor could not be found.'),
    ({'imageRef': '11111111-2222-3333-4444-555555555555'}, 'Can not find requested image'),
    ({'imageRef': 'not-an-image'}, 'imageRef'),
    ({'accessIPv4': '1.2.3.999'}, 'accessIPv4'),
    ({'min_count': 0}, 'min_count'),
    ({'min_count': 'abc'}, 'min_count'),
    ({'min_count': 3, 'max_count': 2}, 'min_count must be <= max_count'),
    ({'imageRef': UBUNTU}, "Flavor's disk is smaller than the minimum size"),
    ({'key_name': 'nobody-has-it'}, 'Invalid key_name provided.'),
    ({'networks': [{'uuid': '11111111-2222-3333-4444-555555555555'}]},
     'Network 11111111-2222-3333-4444-555555555555 could not be found.'),
    ({'availability_zone': 'moon'}, 'The requested availability zone is not available'),
    ({'unknown_field': 1}, 'unknown_field'),
])
def test_a_bad_boot_request_is_nova_400(alice, fields, fragment):
    assert_fault(alice.boot(**fields), 400, 'badRequest', fragment)
    assert alice('GET', '/servers').json() == {'servers': []}


def test_networks_are_required_from_2_37(alice):
    at_237 = alice.at('2.37')
    body = {'server': {'name': 'n', 'flavorRef': '1', 'imageRef': CIRROS}}
    assert_fault(at_237('POST', '/servers', body), 400, 'badRequest', 'networks')
    none = at_237.boot(networks='none').json()['server']['id']
    assert at_237.wait_for(none, 'ACTIVE')['addresses'] == {}


def test_over_the_instance_quota_is_nova_403(nova_api_service, admin):
    client = ServersClient(nova_api_service, 'quota-user', new_project())
    assert admin('PUT', '/os-quota-sets/%s' % client.project,
                 {'quota_set': {'instances': 1}}).status_code == 200
    assert client.boot().status_code == 202
    assert_fault(client.boot(), 403, 'forbidden',
                 'Quota exceeded for instances: Requested 1, but already used 1 of 1 instances')
    limits = client('GET', '/limits').json()['limits']['absolute']
    assert (limits['maxTotalInstances'], limits['totalInstancesUsed']) == (1, 1)
    assert limits['totalCoresUsed'] == 1 and limits['totalRAMUsed'] == 512


@pytest.mark.parametrize(('query', 'fragment'), [
    ('limit=-1', 'limit'), ('limit=abc', 'limit'), ('marker=no-such-server', 'marker'),
    ('changes-since=yesterday', 'changes-since'), ('sort_key=nonsense', 'sort_key'),
])
def test_a_bad_list_query_is_400(alice, query, fragment):
    assert_fault(alice('GET', '/servers?' + query), 400, 'badRequest', fragment)


def test_an_invalid_status_is_tolerated_before_2_38_and_refused_after(alice):
    alice.boot()
    assert alice.at('2.37')('GET', '/servers?status=NOPE').json() == {'servers': []}
    assert_fault(alice.at('2.38')('GET', '/servers?status=NOPE'), 400, 'badRequest',
                 'Invalid status value')


def test_unknown_filters_are_dropped_below_2_75_and_refused_from_it(alice):
    alice.boot()
    assert len(alice.at('2.74')('GET', '/servers?whatever=1').json()['servers']) == 1
    assert_fault(alice.at('2.75')('GET', '/servers?whatever=1'), 400, 'badRequest', 'whatever')


def test_a_failure_asked_for_in_metadata_shows_a_fault_in_error(alice, admin):
    server_id = alice.boot(metadata={'nova_api:fail': 'spawn'}).json()['server']['id']
    failed = alice.wait_for(server_id, 'ERROR')

    assert failed['fault']['code'] == 500
    assert failed['fault']['message'].startswith('Exceeded maximum number of retries.')
    assert 'details' not in failed['fault']  # a 500 fault's details are for admins
    assert 'details' in admin.show(server_id)['fault']


def test_the_security_groups_and_networks_a_server_reads_while_waiting(alice):
    server_id = alice.boot().json()['server']['id']
    # The groups are those of its ports (none before the build makes them, as with Neutron).
    groups = alice('GET', '/servers/%s/os-security-groups' % server_id).json()['security_groups']
    assert [group['name'] for group in groups] in ([], ['default'])
    networks = alice('GET', '/os-networks').json()['networks']
    assert sorted(network['label'] for network in networks) == ['private', 'public']
    assert_fault(alice.at('2.36')('GET', '/os-networks'), 404, 'itemNotFound')
