"""Server moves through unmodified real clients: openstackclient and openstacksdk's compute proxy."""

from __future__ import annotations

import time

from test_clients import openstack
from test_clients import unique

NOVA_API_OPTIONS = {'DEFAULT': {'compute_hosts': 'cmp1, cmp2'}}
IMAGE = 'cirros'


def _status(daemon, name: str, user: str, project: str) -> str:
    return openstack(daemon, 'server', 'show', name, '-f', 'json', user=user,
                     project=project)['status']


def _wait_status(daemon, name: str, status: str, user: str, project: str) -> None:
    deadline = time.monotonic() + 30
    while _status(daemon, name, user, project) != status:
        assert time.monotonic() < deadline, 'server %s never became %s' % (name, status)
        time.sleep(0.2)


def test_openstack_server_resize_confirm_revert_migrate_and_migration_list(nova_api_service):
    project = unique('oscm')
    name = unique('osc-move')
    openstack(nova_api_service, 'server', 'create', '--image', IMAGE, '--flavor', 'm1.tiny',
              '--nic', 'none', '--wait', name, '-f', 'json', user='alice', project=project)

    resized = openstack(nova_api_service, 'server', 'resize', '--flavor', 'm1.small', '--wait',
                        name, user='alice', project=project, check=False)
    assert resized.returncode == 0, resized.stderr
    assert _status(nova_api_service, name, 'alice', project) == 'VERIFY_RESIZE'
    openstack(nova_api_service, 'server', 'resize', 'confirm', name, user='alice', project=project)
    _wait_status(nova_api_service, name, 'ACTIVE', 'alice', project)
    shown = openstack(nova_api_service, 'server', 'show', name, '-f', 'json', user='alice',
                      project=project)
    assert 'm1.small' in str(shown['flavor'])

    openstack(nova_api_service, 'server', 'resize', '--flavor', 'm1.medium', '--wait', name,
              user='alice', project=project, check=False)
    _wait_status(nova_api_service, name, 'VERIFY_RESIZE', 'alice', project)
    openstack(nova_api_service, 'server', 'resize', 'revert', name, user='alice', project=project)
    _wait_status(nova_api_service, name, 'ACTIVE', 'alice', project)
    shown = openstack(nova_api_service, 'server', 'show', name, '-f', 'json', user='alice',
                      project=project)
    assert 'm1.small' in str(shown['flavor'])

    server_id = shown['id']
    migrated = openstack(nova_api_service, 'server', 'migrate', '--wait', server_id, check=False)
    assert migrated.returncode == 0, migrated.stderr
    _wait_status(nova_api_service, server_id, 'VERIFY_RESIZE', 'admin', 'admin')
    listed = openstack(nova_api_service, 'server', 'migration', 'list', '--server', server_id,
                       '-f', 'json')
    type_column = next(key for key in listed[0] if key.endswith('Type'))  # osc's name varies
    assert sorted(row[type_column] for row in listed) == ['migration', 'resize', 'resize'], listed
    assert {row['Status'] for row in listed} == {'confirmed', 'reverted', 'finished'}
    openstack(nova_api_service, 'server', 'resize', 'confirm', server_id)
    _wait_status(nova_api_service, server_id, 'ACTIVE', 'admin', 'admin')


def test_openstacksdk_resize_confirm_and_revert(sdk):
    conn = sdk('erin', unique('sdkm'))
    server = conn.compute.create_server(name=unique('sdk-move'), image_id=conn.get_image(IMAGE).id,
                                        flavor_id='1', networks='none')
    server = conn.compute.wait_for_server(server, wait=60)

    conn.compute.resize_server(server, '2')
    server = conn.compute.wait_for_server(server, status='VERIFY_RESIZE', wait=60)
    assert server.flavor.original_name == 'm1.small'
    conn.compute.confirm_server_resize(server)
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60)
    assert server.flavor.original_name == 'm1.small'

    conn.compute.resize_server(server, '3')
    server = conn.compute.wait_for_server(server, status='VERIFY_RESIZE', wait=60)
    conn.compute.revert_server_resize(server)
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60)
    assert server.flavor.original_name == 'm1.small'
    conn.compute.delete_server(server)


def test_openstack_server_evacuate_off_a_host_forced_down(nova_api_service):
    """The operator's sequence: mark the failed host's service down, evacuate, bring it back."""
    project = unique('osce')
    name = unique('osc-evac')
    openstack(nova_api_service, 'server', 'create', '--image', IMAGE, '--flavor', 'm1.tiny',
              '--nic', 'none', '--wait', name, '-f', 'json', user='alice', project=project)
    server_id = openstack(nova_api_service, 'server', 'show', name, '-f', 'json', user='alice',
                          project=project)['id']
    source = openstack(nova_api_service, 'server', 'show', server_id, '-f', 'json')[
        'OS-EXT-SRV-ATTR:host']
    refused = openstack(nova_api_service, 'server', 'evacuate', server_id, check=False)
    assert refused.returncode != 0 and 'is still in use' in refused.stderr

    openstack(nova_api_service, 'compute', 'service', 'set', '--down', source, 'nova-compute')
    try:
        # osc asks for the newest microversion, and from 2.95 an evacuated server arrives
        # stopped, which osc's --wait (for ACTIVE) does not expect, against Nova as here.
        openstack(nova_api_service, 'server', 'evacuate', server_id, '-f', 'json')
        _wait_status(nova_api_service, server_id, 'SHUTOFF', 'admin', 'admin')
        shown = openstack(nova_api_service, 'server', 'show', server_id, '-f', 'json')
        assert shown['OS-EXT-SRV-ATTR:host'] not in (None, source)
    finally:
        openstack(nova_api_service, 'compute', 'service', 'set', '--up', source, 'nova-compute')
    openstack(nova_api_service, 'server', 'delete', '--wait', server_id)
