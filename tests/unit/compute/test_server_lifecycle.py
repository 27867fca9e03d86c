"""Servers through Nova's real state sequences, driven by the task runner on each backend."""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from nova_api import exception
from nova_api.compute.servers import boot
from nova_api.compute.servers import states
from nova_api.db import models
from nova_api.objects import server_changes
from nova_api.objects import tasks as task_queue


def _state(compute, server):
    found = compute.database.read(lambda s: s.execute(sa.select(
        models.Instance.vm_state, models.Instance.task_state, models.Instance.power_state,
        models.Instance.deleted).where(models.Instance.uuid == server.uuid)).one())
    return tuple(found)


def test_a_boot_goes_through_scheduling_networking_block_devices_spawning_to_active(caller,
        compute, boot_server, clock):
    server, = boot_server()
    seen = [_state(compute, server)[:2]]
    for _ in range(20):  # the first boot compiles its statements in real time
        clock.advance(0.1)
        seen.append(_state(compute, server)[:2])

    assert [pair for index, pair in enumerate(seen) if index == 0 or pair != seen[index - 1]] == [
        (states.BUILDING, states.SCHEDULING), (states.BUILDING, states.NETWORKING),
        (states.BUILDING, states.BLOCK_DEVICE_MAPPING), (states.BUILDING, states.SPAWNING),
        (states.ACTIVE, None)]
    active = compute.servers.get(caller(), server.uuid)
    assert active.power_state == states.RUNNING and active.launched_at is not None
    assert active.host in ('cmp1', 'cmp2') and active.node == active.host
    assert [(a.network, a.address, a.version) for a in active.addresses] == [
        ('private', '10.0.0.2', 4)]
    assert compute.database.read(task_queue.pending) == 0


def test_servers_are_spread_over_the_hosts_of_their_zone(caller, compute, boot_server, clock):
    anywhere = boot_server(max_count=2)
    pinned = boot_server(availability_zone='az2', max_count=2)
    clock.advance(2)

    hosts = [compute.servers.get(caller(), s.uuid).host for s in anywhere]
    assert sorted(hosts) == ['cmp1', 'cmp2']
    for server in pinned:
        placed = compute.servers.get(caller(), server.uuid)
        assert (placed.host, placed.availability_zone) == ('cmp2', 'az2')


def test_a_reboot_stop_and_start_pass_through_nova_task_states(caller, compute, boot_server, clock):
    server, = boot_server()
    clock.advance(2)
    ctx = caller()

    compute.servers.reboot(ctx, compute.servers.get(ctx, server.uuid), hard=False)
    assert _state(compute, server)[:2] == (states.ACTIVE, states.REBOOTING)
    clock.advance(0.1)
    assert _state(compute, server)[1] == states.REBOOT_PENDING
    clock.advance(2)
    assert _state(compute, server)[:3] == (states.ACTIVE, None, states.RUNNING)

    compute.servers.stop(ctx, compute.servers.get(ctx, server.uuid))
    assert _state(compute, server)[1] == states.POWERING_OFF
    clock.advance(2)
    assert _state(compute, server)[:3] == (states.STOPPED, None, states.SHUTDOWN)

    compute.servers.reboot(ctx, compute.servers.get(ctx, server.uuid), hard=True)
    assert _state(compute, server)[1] == states.REBOOTING_HARD
    clock.advance(2)
    assert _state(compute, server)[:3] == (states.ACTIVE, None, states.RUNNING)


def test_an_action_in_the_wrong_state_is_refused_with_nova_message(caller, compute, boot_server, clock):
    server, = boot_server()
    ctx = caller()

    with pytest.raises(exception.InstanceInvalidState) as refused:
        compute.servers.reboot(ctx, server, hard=False)
    assert refused.value.code == 409
    assert refused.value.format_message() == (
        "Cannot 'reboot' instance %s while it is in vm_state building" % server.uuid)
    with pytest.raises(exception.InstanceNotReady):
        compute.servers.start(ctx, server)  # not placed on a host yet

    clock.advance(2)
    with pytest.raises(exception.InstanceInvalidState) as refused:
        compute.servers.start(ctx, server)
    assert 'vm_state active' in refused.value.format_message()
    compute.servers.stop(ctx, server)
    with pytest.raises(exception.InstanceInvalidState) as refused:
        compute.servers.stop(ctx, server)
    assert refused.value.format_message().endswith('while it is in task_state powering-off')


def test_a_locked_server_refuses_its_owner_but_not_an_admin(caller, compute, boot_server, clock):
    server, = boot_server()
    clock.advance(2)
    compute.database.write(lambda s: server_changes.update_server(s, server.uuid,
                                                                  {'locked_by': 'owner'}))

    with pytest.raises(exception.InstanceIsLocked):
        compute.servers.stop(caller(), server)
    compute.servers.stop(caller('admin', 'admin', admin=True), server)


def test_a_server_deleted_while_it_builds_is_gone_and_its_build_dropped(caller, compute, boot_server, clock):
    server, = boot_server()
    ctx = caller()
    while not compute.servers.get(ctx, server.uuid).addresses:  # until networking is done
        clock.advance(0.05)
    assert _state(compute, server)[0] == states.BUILDING

    compute.servers.delete(ctx, compute.servers.get(ctx, server.uuid))
    assert _state(compute, server)[1] == states.DELETING
    clock.advance(2)

    vm_state, task_state, power_state, deleted = _state(compute, server)
    assert (vm_state, task_state, power_state, deleted) == (states.DELETED, None, states.NOSTATE,
                                                            True)
    with pytest.raises(exception.InstanceNotFound):
        compute.servers.get(ctx, server.uuid)
    assert compute.database.read(lambda s: s.scalar(sa.select(sa.func.count()).select_from(
        models.FixedIP))) == 0
    assert compute.database.read(task_queue.pending) == 0


def test_a_spawn_failure_asked_for_in_metadata_puts_the_server_in_error_with_a_fault(caller,
        compute, boot_server, clock):
    server, = boot_server(metadata={'nova_api:fail': 'spawn'})
    clock.advance(2)

    failed = compute.servers.get(caller(), server.uuid)
    assert (failed.vm_state, failed.task_state, failed.power_state) == (states.ERROR, None,
                                                                         states.NOSTATE)
    assert failed.fault.code == 500
    assert failed.fault.message == ('Exceeded maximum number of retries. Exhausted all hosts '
                                    'available for retrying build failures for instance %s.'
                                    % server.uuid)
    assert 'nova_api:fail=spawn' in failed.fault.details
    events = compute.database.read(lambda s: s.execute(sa.select(
        models.InstanceActionEvent.event, models.InstanceActionEvent.result)).all())
    assert [tuple(event) for event in events] == [('compute__do_build_and_run_instance', 'Error')]


def test_a_failed_stop_leaves_the_server_as_it_was(caller, compute, clock, boot_server):
    server, = boot_server(metadata={'nova_api:fail': 'power_off'})
    clock.advance(2)
    compute.servers.stop(caller(), compute.servers.get(caller(), server.uuid))
    clock.advance(2)

    assert _state(compute, server)[:2] == (states.ACTIVE, None)


def test_metadata_sets_how_long_a_build_takes(compute, boot_server, clock):
    slow, = boot_server(metadata={'nova_api:build_seconds': '10'})
    fast, = boot_server()
    clock.advance(3)

    assert _state(compute, fast)[0] == states.ACTIVE
    assert _state(compute, slow)[0] == states.BUILDING
    clock.advance(8)
    assert _state(compute, slow)[0] == states.ACTIVE


def test_a_step_completes_only_while_its_lease_holds(compute, boot_server):
    """A runner whose lease expired and was taken over cannot complete the step as well."""
    server, = boot_server()
    now = server_changes.utcnow() + datetime.timedelta(seconds=1)
    slow, fast = compute.servers.task_runner(), compute.servers.task_runner()
    lease = datetime.timedelta(seconds=slow.options.lease_seconds)

    first = compute.database.write(task_queue.claim, 'slow-token', now, now + lease, 10)
    later = now + lease + datetime.timedelta(seconds=1)  # the slow runner's lease ran out
    second = compute.database.write(task_queue.claim, 'fast-token', later, later + lease, 10)
    assert [task.id for task in first] == [task.id for task in second]

    compute.database.write(slow._carry_out, first, 'slow-token', later)
    assert _state(compute, server)[1] == states.SCHEDULING  # refused: not its lease any more
    compute.database.write(fast._carry_out, second, 'fast-token', later)
    assert _state(compute, server)[1] == states.NETWORKING


def test_an_expired_lease_is_claimed_again(compute, boot_server):
    boot_server()
    now = server_changes.utcnow() + datetime.timedelta(seconds=1)
    lease = datetime.timedelta(seconds=5)

    assert compute.database.write(task_queue.claim, 'dead', now, now + lease, 10)
    assert not compute.database.write(task_queue.claim, 'other', now, now + lease, 10)
    later = now + lease + datetime.timedelta(seconds=1)
    assert compute.database.write(task_queue.claim, 'other', later, later + lease, 10)


def test_a_soft_delete_waits_for_the_reclaim_interval(caller, make_compute, clock_for):
    compute = make_compute({'DEFAULT': {'reclaim_instance_interval': 60}})
    clock = clock_for(compute)
    server, = compute.servers.create(caller(), boot.BootRequest(
        name='keep', flavor_ref='1', image_ref='7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'))[0]
    clock.advance(2)
    compute.servers.delete(caller(), compute.servers.get(caller(), server.uuid))
    clock.advance(2)

    assert _state(compute, server) == (states.SOFT_DELETED, None, states.SHUTDOWN, False)
    clock.advance(61)
    assert _state(compute, server)[0::3] == (states.DELETED, True)
