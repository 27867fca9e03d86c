"""Nova's security group proxies and ``os-tenant-networks`` over HTTP on both backends: the
network service's groups and rules in Nova's shapes, Nova's refusals, and the 2.36 gate."""

from __future__ import annotations

import uuid

import pytest
from network_client import PRIVATE
from network_client import PUBLIC
from network_client import NetworkClient
from servers_client import ServersClient
from servers_client import new_project
from test_api_wire import assert_fault


@pytest.fixture
def project() -> str:
    return new_project()


@pytest.fixture
def user(nova_api_service, project) -> ServersClient:
    """A member of the test's own project, at 2.35 (the last version serving the proxies)."""
    return ServersClient(nova_api_service, 'carol', project, '2.35')


@pytest.fixture
def net(nova_api_service, project) -> NetworkClient:
    return NetworkClient(nova_api_service, 'carol', project)


@pytest.fixture
def other(nova_api_service) -> ServersClient:
    return ServersClient(nova_api_service, 'mallory', new_project(), '2.35')


def _create(client: ServersClient, name: str = None, description: str = 'web servers') -> dict:
    response = client('POST', '/os-security-groups', {'security_group': {
        'name': name or 'sg-' + uuid.uuid4().hex[:6], 'description': description}})
    assert response.status_code == 200, response.text
    return response.json()['security_group']


def _rule(client: ServersClient, **values):
    return client('POST', '/os-security-group-rules', {'security_group_rule': values})


# -- groups ---------------------------------------------------------------------------------

def test_list_makes_the_default_group_on_first_use_with_its_two_ingress_rules(user, net, project):
    [default] = user('GET', '/os-security-groups').json()['security_groups']
    assert default['name'] == 'default' and default['tenant_id'] == project
    assert [(r['ip_protocol'], r['from_port'], r['to_port'], r['ip_range'], r['group'])
            for r in default['rules']] == [(None, None, None, {}, {'name': 'default',
                                                                   'tenant_id': project})] * 2
    assert net.list('security-groups', name='default')[0]['id'] == default['id']


def test_a_group_made_here_is_the_network_services_and_the_other_way_round(user, net, project):
    made = _create(user, 'web')
    assert set(made) == {'id', 'name', 'description', 'tenant_id', 'rules'}
    assert (made['name'], made['description'], made['tenant_id'], made['rules']) == (
        'web', 'web servers', project, [])  # its egress rules are not Nova's to show
    seen = net.show('security-groups', made['id'])
    assert (seen['name'], seen['description']) == ('web', 'web servers')

    theirs = net.create('security-groups', name='db', description='databases')
    shown = user('GET', '/os-security-groups/%s' % theirs['id'])
    assert shown.status_code == 200 and shown.json()['security_group']['name'] == 'db'
    listed = user('GET', '/os-security-groups').json()['security_groups']
    assert [g['name'] for g in listed] == ['db', 'default', 'web']  # by project, then name


def test_update_renames_and_delete_removes_it(user, net):
    made = _create(user)
    updated = user('PUT', '/os-security-groups/%s' % made['id'],
                   {'security_group': {'name': 'renamed', 'description': 'new'}})
    assert updated.status_code == 200, updated.text
    assert updated.json()['security_group']['name'] == 'renamed'
    assert net.show('security-groups', made['id'])['description'] == 'new'
    assert user('DELETE', '/os-security-groups/%s' % made['id']).status_code == 202
    assert net('GET', '/security-groups/%s' % made['id']).status_code == 404
    assert_fault(user('GET', '/os-security-groups/%s' % made['id']), 404, 'itemNotFound',
                 'does not exist')


def test_limit_and_offset_page_the_list(user):
    for name in ('a1', 'a2'):
        _create(user, name)
    names = [g['name'] for g in user('GET', '/os-security-groups?limit=2&offset=1').json()[
        'security_groups']]
    assert len(names) == 2 and set(names) <= {'a1', 'a2', 'default'}
    assert_fault(user('GET', '/os-security-groups?limit=-1'), 400, 'badRequest')


def test_all_tenants_lists_every_projects_groups_for_an_admin_only(user, other, nova_api_service):
    mine, theirs = _create(user), _create(other)
    admin = ServersClient(nova_api_service, 'admin', 'admin', '2.35')
    everyone = {g['id'] for g in admin('GET', '/os-security-groups?all_tenants=1').json()[
        'security_groups']}
    assert {mine['id'], theirs['id']} <= everyone
    own = {g['id'] for g in user('GET', '/os-security-groups?all_tenants=1').json()[
        'security_groups']}
    assert mine['id'] in own and theirs['id'] not in own


def test_another_projects_or_an_unknown_group_is_404_and_a_bad_id_400(user, other):
    theirs = _create(other)
    for path in ('/os-security-groups/%s' % theirs['id'],
                 '/os-security-groups/%s' % uuid.uuid4()):
        assert_fault(user('GET', path), 404, 'itemNotFound', 'does not exist')
        assert_fault(user('DELETE', path), 404, 'itemNotFound')
        assert_fault(user('PUT', path, {'security_group': {'name': 'x', 'description': 'y'}}),
                     404, 'itemNotFound')
    assert_fault(user('GET', '/os-security-groups/not-a-uuid'), 400, 'badRequest',
                 'Security group id should be uuid')


@pytest.mark.parametrize('body', [
    {}, {'security_group': {'name': 'x'}}, {'security_group': {'description': 'x'}},
    {'security_group': {'name': 'x' * 256, 'description': ''}},
    {'security_group': {'name': 5, 'description': ''}}, {'security_group': None},
])
def test_a_bad_group_body_is_400(user, body):
    assert_fault(user('POST', '/os-security-groups', body), 400, 'badRequest')
    made = _create(user)
    assert_fault(user('PUT', '/os-security-groups/%s' % made['id'], body), 400, 'badRequest')


def test_the_default_group_cannot_be_made_again_renamed_or_deleted(user):
    [default] = user('GET', '/os-security-groups').json()['security_groups']
    assert_fault(user('POST', '/os-security-groups', {'security_group': {
        'name': 'default', 'description': ''}}), 403, 'forbidden',
        'Default security group already exists')
    assert_fault(user('PUT', '/os-security-groups/%s' % default['id'], {'security_group': {
        'name': 'other', 'description': ''}}), 400, 'badRequest',
        'Updating default security group not allowed')
    assert_fault(user('DELETE', '/os-security-groups/%s' % default['id']), 400, 'badRequest',
                 'Insufficient rights for removing default security group')


def test_a_group_a_server_uses_cannot_be_deleted(user):
    made = _create(user)
    booted = user.boot(security_groups=[{'name': made['name']}])
    assert booted.status_code == 202, booted.text
    server_id = booted.json()['server']['id']
    user.wait_for(server_id, 'ACTIVE')
    assert_fault(user('DELETE', '/os-security-groups/%s' % made['id']), 400, 'badRequest',
                 'Security group is still in use')
    assert user('DELETE', '/servers/%s' % server_id).status_code == 204
    user.wait_gone(server_id)
    assert user('DELETE', '/os-security-groups/%s' % made['id']).status_code == 202


# -- rules ----------------------------------------------------------------------------------

def test_a_cidr_rule_in_novas_shape_is_the_network_services_ingress_rule(user, net):
    group = _create(user)
    response = _rule(user, parent_group_id=group['id'], ip_protocol='TCP', from_port=22,
                     to_port=22, cidr='10.0.0.0/24')
    assert response.status_code == 200, response.text
    rule = response.json()['security_group_rule']
    assert rule == {'id': rule['id'], 'parent_group_id': group['id'], 'ip_protocol': 'tcp',
                    'from_port': 22, 'to_port': 22, 'ip_range': {'cidr': '10.0.0.0/24'},
                    'group': {}}
    theirs = net.show('security-group-rules', rule['id'])
    assert (theirs['direction'], theirs['ethertype'], theirs['remote_ip_prefix'],
            theirs['port_range_min'], theirs['port_range_max']) == (
        'ingress', 'IPv4', '10.0.0.0/24', 22, 22)
    shown = user('GET', '/os-security-groups/%s' % group['id']).json()['security_group']
    assert shown['rules'] == [rule]


def test_rules_from_a_group_an_ipv6_cidr_and_icmp(user, net, project):
    group, source = _create(user), _create(user)
    made = _rule(user, parent_group_id=group['id'], ip_protocol='tcp', group_id=source['id'])
    assert made.status_code == 200, made.text
    by_group = made.json()['security_group_rule']
    assert (by_group['from_port'], by_group['to_port'], by_group['ip_range'],
            by_group['group']) == (1, 65535, {}, {'name': source['name'], 'tenant_id': project})
    v6 = _rule(user, parent_group_id=group['id'], ip_protocol='udp', from_port=53, to_port=53,
               cidr='2001:db8::/64').json()['security_group_rule']
    assert net.show('security-group-rules', v6['id'])['ethertype'] == 'IPv6'
    icmp = _rule(user, parent_group_id=group['id'], ip_protocol='icmp', from_port=-1,
                 to_port=-1, cidr='0.0.0.0/0').json()['security_group_rule']
    assert (icmp['from_port'], icmp['to_port']) == (-1, -1)
    assert net.show('security-group-rules', icmp['id'])['port_range_min'] is None
    rules = user('GET', '/os-security-groups/%s' % group['id']).json()['security_group']['rules']
    assert {r['id'] for r in rules} == {by_group['id'], v6['id'], icmp['id']}


@pytest.mark.parametrize(('values', 'message'), [
    ({'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22, 'cidr': '10.0.0.0'},
     'is not a valid IP network'),
    ({'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22, 'cidr': '10.0.0.300/24'},
     'is not a valid IP network'),
    ({'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22, 'cidr': '10.0.0.0/0'},
     'Bad prefix for network in cidr'),
    ({'ip_protocol': 'tcp', 'from_port': 30, 'to_port': 20, 'cidr': '10.0.0.0/24'},
     'Former value cannot be greater than the later'),
    ({'ip_protocol': 'tcp', 'from_port': 0, 'to_port': 20, 'cidr': '10.0.0.0/24'},
     'Valid TCP ports should be between 1-65535'),
    ({'ip_protocol': 'icmp', 'from_port': 300, 'to_port': 0, 'cidr': '10.0.0.0/24'},
     'For ICMP, the type:code must be valid'),
    ({'ip_protocol': 'gre', 'from_port': 1, 'to_port': 2, 'cidr': '10.0.0.0/24'},
     'Invalid IP protocol gre'),
    ({'ip_protocol': 'tcp', 'from_port': 'x', 'to_port': 2, 'cidr': '10.0.0.0/24'},
     'To and From ports must be integers'),
    ({'ip_protocol': 'tcp', 'from_port': {}, 'to_port': 2, 'cidr': '10.0.0.0/24'},
     'To and From ports must be integers'),
    ({'ip_protocol': 'tcp', 'cidr': '10.0.0.0/24'}, 'Not enough parameters'),
    ({'cidr': '10.0.0.0/24'}, 'Not enough parameters'),
    ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2, 'group_id': 'nope'}, None),
])
def test_novas_400s_for_a_bad_rule(user, values, message):
    group = _create(user)
    assert_fault(_rule(user, parent_group_id=group['id'], **values), 400, 'badRequest', message)


def test_a_duplicate_rule_is_400(user):
    group, source = _create(user), _create(user)
    for values in ({'ip_protocol': 'tcp', 'from_port': 80, 'to_port': 80, 'cidr': '10.1.0.0/16'},
                   {'ip_protocol': 'udp', 'group_id': source['id']}):
        assert _rule(user, parent_group_id=group['id'], **values).status_code == 200
        assert_fault(_rule(user, parent_group_id=group['id'], **values), 400, 'badRequest',
                     'This rule already exists in group %s' % group['id'])


def test_a_rule_on_or_from_an_unknown_or_foreign_group_is_404(user, other):
    group, theirs = _create(user), _create(other)
    for parent, source in ((str(uuid.uuid4()), None), (theirs['id'], None),
                           (group['id'], str(uuid.uuid4())), (group['id'], theirs['id'])):
        values = {'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2, 'cidr': '10.0.0.0/8'}
        if source:
            values['group_id'] = source
        assert_fault(_rule(user, parent_group_id=parent, **values), 404, 'itemNotFound',
                     'does not exist')
    assert_fault(_rule(user, parent_group_id='nope'), 400, 'badRequest')
    assert_fault(user('POST', '/os-security-group-rules', {}), 400, 'badRequest')


def test_delete_rule_removes_it_from_the_network_service(user, net, other):
    group = _create(user)
    rule = _rule(user, parent_group_id=group['id'], ip_protocol='tcp', from_port=1, to_port=2,
                 cidr='10.0.0.0/8').json()['security_group_rule']
    assert_fault(other('DELETE', '/os-security-group-rules/%s' % rule['id']), 404,
                 'itemNotFound')
    assert user('DELETE', '/os-security-group-rules/%s' % rule['id']).status_code == 202
    assert net('GET', '/security-group-rules/%s' % rule['id']).status_code == 404
    assert_fault(user('DELETE', '/os-security-group-rules/%s' % rule['id']), 404,
                 'itemNotFound', 'Security group rule %s does not exist' % rule['id'])
    assert_fault(user('DELETE', '/os-security-group-rules/nope'), 400, 'badRequest')


# -- the 2.36 gate -----------------------------------------------------------------------------

def test_the_proxies_are_404_from_2_36(user):
    group = _create(user)
    later = user.at('2.36')
    for method, path, body in (
            ('GET', '/os-security-groups', None),
            ('POST', '/os-security-groups', {'security_group': {'name': 'x', 'description': ''}}),
            ('GET', '/os-security-groups/%s' % group['id'], None),
            ('PUT', '/os-security-groups/%s' % group['id'],
             {'security_group': {'name': 'x', 'description': ''}}),
            ('DELETE', '/os-security-groups/%s' % group['id'], None),
            ('POST', '/os-security-group-rules', {'security_group_rule': {
                'parent_group_id': group['id'], 'ip_protocol': 'tcp', 'from_port': 1,
                'to_port': 1, 'cidr': '10.0.0.0/8'}}),
            ('DELETE', '/os-security-group-rules/%s' % uuid.uuid4(), None),
            ('GET', '/os-tenant-networks', None),
            ('GET', '/os-tenant-networks/%s' % uuid.uuid4(), None)):
        assert_fault(later(method, path, body), 404, 'itemNotFound')
    assert user('GET', '/os-security-groups/%s' % group['id']).status_code == 200


# -- os-tenant-networks -----------------------------------------------------------------------

def test_tenant_networks_list_and_show_the_networks_the_project_sees(user, net, other):
    own, _ = net.network_with_subnet('10.60.0.0/24')
    listed = user('GET', '/os-tenant-networks').json()['networks']
    assert {PRIVATE, PUBLIC, own['name']} <= {n['label'] for n in listed}
    assert [n for n in listed if n['id'] == own['id']] == [
        {'id': own['id'], 'label': own['name'], 'cidr': 'None'}]
    shown = user('GET', '/os-tenant-networks/%s' % own['id'])
    assert shown.status_code == 200
    assert shown.json() == {'network': {'id': own['id'], 'label': own['name'], 'cidr': 'None'}}
    assert own['id'] not in {n['id'] for n in other('GET', '/os-tenant-networks').json()[
        'networks']}
    assert_fault(other('GET', '/os-tenant-networks/%s' % own['id']), 404, 'itemNotFound',
                 'Network not found')


def test_tenant_networks_writes_are_gone(user):
    for method, path, body in (('POST', '/os-tenant-networks', {'network': {'label': 'x'}}),
                               ('DELETE', '/os-tenant-networks/%s' % uuid.uuid4(), None)):
        for version in ('2.1', '2.35', '2.36'):
            assert_fault(user.at(version)(method, path, body), 410, 'computeFault')  # as Nova
