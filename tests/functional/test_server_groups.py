"""Server groups over HTTP against the real daemon, on SQLite and PostgreSQL, and through real clients.

The daemon runs three simulated hosts, so that an anti-affinity group of
three fits and a fourth member does not. Each story works in a project of
its own; where the hosts are is read as the admin sees it
(``OS-EXT-SRV-ATTR:host``).
"""

from __future__ import annotations

import json

import pytest
from sample_shape import assert_same_shape
from servers_client import CIRROS
from servers_client import ServersClient
from servers_client import new_project
from test_api_wire import assert_fault
from test_clients import openstack
from test_clients import unique

HOSTS = ['cmp1', 'cmp2', 'cmp3']
NOVA_API_OPTIONS = {'DEFAULT': {'compute_hosts': ','.join(HOSTS)}}
NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.'
UNKNOWN = '4c8a7f4e-49a1-4c3c-9b3e-2b0c1c7d9a11'


def create_group(client: ServersClient, name: str = 'grp', **fields):
    if not fields:
        fields = ({'policy': 'anti-affinity'} if client.version_at_least('2.64')
                  else {'policies': ['anti-affinity']})
    return client('POST', '/os-server-groups', {'server_group': dict({'name': name}, **fields)})


def boot_into(client: ServersClient, group_id: str, count: int = 1, **fields):
    server = {'name': 'member', 'flavorRef': '1', 'imageRef': CIRROS, 'min_count': count,
              'max_count': count, **fields}
    if client.version_at_least('2.37'):
        server.setdefault('networks', 'none')
    return client('POST', '/servers', {'server': server,
                                       'os:scheduler_hints': {'group': group_id}})


def member_ids(client: ServersClient, reservation_name: str) -> list[str]:
    listed = client('GET', '/servers?name=^%s' % reservation_name).json()['servers']
    return [server['id'] for server in listed]


def settle(client: ServersClient, admin: ServersClient, ids: list[str]) -> list[dict]:
    """Wait until each server is ACTIVE or ERROR; the admin's view of each."""
    shown = []
    for server_id in ids:
        try:
            client.wait_for(server_id, 'ACTIVE')
        except AssertionError:
            client.wait_for(server_id, 'ERROR')
        shown.append(admin.at('2.71').show(server_id))
    return shown


# -- CRUD, per microversion ---------------------------------------------------------

@pytest.mark.parametrize('version, folder, fields', [
    ('2.1', '', {'policies': ['anti-affinity']}),
    ('2.13', 'v2.13/', {'policies': ['anti-affinity']}),
    ('2.64', 'v2.64/', {'policy': 'anti-affinity', 'rules': {'max_server_per_host': 3}}),
])
def test_create_show_list_and_delete_have_nova_bodies(alice, nova_samples, version, folder,
                                                      fields):
    client = alice.at(version)
    samples = nova_samples / 'os-server-groups'

    def sample(name):
        return json.loads((samples / (folder + name)).read_text())

    created = create_group(client, 'test', **fields)
    assert created.status_code == 200, created.text
    group = created.json()
    sample_group = sample('server-groups-post-resp.json')
    assert_same_shape(group, sample_group)
    group_id = group['server_group']['id']
    assert {key: group['server_group'][key] for key in sample_group['server_group']
            if key not in ('id', 'project_id', 'user_id')} == {
        key: value for key, value in sample_group['server_group'].items()
        if key not in ('id', 'project_id', 'user_id')}
    if version != '2.1':
        assert (group['server_group']['project_id'], group['server_group']['user_id']) == (
            alice.project, 'alice')

    shown = client('GET', '/os-server-groups/%s' % group_id)
    assert shown.status_code == 200 and shown.json() == group
    assert_same_shape(shown.json(), sample('server-groups-get-resp.json'))
    listed = client('GET', '/os-server-groups')
    assert listed.status_code == 200
    assert_same_shape(listed.json(), sample('server-groups-list-resp.json'))
    assert listed.json()['server_groups'] == [group['server_group']]

    deleted = client('DELETE', '/os-server-groups/%s' % group_id)
    assert deleted.status_code == 204 and deleted.content == b''
    assert_fault(client('GET', '/os-server-groups/%s' % group_id), 404, 'itemNotFound',
                 'Instance group %s could not be found.' % group_id)
    assert client('GET', '/os-server-groups').json() == {'server_groups': []}


def test_soft_policies_from_2_15_and_a_group_shown_at_2_64_has_empty_rules(alice):
    refused = create_group(alice.at('2.14'), policies=['soft-affinity'])
    assert_fault(refused, 400, 'badRequest', "'soft-affinity' is not one of")
    created = create_group(alice.at('2.15'), policies=['soft-affinity'])
    assert created.status_code == 200, created.text
    group = created.json()['server_group']
    assert group['policies'] == ['soft-affinity'] and group['metadata'] == {}

    at_2_64 = alice.at('2.64')('GET', '/os-server-groups/%s' % group['id']).json()['server_group']
    assert (at_2_64['policy'], at_2_64['rules']) == ('soft-affinity', {})
    assert 'policies' not in at_2_64 and 'metadata' not in at_2_64


@pytest.mark.parametrize('version, fields, message', [
    ('2.1', {'policies': ['affinity', 'anti-affinity']}, 'is too long'),
    ('2.1', {'policies': []}, 'should be non-empty'),
    ('2.1', {'policies': ['legacy']}, "'legacy' is not one of"),
    ('2.1', {}, "'policies' is a required property"),
    ('2.15', {'policies': ['affinity'], 'metadata': {}}, "('metadata' was unexpected)"),
    ('2.63', {'policies': ['affinity'], 'rules': {}}, "('rules' was unexpected)"),
    ('2.64', {'policies': ['affinity']}, "'policy' is a required property"),
    ('2.64', {'policy': 'nearby'}, "'nearby' is not one of"),
    ('2.64', {'policy': 'affinity', 'rules': {'max_server_per_host': 2}},
     'Only anti-affinity policy supports rules.'),
    ('2.64', {'policy': 'soft-anti-affinity', 'rules': {'max_server_per_host': 2}},
     'Only anti-affinity policy supports rules.'),
    ('2.64', {'policy': 'anti-affinity', 'rules': {'max_server_per_host': 0}},
     'less than the minimum of 1'),
    ('2.64', {'policy': 'anti-affinity', 'rules': {'max_hosts': 1}}, "('max_hosts' was unexpected)"),
])
def test_bad_bodies_are_nova_400s(alice, version, fields, message):
    body = {'server_group': dict({'name': 'bad'}, **fields)}
    assert_fault(alice.at(version)('POST', '/os-server-groups', body), 400, 'badRequest', message)
    assert alice('GET', '/os-server-groups').json() == {'server_groups': []}


def test_names_are_1_to_255_characters(alice):
    client = alice.at('2.64')
    assert create_group(client, 'x' * 255, policy='affinity').status_code == 200
    assert_fault(create_group(client, 'x' * 256, policy='affinity'), 400, 'badRequest',
                 'is too long')
    assert_fault(create_group(client, '', policy='affinity'), 400, 'badRequest')
    assert_fault(client('POST', '/os-server-groups', {'server_group': {'policy': 'affinity'}}),
                 400, 'badRequest', "'name' is a required property")


def test_unknown_and_other_projects_groups_are_not_found(alice, nova_api_service):
    bob = ServersClient(nova_api_service, 'bob', new_project(), '2.64')
    theirs = create_group(bob).json()['server_group']['id']
    for group_id in (UNKNOWN, theirs, 'not-a-uuid'):
        assert_fault(alice('GET', '/os-server-groups/%s' % group_id), 404, 'itemNotFound')
        assert_fault(alice('DELETE', '/os-server-groups/%s' % group_id), 404, 'itemNotFound')
    assert alice('GET', '/os-server-groups').json() == {'server_groups': []}
    assert bob('GET', '/os-server-groups/%s' % theirs).status_code == 200


def test_admins_list_every_project_with_all_projects_and_members_only_their_own(alice, admin):
    mine = create_group(alice, 'mine').json()['server_group']['id']
    own = alice('GET', '/os-server-groups?all_projects=True').json()['server_groups']
    assert [group['id'] for group in own] == [mine]

    everyone = admin('GET', '/os-server-groups?all_projects=True').json()['server_groups']
    assert mine in [group['id'] for group in everyone]
    assert mine not in [group['id'] for group in admin('GET', '/os-server-groups').json()[
        'server_groups']]
    shown = admin.at('2.13')('GET', '/os-server-groups/%s' % mine).json()['server_group']
    assert shown['project_id'] == alice.project
    assert admin('DELETE', '/os-server-groups/%s' % mine).status_code == 204


def test_limit_and_offset_slice_the_list_in_creation_order(alice):
    ids = [create_group(alice, 'g%d' % index).json()['server_group']['id'] for index in range(4)]

    def page(query):
        return [g['id'] for g in alice('GET', '/os-server-groups' + query).json()['server_groups']]
    assert page('') == ids
    assert page('?limit=2') == ids[:2]
    assert page('?limit=2&offset=1') == ids[1:3]
    assert page('?offset=3') == ids[3:]
    assert page('?limit=0') == ids
    assert_fault(alice('GET', '/os-server-groups?limit=-1'), 400, 'badRequest')
    assert_fault(alice.at('2.75')('GET', '/os-server-groups?sort=name'), 400, 'badRequest',
                 "('sort' was unexpected)")
    assert alice.at('2.74')('GET', '/os-server-groups?sort=name').status_code == 200


# -- quotas ----------------------------------------------------------------------------

def test_the_server_groups_quota_is_counted_and_enforced(alice, admin):
    quota = admin('PUT', '/os-quota-sets/%s' % alice.project, {'quota_set': {'server_groups': 2}})
    assert quota.status_code == 200, quota.text
    for index in range(2):
        assert create_group(alice, 'q%d' % index).status_code == 200
    assert_fault(create_group(alice, 'q2'), 403, 'forbidden',
                 'Quota exceeded, too many server groups.')

    absolute = alice('GET', '/limits').json()['limits']['absolute']
    assert (absolute['maxServerGroups'], absolute['totalServerGroupsUsed']) == (2, 2)
    detail = admin('GET', '/os-quota-sets/%s/detail' % alice.project).json()['quota_set']
    assert detail['server_groups'] == {'limit': 2, 'in_use': 2, 'reserved': 0}
    assert detail['server_group_members']['in_use'] == 0  # as Nova: counted per group


def test_a_boot_beyond_the_member_quota_is_403_and_adds_nobody(alice, admin):
    admin('PUT', '/os-quota-sets/%s' % alice.project, {'quota_set': {'server_group_members': 2}})
    group_id = create_group(alice.at('2.15'), policies=['soft-affinity']).json()[
        'server_group']['id']
    assert boot_into(alice, group_id).status_code == 202

    refused = boot_into(alice, group_id, count=2)
    assert_fault(refused, 403, 'forbidden', 'Quota exceeded, too many servers in group')
    members = alice('GET', '/os-server-groups/%s' % group_id).json()['server_group']['members']
    assert len(members) == 1
    assert len(alice('GET', '/servers').json()['servers']) == 1


def test_an_unknown_group_at_boot_is_nova_400(alice):
    assert_fault(boot_into(alice, UNKNOWN), 400, 'badRequest',
                 'Instance group %s could not be found.' % UNKNOWN)
    assert alice('GET', '/servers').json() == {'servers': []}


# -- placement -------------------------------------------------------------------------

def test_anti_affinity_members_land_on_distinct_hosts_and_a_fourth_finds_none(alice, admin):
    client = alice.at('2.64')
    group_id = create_group(client, 'apart').json()['server_group']['id']
    assert boot_into(client, group_id, count=3, name='apart').status_code == 202
    placed = settle(client, admin, member_ids(client, 'apart'))
    assert sorted(server['OS-EXT-SRV-ATTR:host'] for server in placed) == HOSTS
    assert all(server['server_groups'] == [group_id] for server in placed)

    assert boot_into(client, group_id, name='fourth').status_code == 202
    fourth, = settle(client, admin, member_ids(client, 'fourth'))
    assert fourth['status'] == 'ERROR' and fourth['OS-EXT-SRV-ATTR:host'] is None
    assert fourth['fault']['code'] == 500 and fourth['fault']['message'] == NO_VALID_HOST
    assert alice.at('2.1').show(fourth['id'])['fault']['message'] == NO_VALID_HOST


def test_affinity_members_share_one_host(alice, admin):
    group_id = create_group(alice, policies=['affinity']).json()['server_group']['id']
    boot_into(alice, group_id, count=2, name='together')
    boot_into(alice, group_id, name='together-late')
    placed = settle(alice, admin, member_ids(alice, 'together'))
    assert len(placed) == 3
    assert len({server['OS-EXT-SRV-ATTR:host'] for server in placed}) == 1


def test_max_server_per_host_fills_each_host_that_far(alice, admin):
    client = alice.at('2.64')
    created = create_group(client, policy='anti-affinity', rules={'max_server_per_host': 2})
    group_id = created.json()['server_group']['id']
    boot_into(client, group_id, count=6, name='pairs')
    placed = settle(client, admin, member_ids(client, 'pairs'))
    hosts = [server['OS-EXT-SRV-ATTR:host'] for server in placed]
    assert sorted(hosts) == sorted(HOSTS * 2)


def test_a_deleted_member_leaves_its_group_and_a_deleted_group_leaves_its_servers(alice, admin):
    client = alice.at('2.71')
    group_id = create_group(client).json()['server_group']['id']
    boot_into(client, group_id, count=2, name='leaving')
    ids = member_ids(client, 'leaving')
    settle(client, admin, ids)
    shown = client('GET', '/os-server-groups/%s' % group_id).json()['server_group']
    assert sorted(shown['members']) == sorted(ids)

    assert client('DELETE', '/servers/%s' % ids[0]).status_code == 204
    client.wait_gone(ids[0])
    shown = client('GET', '/os-server-groups/%s' % group_id).json()['server_group']
    assert shown['members'] == [ids[1]]

    assert client('DELETE', '/os-server-groups/%s' % group_id).status_code == 204
    assert client.show(ids[1])['server_groups'] == []
    assert 'server_groups' not in alice.at('2.70').show(ids[1])
    detail = client('GET', '/servers/detail').json()['servers']
    assert all('server_groups' not in server for server in detail)


# -- real clients ----------------------------------------------------------------------

def test_openstack_server_group_create_list_show_boot_with_a_hint_and_delete(nova_api_service):
    project = unique('oscg')
    name = unique('osc-grp')

    created = openstack(nova_api_service, 'server', 'group', 'create', '--policy', 'anti-affinity',
                        name, '-f', 'json', user='alice', project=project)
    assert created['name'] == name and created['policy'] == 'anti-affinity'
    listed = openstack(nova_api_service, 'server', 'group', 'list', '-f', 'json', user='alice',
                       project=project)
    assert [(group['ID'], group['Name']) for group in listed] == [(created['id'], name)]

    servers = []
    for index in range(2):
        server = openstack(nova_api_service, 'server', 'create', '--image',
                           'cirros', '--flavor', 'm1.tiny', '--nic', 'none',
                           '--hint', 'group=%s' % created['id'], '--wait',
                           '%s-%d' % (name, index), '-f', 'json', user='alice', project=project)
        assert server['status'] == 'ACTIVE'
        servers.append(server['id'])
    shown = openstack(nova_api_service, 'server', 'group', 'show', name, '-f', 'json',
                      user='alice', project=project)
    assert sorted(shown['members'].split(', ') if isinstance(shown['members'], str)
                  else shown['members']) == sorted(servers)
    hosts = {openstack(nova_api_service, 'server', 'show', server_id, '-f', 'json')[
        'OS-EXT-SRV-ATTR:host'] for server_id in servers}
    assert len(hosts) == 2

    openstack(nova_api_service, 'server', 'group', 'delete', name, user='alice', project=project)
    assert openstack(nova_api_service, 'server', 'group', 'list', '-f', 'json', user='alice',
                     project=project) == []
    for server_id in servers:
        openstack(nova_api_service, 'server', 'delete', '--wait', server_id, user='alice',
                  project=project)


def test_openstacksdk_creates_lists_and_deletes_server_groups(sdk):
    conn = sdk('carol', unique('sdkg'))

    group = conn.create_server_group(unique('sdk-grp'), ['affinity'])
    assert group.policy == 'affinity' or group.policies == ['affinity']
    assert [g.id for g in conn.compute.server_groups()] == [group.id]
    assert conn.get_server_group(group.id).name == group.name

    server = conn.create_server(unique('sdk-member'), image='cirros',
                                flavor='m1.tiny', group=group.id, wait=True, auto_ip=False,
                                network=None)
    assert conn.compute.get_server_group(group.id).member_ids == [server.id]
    assert conn.delete_server(server.id, wait=True)
    assert conn.compute.get_server_group(group.id).member_ids == []

    assert conn.delete_server_group(group.id)
    assert list(conn.compute.server_groups()) == []
