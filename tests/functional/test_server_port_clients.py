"""Servers on the network service through unmodified real clients: openstackclient's
``server create --network --security-group``, ``server add/remove floating ip`` and ``port list
--server``, and openstacksdk's ``create_server(network=..., auto_ip=True)``."""

from __future__ import annotations

from test_clients import openstack
from test_clients import unique

IMAGE = 'cirros'


def osc(service, *args, project: str, **kwargs):
    return openstack(service, *args, user='erin', project=project, **kwargs)


def _routed_network(service, project: str, cidr: str) -> str:
    """A network of the project behind a router with its gateway on ``public``."""
    name = unique('routed')
    osc(service, 'network', 'create', name, '-f', 'json', project=project)
    osc(service, 'subnet', 'create', name, '--network', name, '--subnet-range', cidr,
        '-f', 'json', project=project)
    osc(service, 'router', 'create', name, '--external-gateway', 'public', '-f', 'json',
        project=project)
    osc(service, 'router', 'add', 'subnet', name, name, project=project)
    return name


def test_openstack_server_on_a_network_with_a_group_a_floating_ip_and_its_ports(
        nova_api_service):
    project = unique('oscp')
    server = osc(nova_api_service, 'server', 'create', unique('osc-srv'), '--image', IMAGE,
                 '--flavor', 'm1.tiny', '--network', 'private', '--security-group', 'default',
                 '--wait', '-f', 'json', project=project)
    assert server['status'] == 'ACTIVE' and 'private' in str(server['addresses'])
    ports = osc(nova_api_service, 'port', 'list', '--server', server['id'], '-f', 'json',
                project=project)
    assert len(ports) == 1 and ports[0]['Status'] == 'ACTIVE'

    network = _routed_network(nova_api_service, project, '10.60.0.0/24')
    routed = osc(nova_api_service, 'server', 'create', unique('osc-fip'), '--image', IMAGE,
                 '--flavor', 'm1.tiny', '--network', network, '--wait', '-f', 'json',
                 project=project)
    fip = osc(nova_api_service, 'floating', 'ip', 'create', 'public', '-f', 'json',
              project=project)
    address = fip['floating_ip_address']
    osc(nova_api_service, 'server', 'add', 'floating', 'ip', routed['id'], address,
        project=project)
    shown = osc(nova_api_service, 'server', 'show', routed['id'], '-f', 'json', project=project)
    assert address in str(shown['addresses'])
    osc(nova_api_service, 'server', 'remove', 'floating', 'ip', routed['id'], address,
        project=project)
    shown = osc(nova_api_service, 'server', 'show', routed['id'], '-f', 'json', project=project)
    assert address not in str(shown['addresses'])

    osc(nova_api_service, 'server', 'delete', '--wait', server['id'], routed['id'],
        project=project)
    assert osc(nova_api_service, 'port', 'list', '--device-owner', 'compute:nova', '-f', 'json',
               project=project) == []


def test_openstacksdk_create_server_with_auto_ip(sdk, nova_api_service):
    project = unique('sdkn')
    network = _routed_network(nova_api_service, project, '10.61.0.0/24')
    conn = sdk('erin', project)
    server = conn.create_server(unique('sdk-fip'), image=IMAGE, flavor='m1.tiny',
                                network=network, auto_ip=True, wait=True)
    assert server.status == 'ACTIVE'
    [addresses] = server.addresses.values()
    kinds = {(a['OS-EXT-IPS:type'], a['addr'].rsplit('.', 1)[0]) for a in addresses}
    assert kinds == {('fixed', '10.61.0'), ('floating', '172.24.4')}
    assert conn.delete_server(server.id, wait=True, delete_ips=True)
    assert list(conn.network.ips(project_id=conn.current_project_id)) == []
