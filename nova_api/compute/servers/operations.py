"""Every server operation as one row of a table: where it may start, what it writes, its steps.

Accepting an operation (:mod:`~nova_api.compute.servers.api`) checks the
server against ``accepts`` (Nova's ``check_instance_state``), writes
``start`` with a compare-and-swap on (vm_state, task_state), and queues a
task. The task runner (:mod:`~nova_api.compute.servers.tasks`) then carries
out ``steps`` one by one: each waits its share of the operation's duration,
does its ``call`` (the scheduler, the network, or the driver) and writes
``then``. A step's call that fails writes ``on_failure`` instead, with a
fault when ``fault`` says so, and ends the task.

A new operation (pause, rescue, shelve...) is a new row: its states come
from Nova's compute API and manager; nothing else needs to change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from nova_api.compute.servers import states as s


class _Now:
    """Written as the time the change is made (launched_at, deleted_at...)."""

    def __repr__(self) -> str:
        return 'NOW'


NOW: Any = _Now()

#: Every state: no constraint on it.
ANY = None


@dataclasses.dataclass(frozen=True)
class Accepts:
    """The states an operation may start from: Nova's ``check_instance_state``.

    ``None`` for a set means any value. ``must_have_launched``: the server
    was ACTIVE once (``launched_at`` is set). ``needs_host``: it was placed
    on a host (Nova's ``check_instance_host``; InstanceNotReady otherwise).
    """

    vm_states: frozenset[str] | None
    task_states: frozenset[str | None] | None = frozenset({None})
    must_have_launched: bool = True
    needs_host: bool = False


@dataclasses.dataclass(frozen=True)
class Step:
    """One step of an operation: wait ``wait`` (a share of its duration), do ``call``, write ``then``."""

    call: str | None
    then: Mapping[str, Any]
    wait: float


@dataclasses.dataclass(frozen=True)
class Operation:
    """A server operation.

    ``action`` is the instance action it records (``os-instance-actions``)
    and ``event`` the compute-side event of it; ``duration`` names the
    ``[simulated_driver]`` option of how long it takes (a server's
    metadata ``nova_api:<duration>`` overrides it); ``then_operation``
    is queued when the last step is done (a soft delete's reclaim).
    """

    name: str
    action: str
    event: str
    accepts: Accepts | None
    start: Mapping[str, Any]
    steps: tuple[Step, ...]
    duration: str
    on_failure: Mapping[str, Any]
    fault: bool = True
    then_operation: str | None = None
    #: A locked server refuses it to non-admins (Nova does not check the lock of snapshots).
    checks_lock: bool = True


_GONE = {'vm_state': s.DELETED, 'task_state': None, 'power_state': s.NOSTATE, 'deleted': True,
         'terminated_at': NOW}
_TO_ERROR = {'vm_state': s.ERROR, 'task_state': None}
_TASK_DONE = {'task_state': None}

#: Nova's vm_states.ALLOW_HARD_REBOOT and task_states.ALLOW_REBOOT.
ALLOW_HARD_REBOOT = frozenset((s.ACTIVE, s.STOPPED, s.PAUSED, s.SUSPENDED, s.ERROR))
ALLOW_REBOOT = frozenset((None, s.REBOOTING, s.REBOOT_PENDING, s.REBOOT_STARTED, s.RESUMING,
                          s.REBOOTING_HARD, s.UNPAUSING, s.PAUSING, s.SUSPENDING))

BUILD = Operation(
    name='build', action='create', event='compute__do_build_and_run_instance',
    accepts=None,  # a new server: nothing to check
    start={'vm_state': s.BUILDING, 'task_state': s.SCHEDULING, 'power_state': s.NOSTATE},
    steps=(
        # The scheduler places it; the compute host then builds it (Nova's
        # _build_and_run_instance: networking, block devices, spawn).
        Step('schedule', {'task_state': s.NETWORKING}, 0.1),
        Step('allocate_network', {'task_state': s.BLOCK_DEVICE_MAPPING}, 0.2),
        Step(None, {'task_state': s.SPAWNING}, 0.1),  # volumes are recorded, not attached
        Step('spawn', {'vm_state': s.ACTIVE, 'task_state': None, 'power_state': s.RUNNING,
                       'launched_at': NOW}, 0.6),
    ),
    duration='build_seconds',
    on_failure={'vm_state': s.ERROR, 'task_state': None, 'power_state': s.NOSTATE},
)

REBOOT_SOFT = Operation(
    name='reboot_soft', action='reboot', event='compute_reboot_instance',
    accepts=Accepts(frozenset({s.ACTIVE}), frozenset({None})),
    start={'task_state': s.REBOOTING},
    steps=(
        Step(None, {'task_state': s.REBOOT_PENDING}, 0.1),
        Step(None, {'task_state': s.REBOOT_STARTED}, 0.1),
        Step('reboot', {'vm_state': s.ACTIVE, 'task_state': None, 'power_state': s.RUNNING}, 0.8),
    ),
    duration='reboot_seconds',
    on_failure=_TO_ERROR,
)

REBOOT_HARD = Operation(
    name='reboot_hard', action='reboot', event='compute_reboot_instance',
    accepts=Accepts(ALLOW_HARD_REBOOT, ALLOW_REBOOT),
    start={'task_state': s.REBOOTING_HARD},
    steps=(
        Step(None, {'task_state': s.REBOOT_PENDING_HARD}, 0.1),
        Step(None, {'task_state': s.REBOOT_STARTED_HARD}, 0.1),
        Step('reboot', {'vm_state': s.ACTIVE, 'task_state': None, 'power_state': s.RUNNING}, 0.8),
    ),
    duration='reboot_seconds',
    on_failure=_TO_ERROR,
)

STOP = Operation(
    name='stop', action='stop', event='compute_stop_instance',
    accepts=Accepts(frozenset({s.ACTIVE, s.ERROR}), needs_host=True),
    start={'task_state': s.POWERING_OFF, 'progress': 0},
    steps=(Step('power_off', {'vm_state': s.STOPPED, 'task_state': None,
                              'power_state': s.SHUTDOWN}, 1.0),),
    duration='power_off_seconds',
    on_failure=_TASK_DONE,  # Nova reverts the task state; the server stays as it was
)

START = Operation(
    name='start', action='start', event='compute_start_instance',
    accepts=Accepts(frozenset({s.STOPPED}), needs_host=True),
    start={'task_state': s.POWERING_ON},
    steps=(Step('power_on', {'vm_state': s.ACTIVE, 'task_state': None,
                             'power_state': s.RUNNING}, 1.0),),
    duration='power_on_seconds',
    on_failure=_TASK_DONE,
)

DELETE = Operation(
    name='delete', action='delete', event='compute_terminate_instance',
    accepts=Accepts(ANY, ANY, must_have_launched=False),  # Nova deletes in any state
    start={'task_state': s.DELETING},
    steps=(Step('destroy', {**_GONE, 'deleted_at': NOW}, 1.0),),
    duration='delete_seconds',
    on_failure=_TO_ERROR,
)

SOFT_DELETE = Operation(
    name='soft_delete', action='delete', event='compute_soft_delete_instance',
    accepts=Accepts(ANY, ANY, must_have_launched=True),
    start={'task_state': s.SOFT_DELETING, 'deleted_at': NOW},
    steps=(Step('power_off', {'vm_state': s.SOFT_DELETED, 'task_state': None,
                              'power_state': s.SHUTDOWN}, 1.0),),
    duration='delete_seconds',
    on_failure=_TO_ERROR,
    then_operation='reclaim',
)

#: Queued by a soft delete: after [DEFAULT] reclaim_instance_interval, the
#: server is deleted for good unless it was restored (its state moved on).
RECLAIM = Operation(
    name='reclaim', action='delete', event='compute_reclaim_instance',
    accepts=Accepts(frozenset({s.SOFT_DELETED}), frozenset({None}), must_have_launched=False),
    start={},
    steps=(Step('destroy', dict(_GONE), 1.0),),
    duration='reclaim_instance_interval',
    on_failure=_TO_ERROR,
)

# -- how a server runs: pause, suspend, rescue, shelve, rebuild, password, crash dump -----

_RUNNING = {'vm_state': s.ACTIVE, 'task_state': None, 'power_state': s.RUNNING}

#: Nova's vm_states.ALLOW_TRIGGER_CRASH_DUMP.
ALLOW_TRIGGER_CRASH_DUMP = frozenset((s.ACTIVE, s.PAUSED, s.RESCUED, s.RESIZED, s.ERROR))


def _simple(name: str, action: str, event: str, vm_states: frozenset[str], task_state: str,
            call: str, then: Mapping[str, Any], duration: str = 'action_seconds',
            on_failure: Mapping[str, Any] = _TO_ERROR) -> Operation:
    """An operation of one driver call from ``vm_states`` (no task), in ``task_state`` meanwhile."""
    return Operation(name=name, action=action, event=event, accepts=Accepts(vm_states),
                     start={'task_state': task_state}, steps=(Step(call, then, 1.0),),
                     duration=duration, on_failure=on_failure)


PAUSE = _simple('pause', 'pause', 'compute_pause_instance', frozenset({s.ACTIVE}), s.PAUSING,
                'pause', {'vm_state': s.PAUSED, 'task_state': None, 'power_state': s.PAUSED_POWER})
UNPAUSE = _simple('unpause', 'unpause', 'compute_unpause_instance', frozenset({s.PAUSED}),
                  s.UNPAUSING, 'unpause', _RUNNING)
# libvirt saves a suspended guest to disk: the hypervisor then reports it shut down.
SUSPEND = _simple('suspend', 'suspend', 'compute_suspend_instance', frozenset({s.ACTIVE}),
                  s.SUSPENDING, 'suspend',
                  {'vm_state': s.SUSPENDED, 'task_state': None, 'power_state': s.SHUTDOWN})
RESUME = _simple('resume', 'resume', 'compute_resume_instance', frozenset({s.SUSPENDED}),
                 s.RESUMING, 'resume', _RUNNING)
RESCUE = _simple('rescue', 'rescue', 'compute_rescue_instance',
                 frozenset({s.ACTIVE, s.STOPPED, s.ERROR}), s.RESCUING, 'rescue',
                 {'vm_state': s.RESCUED, 'task_state': None, 'power_state': s.RUNNING})
UNRESCUE = _simple('unrescue', 'unrescue', 'compute_unrescue_instance', frozenset({s.RESCUED}),
                   s.UNRESCUING, 'unrescue', _RUNNING)
# A password that cannot be set leaves the server as it was (Nova's
# InstancePasswordSetFailed reverts the task state), with the fault.
CHANGE_PASSWORD = _simple('change_password', 'changePassword', 'compute_set_admin_password',
                          frozenset({s.ACTIVE}), s.UPDATING_PASSWORD, 'set_admin_password',
                          _TASK_DONE, on_failure=_TASK_DONE)

#: No state of its own: the guest gets an NMI and carries on (or crashes, its own business).
TRIGGER_CRASH_DUMP = Operation(
    name='trigger_crash_dump', action='trigger_crash_dump', event='compute_trigger_crash_dump',
    accepts=Accepts(ALLOW_TRIGGER_CRASH_DUMP, needs_host=True),
    start={},
    steps=(Step('trigger_crash_dump', {}, 1.0),),
    duration='action_seconds',
    on_failure={},
    fault=False,
)

#: The image is already the new one when the task starts; the guest ends as it was:
#: stopped if it was stopped, otherwise running (an ERROR server is ACTIVE again).
REBUILD = Operation(
    name='rebuild', action='rebuild', event='compute_rebuild_instance',
    accepts=Accepts(frozenset({s.ACTIVE, s.STOPPED, s.ERROR})),
    start={'task_state': s.REBUILDING, 'progress': 0},
    steps=(
        Step(None, {'task_state': s.REBUILD_BLOCK_DEVICE_MAPPING}, 0.2),
        Step(None, {'task_state': s.REBUILD_SPAWNING}, 0.1),
        Step('rebuild', {'task_state': None, 'launched_at': NOW}, 0.7),
    ),
    duration='rebuild_seconds',
    on_failure={'vm_state': s.ERROR, 'task_state': None, 'power_state': s.NOSTATE},
)

_OFFLOADED = {'vm_state': s.SHELVED_OFFLOADED, 'task_state': None, 'power_state': s.SHUTDOWN,
              'host': None, 'node': None}

#: Queued when a shelve is done: after [DEFAULT] shelved_offload_time the
#: server leaves its host, unless it was unshelved (or offloaded) meanwhile.
SHELVE_OFFLOAD_LATER = Operation(
    name='shelve_offload_later', action='shelve', event='compute_shelve_offload_instance',
    accepts=Accepts(frozenset({s.SHELVED})),
    start={},
    steps=(Step('shelve_offload', _OFFLOADED, 1.0),),
    duration='shelved_offload_time',
    on_failure=_TO_ERROR,
)

SHELVE = Operation(
    name='shelve', action='shelve', event='compute_shelve_instance',
    accepts=Accepts(frozenset({s.ACTIVE, s.STOPPED, s.PAUSED, s.SUSPENDED})),
    start={'task_state': s.SHELVING},
    steps=(
        Step('shelve', {'task_state': s.SHELVING_IMAGE_PENDING_UPLOAD}, 0.4),
        Step(None, {'task_state': s.SHELVING_IMAGE_UPLOADING}, 0.2),
        Step(None, {'vm_state': s.SHELVED, 'task_state': None, 'power_state': s.SHUTDOWN}, 0.4),
    ),
    duration='shelve_seconds',
    on_failure=_TO_ERROR,
    then_operation=SHELVE_OFFLOAD_LATER.name,
)

SHELVE_OFFLOAD = Operation(
    name='shelve_offload', action='shelveOffload', event='compute_shelve_offload_instance',
    accepts=Accepts(frozenset({s.SHELVED})),
    start={'task_state': s.SHELVING_OFFLOADING},
    steps=(Step('shelve_offload', _OFFLOADED, 1.0),),
    duration='action_seconds',
    on_failure=_TO_ERROR,
)

#: An offloaded server is scheduled again (to the zone or host asked for).
UNSHELVE = Operation(
    name='unshelve', action='unshelve', event='compute_unshelve_instance',
    accepts=Accepts(frozenset({s.SHELVED, s.SHELVED_OFFLOADED})),
    start={'task_state': s.UNSHELVING},
    steps=(
        Step('schedule_unshelve', {}, 0.2),
        Step('unshelve', {'vm_state': s.ACTIVE, 'task_state': None, 'power_state': s.RUNNING,
                          'requested_host': None, 'requested_node': None}, 0.8),
    ),
    duration='unshelve_seconds',
    # Nova: a failed unshelve leaves the server offloaded, with the fault.
    on_failure={'vm_state': s.SHELVED_OFFLOADED, 'task_state': None, 'host': None,
                'node': None, 'requested_host': None, 'requested_node': None},
)

RESTORE = Operation(
    name='restore', action='restore', event='compute_restore_instance',
    accepts=Accepts(frozenset({s.SOFT_DELETED})),
    start={'task_state': s.RESTORING, 'deleted_at': None},
    steps=(Step('restore', _RUNNING, 1.0),),
    duration='action_seconds',
    on_failure=_TO_ERROR,
)

#: forceDelete: a delete that also takes a soft-deleted server, but no server
#: in the middle of a task (Nova's force_delete checks only the task state).
FORCE_DELETE = dataclasses.replace(
    DELETE, name='force_delete',
    accepts=Accepts(ANY, frozenset({None}), must_have_launched=False))

#: Nova's snapshot and backup states (no lock check: "lock is intended to prevent
#: accidental change/delete of instances").
_IMAGE_STATES = frozenset((s.ACTIVE, s.STOPPED, s.PAUSED, s.SUSPENDED))
#: The driver extracts the disk, the image uploads (Glance: saving), then it is active.
_IMAGE_STEPS = (
    Step('snapshot', {'task_state': s.IMAGE_PENDING_UPLOAD}, 0.3),
    Step('upload_image', {'task_state': s.IMAGE_UPLOADING}, 0.1),
    Step('finish_image', {'task_state': None}, 0.5),
)

#: createImage: the API writes image_snapshot_pending; the compute manager image_snapshot.
SNAPSHOT = Operation(
    name='snapshot', action='createImage', event='compute_snapshot_instance',
    accepts=Accepts(_IMAGE_STATES, frozenset({None})),
    start={'task_state': s.IMAGE_SNAPSHOT_PENDING},
    steps=(Step(None, {'task_state': s.IMAGE_SNAPSHOT}, 0.1), *_IMAGE_STEPS),
    duration='snapshot_seconds',
    on_failure=_TASK_DONE,  # Nova's reverts_task_state; the image is deleted
    checks_lock=False,
)

#: createBackup: image_backup from the API, then the snapshot's upload and the rotation.
BACKUP = Operation(
    name='backup', action='createBackup', event='compute_backup_instance',
    accepts=Accepts(_IMAGE_STATES, frozenset({None})),
    start={'task_state': s.IMAGE_BACKUP},
    steps=(dataclasses.replace(_IMAGE_STEPS[0], wait=0.4), *_IMAGE_STEPS[1:]),
    duration='snapshot_seconds',
    on_failure=_TASK_DONE,
    checks_lock=False,
)

# -- moves: resize, cold and live migration, evacuation ------------------------------
# Each writes its migration record (objects/migrations.py) in the same
# transaction as its states: the API creates it when it accepts the move, and
# the steps' calls (steps.py, moves section) advance its status as Nova's
# conductor and compute manager do.


def _resize_like(name: str, action: str, driver_operation: str) -> Operation:
    """resize and migrate (a cold migration is a resize to the same flavor, as in Nova)."""
    return Operation(
        name=name, action=action, event='compute_resize_instance',
        accepts=Accepts(frozenset({s.ACTIVE, s.STOPPED}), needs_host=True),
        start={'task_state': s.RESIZE_PREP, 'progress': 0},
        steps=(
            # The conductor schedules a destination, prep_resize claims it
            # there, resize_instance moves the disks (migration: migrating,
            # post-migrating), finish_resize starts it on the destination
            # with the new flavor (finished), where it waits to be confirmed.
            Step('prep_' + driver_operation, {'task_state': s.RESIZE_MIGRATING}, 0.2),
            Step(driver_operation, {'task_state': s.RESIZE_MIGRATED}, 0.4),
            Step(None, {'task_state': s.RESIZE_FINISH}, 0.1),
            Step('finish_resize', {'vm_state': s.RESIZED, 'task_state': None}, 0.3),
        ),
        duration='resize_seconds',
        on_failure=_TO_ERROR,  # a hypervisor failure; no valid host leaves it as it was
    )


RESIZE = _resize_like('resize', 'resize', 'resize')
MIGRATE = _resize_like('migrate', 'migrate', 'migrate')

#: From VERIFY_RESIZE with no task (Nova writes none): the source is cleaned
#: up and the server is ACTIVE again, or SHUTOFF if it was resized stopped.
#: Also queued by finish_resize after [DEFAULT] resize_confirm_window.
CONFIRM_RESIZE = Operation(
    name='confirm_resize', action='confirmResize', event='compute_confirm_resize',
    accepts=Accepts(frozenset({s.RESIZED})),
    start={},
    steps=(Step('confirm_resize', {'task_state': None}, 1.0),),
    duration='confirm_resize_seconds',
    on_failure=_TO_ERROR,
)

REVERT_RESIZE = Operation(
    name='revert_resize', action='revertResize', event='compute_revert_resize',
    accepts=Accepts(frozenset({s.RESIZED})),
    start={'task_state': s.RESIZE_REVERTING},
    steps=(
        # revert_resize on the destination, finish_revert_resize on the source.
        Step('revert_resize', {'task_state': s.RESIZE_REVERTING}, 0.5),
        Step('finish_revert_resize', {'task_state': None}, 0.5),
    ),
    duration='revert_resize_seconds',
    on_failure=_TO_ERROR,
)

LIVE_MIGRATE = Operation(
    name='live_migrate', action='live-migration', event='compute_live_migration',
    accepts=Accepts(frozenset({s.ACTIVE, s.PAUSED})),
    start={'task_state': s.MIGRATING},
    steps=(
        # Migration: accepted (API) -> queued -> preparing -> running ->
        # post-migrating -> completed. force_complete makes a running copy due
        # at once; an abort ends it (cancelled) and the steps find it moved on.
        Step('schedule_live_migration', {'task_state': s.MIGRATING}, 0.1),
        Step('pre_live_migration', {'task_state': s.MIGRATING}, 0.1),
        Step('start_live_migration', {'task_state': s.MIGRATING}, 0.1),
        Step('live_migration', {'task_state': s.MIGRATING}, 0.6),
        Step('post_live_migration', {'task_state': None}, 0.1),
    ),
    duration='live_migration_seconds',
    on_failure=_TASK_DONE,  # rolled back: it stays on its host, as it was
)


def _evacuate(name: str, finish: str) -> Operation:
    """evacuate: rebuilt on another host, from any task state (Nova's task_state=None)."""
    return Operation(
        name=name, action='evacuate', event='compute_rebuild_instance',
        accepts=Accepts(frozenset({s.ACTIVE, s.STOPPED, s.ERROR}), ANY),
        start={'task_state': s.REBUILDING},
        steps=(
            Step('schedule_evacuation', {'task_state': s.REBUILDING}, 0.2),
            Step('rebuild_on_host', {'task_state': s.REBUILD_BLOCK_DEVICE_MAPPING}, 0.2),
            Step(None, {'task_state': s.REBUILD_SPAWNING}, 0.1),
            Step(finish, {'task_state': None}, 0.5),
        ),
        duration='evacuate_seconds',
        on_failure=_TO_ERROR,
    )


#: Before 2.95 an evacuated server comes back ACTIVE (SHUTOFF if it was);
#: from 2.95 it always arrives stopped.
EVACUATE = _evacuate('evacuate', 'finish_evacuation')
EVACUATE_STOPPED = _evacuate('evacuate_stopped', 'finish_evacuation_stopped')

MOVES = (RESIZE, MIGRATE, CONFIRM_RESIZE, REVERT_RESIZE, LIVE_MIGRATE, EVACUATE, EVACUATE_STOPPED)

OPERATIONS: Mapping[str, Operation] = {op.name: op for op in (
    BUILD, REBOOT_SOFT, REBOOT_HARD, STOP, START, DELETE, SOFT_DELETE, RECLAIM,
    PAUSE, UNPAUSE, SUSPEND, RESUME, RESCUE, UNRESCUE, CHANGE_PASSWORD, TRIGGER_CRASH_DUMP,
    REBUILD, SHELVE, SHELVE_OFFLOAD_LATER, SHELVE_OFFLOAD, UNSHELVE, RESTORE, FORCE_DELETE,
    SNAPSHOT, BACKUP, *MOVES)}


def expected_before(operation: Operation, step_index: int) -> tuple[frozenset[str] | None, str | None]:
    """(vm_states or None for any, task_state) a server is in when step ``step_index`` is due.

    A server in any other state has moved on (it was deleted, or a hard
    reboot replaced a soft one, or a soft-deleted one was restored): the
    step is not done and its task is dropped.
    """
    for step in reversed(operation.steps[:step_index]):
        if 'task_state' in step.then:
            return None, step.then['task_state']
    if 'task_state' not in operation.start:
        # Queued by another operation, or one that keeps the task state (a crash dump).
        return operation.accepts.vm_states if operation.accepts else None, None
    return None, operation.start['task_state']
