"""A subnet's and a security group rule's checks, and the list query, as pure rules."""

from __future__ import annotations

import ipaddress

import pytest

from nova_api.exception import network as net_exc
from nova_api.networking import security_group_rules as rules
from nova_api.networking import subnet_rules
from nova_api.networking.query import ListQuery


def new(**values):
    return subnet_rules.new_subnet({'ip_version': 4, 'cidr': '10.1.0.0/24', **values}, 'sub',
                                   max_nameservers=5, max_routes=20)


def test_a_subnet_without_gateway_has_one_pool_of_every_host():
    plan = new(gateway_ip=None)
    assert plan.columns['gateway_ip'] is None
    assert plan.pools == [(ipaddress.ip_address('10.1.0.1'), ipaddress.ip_address('10.1.0.254'))]


def test_nameservers_and_routes_are_checked():
    with pytest.raises(net_exc.HTTPBadRequest):
        new(dns_nameservers=['8.8.8.8', '8.8.8.8'])
    with pytest.raises(net_exc.DNSNameServersExhausted):
        new(dns_nameservers=['10.0.0.%d' % i for i in range(6)])
    with pytest.raises(net_exc.HTTPBadRequest):
        new(host_routes=[{'destination': 'nowhere', 'nexthop': '10.1.0.5'}])
    with pytest.raises(net_exc.InvalidInput):
        new(host_routes=[{'destination': '2001:db8::/64', 'nexthop': '10.1.0.5'}])
    assert new(host_routes=[{'destination': '10.9.0.0/16', 'nexthop': '10.1.0.5'}]).routes == [
        ('10.9.0.0/16', '10.1.0.5')]


def test_an_update_keeps_the_read_only_attributes():
    current = {'id': 'sub', 'cidr': '10.1.0.0/24', 'gateway_ip': '10.1.0.1', 'ip_version': 4}
    pools = [(ipaddress.ip_address('10.1.0.2'), ipaddress.ip_address('10.1.0.254'))]
    for name in ('cidr', 'network_id', 'ip_version'):
        with pytest.raises(net_exc.HTTPBadRequest):
            subnet_rules.changed_subnet(current, pools, {name: 'x'}, 5, 20)
    # A gateway moved into the pools the subnet has conflicts with them.
    with pytest.raises(net_exc.GatewayConflictWithAllocationPools):
        subnet_rules.changed_subnet(current, pools, {'gateway_ip': '10.1.0.9'}, 5, 20)


def test_a_rule_gets_neutrons_defaults():
    rule = rules.checked({'direction': 'ingress', 'protocol': 'TCP', 'port_range_min': 80})
    assert rule == {'direction': 'ingress', 'ethertype': 'IPv4', 'protocol': 'tcp',
                    'port_range_min': 80, 'port_range_max': 80, 'remote_ip_prefix': None,
                    'remote_group_id': None}
    assert rules.checked({'direction': 'egress', 'protocol': 'any'})['protocol'] is None


def test_rules_differ_by_normalized_prefix():
    one = rules.checked({'direction': 'ingress', 'remote_ip_prefix': '10.0.0.1/8'})
    two = rules.checked({'direction': 'ingress', 'remote_ip_prefix': '10.0.0.0/8'})
    assert rules.identity(one) == rules.identity(two)


def test_the_default_groups_rules():
    shapes = {(r['direction'], r['ethertype'], r['remote_group_id'])
              for r in rules.default_rules('g', is_default=True)}
    assert shapes == {('egress', 'IPv4', None), ('egress', 'IPv6', None),
                      ('ingress', 'IPv4', 'g'), ('ingress', 'IPv6', 'g')}
    assert len(rules.default_rules('g', is_default=False)) == 2


def test_the_list_query():
    query = ListQuery.parse([('name', 'a'), ('name', 'b'), ('fields', 'id,name'),
                             ('sort_key', 'name'), ('sort_dir', 'desc'), ('limit', '5'),
                             ('tags-any', 'x,y'), ('marker', 'm')])
    assert query.filters == {'name': ('a', 'b')}
    assert query.fields == ('id', 'name') and query.sorts == (('name', False),)
    assert (query.limit, query.marker, query.tags) == (5, 'm', {'tags-any': ('x', 'y')})
    with pytest.raises(net_exc.HTTPBadRequest):
        ListQuery.parse([('sort_key', 'a'), ('sort_key', 'b'), ('sort_dir', 'asc')])
    with pytest.raises(net_exc.HTTPBadRequest):
        ListQuery.parse([('limit', '-1')])
    assert ListQuery.parse([('limit', '0')]).limit is None
