"""The servers API of the compute layer: look servers up, boot them, change them, accept operations.

Accepting an operation never waits for the hypervisor: one write
transaction checks the server's states (Nova's ``check_instance_state``
and lock rules), writes the operation's first states with a
compare-and-swap, records the instance action and queues the task. Of two
concurrent operations on one server exactly one wins; the other gets
Nova's 409, naming the state the server is in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import networks as networks_api
from nova_api.compute import security_groups
from nova_api.compute import service_registry
from nova_api.compute.servers import boot
from nova_api.compute.servers import operations as ops
from nova_api.compute.servers import simulated
from nova_api.compute.servers import steps as steps_api
from nova_api.compute.servers import tasks
from nova_api.db import prepared
from nova_api.objects import server_changes as changes
from nova_api.objects import server_queries as queries
from nova_api.objects import servers as server_objects
from nova_api.objects import tasks as task_queue
from nova_api.objects.server_queries import ListQuery
from nova_api.objects.servers import Server

__all__ = ['BootRequest', 'ListQuery', 'Server', 'ServerAPI']

BootRequest = boot.BootRequest

#: A check or write of an operation's accepting transaction: (session, the server's state)
#: -> columns to write with the operation's first states, or None.
Before = Callable[[orm.Session, Mapping[str, Any]], 'Mapping[str, Any] | None']

#: The names Nova's API uses for operations in its 409 messages.
_API_ACTION_NAMES = {'reboot_soft': 'reboot', 'reboot_hard': 'reboot', 'soft_delete': 'delete',
                     'change_password': 'changePassword', 'shelve_offload': 'shelveOffload',
                     'force_delete': 'forceDelete', 'snapshot': 'createImage',
                     'backup': 'createBackup', 'confirm_resize': 'confirmResize',
                     'revert_resize': 'revertResize', 'live_migrate': 'os-migrateLive',
                     'evacuate_stopped': 'evacuate'}

#: What an operation also writes once it is accepted: ``also(session, state, now)``.
Also = Callable[[orm.Session, Mapping[str, Any], datetime.datetime], Any]


class ServerAPI(base.ResourceAPI):
    """Servers: reads, boot, update, and the operations behind ``POST /servers/{id}/action``."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.networks = networks_api.NetworkAPI(compute.conf)
        #: The network service, when servers get their ports from it ([network] enabled).
        self.net = compute.network if compute.conf.network.enabled else None
        self.driver = simulated.SimulatedDriver.from_conf(compute.conf)
        self.steps = steps_api.Steps(compute.conf, self.driver, self.networks, self.net)

    def task_runner(self) -> tasks.TaskRunner:
        """A runner for this process's share of the queued work."""
        return tasks.TaskRunner(self.conf, self.database, self.steps)

    # -- reads -------------------------------------------------------------------------

    def get(self, ctx: nova_context.RequestContext, server_id: str) -> Server:
        """The server as ``ctx`` may see it: another project's is not found (404), as in Nova."""
        project = None if ctx.is_admin else ctx.project_id
        server = self.database.read_prepared(server_objects.get, server_id, project)
        if server is None:
            raise exception.InstanceNotFound(instance_id=server_id)
        return server

    def list(self, ctx: nova_context.RequestContext, query: queries.ListQuery) -> list[Server]:
        """A page of servers; ``ServerMarkerNotFound`` (400) for an unknown marker."""
        return self.database.read_prepared(queries.page, query)

    def security_groups_of(self, server: Server) -> tuple[list[str], list]:
        """The names of the server's groups and the records to show them from: its ports'
        groups on the network service, else those it was booted with."""
        if self.net is None:
            return (list(server.security_groups),
                    security_groups.groups_of(server.project_id, server.security_groups))
        return self.database.read(self.net.compute_groups.of_server, server.uuid,
                                  server.project_id)

    # -- boot --------------------------------------------------------------------------

    def create(self, ctx: nova_context.RequestContext, request: boot.BootRequest,
               zero_disk_allowed: bool = False) -> tuple[list[Server], str]:
        """Boot the servers of ``request``; returns them (BUILD) and their reservation id."""
        if self.net is not None:
            self.net.ensure_seeded()
        checked = self.database.read(boot.check, ctx, request, self.conf, self.networks,
                                     self.quota_engine, zero_disk_allowed, self.net)
        build_seconds = self.driver.duration(ops.BUILD.duration, request.metadata)
        rows, reservation_id = self.database.write(boot.insert, ctx, checked, self.quota_engine,
                                                   build_seconds)
        return [server_objects.from_new_row(row, request.metadata, request.tags)
                for row in rows], reservation_id

    # -- update ------------------------------------------------------------------------

    def update(self, ctx: nova_context.RequestContext, server: Server,
               values: Mapping[str, Any]) -> Server:
        """Set name, description, hostname or access addresses (Nova's column names)."""
        def work(session: orm.Session) -> Server | None:
            if not changes.update_server(session, server.uuid, values):
                return None
            return server_objects.get(prepared.on_session(session), server.uuid)
        updated = self.database.write(work) if values else self.get(ctx, server.uuid)
        if updated is None:
            raise exception.InstanceNotFound(instance_id=server.uuid)
        return updated

    def pin_availability_zone(self, ctx: nova_context.RequestContext, server: Server,
                              zone: str | None) -> None:
        """2.104: unpin (None), or pin the server to the zone it is in; Nova's 409s otherwise."""
        def work(session: orm.Session) -> None:
            current = server.pinned_availability_zone
            if zone is None or zone == current:
                if zone != current:
                    changes.update_server(session, server.uuid, {'pinned_availability_zone': None})
                return
            if current is not None:
                raise exception.InvalidServerState(
                    reason='Cannot change pinned availability zone directly. Unpin first by '
                           'setting pinned_availability_zone to null.')
            actual = server.availability_zone or self.conf.default_availability_zone
            if zone != actual:
                raise exception.InvalidServerState(
                    reason="Server can only be pinned to its current availability zone '%s', "
                           "but '%s' was requested." % (actual, zone))
            changes.update_server(session, server.uuid, {'pinned_availability_zone': zone})
        self.database.write(work)

    def host_statuses(self, servers) -> dict[str, str]:
        """Nova's host_status of each host the servers are on, from its compute service.

        DOWN when forced down, MAINTENANCE when disabled, else UP (the
        simulated hosts always report); UNKNOWN for a host without a live
        service (deleted, or gone from the configuration).
        """
        hosts = {server.host for server in servers if server.host}
        if not hosts:
            return {}
        computes = self.database.read(
            lambda session: service_registry.read(session, self.conf).compute())
        statuses = {}
        for host in hosts:
            service = computes.get(host)
            statuses[host] = ('UNKNOWN' if service is None else 'DOWN' if service.forced_down
                              else 'MAINTENANCE' if service.disabled else 'UP')
        return statuses

    # -- operations --------------------------------------------------------------------

    def reboot(self, ctx: nova_context.RequestContext, server: Server, hard: bool) -> None:
        self.accept(ctx, server, ops.REBOOT_HARD if hard else ops.REBOOT_SOFT)

    def stop(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.accept(ctx, server, ops.STOP)

    def start(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.accept(ctx, server, ops.START)

    def delete(self, ctx: nova_context.RequestContext, server: Server) -> None:
        """Delete it, or soft-delete it when ``reclaim_instance_interval`` is set.

        As in Nova, a server that never ran cannot be soft-deleted: it is
        deleted at once.
        """
        if self.conf.reclaim_instance_interval and server.launched_at is not None:
            self.accept(ctx, server, ops.SOFT_DELETE)
        else:
            self.accept(ctx, server, ops.DELETE)

    def accept(self, ctx: nova_context.RequestContext, server: Server,
               operation: ops.Operation, *, values: Mapping[str, Any] | None = None,
               before: Before | None = None,
               also: Also | None = None) -> Any:
        """Start ``operation`` on ``server``: Nova's 409s for a locked server or a wrong state.

        ``values`` are written with the operation's first states (an
        unshelve's zone); ``before(session, state)`` runs in the same
        transaction once the lock and the states are checked (a quota
        check, a rebuild's checks of its image) and may return more such
        columns; ``also(session, state, now)`` runs once the server is won (a
        snapshot writes its image, a move its migration record) and its
        result is returned. What they write is undone if the compare-and-swap
        loses or ``also`` raises.
        """
        wait = operation.steps[0].wait * self.driver.duration(operation.duration, server.metadata)
        return self.database.write(self._accept, ctx, server.uuid, operation, wait, values or {},
                                   before, also)

    @staticmethod
    def _accept(session: orm.Session, ctx: nova_context.RequestContext, server_uuid: str,
                operation: ops.Operation, wait: float, values: Mapping[str, Any],
                before: Before | None, also: Also | None) -> Any:
        now = changes.utcnow()
        accepts = operation.accepts
        state = changes.state_of(session, server_uuid)
        if state is None or state['deleted']:
            raise exception.InstanceNotFound(instance_id=server_uuid)
        if operation.checks_lock and state['locked_by'] is not None and not ctx.is_admin:
            raise exception.InstanceIsLocked(instance_uuid=server_uuid)
        _check_state(operation, accepts, server_uuid, state)
        extra = before(session, state) if before is not None else None
        start = {key: now if value is ops.NOW else value for key, value in operation.start.items()}
        start.update(values)
        start.update(extra or {})
        won = changes.compare_and_swap(
            session, server_uuid, start, vm_states=accepts.vm_states,
            task_states=accepts.task_states, must_have_launched=accepts.must_have_launched,
            needs_host=accepts.needs_host, now=now)
        if not won:
            # Another operation changed it since we looked: explain with what it is now.
            state = changes.state_of(session, server_uuid)
            _check_state(operation, accepts, server_uuid, state)
            raise exception.InstanceInvalidState(
                action=_API_ACTION_NAMES.get(operation.name, operation.name),
                instance_uuid=server_uuid, attr='task_state', state=state['task_state'])
        result = also(session, state, now) if also is not None else None
        action_id = changes.start_action(session, server_uuid, operation.action, ctx.request_id,
                                         ctx.user_id, ctx.project_id, now)
        task_queue.enqueue(session, server_uuid, operation.name,
                           now + datetime.timedelta(seconds=wait), action_id)
        return result


def check_state(operation: ops.Operation, server_uuid: str, state: Mapping[str, Any]) -> None:
    """Nova's 409 when ``state`` (of :func:`changes.state_of`) is not one ``operation`` starts from.

    For work the API does at once, without a task (a volume-backed snapshot).
    """
    _check_state(operation, operation.accepts, server_uuid, state)


def _check_state(operation: ops.Operation, accepts: ops.Accepts, server_uuid: str,
                 state: Mapping[str, Any]) -> None:
    """Raise Nova's 409 for the first rule the server's current state breaks."""
    action = _API_ACTION_NAMES.get(operation.name, operation.name)

    def refuse(attr: str, value: Any) -> exception.InstanceInvalidState:
        return exception.InstanceInvalidState(action=action, instance_uuid=server_uuid,
                                              attr=attr, state=value)
    if accepts.needs_host and state['host'] is None:
        raise exception.InstanceNotReady(instance_id=server_uuid)
    if accepts.vm_states is not None and state['vm_state'] not in accepts.vm_states:
        raise refuse('vm_state', state['vm_state'])
    if accepts.task_states is not None and state['task_state'] not in accepts.task_states:
        raise refuse('task_state', state['task_state'])
    if accepts.must_have_launched and state['launched_at'] is None:
        raise refuse('launched_at', None)
