"""A server's metadata, tags, instance actions, password, diagnostics and topology through unmodified
real clients.

openstackclient (``server set/unset --property``, ``server set --tag`` at
2.26, ``server event list/show``, ``server show --diagnostics`` and
``--topology``) and openstacksdk's compute proxy, logged in at the
development identity service.
"""

from __future__ import annotations

from test_clients import openstack
from test_clients import unique

IMAGE = 'cirros'


def test_openstack_server_properties_tags_and_events(nova_api_service):
    project = unique('oscs')
    name = unique('osc-sub')

    def osc(*args: str, check: bool = True):
        return openstack(nova_api_service, *args, user='frank', project=project, check=check)
    created = osc('server', 'create', '--image', IMAGE, '--flavor', 'm1.tiny', '--nic', 'none',
                  '--wait', name, '-f', 'json')

    osc('server', 'set', '--property', 'role=web', '--property', 'tier=1', name)
    assert osc('server', 'show', name, '-f', 'json')['properties'] == {'role': 'web', 'tier': '1'}
    osc('server', 'unset', '--property', 'tier', name)
    assert osc('server', 'show', name, '-f', 'json')['properties'] == {'role': 'web'}

    osc('--os-compute-api-version', '2.26', 'server', 'set', '--tag', 'blue', '--tag', 'green',
        name)
    shown = osc('--os-compute-api-version', '2.26', 'server', 'show', name, '-f', 'json')
    assert sorted(shown['tags']) == ['blue', 'green']
    osc('--os-compute-api-version', '2.26', 'server', 'unset', '--tag', 'blue', name)
    listed = osc('--os-compute-api-version', '2.26', 'server', 'list', '--tags', 'green',
                 '-f', 'json')
    assert [s['ID'] for s in listed] == [created['id']]

    events = osc('server', 'event', 'list', name, '-f', 'json')
    assert [e['Action'] for e in events] == ['create']
    event = osc('server', 'event', 'show', name, events[0]['Request ID'], '-f', 'json')
    assert event['action'] == 'create' and event['request_id'] == events[0]['Request ID']
    admin_view = openstack(nova_api_service, '--os-compute-api-version', '2.84', 'server',
                           'event', 'show', created['id'], events[0]['Request ID'], '-f', 'json')
    assert admin_view['events'][0]['event'] == 'compute__do_build_and_run_instance'
    osc('server', 'delete', '--wait', name)


def test_openstacksdk_compute_proxy_metadata_tags_actions_password(sdk):
    conn = sdk('grace', unique('sdks'))
    image = conn.image.find_image(IMAGE)
    flavor = conn.compute.find_flavor('m1.tiny')
    server = conn.compute.create_server(name=unique('sdk-sub'), image_id=image.id,
                                        flavor_id=flavor.id, networks='none')
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60)

    conn.compute.set_server_metadata(server, k='v', other='x')
    assert conn.compute.get_server_metadata(server).metadata == {'k': 'v', 'other': 'x'}
    conn.compute.delete_server_metadata(server, ['other'])
    assert conn.compute.get_server_metadata(server).metadata == {'k': 'v'}

    conn.compute.add_tag_to_server(server, 'sdk-tag')
    assert conn.compute.get_server(server.id).tags == ['sdk-tag']
    conn.compute.remove_tag_from_server(server, 'sdk-tag')
    assert conn.compute.get_server(server.id).tags == []

    actions = list(conn.compute.server_actions(server))
    assert [a.action for a in actions] == ['create']
    action = conn.compute.get_server_action(actions[0].request_id, server)
    assert action.action == 'create' and action.request_id == actions[0].request_id

    assert not conn.compute.get_server_password(server)
    conn.compute.clear_server_password(server)
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=60)


def test_openstack_server_show_diagnostics_and_topology(nova_api_service):
    """``server show --diagnostics`` (osc lets the SDK negotiate: 2.48, the standard format) and
    ``--topology`` (osc requires ``--os-compute-api-version 2.78``)."""
    project = unique('oscd')
    flavor = unique('osc-numa')

    def osc(*args: str, check: bool = True):
        return openstack(nova_api_service, *args, user='frank', project=project, check=check)
    openstack(nova_api_service, 'flavor', 'create', flavor, '--vcpus', '2', '--ram', '512',
              '--disk', '1', '--property', 'hw:numa_nodes=2', '--property',
              'hw:cpu_policy=dedicated', '-f', 'json')
    created = osc('server', 'create', '--image', IMAGE, '--flavor', flavor, '--wait',
                  unique('osc-diag'), '-f', 'json')

    diagnostics = openstack(nova_api_service, 'server', 'show', '--diagnostics', created['id'],
                            '-f', 'json')
    assert (diagnostics['state'], diagnostics['driver'], diagnostics['hypervisor']) == (
        'running', 'libvirt', 'fake')
    assert diagnostics['num_cpus'] == 2 and [cpu['id'] for cpu in diagnostics['cpu_details']] == [0, 1]
    assert diagnostics['memory_details']['maximum'] == 512
    assert diagnostics['has_config_drive'] is False and diagnostics['uptime'] >= 0
    ports = osc('port', 'list', '--server', created['id'], '-f', 'json')
    assert [nic['mac_address'] for nic in diagnostics['nic_details']] == [
        port['MAC Address'] for port in ports]
    refused = osc('server', 'show', '--diagnostics', created['id'], check=False)
    assert refused.returncode != 0
    assert "Policy doesn't allow os_compute_api:os-server-diagnostics" in refused.stderr

    mine = osc('--os-compute-api-version', '2.78', 'server', 'show', '--topology', created['id'],
               '-f', 'json')
    assert mine['topology'] == {'nodes': [
        {'vcpu_set': [0], 'siblings': [], 'memory_mb': 256},
        {'vcpu_set': [1], 'siblings': [], 'memory_mb': 256}], 'pagesize_kb': None}
    admin_view = openstack(nova_api_service, '--os-compute-api-version', '2.78', 'server', 'show',
                           '--topology', created['id'], '-f', 'json')
    assert [(node['host_node'], node['cpu_pinning']) for node in admin_view['topology']['nodes']] == [
        (0, {'0': 0}), (1, {'1': 1})]
    osc('server', 'delete', '--wait', created['id'])
    openstack(nova_api_service, 'flavor', 'delete', flavor)
