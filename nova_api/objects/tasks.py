"""The task queue: due steps of server operations, claimed under a lease and completed once.

A runner *claims* due tasks in one atomic update that stamps them with a
lease token of its own; it *completes* a step (advances or finishes the
task) only while the task still carries that token, inside the same
transaction as the server's state change. A runner that dies leaves its
leases to expire, and the tasks are claimed again by another one.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db import prepared

_tasks = models.Task.__table__
_T = _tasks.c


@dataclasses.dataclass(frozen=True, slots=True)
class Task:
    """One claimed task: which operation of which server, at which step."""

    id: int
    instance_uuid: str
    operation: str
    step: int
    attempts: int
    action_id: int | None


def enqueue(session: orm.Session, instance_uuid: str, operation: str, due_at: datetime.datetime,
            action_id: int | None = None, step: int = 0) -> None:
    session.execute(sa.insert(_tasks).values(
        instance_uuid=instance_uuid, operation=operation, step=step, due_at=due_at, attempts=0,
        action_id=action_id, created_at=due_at))


_INSERT = prepared.Prepared(sa.insert(_tasks).values(
    {name: sa.bindparam(name, type_=_tasks.c[name].type)
     for name in ('instance_uuid', 'operation', 'step', 'due_at', 'attempts', 'action_id',
                  'created_at')}))


def enqueue_many(session: orm.Session, rows: Iterable[dict]) -> None:
    """Queue many tasks in one call (a boot queues one per server)."""
    prepared.on_session(session).execute(_INSERT, list(rows))


def _claimable(now: datetime.datetime) -> sa.ColumnElement[bool]:
    return sa.and_(_T.due_at <= now,
                   sa.or_(_T.lease_expires_at.is_(None), _T.lease_expires_at < now))


def next_due(session: orm.Session, now: datetime.datetime) -> datetime.datetime | None:
    """When the next task falls due (it may be due already); None when the queue is empty.

    Leased tasks count from when their lease expires.
    """
    free = session.scalar(sa.select(sa.func.min(_T.due_at)).where(_T.lease_expires_at.is_(None)))
    expiring = session.scalar(sa.select(sa.func.min(_T.lease_expires_at))
                              .where(_T.lease_expires_at.is_not(None)))
    candidates = [moment for moment in (free, expiring) if moment is not None]
    return min(candidates) if candidates else None


def claim(session: orm.Session, token: str, now: datetime.datetime,
          lease_until: datetime.datetime, limit: int) -> list[Task]:
    """Lease up to ``limit`` due tasks to ``token``, the longest due first.

    On PostgreSQL the candidates are locked with SKIP LOCKED, so that
    runners claiming at the same moment take different tasks instead of
    waiting for each other; SQLite's write transactions are serial anyway.
    """
    due = (sa.select(_T.id).where(_claimable(now)).order_by(_T.due_at, _T.id).limit(limit)
           .with_for_update(skip_locked=True))
    claimed = session.execute(
        sa.update(_tasks).where(_T.id.in_(due.scalar_subquery()))
        .values(lease_owner=token, lease_expires_at=lease_until, attempts=_T.attempts + 1)
        .returning(_T.id, _T.instance_uuid, _T.operation, _T.step, _T.attempts, _T.action_id))
    tasks = [Task(*row) for row in claimed]
    tasks.sort(key=lambda task: task.id)
    return tasks


def still_held(session: orm.Session, ids: Iterable[int], token: str) -> set[int]:
    """The tasks of ``ids`` still leased to ``token``, locked until this transaction ends."""
    ids = list(ids)
    if not ids:
        return set()
    rows = session.execute(sa.select(_T.id).where(_T.id.in_(ids), _T.lease_owner == token)
                           .with_for_update())
    return {row[0] for row in rows}


def finish(session: orm.Session, task_id: int) -> None:
    session.execute(sa.delete(_tasks).where(_T.id == task_id))


def pending(session: orm.Session) -> int:
    """How many tasks are queued (due or not): for tests and the benchmark."""
    return session.scalar(sa.select(sa.func.count()).select_from(_tasks)) or 0


_ADVANCE = prepared.Prepared(sa.update(_tasks).where(_T.id == sa.bindparam('w_id')).values(
    step=sa.bindparam('step'), due_at=sa.bindparam('due_at', type_=sa.DateTime),
    lease_owner=None, lease_expires_at=None, attempts=0))
_FINISH = prepared.Prepared(sa.delete(_tasks).where(_T.id.in_(sa.bindparam('ids', expanding=True))))


def advance_many(session: orm.Session, rows: list[dict]) -> None:
    """Move held tasks to their next step (``{'id', 'step', 'due_at'}``), releasing their leases."""
    prepared.on_session(session).execute(_ADVANCE, [
        {'w_id': row['id'], 'step': row['step'], 'due_at': row['due_at']} for row in rows])


def finish_many(session: orm.Session, ids: list[int]) -> None:
    """Delete the tasks that are done (or dropped)."""
    if ids:
        prepared.on_session(session).execute(_FINISH, [{'ids': ids}])


def hurry(session: orm.Session, instance_uuid: str, operation: str,
          now: datetime.datetime) -> None:
    """Make the server's queued ``operation`` due now (a live migration forced to complete)."""
    session.execute(sa.update(_tasks).where(_T.instance_uuid == instance_uuid,
                                            _T.operation == operation, _T.due_at > now)
                    .values(due_at=now))
