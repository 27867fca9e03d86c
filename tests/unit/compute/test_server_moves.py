"""Server moves through Nova's state sequences with their migration records, on each backend."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from nova_api import exception
from nova_api.compute.servers import move_steps
from nova_api.compute.servers import operations as ops
from nova_api.compute.servers import states
from nova_api.compute.servers import steps as steps_api
from nova_api.conf import simulated_driver
from nova_api.db import models
from nova_api.objects import migrations as migration_objects


def _row(compute, server):
    return compute.database.read(lambda s: s.execute(sa.select(
        models.Instance.vm_state, models.Instance.task_state, models.Instance.flavor_id,
        models.Instance.vcpus, models.Instance.memory_mb, models.Instance.host)
        .where(models.Instance.uuid == server.uuid)).one())


def _migration(compute, server):
    return compute.database.read(migration_objects.latest, server.uuid)


def _until(compute, clock, server, vm_state, task_state=None, limit: float = 10.0) -> None:
    """Advance the clock until the server rests in vm_state (the clock lags the wall clock)."""
    waited = 0.0
    while tuple(_row(compute, server)[:2]) != (vm_state, task_state):
        assert waited < limit, _row(compute, server)
        clock.advance(0.1)
        waited += 0.1


def _active(compute, boot_server, clock, caller, **fields):
    server, = boot_server(**fields)
    clock.advance(1.5)
    return compute.servers.get(caller(), server.uuid)


def test_every_move_step_names_a_known_call_and_a_configured_duration():
    calls = set(steps_api.Steps.__init__.__code__.co_consts) | set(
        move_steps.MoveSteps.__init__.__code__.co_consts)
    durations = {opt.name for opt in simulated_driver.simulated_driver_opts}
    for operation in ops.MOVES:
        assert operation.duration in durations, operation.name
        for step in operation.steps:
            assert step.call is None or step.call in calls, (operation.name, step.call)


def test_resize_passes_nova_task_states_swaps_the_flavor_and_confirms(caller, compute,
                                                                      boot_server, clock):
    server = _active(compute, boot_server, clock, caller)
    compute.server_moves.resize(caller(), server, '3')
    assert _migration(compute, server).status == 'pre-migrating'
    seen = [tuple(_row(compute, server)[:2])]
    while seen[-1] != (states.RESIZED, None) and len(seen) < 200:
        clock.advance(0.05)
        seen.append(tuple(_row(compute, server)[:2]))
    changes = [pair for index, pair in enumerate(seen) if index == 0 or pair != seen[index - 1]]
    assert changes == [(states.ACTIVE, states.RESIZE_PREP), (states.ACTIVE, states.RESIZE_MIGRATING),
                       (states.ACTIVE, states.RESIZE_MIGRATED), (states.ACTIVE, states.RESIZE_FINISH),
                       (states.RESIZED, None)]
    assert tuple(_row(compute, server)[2:5]) == ('3', 2, 4096)
    migration = _migration(compute, server)
    assert (migration.status, migration.migration_type) == ('finished', 'resize')

    resized = compute.servers.get(caller(), server.uuid)
    compute.server_moves.confirm_resize(caller(), resized)
    with pytest.raises(exception.InstanceNotResized):  # the second of two confirms
        compute.server_moves.confirm_resize(caller(), resized)
    _until(compute, clock, server, states.ACTIVE)
    assert _migration(compute, server).status == 'confirmed'


def test_a_resize_is_confirmed_on_its_own_after_the_window(caller, make_compute, clock_for):
    compute = make_compute({'DEFAULT': {'resize_confirm_window': 2}})
    clock = clock_for(compute)
    from nova_api.compute.servers import boot
    server, = compute.servers.create(caller(), boot.BootRequest(
        name='w', flavor_ref='1', image_ref='7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'))[0]
    clock.advance(1.5)
    compute.server_moves.resize(caller(), compute.servers.get(caller(), server.uuid), '2')
    _until(compute, clock, server, states.RESIZED)
    assert _migration(compute, server).status == 'finished'
    clock.advance(4.0)
    assert _row(compute, server)[:3] == (states.ACTIVE, None, '2')
    assert _migration(compute, server).status == 'confirmed'


def test_revert_checks_the_quota_and_puts_the_old_flavor_back(caller, compute, boot_server,
                                                              clock):
    server = _active(compute, boot_server, clock, caller)
    compute.server_moves.resize(caller(), server, '2')
    _until(compute, clock, server, states.RESIZED)
    compute.server_moves.revert_resize(caller(), compute.servers.get(caller(), server.uuid))
    assert _row(compute, server)[:2] == (states.RESIZED, states.RESIZE_REVERTING)
    _until(compute, clock, server, states.ACTIVE)
    assert tuple(_row(compute, server)[:5]) == (states.ACTIVE, None, '1', 1, 512)
    assert _migration(compute, server).status == 'reverted'


def test_an_upsize_over_quota_is_refused_and_changes_nothing(caller, compute, boot_server, clock):
    server = _active(compute, boot_server, clock, caller)
    compute.database.write(lambda s: s.add(models.Quota(project_id='demo', resource='ram',
                                                        hard_limit=1024)))
    with pytest.raises(exception.TooManyInstances, match='Quota exceeded for ram'):
        compute.server_moves.resize(caller(), server, '2')
    assert _row(compute, server)[:2] == (states.ACTIVE, None)
    assert _migration(compute, server) is None


def test_a_cold_migration_with_no_other_host_goes_back_with_a_fault(caller, make_compute,
                                                                    clock_for):
    compute = make_compute({'DEFAULT': {'compute_hosts': ['cmp1']}})
    clock = clock_for(compute)
    from nova_api.compute.servers import boot
    server, = compute.servers.create(caller(), boot.BootRequest(
        name='w', flavor_ref='1', image_ref='7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'))[0]
    clock.advance(1.5)
    compute.server_moves.migrate(caller(admin=True), compute.servers.get(caller(), server.uuid),
                                 None)
    _until(compute, clock, server, states.ACTIVE)
    back = compute.servers.get(caller(), server.uuid)
    assert (back.vm_state, back.task_state) == (states.ACTIVE, None)
    assert _migration(compute, server).status == 'error'


def test_evacuate_from_a_host_that_left_the_configuration(caller, make_compute, clock_for):
    compute = make_compute({'DEFAULT': {'compute_hosts': ['cmp1']}})
    from nova_api.compute.servers import boot
    server, = compute.servers.create(caller(), boot.BootRequest(
        name='w', flavor_ref='1', image_ref='7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'))[0]
    clock_for(compute).advance(1.5)
    admin = caller(admin=True)
    with pytest.raises(exception.ComputeServiceInUse):
        compute.server_moves.evacuate(admin, compute.servers.get(admin, server.uuid), None, False)

    moved = make_compute({'DEFAULT': {'compute_hosts': ['cmp2']}})  # cmp1 is gone: down
    moved.server_moves.evacuate(admin, moved.servers.get(admin, server.uuid), None, stopped=True)
    _until(moved, clock_for(moved), server, states.STOPPED)
    row = _row(moved, server)
    assert (row.vm_state, row.task_state, row.host) == (states.STOPPED, None, 'cmp2')
    migration = _migration(moved, server)
    assert (migration.status, migration.migration_type, migration.source_compute) == (
        'done', 'evacuation', 'cmp1')


def test_evacuate_from_a_host_forced_down(caller, make_compute, clock_for):
    """The operator's way (Nova's servicegroup check): force the host's service down, evacuate."""
    compute = make_compute({'DEFAULT': {'compute_hosts': ['cmp1', 'cmp2']}})
    from nova_api.compute.servers import boot
    server, = compute.servers.create(caller(), boot.BootRequest(
        name='w', flavor_ref='1', image_ref='7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'))[0]
    clock_for(compute).advance(1.5)
    admin = caller(admin=True)
    source = _row(compute, server).host
    with pytest.raises(exception.ComputeServiceInUse):
        compute.server_moves.evacuate(admin, compute.servers.get(admin, server.uuid), None, False)
    compute.services.update_by_host(admin, source, 'nova-compute', {'forced_down': True})

    compute.server_moves.evacuate(admin, compute.servers.get(admin, server.uuid), None, False)
    _until(compute, clock_for(compute), server, states.ACTIVE)
    row = _row(compute, server)
    assert row.host not in (None, source)
    assert _migration(compute, server).source_compute == source


def test_flavor_columns_and_host_addresses():
    snapshot = '{"flavorid":"2","name":"m1.small","vcpus":1,"memory_mb":2048,"root_gb":20,' \
               '"ephemeral_gb":0}'
    assert move_steps.flavor_columns(snapshot) == {
        'flavor_id': '2', 'flavor': snapshot, 'vcpus': 1, 'memory_mb': 2048, 'root_gb': 20,
        'ephemeral_gb': 0}
