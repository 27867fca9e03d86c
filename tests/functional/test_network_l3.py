"""Routers and floating IPs over HTTP, on SQLite and PostgreSQL: gateways on the external
``public`` network, interfaces by subnet or port, and floating IPs that reach a port's fixed IP
only through a router with both (as Neutron requires)."""

from __future__ import annotations

import uuid

import pytest
from network_client import NetworkClient
from network_client import neutron_error
from network_client import new_project

PUBLIC_SUBNET_CIDR = '172.24.4.0/24'


@pytest.fixture
def alice(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'alice', new_project())


@pytest.fixture
def mallory(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'mallory', new_project())


@pytest.fixture
def admin(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'admin', 'admin')


def public_id(client: NetworkClient) -> str:
    return client.list('networks', name='public')[0]['id']


def routed_port(client: NetworkClient, cidr: str = '192.168.100.0/24'):
    """A network with a subnet on a router with a gateway on public, and a port on it."""
    network, subnet = client.network_with_subnet(cidr)
    router = client.create('routers', name='r', external_gateway_info={
        'network_id': public_id(client)})
    response = client('PUT', '/routers/%s/add_router_interface' % router['id'],
                      {'subnet_id': subnet['id']})
    assert response.status_code == 200, response.text
    port = client.create('ports', network_id=network['id'])
    return router, subnet, port


def test_a_router_with_a_gateway_on_public(alice):
    public = public_id(alice)
    router = alice.create('routers', name='edge', external_gateway_info={'network_id': public})

    info = router['external_gateway_info']
    assert info['network_id'] == public and info['enable_snat'] is True
    (fixed,) = info['external_fixed_ips']
    assert fixed['ip_address'].startswith('172.24.4.')
    assert (router['status'], router['project_id']) == ('ACTIVE', alice.project)
    cleared = alice('PUT', '/routers/' + router['id'], {'router': {'external_gateway_info': {}}})
    assert cleared.json()['router']['external_gateway_info'] is None
    assert alice('DELETE', '/routers/' + router['id']).status_code == 204
    neutron_error(alice('GET', '/routers/' + router['id']), 404, 'RouterNotFound')


def test_a_gateway_needs_an_external_network(alice):
    network, _ = alice.network_with_subnet()
    response = alice('POST', '/routers', {'router': {'external_gateway_info': {
        'network_id': network['id']}}})
    assert 'not an external network' in neutron_error(response, 400, 'BadRequest')
    response = alice('POST', '/routers', {'router': {'external_gateway_info': {
        'network_id': public_id(alice), 'enable_snat': False}}})
    neutron_error(response, 403, 'PolicyNotAuthorized')


def test_interfaces_by_subnet_and_by_port(alice):
    network, subnet = alice.network_with_subnet('192.168.110.0/24')
    other_net, other_subnet = alice.network_with_subnet('192.168.111.0/24')
    router = alice.create('routers', name='inner')

    added = alice('PUT', '/routers/%s/add_router_interface' % router['id'],
                  {'subnet_id': subnet['id']}).json()
    assert (added['id'], added['subnet_id'], added['network_id']) == (
        router['id'], subnet['id'], network['id'])
    port = alice.show('ports', added['port_id'])
    assert (port['device_owner'], port['device_id']) == ('network:router_interface', router['id'])
    assert port['fixed_ips'] == [{'subnet_id': subnet['id'], 'ip_address': '192.168.110.1'}]
    response = alice('PUT', '/routers/%s/add_router_interface' % router['id'],
                     {'subnet_id': subnet['id']})
    neutron_error(response, 400, 'BadRequest')
    neutron_error(alice('DELETE', '/ports/' + port['id']), 409, 'ServicePortInUse')
    neutron_error(alice('DELETE', '/routers/' + router['id']), 409, 'RouterInUse')

    spare = alice.create('ports', network_id=other_net['id'])
    by_port = alice('PUT', '/routers/%s/add_router_interface' % router['id'],
                    {'port_id': spare['id']}).json()
    assert by_port['port_id'] == spare['id'] and by_port['subnet_ids'] == [other_subnet['id']]

    removed = alice('PUT', '/routers/%s/remove_router_interface' % router['id'],
                    {'subnet_id': subnet['id']})
    assert removed.status_code == 200 and removed.json()['port_id'] == port['id']
    alice('PUT', '/routers/%s/remove_router_interface' % router['id'], {'port_id': spare['id']})
    response = alice('PUT', '/routers/%s/remove_router_interface' % router['id'],
                     {'subnet_id': subnet['id']})
    neutron_error(response, 404, 'RouterInterfaceNotFoundForSubnet')
    assert alice('DELETE', '/routers/' + router['id']).status_code == 204


def test_an_interface_needs_a_subnet_or_a_port(alice):
    router = alice.create('routers')
    neutron_error(alice('PUT', '/routers/%s/add_router_interface' % router['id'], {}), 400,
                  'BadRequest')
    neutron_error(alice('PUT', '/routers/%s/add_router_interface' % router['id'],
                        {'subnet_id': str(uuid.uuid4())}), 404, 'SubnetNotFound')


def test_another_projects_router_is_not_found(alice, mallory):
    router = alice.create('routers')
    neutron_error(mallory('GET', '/routers/' + router['id']), 404, 'RouterNotFound')
    neutron_error(mallory('PUT', '/routers/%s/add_router_interface' % router['id'],
                          {'subnet_id': str(uuid.uuid4())}), 404, 'RouterNotFound')


def test_a_floating_ip_is_allocated_from_public(alice):
    fip = alice.create('floatingips', floating_network_id=public_id(alice))

    assert fip['floating_ip_address'].startswith('172.24.4.')
    assert (fip['status'], fip['port_id'], fip['fixed_ip_address'], fip['router_id']) == (
        'DOWN', None, None, None)
    assert [f['id'] for f in alice.list('floatingips')] == [fip['id']]
    assert alice('DELETE', '/floatingips/' + fip['id']).status_code == 204
    neutron_error(alice('GET', '/floatingips/' + fip['id']), 404, 'FloatingIPNotFound')


def test_a_floating_ip_needs_an_external_network(alice):
    network, _ = alice.network_with_subnet()
    response = alice('POST', '/floatingips', {'floatingip': {'floating_network_id': network['id']}})
    assert neutron_error(response, 400, 'NetworkNotExternal') == (
        'Bad floatingip request: Network %s is not a valid external network.' % network['id'])
    response = alice('POST', '/floatingips', {'floatingip': {
        'floating_network_id': public_id(alice), 'floating_ip_address': '172.24.4.99'}})
    neutron_error(response, 403, 'PolicyNotAuthorized')


def test_a_floating_ip_reaches_a_port_through_a_router(alice):
    router, subnet, port = routed_port(alice)
    fip = alice.create('floatingips', floating_network_id=public_id(alice), port_id=port['id'])

    assert (fip['port_id'], fip['fixed_ip_address'], fip['router_id'], fip['status']) == (
        port['id'], port['fixed_ips'][0]['ip_address'], router['id'], 'ACTIVE')
    # The router cannot lose what the floating IP needs.
    response = alice('PUT', '/routers/%s/remove_router_interface' % router['id'],
                     {'subnet_id': subnet['id']})
    neutron_error(response, 409, 'RouterInterfaceInUseByFloatingIP')
    response = alice('PUT', '/routers/' + router['id'], {'router': {'external_gateway_info': {}}})
    neutron_error(response, 409, 'RouterExternalGatewayInUseByFloatingIp')
    # A second floating IP for the same fixed IP is refused.
    second = alice.create('floatingips', floating_network_id=public_id(alice))
    response = alice('PUT', '/floatingips/' + second['id'], {'floatingip': {'port_id': port['id']}})
    neutron_error(response, 409, 'FloatingIPPortAlreadyAssociated')

    cleared = alice('PUT', '/floatingips/' + fip['id'], {'floatingip': {'port_id': None}})
    assert cleared.json()['floatingip']['port_id'] is None
    assert cleared.json()['floatingip']['status'] == 'DOWN'


def test_without_a_router_the_port_is_not_reachable(alice):
    network, _ = alice.network_with_subnet('192.168.120.0/24')
    port = alice.create('ports', network_id=network['id'])
    response = alice('POST', '/floatingips', {'floatingip': {
        'floating_network_id': public_id(alice), 'port_id': port['id']}})

    neutron_error(response, 404, 'ExternalGatewayForFloatingIPNotFound')
    assert alice.list('floatingips') == []


def test_deleting_the_port_disassociates_its_floating_ip(alice):
    _, _, port = routed_port(alice, '192.168.130.0/24')
    fip = alice.create('floatingips', floating_network_id=public_id(alice), port_id=port['id'])
    assert alice('DELETE', '/ports/' + port['id']).status_code == 204

    shown = alice.show('floatingips', fip['id'])
    assert (shown['port_id'], shown['router_id'], shown['status']) == (None, None, 'DOWN')


def test_another_projects_floating_ip_and_port(alice, mallory):
    fip = alice.create('floatingips', floating_network_id=public_id(alice))
    neutron_error(mallory('GET', '/floatingips/' + fip['id']), 404, 'FloatingIPNotFound')
    _, _, port = routed_port(alice, '192.168.140.0/24')
    mine = mallory.create('floatingips', floating_network_id=public_id(mallory))
    response = mallory('PUT', '/floatingips/' + mine['id'], {'floatingip': {'port_id': port['id']}})
    neutron_error(response, 404, 'PortNotFound')


def test_an_admin_picks_the_floating_address(admin):
    fip = admin.create('floatingips', floating_network_id=public_id(admin),
                       floating_ip_address='172.24.4.201')
    assert fip['floating_ip_address'] == '172.24.4.201'
    response = admin('POST', '/floatingips', {'floatingip': {
        'floating_network_id': public_id(admin), 'floating_ip_address': '172.24.4.201'}})
    neutron_error(response, 409, 'IpAddressAlreadyAllocated')
    admin('DELETE', '/floatingips/' + fip['id'])
