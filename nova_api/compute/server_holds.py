"""Changes to a server that finish at once (attach, detach, external events): Nova's checks,
the server's row held for the change, and the instance action it records.

Nova's compute host does these in a call or a cast of its own; the
simulated compute does them in the API's transaction. The server's states
do not move, but the change must not race one that moves them: it is a
compare-and-swap on the states it may happen in (writing only
``updated_at``), which also holds the row until the transaction ends.
"""

from __future__ import annotations

import dataclasses
import datetime

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.objects import server_changes as changes


@dataclasses.dataclass(frozen=True)
class Allowed:
    """Nova's ``check_instance_state`` of a compute API method; ``None``: any."""

    method: str
    vm_states: frozenset[str] | None
    task_states: frozenset[str | None] | None = frozenset({None})
    must_have_launched: bool = True
    check_lock: bool = True


def hold(session: orm.Session, ctx: nova_context.RequestContext, server_uuid: str,
         allowed: Allowed) -> dict:
    """Check the server as Nova would (lock, then states) and hold it; its state columns.

    ``InstanceNotFound``, ``InstanceIsLocked`` or ``InstanceInvalidState`` (409).
    """
    state = changes.state_of(session, server_uuid)
    if state is None or state['deleted']:
        raise exception.InstanceNotFound(instance_id=server_uuid)
    _check(ctx, server_uuid, allowed, state)
    won = changes.compare_and_swap(
        session, server_uuid, {}, vm_states=allowed.vm_states, task_states=allowed.task_states,
        must_have_launched=allowed.must_have_launched)
    if not won:
        # It moved since we looked: explain with what it is now.
        state = changes.state_of(session, server_uuid)
        if state is None or state['deleted']:
            raise exception.InstanceNotFound(instance_id=server_uuid)
        _check(ctx, server_uuid, allowed, state)
        raise exception.InstanceInvalidState(action=allowed.method, instance_uuid=server_uuid,
                                             attr='task_state', state=state['task_state'])
    return state


def _check(ctx: nova_context.RequestContext, server_uuid: str, allowed: Allowed,
           state: dict) -> None:
    if allowed.check_lock and state['locked_by'] is not None and not ctx.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=server_uuid)

    def refuse(attr: str, value) -> exception.InstanceInvalidState:
        return exception.InstanceInvalidState(action=allowed.method, instance_uuid=server_uuid,
                                              attr=attr, state=value)
    if allowed.vm_states is not None and state['vm_state'] not in allowed.vm_states:
        raise refuse('vm_state', state['vm_state'])
    if allowed.task_states is not None and state['task_state'] not in allowed.task_states:
        raise refuse('task_state', state['task_state'])
    if allowed.must_have_launched and state['launched_at'] is None:
        raise refuse('launched_at', None)


def record(session: orm.Session, ctx: nova_context.RequestContext, server_uuid: str,
           action: str, event: str | None, host: str | None, result: str = 'Success',
           traceback: str | None = None, now: datetime.datetime | None = None,
           finished: bool = False) -> int:
    """Record the instance action and (when given) its one event, finished with ``result``.

    ``finished``: the action itself is over too (a change made at once).
    """
    now = now or changes.utcnow()
    action_id = changes.start_action(session, server_uuid, action, ctx.request_id, ctx.user_id,
                                     ctx.project_id, now, finished=finished)
    if event is not None:
        record_event(session, action_id, event, host, result, traceback, now)
    return action_id


def record_event(session: orm.Session, action_id: int, event: str, host: str | None,
                 result: str = 'Success', traceback: str | None = None,
                 now: datetime.datetime | None = None) -> None:
    now = now or changes.utcnow()
    changes.start_events(session, [{'action_id': action_id, 'event': event, 'start_time': now,
                                    'host': host, 'created_at': now}])
    changes.finish_events(session, [{'action_id': action_id, 'event': event, 'result': result,
                                     'traceback': traceback}], now)
