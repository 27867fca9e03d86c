"""Servers on the network service, over HTTP on both backends: their ports, addresses,
floating IPs, interfaces and security groups, as Nova with Neutron gives them."""

from __future__ import annotations

import ipaddress
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
    """A member of a project of the test's own (its own networks change what ``auto`` picks)."""
    return ServersClient(nova_api_service, 'carol', project, '2.47')


@pytest.fixture
def net(nova_api_service, project) -> NetworkClient:
    return NetworkClient(nova_api_service, 'carol', project)


def _network_id(net: NetworkClient, name: str) -> str:
    return net.list('networks', name=name)[0]['id']


def _active(client: ServersClient, **fields) -> dict:
    response = client.boot(**fields)
    assert response.status_code == 202, response.text
    return client.wait_for(response.json()['server']['id'], 'ACTIVE')


def _ports_of(net: NetworkClient, server_id: str) -> list[dict]:
    return net.list('ports', device_id=server_id)


# -- boot ----------------------------------------------------------------------------------

def test_auto_boot_makes_a_port_on_the_shared_network_bound_to_the_server(user, net):
    server = _active(user)
    [port] = _ports_of(net, server['id'])
    assert port['network_id'] == _network_id(net, PRIVATE)
    assert port['device_owner'] == 'compute:nova' and port['status'] == 'ACTIVE'
    [address] = server['addresses'][PRIVATE]
    assert address['addr'] == port['fixed_ips'][0]['ip_address']
    assert address['OS-EXT-IPS-MAC:mac_addr'] == port['mac_address']
    assert address['OS-EXT-IPS:type'] == 'fixed'
    default = net.list('security-groups', name='default')
    assert port['security_groups'] == [default[0]['id']]
    assert server['security_groups'] == [{'name': 'default'}]


def test_auto_prefers_the_projects_own_network(user, net):
    own, _ = net.network_with_subnet('10.20.0.0/24')
    server = _active(user)
    [port] = _ports_of(net, server['id'])
    assert port['network_id'] == own['id']
    assert list(server['addresses']) == [own['name']]


def test_auto_with_two_own_networks_is_ambiguous(user, net):
    net.network_with_subnet('10.21.0.0/24')
    net.network_with_subnet('10.22.0.0/24')
    assert_fault(user.boot(), 409, 'conflictingRequest', 'Multiple possible networks found')


def test_networks_none_gives_no_port(user, net):
    server = _active(user, networks='none')
    assert _ports_of(net, server['id']) == [] and server['addresses'] == {}


def test_boot_on_an_unknown_or_foreign_network_is_400(user, net, nova_api_service):
    other = NetworkClient(nova_api_service, 'dave', new_project())
    foreign, _ = other.network_with_subnet('10.30.0.0/24')
    for network_id in (str(uuid.uuid4()), foreign['id']):
        assert_fault(user.boot(networks=[{'uuid': network_id}]), 400, 'badRequest',
                     'Network %s could not be found.' % network_id)


def test_boot_on_a_network_without_subnet_is_400(user, net):
    bare = net.create('networks', name='bare')
    assert_fault(user.boot(networks=[{'uuid': bare['id']}]), 400, 'badRequest',
                 'requires a subnet in order to boot instances on')


def test_boot_with_a_fixed_ip_gets_it_and_a_taken_or_outside_one_is_400(user, net):
    private = _network_id(net, PRIVATE)
    server = _active(user, networks=[{'uuid': private, 'fixed_ip': '10.0.0.77'}])
    assert [a['addr'] for a in server['addresses'][PRIVATE]] == ['10.0.0.77']
    assert_fault(user.boot(networks=[{'uuid': private, 'fixed_ip': '10.0.0.77'}]), 400,
                 'badRequest', 'Fixed IP address 10.0.0.77 is already in use')
    assert_fault(user.boot(networks=[{'uuid': private, 'fixed_ip': '192.0.2.5'}]), 400,
                 'badRequest', 'Fixed IP address 192.0.2.5 is not valid')


def test_boot_with_a_port_binds_it_and_delete_unbinds_it(user, net):
    port = net.create('ports', network_id=_network_id(net, PRIVATE), name='mine')
    server = _active(user, networks=[{'port': port['id']}])
    bound = net.show('ports', port['id'])
    assert bound['device_id'] == server['id'] and bound['device_owner'] == 'compute:nova'
    assert [a['addr'] for a in server['addresses'][PRIVATE]] == \
        [port['fixed_ips'][0]['ip_address']]
    # A port another server has is Nova's 409 PortInUse.
    assert_fault(user.boot(networks=[{'port': port['id']}]), 409, 'conflictingRequest',
                 'Port %s is still in use.' % port['id'])
    assert user('DELETE', '/servers/%s' % server['id']).status_code == 204
    user.wait_gone(server['id'])
    left = net.show('ports', port['id'])  # the user's port stays, unbound
    assert left['device_id'] == '' and left['device_owner'] == ''
    assert left['fixed_ips'] == port['fixed_ips']


def test_boot_with_an_unknown_port_is_400(user):
    port_id = str(uuid.uuid4())
    assert_fault(user.boot(networks=[{'port': port_id}]), 400, 'badRequest',
                 'Port id %s could not be found.' % port_id)


def test_boot_with_security_groups_puts_them_on_the_port_and_unknown_is_400(user, net):
    web = net.create('security-groups', name='web')
    server = _active(user, security_groups=[{'name': 'web'}, {'name': 'default'}])
    [port] = _ports_of(net, server['id'])
    default = net.list('security-groups', name='default')[0]
    assert sorted(port['security_groups']) == sorted([web['id'], default['id']])
    assert sorted(group['name'] for group in server['security_groups']) == ['default', 'web']
    assert_fault(user.boot(security_groups=[{'name': 'nope'}]), 400, 'badRequest',
                 'Security group nope not found.')


# -- addresses and delete --------------------------------------------------------------------

def _routed_network(net: NetworkClient, cidr: str) -> dict:
    """A network of the project's behind a router with its gateway on ``public``."""
    network, subnet = net.network_with_subnet(cidr)
    router = net.create('routers', name='edge', external_gateway_info={
        'network_id': _network_id(net, PUBLIC)})
    added = net('PUT', '/routers/%s/add_router_interface' % router['id'],
                {'subnet_id': subnet['id']})
    assert added.status_code == 200, added.text
    return network


def test_a_floating_ip_shows_in_the_addresses_and_delete_releases_the_ports(user, net):
    network = _routed_network(net, '10.50.0.0/24')
    server = _active(user)
    [port] = _ports_of(net, server['id'])
    fip = net.create('floatingips', floating_network_id=_network_id(net, PUBLIC),
                     port_id=port['id'])
    shown = user.show(server['id'])['addresses'][network['name']]
    assert [(a['addr'], a['OS-EXT-IPS:type']) for a in shown] == [
        (port['fixed_ips'][0]['ip_address'], 'fixed'), (fip['floating_ip_address'], 'floating')]
    assert shown[1]['OS-EXT-IPS-MAC:mac_addr'] == port['mac_address']
    listed = user('GET', '/servers/detail').json()['servers']
    assert [s['addresses'] for s in listed if s['id'] == server['id']] == [
        user.show(server['id'])['addresses']]
    ips = user('GET', '/servers/%s/ips/%s' % (server['id'], network['name'])).json()[
        network['name']]
    assert [a['addr'] for a in ips] == [port['fixed_ips'][0]['ip_address'],
                                        fip['floating_ip_address']]

    assert user('DELETE', '/servers/%s' % server['id']).status_code == 204
    user.wait_gone(server['id'])
    assert net('GET', '/ports/%s' % port['id']).status_code == 404
    kept = net.show('floatingips', fip['id'])  # disassociated, not released
    assert kept['port_id'] is None and kept['fixed_ip_address'] is None


def test_a_server_on_the_shared_private_network_takes_a_floating_ip_through_the_seeded_router(
        user, net):
    server = _active(user, networks=[{'uuid': _network_id(net, PRIVATE)}])
    [port] = _ports_of(net, server['id'])
    fip = net.create('floatingips', floating_network_id=_network_id(net, PUBLIC),
                     port_id=port['id'])
    assert fip['router_id'] is not None  # router1, the admin project's: not in the user's lists
    shown = user.show(server['id'])['addresses'][PRIVATE]
    assert [(a['addr'], a['OS-EXT-IPS:type']) for a in shown] == [
        (port['fixed_ips'][0]['ip_address'], 'fixed'), (fip['floating_ip_address'], 'floating')]


# -- os-interface --------------------------------------------------------------------------

def test_interface_attach_and_detach_make_and_remove_ports(user, net):
    server = _active(user)
    path = '/servers/%s/os-interface' % server['id']
    private = _network_id(net, PRIVATE)
    made = user('POST', path, {'interfaceAttachment': {
        'net_id': private, 'fixed_ips': [{'ip_address': '10.0.0.88'}]}})
    assert made.status_code == 200, made.text
    attached = made.json()['interfaceAttachment']
    assert attached['fixed_ips'][0]['ip_address'] == '10.0.0.88'
    port = net.show('ports', attached['port_id'])
    assert port['device_id'] == server['id']
    assert attached['fixed_ips'][0]['subnet_id'] == port['fixed_ips'][0]['subnet_id']
    listed = user('GET', path).json()['interfaceAttachments']
    assert len(listed) == 2
    assert '10.0.0.88' in [a['addr'] for a in user.show(server['id'])['addresses'][PRIVATE]]

    assert_fault(user('POST', path, {'interfaceAttachment': {
        'net_id': private, 'fixed_ips': [{'ip_address': '10.0.0.88'}]}}), 409,
        'conflictingRequest', 'Fixed IP 10.0.0.88 is already in use.')

    mine = net.create('ports', network_id=private)
    bound = user('POST', path, {'interfaceAttachment': {'port_id': mine['id']}})
    assert bound.status_code == 200, bound.text
    assert net.show('ports', mine['id'])['device_id'] == server['id']

    assert user('DELETE', '%s/%s' % (path, attached['port_id'])).status_code == 202
    assert net('GET', '/ports/%s' % attached['port_id']).status_code == 404
    assert user('DELETE', '%s/%s' % (path, mine['id'])).status_code == 202
    assert net.show('ports', mine['id'])['device_id'] == ''
    assert len(user('GET', path).json()['interfaceAttachments']) == 1


# -- security groups -----------------------------------------------------------------------

def test_add_and_remove_security_group_change_the_ports(user, net):
    server = _active(user)
    web = net.create('security-groups', name='web')
    assert user.action(server['id'], {'addSecurityGroup': {'name': 'web'}}).status_code == 202
    [port] = _ports_of(net, server['id'])
    assert web['id'] in port['security_groups']
    groups = user('GET', '/servers/%s/os-security-groups' % server['id']).json()
    assert sorted(g['name'] for g in groups['security_groups']) == ['default', 'web']
    assert sorted(g['name'] for g in user.show(server['id'])['security_groups']) == \
        ['default', 'web']

    assert user.action(server['id'], {'removeSecurityGroup': {'name': 'web'}}).status_code == 202
    assert web['id'] not in _ports_of(net, server['id'])[0]['security_groups']
    assert_fault(user.action(server['id'], {'removeSecurityGroup': {'name': 'web'}}), 404,
                 'itemNotFound', 'Security group web not associated with the instance')
    assert_fault(user.action(server['id'], {'addSecurityGroup': {'name': 'nope'}}), 404,
                 'itemNotFound', 'Security group nope is not found for project')


def test_security_group_actions_on_a_server_without_ports_are_404(user):
    server = _active(user, networks='none')
    assert_fault(user.action(server['id'], {'addSecurityGroup': {'name': 'default'}}), 404,
                 'itemNotFound', 'could not be found as device id on any ports')


# -- os-multinic and os-networks ----------------------------------------------------------

def test_add_and_remove_fixed_ip_work_on_the_port(user, net):
    at_243 = user.at('2.43')
    server = _active(user)
    private = _network_id(net, PRIVATE)
    assert at_243.action(server['id'], {'addFixedIp': {'networkId': private}}).status_code == 202
    [port] = _ports_of(net, server['id'])
    assert len(port['fixed_ips']) == 2
    addresses = [a['addr'] for a in user.show(server['id'])['addresses'][PRIVATE]]
    assert sorted(addresses) == sorted(ip['ip_address'] for ip in port['fixed_ips'])
    second = port['fixed_ips'][1]['ip_address']
    assert at_243.action(server['id'], {'removeFixedIp': {'address': second}}).status_code == 202
    assert len(_ports_of(net, server['id'])[0]['fixed_ips']) == 1
    assert second not in [a['addr'] for a in user.show(server['id'])['addresses'][PRIVATE]]


def test_os_networks_lists_the_networks_the_project_sees(user, net):
    own, _ = net.network_with_subnet('10.40.0.0/24')
    listed = user.at('2.35')('GET', '/os-networks').json()['networks']
    assert {PRIVATE, PUBLIC, own['name']} <= {network['label'] for network in listed}
    shown = user.at('2.35')('GET', '/os-networks/%s' % own['id'])
    assert shown.status_code == 200 and shown.json()['network']['label'] == own['name']
    assert user.at('2.36')('GET', '/os-networks').status_code == 404


# -- the floating IP proxies --------------------------------------------------------------

def test_os_floating_ips_allocate_associate_disassociate_and_release(user, net):
    at_235, at_243 = user.at('2.35'), user.at('2.43')
    pools = at_235('GET', '/os-floating-ip-pools').json()['floating_ip_pools']
    assert pools == [{'name': PUBLIC}]
    made = at_235('POST', '/os-floating-ips', {'pool': PUBLIC})
    assert made.status_code == 200, made.text
    fip = made.json()['floating_ip']
    assert fip['pool'] == PUBLIC and fip['instance_id'] is None and fip['fixed_ip'] is None
    assert_fault(at_235('POST', '/os-floating-ips', {'pool': 'nope'}), 404, 'itemNotFound',
                 'Floating IP pool not found.')
    listed = at_235('GET', '/os-floating-ips').json()['floating_ips']
    assert [f['id'] for f in listed] == [fip['id']]

    network = _routed_network(net, '10.70.0.0/24')
    server = _active(user)
    assert at_243.action(server['id'], {'addFloatingIp': {'address': fip['ip']}}
                         ).status_code == 202
    shown = at_235('GET', '/os-floating-ips/%s' % fip['id']).json()['floating_ip']
    fixed = user.show(server['id'])['addresses'][network['name']]
    assert shown['instance_id'] == server['id'] and shown['fixed_ip'] == fixed[0]['addr']
    assert [a['addr'] for a in fixed] == [shown['fixed_ip'], fip['ip']]
    assert_fault(at_243.action(server['id'], {'addFloatingIp': {'address': '172.24.4.250'}}),
                 404, 'itemNotFound', 'floating IP not found')

    assert at_243.action(server['id'], {'removeFloatingIp': {'address': fip['ip']}}
                         ).status_code == 202
    assert_fault(at_243.action(server['id'], {'removeFloatingIp': {'address': fip['ip']}}),
                 409, 'conflictingRequest', 'is not associated with instance')
    assert at_235('DELETE', '/os-floating-ips/%s' % fip['id']).status_code == 202
    assert_fault(at_235('GET', '/os-floating-ips/%s' % fip['id']), 404, 'itemNotFound',
                 'Floating IP not found for ID')
    assert user.at('2.36')('GET', '/os-floating-ips').status_code == 404
    assert user.at('2.44').action(server['id'], {'addFloatingIp': {'address': fip['ip']}}
                                  ).status_code == 404


def test_os_networks_writes_are_gone(user):
    for method, path, body in (('POST', '/os-networks', {'network': {'label': 'x'}}),
                               ('POST', '/os-networks/add', {'id': None}),
                               ('DELETE', '/os-networks/%s' % uuid.uuid4(), None)):
        for version in ('2.1', '2.35', '2.36'):
            assert user.at(version)(method, path, body).status_code == 410, (method, path)


# -- the server follows its ports (Neutron's network-changed event) -------------------------

def test_a_port_update_through_the_network_api_shows_in_the_servers_addresses_and_groups(
        user, net):
    network, _ = net.network_with_subnet('10.52.0.0/24')  # its own: it may pick addresses
    server = _active(user)
    [port] = _ports_of(net, server['id'])
    old = port['fixed_ips'][0]
    group = net.create('security-groups', name='web-%s' % uuid.uuid4().hex[:6])
    new = str(ipaddress.ip_address(old['ip_address']) + 200)
    response = net('PUT', '/ports/%s' % port['id'], {'port': {
        'fixed_ips': [{'subnet_id': old['subnet_id'], 'ip_address': new}],
        'security_groups': [group['id']]}})
    assert response.status_code == 200, response.text

    shown = user.show(server['id'])
    assert [a['addr'] for a in shown['addresses'][network['name']]] == [new]
    assert shown['security_groups'] == [{'name': group['name']}]
    [listed] = [s for s in user('GET', '/servers/detail').json()['servers']
                if s['id'] == server['id']]
    assert listed['addresses'] == shown['addresses']
    assert listed['security_groups'] == shown['security_groups']
    assert [g['name'] for g in user.at('2.35')(
        'GET', '/servers/%s/os-security-groups' % server['id']).json()['security_groups']
            ] == [group['name']]


def test_a_floating_ip_associated_through_the_network_api_shows_and_goes_on_the_next_read(
        user, net):
    network = _routed_network(net, '10.51.0.0/24')
    server = _active(user)
    [port] = _ports_of(net, server['id'])
    fip = net.create('floatingips', floating_network_id=_network_id(net, PUBLIC))
    assert net('PUT', '/floatingips/%s' % fip['id'],
               {'floatingip': {'port_id': port['id']}}).status_code == 200
    assert [a['OS-EXT-IPS:type'] for a in user.show(server['id'])['addresses'][
        network['name']]] == ['fixed', 'floating']
    assert net('PUT', '/floatingips/%s' % fip['id'],
               {'floatingip': {'port_id': None}}).status_code == 200
    assert [a['OS-EXT-IPS:type'] for a in user.show(server['id'])['addresses'][
        network['name']]] == ['fixed']


def test_deleting_a_servers_port_through_the_network_api_empties_its_addresses_and_groups(
        user, net):
    server = _active(user)
    [port] = _ports_of(net, server['id'])
    assert net('DELETE', '/ports/%s' % port['id']).status_code == 204
    shown = user.show(server['id'])
    assert shown['addresses'] == {} and 'security_groups' not in shown  # Nova omits none
