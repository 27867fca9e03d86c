"""Nova's security group rules and their Neutron form (compute/security_group_rules.py)."""

from __future__ import annotations

import pytest

from nova_api.compute import security_group_rules as rules
from nova_api.exception import security_group_proxy as sg_exc


def test_a_cidr_rule_keeps_its_ports_and_lowercases_its_protocol():
    assert rules.new_rule('TCP', '22', 22, '10.0.0.0/24', None) == {
        'protocol': 'tcp', 'from_port': 22, 'to_port': 22, 'cidr': '10.0.0.0/24',
        'group_id': None}


def test_no_cidr_means_any_ipv4_and_a_url_quoted_one_is_unquoted():
    assert rules.new_rule('udp', 53, 53, None, None)['cidr'] == '0.0.0.0/0'
    assert rules.new_rule('udp', 53, 53, '10.0.0.0%2F8', None)['cidr'] == '10.0.0.0/8'


def test_a_group_rule_without_ports_opens_the_protocols_range():
    tcp = rules.new_rule('tcp', None, None, None, 'g')
    assert (tcp['from_port'], tcp['to_port'], tcp['cidr']) == (1, 65535, None)
    icmp = rules.new_rule('icmp', None, None, '10.0.0.0/8', 'g')
    assert (icmp['from_port'], icmp['to_port'], icmp['cidr']) == (-1, -1, None)
    anything = rules.new_rule(None, None, None, None, 'g')
    assert anything['protocol'] is None and anything['group_id'] == 'g'


@pytest.mark.parametrize(('args', 'error'), [
    (('tcp', 1, 2, '10.0.0.0'), sg_exc.InvalidCidr),
    (('tcp', 1, 2, 'nonsense/8'), sg_exc.InvalidCidr),
    (('tcp', 1, 2, ['10.0.0.0/8']), sg_exc.InvalidCidr),
    (('tcp', 1, 2, '10.0.0.0/0'), sg_exc.BadCidrPrefix),
    (('tcp', 5, 1, '10.0.0.0/8'), sg_exc.InvalidPortRange),
    (('udp', 0, 1, '10.0.0.0/8'), sg_exc.InvalidPortRange),
    (('tcp', 1, 65536, '10.0.0.0/8'), sg_exc.InvalidPortRange),
    (('icmp', 256, 0, '10.0.0.0/8'), sg_exc.InvalidPortRange),
    (('icmp', 'x', 0, '10.0.0.0/8'), sg_exc.PortsNotIntegers),
    (('tcp', True, 2, '10.0.0.0/8'), sg_exc.PortsNotIntegers),
    (('sctp', 1, 2, '10.0.0.0/8'), sg_exc.InvalidIpProtocol),
    (('tcp', None, 2, '10.0.0.0/8'), sg_exc.NotEnoughRuleParameters),
    ((None, None, None, None), sg_exc.NotEnoughRuleParameters),
])
def test_novas_refusals(args, error):
    with pytest.raises(error):
        rules.new_rule(*args, None)


def test_the_neutron_form_is_ingress_of_the_cidrs_ethertype_with_any_ports_left_out():
    v6 = rules.neutron_values(rules.new_rule('icmp', -1, -1, '2001:db8::/64', None), 'p')
    assert v6 == {'direction': 'ingress', 'ethertype': 'IPv6', 'protocol': 'icmp',
                  'remote_ip_prefix': '2001:db8::/64', 'remote_group_id': None,
                  'security_group_id': 'p'}
    by_group = rules.neutron_values(rules.new_rule('tcp', 80, 81, None, 'g'), 'p')
    assert (by_group['ethertype'], by_group['port_range_min'], by_group['port_range_max'],
            by_group['remote_group_id']) == ('IPv4', 80, 81, 'g')


def test_novas_view_of_a_neutron_rule_fills_in_ports_and_the_any_cidr():
    tcp = rules.of_neutron('r', 'p', 'tcp', None, None, None, None)
    assert (tcp.from_port, tcp.to_port, tcp.cidr) == (1, 65535, '0.0.0.0/0')
    icmp = rules.of_neutron('r', 'p', 'icmp', None, None, '10.0.0.0/8', None)
    assert (icmp.from_port, icmp.to_port) == (-1, -1)
    anything = rules.of_neutron('r', 'p', None, None, None, None, 'g')
    assert (anything.from_port, anything.to_port) == (None, None)


def test_the_same_rule_is_found_among_the_groups():
    existing = rules.of_neutron('r', 'p', 'tcp', 22, 22, '10.0.0.0/24', None)
    assert rules.same(rules.new_rule('TCP', 22, 22, '10.0.0.0/24', None), existing)
    assert not rules.same(rules.new_rule('tcp', 22, 23, '10.0.0.0/24', None), existing)
    from_group = rules.of_neutron('r', 'p', 'udp', None, None, None, 'g')
    assert rules.same(rules.new_rule('udp', None, None, None, 'g'), from_group)
    assert not rules.same(rules.new_rule('udp', None, None, None, 'h'), from_group)
