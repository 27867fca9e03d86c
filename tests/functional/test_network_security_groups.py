"""Security groups and their rules over HTTP, on SQLite and PostgreSQL: the default group made on
first use with Neutron's rules, rule validation, duplicates, and what cannot be deleted."""

from __future__ import annotations

import uuid

import pytest
from network_client import NetworkClient
from network_client import neutron_error
from network_client import new_project


@pytest.fixture
def alice(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'alice', new_project())


@pytest.fixture
def mallory(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'mallory', new_project())


@pytest.fixture
def admin(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'admin', 'admin')


def _rule_shapes(group: dict) -> set:
    return {(r['direction'], r['ethertype'], r['remote_group_id'] == group['id'])
            for r in group['security_group_rules']}


def test_a_projects_first_look_makes_its_default_group(alice):
    (group,) = alice.list('security-groups')

    assert group['name'] == 'default' and group['project_id'] == alice.project
    assert _rule_shapes(group) == {('egress', 'IPv4', False), ('egress', 'IPv6', False),
                                   ('ingress', 'IPv4', True), ('ingress', 'IPv6', True)}
    assert all(r['belongs_to_default_sg'] for r in group['security_group_rules'])
    # Once only.
    assert [g['id'] for g in alice.list('security-groups')] == [group['id']]


def test_a_new_group_lets_everything_out_and_nothing_in(alice):
    group = alice.create('security-groups', name='web', description='web servers')

    assert _rule_shapes(group) == {('egress', 'IPv4', False), ('egress', 'IPv6', False)}
    assert {g['name'] for g in alice.list('security-groups')} == {'default', 'web'}
    response = alice('PUT', '/security-groups/' + group['id'],
                     {'security_group': {'name': 'www'}})
    assert response.json()['security_group']['name'] == 'www'


def test_the_default_group_cannot_be_made_again_renamed_or_deleted(alice, admin):
    (default,) = alice.list('security-groups')

    neutron_error(alice('POST', '/security-groups', {'security_group': {'name': 'default'}}),
                  409, 'SecurityGroupDefaultAlreadyExists')
    neutron_error(alice('PUT', '/security-groups/' + default['id'],
                        {'security_group': {'name': 'other'}}), 409,
                  'SecurityGroupCannotUpdateDefault')
    neutron_error(alice('DELETE', '/security-groups/' + default['id']), 409,
                  'SecurityGroupCannotRemoveDefault')
    assert admin('DELETE', '/security-groups/' + default['id']).status_code == 204


def test_rules_are_created_listed_and_deleted(alice):
    group = alice.create('security-groups', name='ssh')
    rule = alice.create('security-group-rules', security_group_id=group['id'],
                        direction='ingress', protocol='tcp', port_range_min=22,
                        port_range_max=22, remote_ip_prefix='10.0.0.0/8')

    assert (rule['protocol'], rule['ethertype'], rule['port_range_min'],
            rule['normalized_cidr']) == ('tcp', 'IPv4', 22, '10.0.0.0/8')
    listed = alice.list('security-group-rules', security_group_id=group['id'], protocol='tcp')
    assert [r['id'] for r in listed] == [rule['id']]
    assert rule['id'] in {r['id'] for r in alice.show('security-groups', group['id'])[
        'security_group_rules']}
    assert alice('DELETE', '/security-group-rules/' + rule['id']).status_code == 204
    neutron_error(alice('GET', '/security-group-rules/' + rule['id']), 404,
                  'SecurityGroupRuleNotFound')


def test_a_duplicate_rule_is_a_409_naming_the_first(alice):
    group = alice.create('security-groups', name='dup')
    values = {'security_group_id': group['id'], 'direction': 'ingress', 'protocol': 'udp',
              'port_range_min': 53, 'port_range_max': 53}
    rule = alice.create('security-group-rules', **values)

    response = alice('POST', '/security-group-rules', {'security_group_rule': values})
    assert neutron_error(response, 409, 'SecurityGroupRuleExists') == (
        'Security group rule already exists. Rule id is %s.' % rule['id'])
    # Neutron's egress defaults: the same rule again is a duplicate too.
    response = alice('POST', '/security-group-rules', {'security_group_rule': {
        'security_group_id': group['id'], 'direction': 'egress', 'ethertype': 'IPv6'}})
    neutron_error(response, 409, 'SecurityGroupRuleExists')


@pytest.mark.parametrize('values, error_type', [
    ({'direction': 'sideways'}, 'HTTPBadRequest'),
    ({'direction': 'ingress', 'protocol': 'carrier-pigeon'}, 'SecurityGroupRuleInvalidProtocol'),
    ({'direction': 'ingress', 'protocol': 'tcp', 'port_range_min': 80, 'port_range_max': 22},
     'SecurityGroupInvalidPortRange'),
    ({'direction': 'ingress', 'protocol': 'tcp', 'port_range_min': 70000,
      'port_range_max': 70000}, 'SecurityGroupInvalidPortValue'),
    ({'direction': 'ingress', 'port_range_min': 22, 'port_range_max': 22}, 'HTTPBadRequest'),
    ({'direction': 'ingress', 'protocol': 'icmp', 'port_range_min': 300},
     'SecurityGroupInvalidIcmpValue'),
    ({'direction': 'ingress', 'ethertype': 'IPv6', 'remote_ip_prefix': '10.0.0.0/8'},
     'SecurityGroupRuleParameterConflict'),
    ({'direction': 'ingress', 'remote_ip_prefix': '10.0.0.0/8',
      'remote_group_id': 'REMOTE'}, 'SecurityGroupRemoteGroupAndRemoteIpPrefix'),
    ({'direction': 'ingress', 'ethertype': 'IPX'}, 'HTTPBadRequest'),
])
def test_rules_neutron_refuses_are_400s(alice, values, error_type):
    group = alice.create('security-groups', name='bad-rules')
    values = {k: group['id'] if v == 'REMOTE' else v for k, v in values.items()}
    response = alice('POST', '/security-group-rules', {'security_group_rule': {
        'security_group_id': group['id'], **values}})
    neutron_error(response, 400, error_type)


def test_a_protocol_by_number_and_a_remote_group(alice):
    group = alice.create('security-groups', name='by-number')
    other = alice.create('security-groups', name='peers')
    rule = alice.create('security-group-rules', security_group_id=group['id'],
                        direction='ingress', protocol='47', remote_group_id=other['id'])
    assert (rule['protocol'], rule['remote_group_id']) == ('47', other['id'])
    neutron_error(alice('DELETE', '/security-groups/' + other['id']), 409, 'SecurityGroupInUse')


def test_another_projects_groups_and_rules_are_not_found(alice, mallory):
    group = alice.create('security-groups', name='mine')
    rule_id = group['security_group_rules'][0]['id']

    neutron_error(mallory('GET', '/security-groups/' + group['id']), 404,
                  'SecurityGroupNotFound')
    neutron_error(mallory('DELETE', '/security-groups/' + group['id']), 404)
    neutron_error(mallory('GET', '/security-group-rules/' + rule_id), 404)
    response = mallory('POST', '/security-group-rules', {'security_group_rule': {
        'security_group_id': group['id'], 'direction': 'ingress'}})
    neutron_error(response, 404, 'SecurityGroupNotFound')
    assert group['id'] not in {g['id'] for g in mallory.list('security-groups')}


def test_a_group_a_port_uses_cannot_be_deleted(alice):
    network, _ = alice.network_with_subnet()
    group = alice.create('security-groups', name='in-use')
    port = alice.create('ports', network_id=network['id'], security_groups=[group['id']])

    neutron_error(alice('DELETE', '/security-groups/' + group['id']), 409, 'SecurityGroupInUse')
    alice('DELETE', '/ports/' + port['id'])
    assert alice('DELETE', '/security-groups/' + group['id']).status_code == 204
    neutron_error(alice('GET', '/security-groups/' + str(uuid.uuid4())), 404)
