"""The gate of every change to a live server's sub-resources (metadata, tags).

Nova's compute API guards such changes with ``check_instance_lock`` and
``check_instance_state``; here both are read and then made to hold with a
compare-and-swap that only bumps ``updated_at`` (``changes-since`` lists
find the server by it). The swap also serialises concurrent changes of one
server: on PostgreSQL it holds the server's row until the transaction ends,
on SQLite the write transaction holds the database.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Mapping
from typing import Any

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.objects import server_changes as changes

#: ``task_states`` meaning: whatever task the server is busy with.
ANY_TASK = None


def _check(action: str, uuid: str, state: Mapping[str, Any],
           vm_states: Collection[str], task_states: Collection[str | None] | None) -> None:
    if state['vm_state'] not in vm_states:
        raise exception.InstanceInvalidState(action=action, instance_uuid=uuid, attr='vm_state',
                                             state=state['vm_state'])
    if task_states is not None and state['task_state'] not in task_states:
        raise exception.InstanceInvalidState(action=action, instance_uuid=uuid, attr='task_state',
                                             state=state['task_state'])


def claim(session: orm.Session, ctx: nova_context.RequestContext, uuid: str, action: str,
          vm_states: Collection[str], task_states: Collection[str | None] | None = ANY_TASK,
          check_lock: bool = True) -> None:
    """Let the change go on, or raise Nova's 404 / 409 (locked, wrong vm or task state).

    ``action`` is how Nova's 409 names the change (``update metadata``).
    A locked server refuses everyone but admins when ``check_lock``.
    """
    state = changes.state_of(session, uuid)
    if state is None or state['deleted']:
        raise exception.InstanceNotFound(instance_id=uuid)
    # Nova's decorators: the lock is looked at before the states.
    if check_lock and state['locked_by'] is not None and not ctx.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=uuid)
    _check(action, uuid, state, vm_states, task_states)
    if not changes.compare_and_swap(session, uuid, {}, vm_states=vm_states,
                                    task_states=task_states):
        # It moved since we looked: explain with what it is now.
        now = changes.state_of(session, uuid)
        if now is None or now['deleted']:
            raise exception.InstanceNotFound(instance_id=uuid)
        _check(action, uuid, now, vm_states, task_states)
        raise exception.InstanceInvalidState(action=action, instance_uuid=uuid, attr='vm_state',
                                             state=state['vm_state'])
