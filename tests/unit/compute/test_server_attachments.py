"""Pure rules behind a server's interfaces, volumes and external events."""

from __future__ import annotations

import pytest

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import device_names
from nova_api.compute import server_external_events as events
from nova_api.compute import server_holds
from nova_api.compute import volume_attachments as volumes
from nova_api.compute.attach_interfaces import ATTACH


@pytest.mark.parametrize('root, used, requested, expected', [
    (None, [], None, '/dev/vdb'),                       # libvirt's root, vda, is taken
    ('/dev/vda', ['/dev/vdb', '/dev/vdc'], None, '/dev/vdd'),
    ('/dev/vda', ['/dev/vdc'], None, '/dev/vdb'),       # a gap is filled first
    ('/dev/vda', [], '/dev/sdf', '/dev/vdf'),           # the root's prefix, the letter asked for
    ('/dev/sda1', [], None, '/dev/sdb'),
    ('/dev/xvda', ['/dev/xvdb'], None, '/dev/xvdc'),
])
def test_device_names_follow_novas_get_next_device_name(root, used, requested, expected):
    assert volumes.next_device_name(root, used, requested) == expected


def test_past_z_the_letters_go_on_as_nova_generates_them():
    used = ['/dev/vd%s' % chr(c) for c in range(ord('b'), ord('z') + 1)]
    assert volumes.next_device_name('/dev/vda', used, None) == '/dev/vdaa'
    assert volumes.next_device_name('/dev/vda', used + ['/dev/vdaa'], None) == '/dev/vdab'


def test_a_device_letter_in_use_is_a_409():
    with pytest.raises(exception.DevicePathInUse) as raised:
        volumes.next_device_name('/dev/vda', ['/dev/vdb'], '/dev/sdb')
    assert raised.value.code == 409 and '(/dev/sdb)' in raised.value.format_message()
    with pytest.raises(exception.DevicePathInUse):
        volumes.next_device_name('/dev/vda', [], '/dev/vda')


@pytest.mark.parametrize('devices, root, names', [
    ([], '/dev/vda', []),
    ([{'boot_index': 0, 'destination_type': 'local'}], '/dev/vda', ['/dev/vda']),
    ([{'boot_index': 0, 'destination_type': 'volume', 'device_name': 'xvda'},
      {'destination_type': 'volume'}], '/dev/xvda', ['/dev/xvda', '/dev/xvdb']),
    ([{'boot_index': 0, 'destination_type': 'local'},
      {'destination_type': 'volume', 'device_name': '/dev/vdb'},
      {'destination_type': 'volume'}, {'no_device': True, 'device_name': 'vdc'}],
     '/dev/vda', ['/dev/vda', '/dev/vdb', '/dev/vdc', None]),
])
def test_a_new_server_names_its_disks_as_novas_default_device_names(devices, root, names):
    assert device_names.at_build(devices) == (root, names)


SERVER = {'uuid': 'u', 'host': 'compute1'}


@pytest.mark.parametrize('event, server, code', [
    ({'name': 'network-changed'}, SERVER, 200),
    ({'name': 'network-changed'}, None, 404),
    ({'name': 'network-changed'}, {'uuid': 'u', 'host': None}, 422),
    ({'name': 'power-update'}, SERVER, 400),                  # a tag is needed
    ({'name': 'volume-extended'}, {'uuid': 'u', 'host': None}, 400),  # checked before the host
    ({'name': 'accelerator-request-bound', 'tag': 'arq'}, SERVER, 200),
    ({'name': 'network-changed'}, None, 404),
])
def test_each_event_gets_novas_code(event, server, code):
    assert events._code(event, server) == code


def _state(**changes):
    state = {'vm_state': 'active', 'task_state': None, 'launched_at': 'then', 'host': 'h',
             'locked_by': None, 'deleted': False}
    state.update(changes)
    return state


MEMBER = nova_context.RequestContext(user_id='alice', project_id='p', roles=['member'])
ADMIN = nova_context.RequestContext(user_id='admin', project_id='admin', roles=['admin'],
                                    is_admin=True)


def test_a_locked_server_refuses_members_before_its_states_are_looked_at():
    with pytest.raises(exception.InstanceIsLocked):
        server_holds._check(MEMBER, 'u', ATTACH, _state(locked_by='owner', vm_state='building'))
    with pytest.raises(exception.InstanceInvalidState):
        server_holds._check(ADMIN, 'u', ATTACH, _state(locked_by='owner', vm_state='building'))
    server_holds._check(ADMIN, 'u', ATTACH, _state(locked_by='owner'))


@pytest.mark.parametrize('state, message', [
    (_state(vm_state='suspended'), "Cannot 'attach_interface' instance u while it is in "
                                   'vm_state suspended'),
    (_state(task_state='rebooting'), 'while it is in task_state rebooting'),
    (_state(launched_at=None), 'while it is in launched_at None'),
])
def test_wrong_states_are_novas_409s(state, message):
    with pytest.raises(exception.InstanceInvalidState) as raised:
        server_holds._check(MEMBER, 'u', ATTACH, state)
    assert message in raised.value.format_message() and raised.value.code == 409


@pytest.mark.parametrize('vm_state', ['active', 'paused', 'stopped'])
def test_interfaces_change_in_novas_states(vm_state):
    server_holds._check(MEMBER, 'u', ATTACH, _state(vm_state=vm_state))


@pytest.mark.parametrize('vm_state', ['active', 'paused', 'stopped', 'resized', 'soft-delete',
                                      'shelved', 'shelved_offloaded'])
def test_volumes_change_in_novas_states(vm_state):
    server_holds._check(MEMBER, 'u', volumes.ATTACH, _state(vm_state=vm_state))
    server_holds._check(MEMBER, 'u', volumes.DETACH, _state(vm_state=vm_state))
