"""Unmodified real clients on the Network API: python-openstackclient and openstacksdk's network
proxy, finding ``network`` in the catalogue (``/network``) as they would on any cloud."""

from __future__ import annotations

from servers_client import ServersClient
from test_clients import openstack
from test_clients import unique


def osc(service, *args, **kwargs):
    return openstack(service, *args, user=kwargs.pop('user', 'alice'),
                     project=kwargs.pop('project', 'demo'), **kwargs)


def test_openstack_network_subnet_port_lifecycle(nova_api_service):
    name = unique('osc-net')
    network = osc(nova_api_service, 'network', 'create', name, '-f', 'json')
    assert network['name'] == name and network['status'] == 'ACTIVE'
    subnet = osc(nova_api_service, 'subnet', 'create', name + '-sub', '--network', name,
                 '--subnet-range', '192.168.200.0/24', '--dns-nameserver', '8.8.8.8', '-f', 'json')
    assert subnet['cidr'] == '192.168.200.0/24' and subnet['gateway_ip'] == '192.168.200.1'
    port = osc(nova_api_service, 'port', 'create', name + '-port', '--network', name,
               '--fixed-ip', 'subnet=%s,ip-address=192.168.200.20' % subnet['id'], '-f', 'json')
    assert port['fixed_ips'][0]['ip_address'] == '192.168.200.20'

    assert name in {n['Name'] for n in osc(nova_api_service, 'network', 'list', '-f', 'json')}
    assert osc(nova_api_service, 'subnet', 'show', name + '-sub', '-f', 'json')['id'] == subnet['id']
    ports = osc(nova_api_service, 'port', 'list', '--network', name, '-f', 'json')
    assert [p['ID'] for p in ports] == [port['id']]
    assert osc(nova_api_service, 'port', 'show', port['id'], '-f', 'json')['name'] == name + '-port'

    osc(nova_api_service, 'port', 'delete', port['id'])
    osc(nova_api_service, 'subnet', 'delete', subnet['id'])
    osc(nova_api_service, 'network', 'delete', name)
    missing = osc(nova_api_service, 'network', 'show', name, check=False)
    assert missing.returncode != 0 and 'Traceback' not in missing.stderr


def test_openstack_security_group_and_rules(nova_api_service):
    name = unique('osc-sg')
    group = osc(nova_api_service, 'security', 'group', 'create', name, '--description', 'web',
                '-f', 'json')
    assert group['name'] == name
    rule = osc(nova_api_service, 'security', 'group', 'rule', 'create', name, '--protocol', 'tcp',
               '--dst-port', '443', '--remote-ip', '0.0.0.0/0', '-f', 'json')
    assert (rule['port_range_min'], rule['port_range_max'], rule['protocol']) == (443, 443, 'tcp')
    rules = osc(nova_api_service, 'security', 'group', 'rule', 'list', name, '-f', 'json')
    assert rule['id'] in {r['ID'] for r in rules}
    assert osc(nova_api_service, 'security', 'group', 'show', name, '-f', 'json')['id'] == group['id']
    groups = osc(nova_api_service, 'security', 'group', 'list', '-f', 'json')
    assert {'default', name} <= {g['Name'] for g in groups}
    osc(nova_api_service, 'security', 'group', 'rule', 'delete', rule['id'])
    osc(nova_api_service, 'security', 'group', 'delete', name)


def test_openstack_router_and_floating_ip(nova_api_service):
    name = unique('osc-l3')
    osc(nova_api_service, 'network', 'create', name, '-f', 'json')
    osc(nova_api_service, 'subnet', 'create', name, '--network', name, '--subnet-range',
        '192.168.210.0/24', '-f', 'json')
    router = osc(nova_api_service, 'router', 'create', name, '-f', 'json')
    osc(nova_api_service, 'router', 'set', name, '--external-gateway', 'public')
    osc(nova_api_service, 'router', 'add', 'subnet', name, name)
    shown = osc(nova_api_service, 'router', 'show', name, '-f', 'json')
    assert shown['id'] == router['id']
    assert shown['external_gateway_info']['network_id']
    port = osc(nova_api_service, 'port', 'create', name + '-vm', '--network', name, '-f', 'json')

    fip = osc(nova_api_service, 'floating', 'ip', 'create', 'public', '--port', port['id'],
              '-f', 'json')
    assert fip['floating_ip_address'].startswith('172.24.4.')
    assert fip['fixed_ip_address'] == port['fixed_ips'][0]['ip_address']
    listed = osc(nova_api_service, 'floating', 'ip', 'list', '-f', 'json')
    assert fip['id'] in {f['ID'] for f in listed}
    assert osc(nova_api_service, 'floating', 'ip', 'show', fip['id'], '-f', 'json')['port_id'] == \
        port['id']

    osc(nova_api_service, 'floating', 'ip', 'delete', fip['id'])
    osc(nova_api_service, 'port', 'delete', port['id'])
    osc(nova_api_service, 'router', 'remove', 'subnet', name, name)
    osc(nova_api_service, 'router', 'delete', name)
    osc(nova_api_service, 'network', 'delete', name)


def test_openstack_quota_set_checks_the_network_limits_against_usage(nova_api_service):
    """openstackclient adds ``check_limit: true`` to every Neutron quota update (``force: true``
    with ``--force``); a limit below what the project uses is refused unless forced."""
    project = unique('osc-quota')
    osc(nova_api_service, 'network', 'create', project, '-f', 'json', project=project)

    osc(nova_api_service, 'quota', 'set', '--ports', '600', '--routers', '7', project,
        user='admin', project='admin')
    shown = osc(nova_api_service, 'quota', 'show', '--network', project, '-f', 'json',
                user='admin', project='admin')
    assert {q['Resource']: q['Limit'] for q in shown}['ports'] == 600

    refused = osc(nova_api_service, 'quota', 'set', '--networks', '0', project,
                  user='admin', project='admin', check=False)
    assert refused.returncode != 0 and 'Traceback' not in refused.stderr
    assert ('Quota limit 0 for network must be greater than or equal to already used 1'
            in refused.stderr), refused.stderr
    osc(nova_api_service, 'quota', 'set', '--networks', '0', '--force', project,
        user='admin', project='admin')
    shown = osc(nova_api_service, 'quota', 'show', '--network', project, '-f', 'json',
                user='admin', project='admin')
    limits = {q['Resource']: q['Limit'] for q in shown}
    assert (limits['networks'], limits['ports'], limits['routers']) == (0, 600, 7)


def test_openstacksdk_network_proxy(sdk):
    conn = sdk('alice', 'demo')
    name = unique('sdk-net')

    network = conn.network.create_network(name=name)
    subnet = conn.network.create_subnet(network_id=network.id, ip_version=4,
                                        cidr='192.168.220.0/24', name=name)
    port = conn.network.create_port(network_id=network.id, name=name)
    assert conn.network.find_network(name).id == network.id
    assert conn.network.get_subnet(subnet.id).cidr == '192.168.220.0/24'
    assert [p.id for p in conn.network.ports(network_id=network.id)] == [port.id]
    assert port.fixed_ips[0]['subnet_id'] == subnet.id
    assert {n.name for n in conn.network.networks()} >= {'private', 'public', name}
    assert len(list(conn.network.networks(limit=1))) >= 3  # pages followed

    group = conn.network.create_security_group(name=name)
    conn.network.create_security_group_rule(security_group_id=group.id, direction='ingress',
                                            protocol='tcp', port_range_min=22, port_range_max=22)
    assert len(conn.network.get_security_group(group.id).security_group_rules) == 3

    conn.network.set_tags(network, ['sdk'])
    assert conn.network.get_network(network.id).tags == ['sdk']
    assert conn.network.find_extension('router') is not None

    conn.network.delete_port(port)
    conn.network.delete_security_group(group)
    conn.network.delete_subnet(subnet)
    conn.network.delete_network(network)
    assert conn.network.find_network(name) is None


def test_a_group_openstackclient_makes_is_novas_proxy_group_and_the_other_way_round(
        nova_api_service):
    """``openstack security group ...`` goes to the Network API; Nova's proxy (raw HTTP, no
    client calls it any more) shows the same group, and the CLI sees one the proxy makes."""
    name = unique('osc-sg')
    group = osc(nova_api_service, 'security', 'group', 'create', name, '--description', 'cli',
                '-f', 'json')
    rule = osc(nova_api_service, 'security', 'group', 'rule', 'create', name, '--protocol', 'tcp',
               '--dst-port', '22', '--remote-ip', '10.9.0.0/16', '-f', 'json')
    nova = ServersClient(nova_api_service, 'alice', group['project_id'], '2.35')
    shown = nova('GET', '/os-security-groups/%s' % group['id'])
    assert shown.status_code == 200, shown.text
    assert [(r['id'], r['ip_protocol'], r['from_port'], r['ip_range']) for r in shown.json()[
        'security_group']['rules']] == [(rule['id'], 'tcp', 22, {'cidr': '10.9.0.0/16'})]

    made = nova('POST', '/os-security-groups', {'security_group': {'name': name + '-nova',
                                                                   'description': 'proxy'}})
    assert made.status_code == 200, made.text
    listed = osc(nova_api_service, 'security', 'group', 'list', '-f', 'json')
    assert {name, name + '-nova'} <= {g['Name'] for g in listed}
    osc(nova_api_service, 'security', 'group', 'delete', name, name + '-nova')
    assert nova('GET', '/os-security-groups/%s' % group['id']).status_code == 404
