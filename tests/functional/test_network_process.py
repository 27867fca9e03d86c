"""The Network API as a process sees it: the [network] enabled switch, the seed written once
however many workers race for it, and addresses given once under concurrent creates."""

from __future__ import annotations

import concurrent.futures

import requests
from network_client import NetworkClient
from network_client import new_project


def _token(daemon, user: str, project: str) -> dict:
    response = requests.post(daemon.url + '/identity/v3/auth/tokens', json={'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': user, 'password': 'secret', 'domain': {'id': 'default'}}}},
        'scope': {'project': {'name': project, 'domain': {'id': 'default'}}}}}, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()['token']


def test_the_switch_removes_the_api_and_its_catalogue_entry(daemon_factory):
    off = daemon_factory(options={'network': {'enabled': False}})
    response = requests.get(off.url + '/network/v2.0/networks',
                            headers={'X-Auth-Token': 'alice:demo'}, timeout=10)
    assert response.status_code == 404
    assert response.json()['NeutronError']['type'] == 'HTTPNotFound'
    assert requests.get(off.url + '/network/', timeout=10).status_code == 404
    assert 'network' not in {s['type'] for s in _token(off, 'alice', 'demo')['catalog']}


def test_the_catalogue_lists_neutron(nova_api_service):
    catalog = {s['type']: s for s in _token(nova_api_service, 'alice', 'demo')['catalog']}
    assert catalog['network']['name'] == 'neutron'
    assert catalog['network']['endpoints'][0]['url'] == nova_api_service.url + '/network'


def test_workers_racing_to_seed_write_the_networks_once(daemon_factory):
    daemon = daemon_factory(workers=4)
    clients = [NetworkClient(daemon, 'user%d' % i, new_project()) for i in range(16)]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        names = list(pool.map(lambda c: sorted(n['name'] for n in c.list('networks')), clients))

    assert names == [['private', 'public']] * 16
    admin = NetworkClient(daemon, 'admin', 'admin')
    assert len(admin.list('subnets')) == 2
    assert sorted(n['name'] for n in admin.list('networks')) == ['private', 'public']


def test_concurrent_ports_never_share_an_address(nova_api_service):
    alice = NetworkClient(nova_api_service, 'alice', new_project())
    network, _ = alice.network_with_subnet(
        '192.168.240.0/24', allocation_pools=[{'start': '192.168.240.10',
                                               'end': '192.168.240.29'}])

    def create(_):
        return alice('POST', '/ports', {'port': {'network_id': network['id']}})
    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        responses = list(pool.map(create, range(30)))

    made = [r.json()['port'] for r in responses if r.status_code == 201]
    refused = [r for r in responses if r.status_code != 201]
    assert len(made) == 20
    assert {r.json()['NeutronError']['type'] for r in refused} == {'IpAddressGenerationFailure'}
    addresses = [p['fixed_ips'][0]['ip_address'] for p in made]
    assert len(set(addresses)) == 20
    assert len({p['mac_address'] for p in made}) == 20
