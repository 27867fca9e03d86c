"""Bodies of the power and state actions on POST /servers/{id}/action.

reboot, os-start, os-stop, trigger_crash_dump (2.17), pause/unpause,
suspend/resume, lock (a reason from 2.73)/unlock, restore/forceDelete.
Most take no arguments: Nova accepts any value under the action's key
(``{"pause": null}`` and ``{"pause": {}}`` alike) and nothing beside it.
"""

from __future__ import annotations

from nova_api.api.schemas import SchemaWindows


def no_arguments(action: str) -> dict:
    """An action whose value is not looked at; only the action's key is allowed."""
    return {
        'type': 'object',
        'properties': {action: {}},
        'required': [action],
        'additionalProperties': False,
    }


reboot = {
    'type': 'object',
    'properties': {
        'reboot': {
            'type': 'object',
            'properties': {
                'type': {'type': 'string', 'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']},
            },
            'required': ['type'],
            'additionalProperties': False,
        },
    },
    'required': ['reboot'],
    'additionalProperties': False,
}

start_server = no_arguments('os-start')
stop_server = no_arguments('os-stop')

#: The only one of these that insists on null. The action itself exists from 2.17
#: (the controller's gate); the schema has no window of its own.
trigger_crash_dump = {
    'type': 'object',
    'properties': {'trigger_crash_dump': {'type': 'null'}},
    'required': ['trigger_crash_dump'],
    'additionalProperties': False,
}

pause = no_arguments('pause')
unpause = no_arguments('unpause')
suspend = no_arguments('suspend')
resume = no_arguments('resume')

lock = no_arguments('lock')

#: 2.73: null, or an object with an optional reason.
lock_v2_73 = {
    'type': 'object',
    'properties': {
        'lock': {
            'type': ['object', 'null'],
            'properties': {
                'locked_reason': {'type': 'string', 'minLength': 1, 'maxLength': 255},
            },
            'additionalProperties': False,
        },
    },
    'required': ['lock'],
    'additionalProperties': False,
}

unlock = no_arguments('unlock')

#: os-deferred-delete: bring back, or delete now, a soft-deleted server.
restore = no_arguments('restore')
force_delete = no_arguments('forceDelete')

REBOOT_SCHEMAS: SchemaWindows = ((reboot, '2.1', None),)
START_SCHEMAS: SchemaWindows = ((start_server, '2.1', None),)
STOP_SCHEMAS: SchemaWindows = ((stop_server, '2.1', None),)
TRIGGER_CRASH_DUMP_SCHEMAS: SchemaWindows = ((trigger_crash_dump, '2.1', None),)
PAUSE_SCHEMAS: SchemaWindows = ((pause, '2.1', None),)
UNPAUSE_SCHEMAS: SchemaWindows = ((unpause, '2.1', None),)
SUSPEND_SCHEMAS: SchemaWindows = ((suspend, '2.1', None),)
RESUME_SCHEMAS: SchemaWindows = ((resume, '2.1', None),)
LOCK_SCHEMAS: SchemaWindows = ((lock, '2.1', '2.72'), (lock_v2_73, '2.73', None))
#: Nova validates unlock bodies up to 2.72 only (its 2.73 lock schema has no unlock twin).
UNLOCK_SCHEMAS: SchemaWindows = ((unlock, '2.1', '2.72'),)
RESTORE_SCHEMAS: SchemaWindows = ((restore, '2.1', None),)
FORCE_DELETE_SCHEMAS: SchemaWindows = ((force_delete, '2.1', None),)
