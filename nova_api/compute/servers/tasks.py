"""The task runner: every worker claims due steps of server operations and carries them out.

One turn (:meth:`TaskRunner.run_once`):

1. look (a read) for the next due task; nothing due, nothing written;
2. claim up to ``[task_runner] batch_size`` due tasks with a lease token of
   this turn (one atomic update: another runner claims other tasks);
3. in one transaction, for each task still leased to this turn: check that
   the server is still where the step expects it, do the step's call, write
   its states with a compare-and-swap, and advance the task to its next
   step (due after that step's share of the operation's duration) or finish
   it. Steps that are due at once are done in the same turn.

A task whose server has moved on (deleted meanwhile, or a hard reboot took
over a soft one) is dropped. A worker that dies mid-turn leaves its leases
to expire; the next claim takes the tasks over, and since a step completes
only while its lease holds, no step is done twice to completion.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import uuid
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from oslo_config import cfg
from sqlalchemy import orm

from nova_api.compute.servers import operations as ops
from nova_api.compute.servers.driver import DriverError
from nova_api.compute.servers.steps import Steps
from nova_api.db import database as db
from nova_api.db import models
from nova_api.objects import server_changes as changes
from nova_api.objects import tasks as task_queue

LOG = logging.getLogger(__name__)

#: A task whose step keeps failing unexpectedly (a bug, not a driver
#: failure) is given up after this many claims: its server goes to ERROR.
MAX_ATTEMPTS = 5

_I = models.Instance.__table__.c


def _resolve(values: Mapping[str, Any], now: datetime.datetime) -> dict[str, Any]:
    return {key: now if value is ops.NOW else value for key, value in values.items()}


class TaskRunner:
    """Runs the due tasks of one database, a batch per turn."""

    def __init__(self, conf: cfg.ConfigOpts, database: db.Database, steps: Steps):
        self.options = conf.task_runner
        self.database = database
        self.steps = steps
        self.owner = '%s:%d' % (socket.gethostname(), os.getpid())

    # -- the loop ------------------------------------------------------------------

    def run(self, stopped: Callable[[], bool], sleep: Callable[[float], None]) -> None:
        """Turn until ``stopped()``; errors are logged and the loop goes on after a pause."""
        while not stopped():
            try:
                wait = self.run_once()
            except Exception:  # noqa: BLE001 - a database outage must not end the runner
                LOG.exception('Task runner %s: a turn failed; trying again shortly', self.owner)
                wait = self.options.poll_interval * 10
            if wait > 0:
                sleep(wait)

    def run_once(self, now: datetime.datetime | None = None) -> float:
        """Do what is due now; returns the seconds to wait before the next turn."""
        now = now or changes.utcnow()
        poll = self.options.poll_interval
        due = self.database.read(task_queue.next_due, now)
        if due is None:
            return poll
        if due > now:
            return min(poll, (due - now).total_seconds())
        token = '%s:%s' % (self.owner, uuid.uuid4().hex[:12])
        lease_until = now + datetime.timedelta(seconds=self.options.lease_seconds)
        claimed = self.database.write(task_queue.claim, token, now, lease_until,
                                      self.options.batch_size)
        if not claimed:
            return poll
        self.database.write(self._carry_out, claimed, token, now)
        # A full batch may have more behind it: turn again at once.
        return 0.0 if len(claimed) == self.options.batch_size else min(poll, 0.01)

    # -- one batch -------------------------------------------------------------------

    def _carry_out(self, session: orm.Session, claimed: list[task_queue.Task], token: str,
                   now: datetime.datetime) -> None:
        held = task_queue.still_held(session, [task.id for task in claimed], token)
        uuids = sorted({task.instance_uuid for task in claimed if task.id in held})
        servers = {row['uuid']: dict(row) for row in session.execute(
            sa.select(models.Instance.__table__).where(_I.uuid.in_(uuids))).mappings()}
        metadata = _metadata(session, uuids)
        for task in claimed:
            if task.id not in held:
                continue  # our lease expired and another runner has it now
            try:
                with session.begin_nested():
                    self._run_task(session, task, servers.get(task.instance_uuid),
                                   metadata.get(task.instance_uuid, {}), now)
            except Exception:  # noqa: BLE001 - one broken task must not stop the others
                LOG.exception('Task %d (%s of server %s) failed unexpectedly (attempt %d)',
                              task.id, task.operation, task.instance_uuid, task.attempts)
                if task.attempts >= MAX_ATTEMPTS:
                    with session.begin_nested():
                        self._give_up(session, task, now)

    def _run_task(self, session: orm.Session, task: task_queue.Task,
                  server: dict[str, Any] | None, metadata: Mapping[str, str],
                  now: datetime.datetime) -> None:
        operation = ops.OPERATIONS.get(task.operation)
        if operation is None or server is None:
            task_queue.finish(session, task.id)
            return
        duration = self.steps.driver.duration(operation.duration, metadata)
        index = task.step
        while True:
            vm_states, task_state = ops.expected_before(operation, index)
            if not _is_in(server, vm_states, task_state):
                LOG.debug('Server %s moved on (%s/%s); dropping step %d of %s', server['uuid'],
                          server['vm_state'], server['task_state'], index, operation.name)
                task_queue.finish(session, task.id)
                return
            if index == 0 and task.action_id is not None:
                changes.start_event(session, task.action_id, operation.event, server['host'], now)
            step = operation.steps[index]
            call = self.steps.calls[step.call] if step.call else None
            try:
                extra = call(session, server, metadata) if call else None
            except DriverError as error:
                self._fail(session, task, operation, server, vm_states, task_state, error, now)
                return
            values = _resolve(step.then, now)
            values.update(extra or {})
            if not changes.compare_and_swap(session, server['uuid'], values, vm_states=vm_states,
                                            task_states=(task_state,), now=now):
                task_queue.finish(session, task.id)
                return
            server.update(values)
            index += 1
            if index == len(operation.steps):
                self._complete(session, task, operation, server, now)
                return
            due = now + datetime.timedelta(seconds=operation.steps[index].wait * duration)
            if due > now:
                task_queue.advance(session, task.id, index, due)
                return

    def _complete(self, session: orm.Session, task: task_queue.Task, operation: ops.Operation,
                  server: Mapping[str, Any], now: datetime.datetime) -> None:
        task_queue.finish(session, task.id)
        if task.action_id is not None:
            changes.finish_event(session, task.action_id, operation.event, 'Success', now)
        if operation.then_operation:
            follow = ops.OPERATIONS[operation.then_operation]
            wait = follow.steps[0].wait * self.steps.driver.duration(follow.duration, {})
            task_queue.enqueue(session, server['uuid'], follow.name,
                               now + datetime.timedelta(seconds=wait), task.action_id)

    def _fail(self, session: orm.Session, task: task_queue.Task, operation: ops.Operation,
              server: Mapping[str, Any], vm_states, task_state: str | None,
              error: DriverError, now: datetime.datetime) -> None:
        """The step's call failed: Nova's failure states, a fault, the event in error."""
        changes.compare_and_swap(session, server['uuid'], _resolve(operation.on_failure, now),
                                 vm_states=vm_states, task_states=(task_state,), now=now)
        if operation.fault:
            changes.add_fault(session, server['uuid'], 500, error.message, error.details,
                              server['host'], now)
        if task.action_id is not None:
            changes.finish_event(session, task.action_id, operation.event, 'Error', now,
                                 traceback=error.details)
        task_queue.finish(session, task.id)
        LOG.info('Server %s: %s failed: %s', server['uuid'], operation.name, error.message)

    @staticmethod
    def _give_up(session: orm.Session, task: task_queue.Task, now: datetime.datetime) -> None:
        changes.compare_and_swap(session, task.instance_uuid,
                                 {'vm_state': 'error', 'task_state': None}, now=now)
        changes.add_fault(session, task.instance_uuid, 500,
                          'Unexpected error while running %s' % task.operation,
                          'Gave up after %d attempts; see the nova-api log.' % task.attempts,
                          None, now)
        task_queue.finish(session, task.id)


def _is_in(server: Mapping[str, Any], vm_states, task_state: str | None) -> bool:
    if server['deleted'] or server['task_state'] != task_state:
        return False
    return vm_states is None or server['vm_state'] in vm_states


def _metadata(session: orm.Session, uuids: list[str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    if uuids:
        meta = models.InstanceMetadata.__table__.c
        for server_uuid, key, value in session.execute(
                sa.select(meta.instance_uuid, meta.key, meta.value)
                .where(meta.instance_uuid.in_(uuids))):
            found.setdefault(server_uuid, {})[key] = value
    return found
