"""With ``[network] enabled = false`` servers keep compute's own addresses (``[DEFAULT]
fixed_range``), as before the network service: a guard of that mode over HTTP."""

from __future__ import annotations

import uuid

from servers_client import ServersClient
from servers_client import new_project
from test_api_wire import assert_fault

NOVA_API_OPTIONS = {'network': {'enabled': False}}


def test_servers_take_compute_s_own_addresses_and_groups_without_the_network_service(
        nova_api_service):
    client = ServersClient(nova_api_service, 'gina', new_project(), '2.47')
    server_id = client.boot().json()['server']['id']
    server = client.wait_for(server_id, 'ACTIVE')
    [address] = server['addresses']['private']
    assert address['addr'].startswith('10.0.0.') and address['OS-EXT-IPS:type'] == 'fixed'
    # Any group name is recorded; a port cannot be named (none exists).
    assert client.action(server_id, {'addSecurityGroup': {'name': 'web'}}).status_code == 202
    assert sorted(g['name'] for g in client.show(server_id)['security_groups']) == [
        'default', 'web']
    port_id = str(uuid.uuid4())
    assert_fault(client.boot(networks=[{'port': port_id}]), 400, 'badRequest',
                 'Port id %s could not be found.' % port_id)
    attached = client('POST', '/servers/%s/os-interface' % server_id, {'interfaceAttachment': {}})
    assert attached.status_code == 200, attached.text
    assert len(client.show(server_id)['addresses']['private']) == 2
    assert [n['label'] for n in client.at('2.35')('GET', '/os-networks').json()['networks']] == [
        'private']
    assert client.at('2.35')('GET', '/os-floating-ips').status_code == 404
    # Nothing to proxy: no network service's groups (the server's names are its own, above).
    assert client.at('2.35')('GET', '/os-security-groups').status_code == 404
    assert client.at('2.35')('POST', '/os-security-group-rules', {'security_group_rule': {
        'parent_group_id': str(uuid.uuid4())}}).status_code == 404
    assert [n['label'] for n in client.at('2.35')('GET', '/os-tenant-networks').json()[
        'networks']] == ['private']
    assert client('DELETE', '/servers/%s' % server_id).status_code == 204
    client.wait_gone(server_id)
