"""Address rules of the Network API: CIDRs, gateways, pools, the next free address, EUI-64."""

from __future__ import annotations

import ipaddress

import pytest

from nova_api.exception import network as net_exc
from nova_api.networking import ipam


def ip(text):
    return ipaddress.ip_address(text)


def test_default_pools_leave_out_the_network_broadcast_and_gateway():
    network = ipaddress.ip_network('10.0.0.0/24')
    assert ipam.default_pools(network, ip('10.0.0.1')) == [(ip('10.0.0.2'), ip('10.0.0.254'))]
    assert ipam.default_pools(network, ip('10.0.0.100')) == [
        (ip('10.0.0.1'), ip('10.0.0.99')), (ip('10.0.0.101'), ip('10.0.0.254'))]
    assert ipam.default_pools(network, None) == [(ip('10.0.0.1'), ip('10.0.0.254'))]


def test_an_ipv6_pool_runs_to_the_last_address():
    network = ipaddress.ip_network('2001:db8::/64')
    assert ipam.default_pools(network, ip('2001:db8::1')) == [
        (ip('2001:db8::2'), ip('2001:db8::ffff:ffff:ffff:ffff'))]


@pytest.mark.parametrize('text, version, error', [
    ('10.0.0.0/33', 4, net_exc.HTTPBadRequest),
    ('10.0.0.0', 4, net_exc.HTTPBadRequest),
    (None, 4, net_exc.HTTPBadRequest),
    ('10.0.0.7/24', 4, net_exc.HTTPBadRequest),
    ('10.0.0.0/24', 6, net_exc.InvalidInput),
    ('10.0.0.0/31', 4, net_exc.InvalidInput),
])
def test_bad_cidrs(text, version, error):
    with pytest.raises(error):
        ipam.parse_cidr(text, version)


def test_host_bits_name_the_recommended_cidr():
    with pytest.raises(net_exc.HTTPBadRequest) as caught:
        ipam.parse_cidr('10.0.0.7/24', 4)
    assert "'10.0.0.0/24' is recommended" in caught.value.message


def test_pools_must_be_inside_ordered_and_apart():
    network = ipaddress.ip_network('10.0.0.0/24')
    assert ipam.parse_pools(network, [{'start': '10.0.0.5', 'end': '10.0.0.9'}]) == [
        (ip('10.0.0.5'), ip('10.0.0.9'))]
    with pytest.raises(net_exc.OutOfBoundsAllocationPool):
        ipam.parse_pools(network, [{'start': '10.0.0.5', 'end': '10.0.0.255'}])
    with pytest.raises(net_exc.InvalidAllocationPool):
        ipam.parse_pools(network, [{'start': '10.0.0.9', 'end': '10.0.0.5'}])
    with pytest.raises(net_exc.OverlappingAllocationPools):
        ipam.parse_pools(network, [{'start': '10.0.0.5', 'end': '10.0.0.9'},
                                   {'start': '10.0.0.9', 'end': '10.0.0.12'}])


def test_the_gateway_may_not_be_in_a_pool_nor_the_network_address():
    pools = [(ip('10.0.0.1'), ip('10.0.0.10'))]
    with pytest.raises(net_exc.GatewayConflictWithAllocationPools):
        ipam.check_gateway_outside_pools(ip('10.0.0.1'), pools)
    with pytest.raises(net_exc.InvalidInput):
        ipam.check_gateway(ipaddress.ip_network('10.0.0.0/24'), ip('10.0.0.0'))
    ipam.check_gateway(ipaddress.ip_network('10.0.0.0/24'), ip('10.0.0.254'))


def test_the_next_free_address_fills_gaps_then_runs_out():
    pools = [(ip('10.0.0.2'), ip('10.0.0.4')), (ip('10.0.0.8'), ip('10.0.0.8'))]
    assert ipam.next_free(pools, set()) == '10.0.0.2'
    assert ipam.next_free(pools, {'10.0.0.2', '10.0.0.4'}) == '10.0.0.3'
    assert ipam.next_free(pools, {'10.0.0.2', '10.0.0.3', '10.0.0.4'}) == '10.0.0.8'
    assert ipam.next_free(pools, {'10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.8'}) is None


def test_eui64_from_a_mac():
    network = ipaddress.ip_network('2001:db8::/64')
    assert ipam.eui64(network, 'fa:16:3e:11:22:33') == '2001:db8::f816:3eff:fe11:2233'
