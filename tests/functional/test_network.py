"""The Network API over HTTP against the real daemon, on SQLite and PostgreSQL: discovery,
Neutron's error format, networks, subnets and ports, with their 400s, 403s, 404s and 409s."""

from __future__ import annotations

import uuid

import pytest
import requests
from network_client import NetworkClient
from network_client import neutron_error
from network_client import new_project

PRIVATE_ID = 'ddc456e6-d936-5c54-82fa-ec29361954da'  # uuid5 of "private", as compute has it


@pytest.fixture
def alice(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'alice', new_project())


@pytest.fixture
def mallory(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'mallory', new_project())


@pytest.fixture
def admin(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'admin', 'admin')


# -- discovery and the error format ------------------------------------------------

def test_the_versions_need_no_token(nova_api_service):
    for path in ('/network', '/network/'):
        response = requests.get(nova_api_service.url + path, timeout=10)
        assert response.status_code == 200
        assert response.json() == {'versions': [{
            'id': 'v2.0', 'status': 'CURRENT',
            'links': [{'rel': 'self', 'href': nova_api_service.url + '/network/v2.0/'}]}]}


def test_the_api_needs_a_token_and_answers_401_as_neutron(nova_api_service):
    response = requests.get(nova_api_service.url + '/network/v2.0/networks', timeout=10)

    assert neutron_error(response, 401, 'HTTPUnauthorized')
    assert 'WWW-Authenticate' in response.headers


def test_an_unknown_path_and_method_are_neutron_errors(alice, nova_api_service):
    neutron_error(alice('GET', '/nothing-here'), 404, 'HTTPNotFound')
    neutron_error(requests.get(nova_api_service.url + '/network/v3', timeout=10), 404,
                  'HTTPNotFound')
    response = alice('PATCH', '/networks')
    neutron_error(response, 405, 'HTTPMethodNotAllowed')
    assert response.headers['Allow'] == 'GET, POST'


def test_the_resources_and_extensions_are_listed(alice):
    resources = alice('GET', '/').json()['resources']
    assert {r['collection'] for r in resources} >= {'networks', 'subnets', 'ports', 'routers',
                                                    'floatingips', 'security-groups'}
    aliases = {e['alias'] for e in alice('GET', '/extensions').json()['extensions']}
    assert aliases >= {'security-group', 'router', 'external-net', 'port-security',
                       'standard-attr-tag', 'binding', 'allowed-address-pairs', 'quotas',
                       'project-id', 'standard-attr-revisions'}
    assert alice('GET', '/extensions/router').json()['extension']['alias'] == 'router'
    neutron_error(alice('GET', '/extensions/dvr'), 404, 'ExtensionNotFound')


def test_a_malformed_body_and_an_unknown_attribute_are_400(alice):
    neutron_error(alice('POST', '/networks', data=b'{', headers={
        'Content-Type': 'application/json'}), 400, 'HTTPBadRequest')
    neutron_error(alice('POST', '/networks', {'network': {'colour': 'red'}}), 400,
                  'HTTPBadRequest')
    neutron_error(alice('POST', '/networks', {'network': {'admin_state_up': 'maybe'}}), 400)


# -- the seeded networks -------------------------------------------------------------

def test_every_project_sees_the_seeded_private_and_public_networks(alice):
    networks = {n['name']: n for n in alice.list('networks')}

    assert networks['private']['id'] == PRIVATE_ID
    assert networks['private']['shared'] is True and networks['private']['router:external'] is False
    assert networks['public']['router:external'] is True and networks['public']['shared'] is False
    (subnet_id,) = networks['private']['subnets']
    subnet = alice.show('subnets', subnet_id)
    assert (subnet['cidr'], subnet['gateway_ip']) == ('10.0.0.0/16', '10.0.0.1')
    assert subnet['allocation_pools'] == [{'start': '10.0.0.2', 'end': '10.0.255.254'}]


# -- networks ----------------------------------------------------------------------------

def test_a_network_is_created_shown_updated_and_deleted(alice):
    network = alice.create('networks', name='blue', description='a net')
    assert (network['name'], network['status'], network['shared'], network['mtu']) == (
        'blue', 'ACTIVE', False, 1450)
    assert network['project_id'] == network['tenant_id'] == alice.project
    assert network['revision_number'] == 0 and network['created_at'].endswith('Z')

    response = alice('PUT', '/networks/' + network['id'], {'network': {'name': 'green'}})
    assert response.status_code == 200
    assert response.json()['network']['name'] == 'green'
    assert response.json()['network']['revision_number'] == 1

    assert alice('DELETE', '/networks/' + network['id']).status_code == 204
    neutron_error(alice('GET', '/networks/' + network['id']), 404, 'NetworkNotFound')


def test_another_projects_network_is_not_found(alice, mallory):
    network = alice.create('networks', name='secret')

    for method in ('GET', 'DELETE'):
        message = neutron_error(mallory(method, '/networks/' + network['id']), 404,
                                'NetworkNotFound')
        assert message == 'Network %s could not be found.' % network['id']
    neutron_error(mallory('PUT', '/networks/' + network['id'], {'network': {'name': 'x'}}),
                  404, 'NetworkNotFound')
    assert network['id'] not in {n['id'] for n in mallory.list('networks')}


def test_shared_and_external_are_an_admins_to_set(alice, admin, mallory):
    for attribute in ('shared', 'router:external'):
        message = neutron_error(alice('POST', '/networks', {'network': {attribute: True}}), 403,
                                'PolicyNotAuthorized')
        assert message == 'rule:create_network:%s is disallowed by policy' % attribute
    shared = admin.create('networks', name='everyone', shared=True)
    assert shared['id'] in {n['id'] for n in mallory.list('networks')}
    neutron_error(mallory('PUT', '/networks/' + shared['id'], {'network': {'name': 'mine'}}),
                  403, 'PolicyNotAuthorized')
    neutron_error(mallory('DELETE', '/networks/' + shared['id']), 403, 'PolicyNotAuthorized')


def test_a_network_with_ports_cannot_be_deleted(alice):
    network, _ = alice.network_with_subnet()
    port = alice.create('ports', network_id=network['id'])

    neutron_error(alice('DELETE', '/networks/' + network['id']), 409, 'NetworkInUse')
    assert alice('DELETE', '/ports/' + port['id']).status_code == 204
    assert alice('DELETE', '/networks/' + network['id']).status_code == 204
    assert alice.list('subnets', network_id=network['id']) == []


def test_list_filters_fields_and_sorting(alice):
    tag = uuid.uuid4().hex[:8]
    made = [alice.create('networks', name='%s-%d' % (tag, i), admin_state_up=i != 1)
            for i in range(3)]
    names = [n['name'] for n in made]

    assert [n['name'] for n in alice.list('networks', name=names[0])] == [names[0]]
    # A repeated filter is an OR.
    assert sorted(n['name'] for n in alice.list('networks', name=names[:2])) == names[:2]
    assert [n['name'] for n in alice.list('networks', admin_state_up='false')] == [names[1]]
    listed = alice.list('networks', name=names, fields=['id', 'name'], sort_key='name',
                        sort_dir='desc')
    assert listed == [{'id': n['id'], 'name': n['name']} for n in reversed(made)]
    neutron_error(alice('GET', '/networks', params={'colour': 'red'}), 400, 'HTTPBadRequest')
    neutron_error(alice('GET', '/networks', params={'sort_key': 'colour'}), 400)
    neutron_error(alice('GET', '/networks', params={'shared': 'perhaps'}), 400, 'InvalidInput')


def test_pages_follow_limit_and_marker_with_links(alice):
    tag = uuid.uuid4().hex[:8]
    made = sorted((alice.create('networks', name='%s-%d' % (tag, i)) for i in range(5)),
                  key=lambda n: n['id'])
    seen = []
    params = {'name': [n['name'] for n in made], 'limit': 2}
    response = alice('GET', '/networks', params=params)
    while True:
        body = response.json()
        seen += [n['id'] for n in body['networks']]
        following = [link['href'] for link in body['networks_links'] if link['rel'] == 'next']
        if not following:
            break
        response = alice.session.get(following[0], headers={
            'X-Auth-Token': 'alice:' + alice.project}, timeout=10)
    assert seen == [n['id'] for n in made]
    neutron_error(alice('GET', '/networks', params={'marker': str(uuid.uuid4())}), 404)
    neutron_error(alice('GET', '/networks', params={'limit': 'many'}), 400)


# -- subnets ------------------------------------------------------------------------------

def test_a_subnet_gets_neutrons_defaults(alice):
    network, subnet = alice.network_with_subnet('192.168.20.0/24')

    assert subnet['gateway_ip'] == '192.168.20.1'
    assert subnet['allocation_pools'] == [{'start': '192.168.20.2', 'end': '192.168.20.254'}]
    assert (subnet['enable_dhcp'], subnet['ip_version'], subnet['network_id']) == (
        True, 4, network['id'])
    assert alice.show('networks', network['id'])['subnets'] == [subnet['id']]


def test_a_subnet_with_pools_nameservers_and_routes(alice):
    network = alice.create('networks')
    subnet = alice.create('subnets', network_id=network['id'], ip_version=4,
                          cidr='172.16.0.0/24', gateway_ip='172.16.0.254',
                          allocation_pools=[{'start': '172.16.0.10', 'end': '172.16.0.20'}],
                          dns_nameservers=['8.8.8.8', '1.1.1.1'],
                          host_routes=[{'destination': '10.9.0.0/16', 'nexthop': '172.16.0.5'}],
                          enable_dhcp=False)

    assert subnet['dns_nameservers'] == ['8.8.8.8', '1.1.1.1']
    assert subnet['host_routes'] == [{'destination': '10.9.0.0/16', 'nexthop': '172.16.0.5'}]
    assert subnet['allocation_pools'] == [{'start': '172.16.0.10', 'end': '172.16.0.20'}]
    response = alice('PUT', '/subnets/' + subnet['id'], {'subnet': {
        'dns_nameservers': [], 'name': 'renamed', 'gateway_ip': None}})
    assert response.status_code == 200, response.text
    updated = response.json()['subnet']
    assert (updated['dns_nameservers'], updated['name'], updated['gateway_ip']) == (
        [], 'renamed', None)
    neutron_error(alice('PUT', '/subnets/' + subnet['id'], {'subnet': {'cidr': '10.0.0.0/8'}}),
                  400, 'HTTPBadRequest')


@pytest.mark.parametrize('cidr, error_type', [
    ('10.0.0.0/33', 'HTTPBadRequest'),
    ('not-a-cidr', 'HTTPBadRequest'),
    ('10.0.0.0', 'HTTPBadRequest'),
    ('10.0.0.5/24', 'HTTPBadRequest'),
    ('2001:db8::/64', 'InvalidInput'),  # an IPv6 CIDR with ip_version 4
])
def test_a_bad_cidr_is_a_400(alice, cidr, error_type):
    network = alice.create('networks')
    response = alice('POST', '/subnets', {'subnet': {'network_id': network['id'],
                                                     'ip_version': 4, 'cidr': cidr}})
    neutron_error(response, 400, error_type)


def test_subnets_of_one_network_may_not_overlap(alice):
    network, _ = alice.network_with_subnet('10.50.0.0/24')
    response = alice('POST', '/subnets', {'subnet': {'network_id': network['id'],
                                                     'ip_version': 4, 'cidr': '10.50.0.128/25'}})
    assert 'overlaps with another subnet' in neutron_error(response, 400, 'InvalidInput')
    # Another network may use the same range.
    alice.network_with_subnet('10.50.0.0/24')


@pytest.mark.parametrize('pools, code, error_type', [
    ([{'start': '10.60.0.10', 'end': '10.60.0.20'}, {'start': '10.60.0.15', 'end': '10.60.0.30'}],
     409, 'OverlappingAllocationPools'),
    ([{'start': '10.60.0.10', 'end': '10.60.1.20'}], 400, 'OutOfBoundsAllocationPool'),
    ([{'start': '10.60.0.20', 'end': '10.60.0.10'}], 400, 'InvalidAllocationPool'),
    ([{'start': '10.60.0.1', 'end': '10.60.0.10'}], 409, 'GatewayConflictWithAllocationPools'),
    ([{'start': 'ten', 'end': '10.60.0.10'}], 400, 'HTTPBadRequest'),
])
def test_bad_allocation_pools_are_refused(alice, pools, code, error_type):
    network = alice.create('networks')
    response = alice('POST', '/subnets', {'subnet': {
        'network_id': network['id'], 'ip_version': 4, 'cidr': '10.60.0.0/24',
        'allocation_pools': pools}})
    neutron_error(response, code, error_type)
    assert alice.list('subnets', network_id=network['id']) == []


def test_an_ipv6_subnet_with_slaac_gives_eui64_addresses(alice):
    network = alice.create('networks')
    subnet = alice.create('subnets', network_id=network['id'], ip_version=6,
                          cidr='2001:db8:1::/64', ipv6_ra_mode='slaac',
                          ipv6_address_mode='slaac')
    assert subnet['gateway_ip'] == '2001:db8:1::1'
    port = alice.create('ports', network_id=network['id'], mac_address='fa:16:3e:11:22:33')
    assert port['fixed_ips'] == [{'subnet_id': subnet['id'],
                                  'ip_address': '2001:db8:1:0:f816:3eff:fe11:2233'}]


@pytest.mark.parametrize('fields, fragment', [
    ({'ip_version': 4, 'cidr': '10.70.0.0/24', 'ipv6_address_mode': 'slaac'}, 'ip_version'),
    ({'ip_version': 6, 'cidr': '2001:db8:2::/64', 'ipv6_ra_mode': 'slaac',
      'ipv6_address_mode': 'dhcpv6-stateful'}, 'must be the same'),
    ({'ip_version': 6, 'cidr': '2001:db8:3::/80', 'ipv6_address_mode': 'slaac'}, 'EUI-64'),
])
def test_ipv6_modes_are_checked(alice, fields, fragment):
    network = alice.create('networks')
    response = alice('POST', '/subnets', {'subnet': {'network_id': network['id'], **fields}})
    assert fragment in neutron_error(response, 400, 'InvalidInput')


def test_a_subnet_on_a_network_the_caller_does_not_own(alice, mallory):
    private = [n for n in mallory.list('networks') if n['name'] == 'private'][0]
    response = mallory('POST', '/subnets', {'subnet': {'network_id': private['id'],
                                                       'ip_version': 4, 'cidr': '10.80.0.0/24'}})
    neutron_error(response, 403, 'PolicyNotAuthorized')
    network = alice.create('networks')
    response = mallory('POST', '/subnets', {'subnet': {'network_id': network['id'],
                                                       'ip_version': 4, 'cidr': '10.80.0.0/24'}})
    neutron_error(response, 404, 'NetworkNotFound')


def test_a_subnet_with_ports_cannot_be_deleted(alice):
    network, subnet = alice.network_with_subnet()
    alice.create('ports', network_id=network['id'])
    neutron_error(alice('DELETE', '/subnets/' + subnet['id']), 409, 'SubnetInUse')


# -- ports -----------------------------------------------------------------------------------

def test_a_port_gets_an_address_a_mac_and_the_default_group(alice):
    network, subnet = alice.network_with_subnet('192.168.30.0/24')
    port = alice.create('ports', network_id=network['id'], name='eth0', device_id='vm-1',
                        device_owner='compute:nova')

    assert port['fixed_ips'] == [{'subnet_id': subnet['id'], 'ip_address': '192.168.30.2'}]
    assert port['mac_address'].startswith('fa:16:3e:')
    assert (port['status'], port['device_id'], port['port_security_enabled']) == (
        'ACTIVE', 'vm-1', True)
    default = alice.list('security-groups', name='default')[0]
    assert port['security_groups'] == [default['id']]
    # binding:* is an admin's but binding:vnic_type.
    assert port['binding:vnic_type'] == 'normal' and 'binding:host_id' not in port
    listed = alice.list('ports', device_id='vm-1')
    assert [p['id'] for p in listed] == [port['id']]
    by_ip = alice.list('ports', fixed_ips='ip_address=192.168.30.2')
    assert [p['id'] for p in by_ip] == [port['id']]


def test_an_address_asked_for_and_one_already_taken(alice):
    network, subnet = alice.network_with_subnet('192.168.40.0/24')
    port = alice.create('ports', network_id=network['id'],
                        fixed_ips=[{'ip_address': '192.168.40.77'}])
    assert port['fixed_ips'] == [{'subnet_id': subnet['id'], 'ip_address': '192.168.40.77'}]

    response = alice('POST', '/ports', {'port': {'network_id': network['id'], 'fixed_ips': [
        {'subnet_id': subnet['id'], 'ip_address': '192.168.40.77'}]}})
    assert neutron_error(response, 409, 'IpAddressAlreadyAllocated') == (
        'IP address 192.168.40.77 already allocated in subnet %s' % subnet['id'])
    response = alice('POST', '/ports', {'port': {'network_id': network['id'], 'fixed_ips': [
        {'ip_address': '192.168.99.1'}]}})
    neutron_error(response, 400, 'InvalidIpForNetwork')
    response = alice('POST', '/ports', {'port': {'network_id': network['id'], 'fixed_ips': [
        {'subnet_id': subnet['id'], 'ip_address': '192.168.40.255'}]}})
    neutron_error(response, 400, 'InvalidIpForSubnet')


def test_an_exhausted_pool_is_a_409(alice):
    network, _ = alice.network_with_subnet(
        '192.168.50.0/24', allocation_pools=[{'start': '192.168.50.10', 'end': '192.168.50.11'}])
    alice.create('ports', network_id=network['id'])
    alice.create('ports', network_id=network['id'])

    response = alice('POST', '/ports', {'port': {'network_id': network['id']}})
    assert neutron_error(response, 409, 'IpAddressGenerationFailure') == (
        'No more IP addresses available on network %s.' % network['id'])


def test_mac_addresses_are_unique_per_network(alice):
    network, _ = alice.network_with_subnet()
    alice.create('ports', network_id=network['id'], mac_address='fa:16:3e:00:00:01')

    response = alice('POST', '/ports', {'port': {'network_id': network['id'],
                                                 'mac_address': 'fa:16:3e:00:00:01'}})
    neutron_error(response, 409, 'MacAddressInUse')
    other, _ = alice.network_with_subnet()
    alice.create('ports', network_id=other['id'], mac_address='fa:16:3e:00:00:01')
    neutron_error(alice('POST', '/ports', {'port': {'network_id': other['id'],
                                                    'mac_address': 'nope'}}), 400)


def test_a_member_on_a_shared_network_may_not_pick_its_address(mallory):
    response = mallory('POST', '/ports', {'port': {'network_id': PRIVATE_ID,
                                                   'fixed_ips': [{'ip_address': '10.0.9.9'}]}})
    assert neutron_error(response, 403, 'PolicyNotAuthorized') == (
        'rule:create_port:fixed_ips:ip_address is disallowed by policy')
    port = mallory.create('ports', network_id=PRIVATE_ID)
    assert port['fixed_ips'][0]['ip_address'].startswith('10.0.')


def test_binding_attributes_are_an_admins(alice, admin):
    network, _ = alice.network_with_subnet()
    response = alice('POST', '/ports', {'port': {'network_id': network['id'],
                                                 'binding:host_id': 'compute-1'}})
    neutron_error(response, 403, 'PolicyNotAuthorized')
    port = admin.create('ports', network_id=network['id'], **{'binding:host_id': 'compute-1',
                                                              'project_id': alice.project})
    assert (port['binding:host_id'], port['binding:vif_type']) == ('compute-1', 'ovs')
    assert 'binding:host_id' not in alice.show('ports', port['id'])


def test_port_security_groups_and_address_pairs(alice):
    network, _ = alice.network_with_subnet('192.168.60.0/24')
    group = alice.create('security-groups', name='web')
    port = alice.create('ports', network_id=network['id'], security_groups=[group['id']],
                        allowed_address_pairs=[{'ip_address': '192.168.60.200'}])
    assert port['security_groups'] == [group['id']]
    assert port['allowed_address_pairs'] == [{'ip_address': '192.168.60.200',
                                              'mac_address': port['mac_address']}]

    response = alice('PUT', '/ports/' + port['id'], {'port': {'port_security_enabled': False}})
    neutron_error(response, 409, 'PortSecurityPortHasSecurityGroup')
    response = alice('PUT', '/ports/' + port['id'], {'port': {
        'port_security_enabled': False, 'security_groups': [], 'allowed_address_pairs': []}})
    assert response.status_code == 200, response.text
    assert response.json()['port']['security_groups'] == []
    response = alice('POST', '/ports', {'port': {'network_id': network['id'],
                                                 'security_groups': [str(uuid.uuid4())]}})
    neutron_error(response, 404, 'SecurityGroupNotFound')


def test_a_ports_addresses_are_changed_by_update(alice):
    network, subnet = alice.network_with_subnet('192.168.70.0/24')
    port = alice.create('ports', network_id=network['id'])
    response = alice('PUT', '/ports/' + port['id'], {'port': {'fixed_ips': [
        {'subnet_id': subnet['id'], 'ip_address': '192.168.70.50'}], 'name': 'moved'}})
    assert response.status_code == 200, response.text
    assert response.json()['port']['fixed_ips'] == [
        {'subnet_id': subnet['id'], 'ip_address': '192.168.70.50'}]
    # The old address is free again.
    again = alice.create('ports', network_id=network['id'],
                         fixed_ips=[{'ip_address': port['fixed_ips'][0]['ip_address']}])
    assert again['fixed_ips'][0]['ip_address'] == port['fixed_ips'][0]['ip_address']


def test_another_projects_port_is_not_found(alice, mallory):
    network, _ = alice.network_with_subnet()
    port = alice.create('ports', network_id=network['id'])
    neutron_error(mallory('GET', '/ports/' + port['id']), 404, 'PortNotFound')
    neutron_error(mallory('DELETE', '/ports/' + port['id']), 404, 'PortNotFound')
    neutron_error(mallory('POST', '/ports', {'port': {'network_id': network['id']}}), 404,
                  'NetworkNotFound')


def test_odd_inputs_are_4xx_never_500(alice, admin):
    network, subnet = alice.network_with_subnet('192.168.80.0/24')
    cases = [
        ('GET', '/networks?created_at=yesterday', None, 400),
        ('GET', '/networks?limit=100000000000000000000', None, 200),
        ('GET', '/ports?fixed_ips=colour=red', None, 400),
        ('POST', '/networks', {'network': {'mtu': 10 ** 12}}, 400),
        ('POST', '/networks', {'networks': [{'name': 'bulk'}]}, 400),
        ('POST', '/networks', [], 400),
        ('POST', '/ports', {'port': {'network_id': network['id'], 'fixed_ips': 'x'}}, 400),
        ('POST', '/ports', {'port': {'network_id': network['id'],
                                     'fixed_ips': [{'subnet_id': str(uuid.uuid4())}]}}, 400),
        ('POST', '/ports', {'port': {'network_id': network['id'],
                                     'fixed_ips': [{'colour': 'red'}]}}, 400),
        ('POST', '/ports', {'port': {'network_id': network['id'],
                                     'allowed_address_pairs': [{'ip_address': 'nope'}]}}, 400),
        ('POST', '/subnets', {'subnet': {'network_id': network['id'], 'ip_version': 4,
                                         'cidr': '10.90.0.0/24',
                                         'allocation_pools': [{'start': 1, 'end': 2}]}}, 400),
        ('POST', '/subnets', {'subnet': {'network_id': network['id'], 'ip_version': 4,
                                         'cidr': '10.91.0.0/24',
                                         'host_routes': [{'destination': '10.0.0.0/8'}]}}, 400),
        ('POST', '/subnets', {'subnet': {'network_id': network['id'], 'ip_version': 5,
                                         'cidr': '10.92.0.0/24'}}, 400),
        ('PUT', '/subnets/' + subnet['id'], {'subnet': {'gateway_ip': 'gw'}}, 400),
        ('PUT', '/quotas/' + alice.project, {'quota': {'network': '-5'}}, 400),
        ('POST', '/floatingips', {'floatingip': {'floating_network_id': str(uuid.uuid4())}}, 404),
        ('PUT', '/routers/%s/add_router_interface' % uuid.uuid4(), {'subnet_id': subnet['id']},
         404),
    ]
    for method, path, body, code in cases:
        client = admin if path.startswith('/quotas') else alice
        response = client(method, path, body)
        assert response.status_code == code, (method, path, body, response.text)
        if code >= 400:
            assert 'NeutronError' in response.json()
