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
from nova_api.compute.servers import turn as turns
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
        self._carry_out_claimed(claimed, token, now)
        # A full batch may have more behind it: turn again at once.
        return 0.0 if len(claimed) == self.options.batch_size else min(poll, 0.01)

    # -- one batch -------------------------------------------------------------------

    def _carry_out_claimed(self, claimed: list[task_queue.Task], token: str,
                           now: datetime.datetime) -> None:
        """The batch in one transaction; if that fails, each task in its own, to find the bad one."""
        try:
            self.database.write(self._carry_out, claimed, token, now)
            return
        except Exception:  # noqa: BLE001 - one broken task must not stop the others
            if len(claimed) == 1:
                self._after_failure(claimed[0], now)
                return
            LOG.warning('Task runner %s: a batch of %d failed; running its tasks one by one',
                        self.owner, len(claimed), exc_info=True)
        for task in claimed:
            try:
                self.database.write(self._carry_out, [task], token, now)
            except Exception:  # noqa: BLE001 - logged, retried after its lease, given up at last
                self._after_failure(task, now)

    def _after_failure(self, task: task_queue.Task, now: datetime.datetime) -> None:
        LOG.exception('Task %d (%s of server %s) failed unexpectedly (attempt %d)',
                      task.id, task.operation, task.instance_uuid, task.attempts)
        if task.attempts >= MAX_ATTEMPTS:
            self.database.write(self._give_up, task, now)

    def _carry_out(self, session: orm.Session, claimed: list[task_queue.Task], token: str,
                   now: datetime.datetime) -> None:
        held = task_queue.still_held(session, [task.id for task in claimed], token)
        mine = [task for task in claimed if task.id in held]  # the others' leases ran out
        uuids = sorted({task.instance_uuid for task in mine})
        servers = turns.select_servers(session, uuids)
        metadata = _metadata(session, uuids)
        turn = turns.Turn(session, now, self.steps.networks, uuids, self.steps.net)
        for task in mine:
            self._run_task(turn, task, servers.get(task.instance_uuid),
                           metadata.get(task.instance_uuid, {}))
        turn.flush()

    def _run_task(self, turn: turns.Turn, task: task_queue.Task,
                  server: dict[str, Any] | None, metadata: Mapping[str, str]) -> None:
        operation = ops.OPERATIONS.get(task.operation)
        if operation is None or server is None:
            turn.finished.append(task.id)
            return
        now = turn.now
        duration = self.steps.driver.duration(operation.duration, metadata)
        index = task.step
        read_task_state = server['task_state']
        while True:
            vm_states, task_state = ops.expected_before(operation, index)
            if not _is_in(server, vm_states, task_state):
                LOG.debug('Server %s moved on (%s/%s); dropping step %d of %s', server['uuid'],
                          server['vm_state'], server['task_state'], index, operation.name)
                turn.finished.append(task.id)
                return
            if index == 0 and task.action_id is not None:
                turn.events_started.append({'action_id': task.action_id, 'event': operation.event,
                                            'start_time': now, 'host': server['host'],
                                            'created_at': now})
            step = operation.steps[index]
            call = self.steps.calls[step.call] if step.call else None
            try:
                extra = call(turn, server, metadata) if call else None
            except DriverError as error:
                self._fail(turn, task, operation, server, read_task_state, error)
                return
            values = _resolve(step.then, now)
            values.update(extra or {})
            turn.set(server, read_task_state, values)
            server.update(values)
            index += 1
            if index == len(operation.steps):
                self._complete(turn, task, operation, server)
                return
            due = now + datetime.timedelta(seconds=operation.steps[index].wait * duration)
            if due > now:
                turn.advanced.append({'id': task.id, 'step': index, 'due_at': due})
                return

    def _complete(self, turn: turns.Turn, task: task_queue.Task, operation: ops.Operation,
                  server: Mapping[str, Any]) -> None:
        turn.finished.append(task.id)
        if task.action_id is not None:
            turn.events_finished.append({'action_id': task.action_id, 'event': operation.event,
                                         'result': 'Success'})
        if operation.then_operation:
            follow = ops.OPERATIONS[operation.then_operation]
            wait = follow.steps[0].wait * self.steps.driver.duration(follow.duration, {})
            if wait < 0:
                return  # configured never to happen (shelved_offload_time = -1)
            turn.enqueued.append({
                'instance_uuid': server['uuid'], 'operation': follow.name, 'step': 0,
                'due_at': turn.now + datetime.timedelta(seconds=wait), 'attempts': 0,
                'action_id': task.action_id, 'created_at': turn.now})

    def _fail(self, turn: turns.Turn, task: task_queue.Task, operation: ops.Operation,
              server: dict[str, Any], read_task_state: str | None, error: DriverError) -> None:
        """The step's call failed: Nova's failure states, a fault, the event in error."""
        now = turn.now
        turn.set(server, read_task_state, _resolve({**operation.on_failure, **(error.states or {})},
                                                   now))
        if operation.fault:
            turn.faults.append({'instance_uuid': server['uuid'], 'code': 500,
                                'message': error.message, 'details': error.details,
                                'host': server['host'], 'created_at': now})
        if task.action_id is not None:
            turn.events_finished.append({'action_id': task.action_id, 'event': operation.event,
                                         'result': 'Error', 'traceback': error.details,
                                         # 2.84's details: the fault's message, as Nova stores it.
                                         'details': error.message})
        turn.finished.append(task.id)
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
