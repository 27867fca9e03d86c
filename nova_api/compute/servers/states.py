"""Nova's server states, as data: vm_state, task_state and power_state, and the status each pair shows.

A server's *vm_state* is where it rests (active, stopped, error...); its
*task_state* is what is happening to it (None when nothing is); its
*power_state* is what the hypervisor last reported. The API's ``status`` is
computed from the first two by :data:`STATUS_MAP`, exactly as Nova's
``common._STATE_MAP`` does. Which states an action may start from is in
:mod:`nova_api.compute.servers.operations`.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping

# -- vm_state ------------------------------------------------------------------------
ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
STOPPED = 'stopped'
RESCUED = 'rescued'
RESIZED = 'resized'
SOFT_DELETED = 'soft-delete'
DELETED = 'deleted'
ERROR = 'error'
SHELVED = 'shelved'
SHELVED_OFFLOADED = 'shelved_offloaded'

VM_STATES = (ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED, RESIZED, SOFT_DELETED, DELETED,
             ERROR, SHELVED, SHELVED_OFFLOADED)

# -- task_state ----------------------------------------------------------------------
SCHEDULING = 'scheduling'
BLOCK_DEVICE_MAPPING = 'block_device_mapping'
NETWORKING = 'networking'
SPAWNING = 'spawning'
IMAGE_SNAPSHOT = 'image_snapshot'
IMAGE_SNAPSHOT_PENDING = 'image_snapshot_pending'
IMAGE_PENDING_UPLOAD = 'image_pending_upload'
IMAGE_UPLOADING = 'image_uploading'
IMAGE_BACKUP = 'image_backup'
UPDATING_PASSWORD = 'updating_password'
RESIZE_PREP = 'resize_prep'
RESIZE_MIGRATING = 'resize_migrating'
RESIZE_MIGRATED = 'resize_migrated'
RESIZE_FINISH = 'resize_finish'
RESIZE_REVERTING = 'resize_reverting'
RESIZE_CONFIRMING = 'resize_confirming'
REBOOTING = 'rebooting'
REBOOT_PENDING = 'reboot_pending'
REBOOT_STARTED = 'reboot_started'
REBOOTING_HARD = 'rebooting_hard'
REBOOT_PENDING_HARD = 'reboot_pending_hard'
REBOOT_STARTED_HARD = 'reboot_started_hard'
PAUSING = 'pausing'
UNPAUSING = 'unpausing'
SUSPENDING = 'suspending'
RESUMING = 'resuming'
POWERING_OFF = 'powering-off'
POWERING_ON = 'powering-on'
RESCUING = 'rescuing'
UNRESCUING = 'unrescuing'
REBUILDING = 'rebuilding'
REBUILD_BLOCK_DEVICE_MAPPING = 'rebuild_block_device_mapping'
REBUILD_SPAWNING = 'rebuild_spawning'
MIGRATING = 'migrating'
DELETING = 'deleting'
SOFT_DELETING = 'soft-deleting'
RESTORING = 'restoring'
SHELVING = 'shelving'
SHELVING_IMAGE_PENDING_UPLOAD = 'shelving_image_pending_upload'
SHELVING_IMAGE_UPLOADING = 'shelving_image_uploading'
SHELVING_OFFLOADING = 'shelving_offloading'
UNSHELVING = 'unshelving'

TASK_STATES = (
    SCHEDULING, BLOCK_DEVICE_MAPPING, NETWORKING, SPAWNING, IMAGE_SNAPSHOT, IMAGE_SNAPSHOT_PENDING,
    IMAGE_PENDING_UPLOAD, IMAGE_UPLOADING, IMAGE_BACKUP, UPDATING_PASSWORD, RESIZE_PREP,
    RESIZE_MIGRATING, RESIZE_MIGRATED, RESIZE_FINISH, RESIZE_REVERTING, RESIZE_CONFIRMING,
    REBOOTING, REBOOT_PENDING, REBOOT_STARTED, REBOOTING_HARD, REBOOT_PENDING_HARD,
    REBOOT_STARTED_HARD, PAUSING, UNPAUSING, SUSPENDING, RESUMING, POWERING_OFF, POWERING_ON,
    RESCUING, UNRESCUING, REBUILDING, REBUILD_BLOCK_DEVICE_MAPPING, REBUILD_SPAWNING, MIGRATING,
    DELETING, SOFT_DELETING, RESTORING, SHELVING, SHELVING_IMAGE_PENDING_UPLOAD,
    SHELVING_IMAGE_UPLOADING, SHELVING_OFFLOADING, UNSHELVING)

# -- power_state (Nova stores the index of the state's name) -----------------------------
NOSTATE = 0
RUNNING = 1
PAUSED_POWER = 3
SHUTDOWN = 4
CRASHED = 6
SUSPENDED_POWER = 7

POWER_STATES = (NOSTATE, RUNNING, PAUSED_POWER, SHUTDOWN, CRASHED, SUSPENDED_POWER)
#: Nova's power_state.STATE_MAP: each power state's name (diagnostics' ``state``, their 409s).
POWER_STATE_NAMES: Mapping[int, str] = {
    NOSTATE: 'pending', RUNNING: 'running', PAUSED_POWER: 'paused', SHUTDOWN: 'shutdown',
    CRASHED: 'crashed', SUSPENDED_POWER: 'suspended'}

#: Where the task_state does not change the status.
DEFAULT = 'default'

_REBOOT = {REBOOTING: 'REBOOT', REBOOT_PENDING: 'REBOOT', REBOOT_STARTED: 'REBOOT'}
_HARD_REBOOT = {REBOOTING_HARD: 'HARD_REBOOT', REBOOT_PENDING_HARD: 'HARD_REBOOT',
                REBOOT_STARTED_HARD: 'HARD_REBOOT'}
_RESIZE = {RESIZE_PREP: 'RESIZE', RESIZE_MIGRATING: 'RESIZE', RESIZE_MIGRATED: 'RESIZE',
           RESIZE_FINISH: 'RESIZE'}
_REBUILD = {REBUILDING: 'REBUILD', REBUILD_BLOCK_DEVICE_MAPPING: 'REBUILD',
            REBUILD_SPAWNING: 'REBUILD'}

#: vm_state -> {task_state (or DEFAULT): the API's status}: Nova's _STATE_MAP.
STATUS_MAP: Mapping[str, Mapping[str | None, str]] = {
    ACTIVE: {DEFAULT: 'ACTIVE', **_REBOOT, **_HARD_REBOOT, UPDATING_PASSWORD: 'PASSWORD',
             **_REBUILD, MIGRATING: 'MIGRATING', **_RESIZE},
    BUILDING: {DEFAULT: 'BUILD'},
    STOPPED: {DEFAULT: 'SHUTOFF', **_RESIZE, **_REBUILD},
    RESIZED: {DEFAULT: 'VERIFY_RESIZE', RESIZE_REVERTING: 'REVERT_RESIZE'},
    PAUSED: {DEFAULT: 'PAUSED', MIGRATING: 'MIGRATING'},
    SUSPENDED: {DEFAULT: 'SUSPENDED'},
    RESCUED: {DEFAULT: 'RESCUE'},
    ERROR: {DEFAULT: 'ERROR', **_REBUILD},
    DELETED: {DEFAULT: 'DELETED'},
    SOFT_DELETED: {DEFAULT: 'SOFT_DELETED'},
    SHELVED: {DEFAULT: 'SHELVED'},
    SHELVED_OFFLOADED: {DEFAULT: 'SHELVED_OFFLOADED'},
}

UNKNOWN = 'UNKNOWN'

#: The statuses a server shows progress in, and those it shows its fault in (Nova's view).
PROGRESS_STATUSES = frozenset(('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING'))
FAULT_STATUSES = frozenset(('ERROR', 'DELETED'))


def status(vm_state: str | None, task_state: str | None, deleted: bool = False) -> str:
    """The API's status of a server in ``vm_state`` doing ``task_state``."""
    if deleted:
        return 'DELETED'
    task_map = STATUS_MAP.get(vm_state) if vm_state is not None else None
    if task_map is None:
        return UNKNOWN
    return task_map.get(task_state, task_map[DEFAULT])


def states_for_statuses(statuses: Iterable[str]) -> tuple[list[str], list[str | None]]:
    """The vm_states and task_states whose status is one of ``statuses`` (case-insensitive).

    Nova's ``task_and_vm_state_from_status``: a status shown by a vm_state's
    default contributes :data:`DEFAULT` to the task states, which means the
    task state does not matter.
    """
    wanted = {value.lower() for value in statuses}
    vm_states: set[str] = set()
    task_states: set[str | None] = set()
    for vm_state, task_map in STATUS_MAP.items():
        for task_state, shown in task_map.items():
            if shown.lower() in wanted:
                vm_states.add(vm_state)
                task_states.add(task_state)
    return sorted(vm_states), sorted(task_states, key=lambda state: state or '')
