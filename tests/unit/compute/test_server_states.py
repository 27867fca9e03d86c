"""Nova's status table and the operations table: status per (vm_state, task_state), starts, steps."""

from __future__ import annotations

import pytest

from nova_api.compute.servers import operations as ops
from nova_api.compute.servers import states as s


@pytest.mark.parametrize(('vm_state', 'task_state', 'status'), [
    (s.ACTIVE, None, 'ACTIVE'), (s.ACTIVE, s.REBOOTING, 'REBOOT'),
    (s.ACTIVE, s.REBOOT_STARTED_HARD, 'HARD_REBOOT'), (s.ACTIVE, s.POWERING_OFF, 'ACTIVE'),
    (s.BUILDING, s.SPAWNING, 'BUILD'), (s.STOPPED, None, 'SHUTOFF'),
    (s.STOPPED, s.POWERING_ON, 'SHUTOFF'), (s.RESIZED, None, 'VERIFY_RESIZE'),
    (s.ERROR, s.REBUILDING, 'REBUILD'), (s.SOFT_DELETED, None, 'SOFT_DELETED'),
    (s.SHELVED_OFFLOADED, None, 'SHELVED_OFFLOADED'), ('nonsense', None, 'UNKNOWN'),
])
def test_the_status_of_each_state_pair_is_nova_one(vm_state, task_state, status):
    assert s.status(vm_state, task_state) == status


def test_a_deleted_server_is_deleted_whatever_its_states():
    assert s.status(s.ACTIVE, None, deleted=True) == 'DELETED'


def test_a_status_filter_maps_back_to_states():
    assert s.states_for_statuses(['SHUTOFF']) == ([s.STOPPED], [s.DEFAULT])
    vm_states, task_states = s.states_for_statuses(['reboot'])
    assert vm_states == [s.ACTIVE] and task_states == sorted(
        [s.REBOOTING, s.REBOOT_PENDING, s.REBOOT_STARTED])
    assert s.states_for_statuses(['NOT-A-STATUS']) == ([], [])


@pytest.mark.parametrize('operation', list(ops.OPERATIONS.values()), ids=lambda op: op.name)
def test_every_operation_ends_with_no_task_and_its_steps_chain(operation):
    assert operation.steps[-1].then.get('task_state', None) is None
    assert sum(step.wait for step in operation.steps) == pytest.approx(1.0)
    for index in range(len(operation.steps)):
        vm_states, task_state = ops.expected_before(operation, index)
        if index:
            # A step that writes no task state leaves the one before it in place.
            written = [step.then['task_state'] for step in operation.steps[:index]
                       if 'task_state' in step.then]
            assert task_state == (written[-1] if written else operation.start['task_state'])
