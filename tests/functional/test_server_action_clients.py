"""Server actions through unmodified real clients: openstackclient and openstacksdk's compute proxy.

openstackclient negotiates the newest microversion it knows, so every
action here is also exercised at a late microversion (lock reasons,
unshelve bodies, rebuild responses of 2.7x). `openstack server add security group`
looks the group up in a network service (or Nova's os-security-groups proxy),
which this release does not serve: the action itself is tested over HTTP.
"""

from __future__ import annotations

import time

from test_clients import openstack
from test_clients import unique

IMAGE = 'cirros'


def _status(daemon, name: str, user: str, project: str) -> dict:
    return openstack(daemon, 'server', 'show', name, '-f', 'json', user=user, project=project)


def _wait(daemon, name: str, status: str, user: str, project: str) -> dict:
    deadline = time.monotonic() + 30
    while True:
        shown = _status(daemon, name, user, project)
        if shown['status'] == status and not shown.get('OS-EXT-STS:task_state'):
            return shown
        assert time.monotonic() < deadline, 'server %s is %s, not %s' % (
            name, shown['status'], status)
        time.sleep(0.3)


def test_openstack_server_actions(nova_api_service):
    user, project, name = 'erin', unique('osca'), unique('osc-act')

    def osc(*args, **kwargs):
        return openstack(nova_api_service, *args, user=user, project=project, **kwargs)

    def act(*args):  # the actions print progress or nothing, not JSON
        done = osc(*args, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

    osc('server', 'create', '--image', IMAGE, '--flavor', 'm1.tiny', '--nic', 'auto', '--wait',
        name, '-f', 'json')
    for action, status in (('pause', 'PAUSED'), ('unpause', 'ACTIVE'), ('suspend', 'SUSPENDED'),
                           ('resume', 'ACTIVE'), ('rescue', 'RESCUE'), ('unrescue', 'ACTIVE')):
        act('server', action, name)
        _wait(nova_api_service, name, status, user, project)

    act('server', 'lock', '--reason', 'change freeze', name)
    shown = _status(nova_api_service, name, user, project)
    assert shown['locked'] is True and shown['locked_reason'] == 'change freeze'
    act('server', 'unlock', name)
    assert _status(nova_api_service, name, user, project)['locked'] is False

    act('server', 'rebuild', '--image', IMAGE, '--wait', name)
    assert _status(nova_api_service, name, user, project)['status'] == 'ACTIVE'

    act('server', 'shelve', name)
    _wait(nova_api_service, name, 'SHELVED_OFFLOADED', user, project)
    act('server', 'unshelve', name)
    _wait(nova_api_service, name, 'ACTIVE', user, project)

    refused = osc('server', 'unpause', name, check=False)
    assert refused.returncode != 0 and 'vm_state active' in refused.stderr


def test_openstacksdk_compute_proxy_server_actions(sdk):
    conn = sdk('frank', unique('sdka'))
    image = conn.image.find_image(IMAGE)
    flavor = conn.compute.find_flavor('m1.tiny')
    server = conn.compute.create_server(name=unique('sdk-act'), image_id=image.id,
                                        flavor_id=flavor.id, networks='auto')
    server = conn.compute.wait_for_server(server, wait=30)
    for act, status in ((conn.compute.pause_server, 'PAUSED'),
                        (conn.compute.unpause_server, 'ACTIVE'),
                        (conn.compute.suspend_server, 'SUSPENDED'),
                        (conn.compute.resume_server, 'ACTIVE'),
                        (conn.compute.lock_server, 'ACTIVE'),
                        (conn.compute.unlock_server, 'ACTIVE'),
                        (conn.compute.shelve_server, 'SHELVED_OFFLOADED'),
                        (conn.compute.unshelve_server, 'ACTIVE')):
        act(server)
        server = conn.compute.wait_for_server(server, status=status, wait=30)
    conn.compute.rebuild_server(server, image=image.id, name='rebuilt')
    server = conn.compute.wait_for_server(server, wait=30)
    assert server.name == 'rebuilt'
    conn.compute.change_server_password(server, 'n3w-Secret')
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=30)
