"""Servers through unmodified real clients: openstackclient, openstacksdk and novaclient.

They log in at the development identity service, find compute and image in
its catalogue, resolve ``--image`` and ``--flavor`` by name, negotiate their
microversion (openstackclient and novaclient ask for the newest) and wait on
the server's status as they do against any cloud.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

from test_clients import client_env
from test_clients import openstack
from test_clients import unique

IMAGE = 'cirros'
NOVA = str(pathlib.Path(sys.executable).with_name('nova'))


def test_openstack_server_create_wait_show_list_and_delete(nova_api_service):
    project = unique('oscp')
    name = unique('osc-srv')

    created = openstack(nova_api_service, 'server', 'create', '--image', IMAGE, '--flavor',
                        'm1.tiny', '--nic', 'none', '--property', 'role=web', '--wait', name,
                        '-f', 'json', user='alice', project=project)
    assert created['status'] == 'ACTIVE' and created['name'] == name

    shown = openstack(nova_api_service, 'server', 'show', name, '-f', 'json', user='alice',
                      project=project)
    assert shown['id'] == created['id'] and shown['properties'] == {'role': 'web'}
    listed = openstack(nova_api_service, 'server', 'list', '--long', '-f', 'json', user='alice',
                       project=project)
    assert [(s['Name'], s['Status'], s['Image Name']) for s in listed] == [(name, 'ACTIVE', IMAGE)]
    assert openstack(nova_api_service, 'server', 'list', '--name', 'nomatch', '-f', 'json',
                     user='alice', project=project) == []
    assert [s['Name'] for s in openstack(nova_api_service, 'server', 'list', '--status', 'ACTIVE',
                                         '-f', 'json', user='alice', project=project)] == [name]
    everyone = openstack(nova_api_service, 'server', 'list', '--all-projects', '-f', 'json')
    assert created['id'] in [s['ID'] for s in everyone]

    openstack(nova_api_service, 'server', 'delete', '--wait', name, user='alice', project=project)
    assert openstack(nova_api_service, 'server', 'list', '-f', 'json', user='alice',
                     project=project) == []


def test_openstack_server_with_a_network_keypair_and_user_data_then_actions(
        nova_api_service, tmp_path):
    project = unique('oscq')
    key = unique('key')
    name = unique('osc-act')
    openstack(nova_api_service, 'keypair', 'create', key, '--private-key', str(tmp_path / 'k'),
              '-f', 'json', user='bob', project=project)
    user_data = tmp_path / 'cloud-init'
    user_data.write_text('#!/bin/sh\necho hello\n')

    created = openstack(nova_api_service, 'server', 'create', '--image', IMAGE, '--flavor', 'c1',
                        '--nic', 'auto', '--key-name', key, '--user-data', str(user_data), '--wait',
                        name, '-f', 'json', user='bob', project=project)
    assert created['key_name'] == key
    assert '10.0.' in str(created['addresses']['private'])

    openstack(nova_api_service, 'server', 'set', '--name', name + '-2', '--description', 'moved',
              name, user='bob', project=project)
    name += '-2'
    shown = openstack(nova_api_service, 'server', 'show', name, '-f', 'json', user='bob',
                      project=project)
    assert shown['description'] == 'moved'
    rebooted = openstack(nova_api_service, 'server', 'reboot', '--wait', name, user='bob',
                         project=project, check=False)  # prints its progress, not JSON
    assert rebooted.returncode == 0, rebooted.stderr
    openstack(nova_api_service, 'server', 'stop', name, user='bob', project=project)
    _wait_status(nova_api_service, name, 'SHUTOFF', 'bob', project)
    openstack(nova_api_service, 'server', 'start', name, user='bob', project=project)
    _wait_status(nova_api_service, name, 'ACTIVE', 'bob', project)
    page = openstack(nova_api_service, 'server', 'list', '--limit', '1', '-f', 'json', user='bob',
                     project=project)
    assert len(page) == 1
    openstack(nova_api_service, 'server', 'delete', '--wait', name, user='bob', project=project)


def _wait_status(daemon, name: str, status: str, user: str, project: str) -> None:
    import time

    deadline = time.monotonic() + 30
    while openstack(daemon, 'server', 'show', name, '-f', 'json', user=user,
                    project=project)['status'] != status:
        assert time.monotonic() < deadline, 'server %s never became %s' % (name, status)
        time.sleep(0.3)


def test_openstacksdk_cloud_layer_creates_waits_for_lists_and_deletes(sdk):
    conn = sdk('carol', unique('sdkp'))

    server = conn.create_server(unique('sdk-srv'), image=IMAGE, flavor='m1.tiny', wait=True,
                                auto_ip=False)
    assert server.status == 'ACTIVE' and server.private_v4.startswith('10.0.')
    assert [s.id for s in conn.list_servers()] == [server.id]
    assert conn.get_server(server.id).name == server.name

    assert conn.delete_server(server.id, wait=True)
    assert conn.list_servers() == []


def test_openstacksdk_proxy_layer(sdk):
    conn = sdk('dave', unique('sdkq'))
    image = conn.image.find_image(IMAGE)
    flavor = conn.compute.find_flavor('m1.tiny')

    server = conn.compute.create_server(name=unique('proxy'), image_id=image.id,
                                        flavor_id=flavor.id, networks='none')
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60)
    assert [s.id for s in conn.compute.servers()] == [server.id]
    conn.compute.reboot_server(server, 'HARD')
    conn.compute.wait_for_server(conn.compute.get_server(server.id), status='ACTIVE', wait=60)
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=60)


def _nova(daemon, *args: str, user: str, project: str) -> subprocess.CompletedProcess:
    result = subprocess.run([NOVA, *args], env=client_env(daemon, user, project),
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, 'nova %s failed:\n%s%s' % (' '.join(args), result.stdout,
                                                            result.stderr)
    return result


def test_novaclient_boot_poll_list_delete(nova_api_service):
    project = unique('novap')
    name = unique('nova-srv')

    booted = _nova(nova_api_service, 'boot', '--image', IMAGE, '--flavor', 'm1.tiny', '--nic',
                   'none', '--poll', name, user='erin', project=project)
    assert 'Finished' in booted.stdout or 'ACTIVE' in booted.stdout
    listed = _nova(nova_api_service, 'list', user='erin', project=project)
    assert name in listed.stdout and 'ACTIVE' in listed.stdout
    _nova(nova_api_service, 'delete', name, user='erin', project=project)
