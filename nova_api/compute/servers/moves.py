"""Server moves in the compute API: resize and its confirm/revert, cold and live migration, evacuation.

Each move is accepted like every server operation (Nova's state checks and
a compare-and-swap, :meth:`ServerAPI.accept`), and in the same transaction
writes its migration record and checks what Nova's compute API checks
after the state: the flavor and the quota of a resize, the destination
host, the finished migration a confirm or revert needs. What fails there
undoes the acceptance: the server stays as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import orjson
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import flavors as flavor_rules
from nova_api.compute import service_registry
from nova_api.compute.servers import move_steps
from nova_api.compute.servers import operations as ops
from nova_api.compute.servers import states as s
from nova_api.compute.servers.boot import flavor_snapshot
from nova_api.conf import compute as compute_conf
from nova_api.db import database as db
from nova_api.objects import migrations as migration_objects
from nova_api.objects import quotas as quota_objects
from nova_api.objects import server_changes as changes
from nova_api.objects import tasks as task_queue
from nova_api.objects.servers import Server


def _snapshot(server: Server) -> str:
    """The server's flavor snapshot as stored (JSON), from the flavor it shows."""
    return orjson.dumps(dict(server.flavor)).decode()


class MoveAPI(base.ResourceAPI):
    """resize, confirmResize, revertResize, migrate, os-migrateLive, evacuate; force/abort."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.servers = compute.servers

    # -- helpers -------------------------------------------------------------------------

    def _hosts(self) -> dict[str, str]:
        return compute_conf.compute_hosts(self.conf)

    def host_is_down(self, session: orm.Session, host: str | None) -> bool:
        """Nova's service-down test for evacuate (the servicegroup's ``service_is_up``).

        The simulated hosts report all the time, so a host is down when it
        left ``compute_hosts`` or when an administrator forced its
        nova-compute service down (``PUT /os-services``, 2.11): the way an
        operator tells Nova a host has failed before evacuating it.
        """
        if host is None:
            return False
        if host not in self._hosts():
            return True
        service = service_registry.read(session, self.conf).compute().get(host)
        return service is not None and service.forced_down

    def _record(self, ctx: nova_context.RequestContext, server: Server, migration_type: str,
                status: str, dest: str | None = None, **values: Any):
        """``also`` of an accept: write the move's migration record with the server's states."""
        def write(session: orm.Session, state: Mapping[str, Any], now) -> int:
            flavor_id = migration_objects.flavor_pk(session, server.flavor.get('flavorid'))
            row = {'uuid': str(uuid.uuid4()), 'instance_uuid': server.uuid,
                   'migration_type': migration_type, 'status': status,
                   'source_compute': state['host'], 'source_node': server.node or state['host'],
                   'dest_compute': dest, 'dest_node': dest,
                   'dest_host': move_steps.host_address(self.conf, dest) if dest else None,
                   'old_instance_type_id': flavor_id, 'new_instance_type_id': flavor_id,
                   'old_flavor': _snapshot(server), 'new_flavor': _snapshot(server),
                   'user_id': ctx.user_id, 'project_id': ctx.project_id}
            row.update(values)
            return migration_objects.insert(session, row, now)
        return write

    def _check_host(self, host: str | None) -> None:
        """A named destination must be one of the configured hosts (400 otherwise, as Nova)."""
        if host is None:
            return
        if host not in self._hosts():
            raise exception.ComputeHostNotFound(host=host)

    # -- resize and cold migration ---------------------------------------------------------

    def resize(self, ctx: nova_context.RequestContext, server: Server, flavor_ref: str) -> None:
        """Nova's resize checks after the states: the flavor, the disk, the quota; RESIZE_PREP."""
        def also(session: orm.Session, state: Mapping[str, Any], now) -> None:
            new = self._new_flavor(session, ctx, server, flavor_ref)
            self._check_upsize(session, server, server.flavor, new)
            self._record(ctx, server, migration_objects.RESIZE, 'pre-migrating',
                         new_instance_type_id=new.id, new_flavor=flavor_snapshot(new))(
                session, state, now)
        self.servers.accept(ctx, server, ops.RESIZE, also=also)

    def _new_flavor(self, session: orm.Session, ctx, server: Server, flavor_ref: str):
        try:
            new = flavor_rules.get_visible(session, ctx, str(flavor_ref))
        except exception.FlavorNotFound:
            raise exception.ResizeFlavorNotFound(flavor_id=flavor_ref) from None
        current = server.flavor
        volume_backed = not server.image_ref
        if new.root_gb == 0 and current.get('root_gb') != 0 and not volume_backed:
            raise exception.CannotResizeDisk(reason='Resize to zero disk flavor is not allowed.')
        same = new.flavorid == current.get('flavorid')
        if not same and new.disabled:
            raise exception.ResizeFlavorNotFound(flavor_id=flavor_ref)
        if same:
            raise exception.CannotResizeToSameFlavor()
        return new

    def _check_upsize(self, session: orm.Session, server: Server, current: Mapping[str, Any],
                      new: Any) -> None:
        """Nova's upsize check: the growth in cores and ram must fit the owner's quotas."""
        deltas = {}
        if new.vcpus > current.get('vcpus', 0):
            deltas['cores'] = new.vcpus - current.get('vcpus', 0)
        if new.memory_mb > current.get('memory_mb', 0):
            deltas['ram'] = new.memory_mb - current.get('memory_mb', 0)
        if deltas:
            check_deltas(self.quota_engine, session, server.project_id, server.user_id, deltas)

    def migrate(self, ctx: nova_context.RequestContext, server: Server, host: str | None) -> None:
        """A cold migration: a resize to the same flavor on another host (2.56: a named one)."""
        record = self._record(ctx, server, migration_objects.COLD_MIGRATION, 'pre-migrating',
                              dest=host)

        def also(session: orm.Session, state: Mapping[str, Any], now) -> None:
            # After the state checks, as Nova's _validate_host_for_cold_migrate.
            if host is not None and host == state['host']:
                raise exception.CannotMigrateToSameHost()
            self._check_host(host)
            record(session, state, now)
        self.servers.accept(ctx, server, ops.MIGRATE, also=also)

    def confirm_resize(self, ctx: nova_context.RequestContext, server: Server) -> None:
        """From VERIFY_RESIZE: the finished migration goes ``confirming`` (one winner)."""
        def also(session: orm.Session, state: Mapping[str, Any], now) -> None:
            if not migration_objects.advance(session, server.uuid, ('finished',),
                                             {'status': 'confirming'}, now):
                raise exception.InstanceNotResized()
        self.servers.accept(ctx, server, ops.CONFIRM_RESIZE, also=also)

    def revert_resize(self, ctx: nova_context.RequestContext, server: Server) -> None:
        """From VERIFY_RESIZE: back to the old flavor, if it fits the quota again."""
        def also(session: orm.Session, state: Mapping[str, Any], now) -> None:
            migration = migration_objects.latest(session, server.uuid, ('finished',))
            if migration is None:
                raise exception.InstanceNotResized()
            old = move_steps.flavor_columns(migration.old_flavor)
            self._check_upsize(session, server, server.flavor, _Flavor(old))
            migration_objects.set_by_id(session, migration.id, {'status': 'reverting'}, now)
        self.servers.accept(ctx, server, ops.REVERT_RESIZE, also=also)

    # -- live migration --------------------------------------------------------------------

    def live_migrate(self, ctx: nova_context.RequestContext, server: Server, host: str | None,
                     checks_now: bool) -> None:
        """os-migrateLive: MIGRATING; the migration accepted, queued... completed.

        ``checks_now`` (before 2.34): Nova's pre-checks answer the request
        (400 for no valid host or the server's own host); later they fail
        the migration instead.
        """
        record = self._record(ctx, server, migration_objects.LIVE_MIGRATION, 'accepted',
                              dest=host)

        def also(session: orm.Session, state: Mapping[str, Any], now) -> None:
            self._check_host(host)
            if checks_now:
                if host is not None and host == state['host']:
                    raise exception.UnableToMigrateToSelf(instance_id=server.uuid, host=host)
                if host is None and not [name for name in self._hosts() if name != state['host']]:
                    raise exception.NoValidHost(reason='No valid host found for live migration')
            record(session, state, now)
        self.servers.accept(ctx, server, ops.LIVE_MIGRATE, also=also)

    def force_complete(self, ctx: nova_context.RequestContext, server: Server,
                       migration_id: int) -> None:
        """Make a running live migration's copy finish now (Nova's 2.22 force_complete)."""
        _check_in_migration(ctx, server, 'force_complete', active_only=True)

        def work(session: orm.Session) -> None:
            migration = migration_objects.for_instance(session, server.uuid, migration_id)
            if migration.status != 'running':
                raise exception.InvalidMigrationState(
                    migration_id=migration_id, instance_uuid=server.uuid,
                    state=migration.status, method='force complete')
            now = changes.utcnow()
            task_queue.hurry(session, server.uuid, ops.LIVE_MIGRATE.name, now)
            changes.start_action(session, server.uuid, 'live_migration_force_complete',
                                 ctx.request_id, ctx.user_id, ctx.project_id, now)
        self.database.write(work)

    def abort(self, ctx: nova_context.RequestContext, server: Server, migration_id: int,
              queued_too: bool) -> None:
        """Cancel a live migration (2.24; 2.65 also queued or preparing): it stays where it is."""
        _check_in_migration(ctx, server, 'abort live migration', active_only=False)
        allowed = ('running', 'queued', 'preparing') if queued_too else ('running',)

        def work(session: orm.Session) -> None:
            migration = migration_objects.for_instance(session, server.uuid, migration_id)
            if migration.status not in allowed:
                raise exception.InvalidMigrationState(
                    migration_id=migration_id, instance_uuid=server.uuid,
                    state=migration.status, method='abort live migration')
            now = changes.utcnow()
            # The migration's steps then find the server moved on and stop.
            if not changes.compare_and_swap(session, server.uuid, {'task_state': None},
                                            task_states=(s.MIGRATING,), now=now):
                raise exception.InstanceInvalidState(
                    action='abort live migration', instance_uuid=server.uuid,
                    attr='task_state', state=None)
            migration_objects.set_by_id(session, migration.id, {'status': 'cancelled'}, now)
            changes.start_action(session, server.uuid, 'live_migration_cancel', ctx.request_id,
                                 ctx.user_id, ctx.project_id, now)
        self.database.write(work)

    # -- evacuation ----------------------------------------------------------------------

    def evacuate(self, ctx: nova_context.RequestContext, server: Server, host: str | None,
                 stopped: bool) -> None:
        """Rebuild the server elsewhere, its host being down; 2.95: it arrives stopped."""
        if host is not None and host not in self._hosts():
            raise exception.EvacuateHostNotFound(host=host)
        if server.host == host:
            raise exception.EvacuateToSameHost()
        operation = ops.EVACUATE_STOPPED if stopped else ops.EVACUATE

        def also(session: orm.Session, state: Mapping[str, Any], now) -> None:
            if not self.host_is_down(session, state['host']):
                raise exception.ComputeServiceInUse(host=state['host'])
            self._record(ctx, server, migration_objects.EVACUATION, 'accepted', dest=host)(
                session, state, now)
        self.servers.accept(ctx, server, operation, also=also)


def _check_in_migration(ctx: nova_context.RequestContext, server: Server, action: str,
                        active_only: bool) -> None:
    """Nova's lock and state checks of force_complete (ACTIVE, migrating) and abort (migrating)."""
    if server.locked_by is not None and not ctx.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=server.uuid)
    if active_only and server.vm_state != s.ACTIVE:
        raise exception.InstanceInvalidState(action=action, instance_uuid=server.uuid,
                                             attr='vm_state', state=server.vm_state)
    if server.task_state != s.MIGRATING:
        raise exception.InstanceInvalidState(action=action, instance_uuid=server.uuid,
                                             attr='task_state', state=server.task_state)


class _Flavor:
    """The few attributes the upsize check reads, from a server's flavor columns."""

    def __init__(self, columns: Mapping[str, Any]):
        self.vcpus = columns['vcpus']
        self.memory_mb = columns['memory_mb']


def check_deltas(engine, session: orm.Session, project_id: str, user_id: str,
                 deltas: Mapping[str, int]) -> None:
    """Nova's ``Quotas.check_deltas`` for cores and ram: the project's, and the user's own limits.

    Under the project's quota lock, as a boot's check: a resize and a boot
    cannot both take the last cores.
    """
    db.lock(session, 'quota:project:%s' % project_id)
    scopes = [(engine.project_limits(session, project_id),
               quota_objects.instance_usage(session, project_id, None))]
    own = quota_objects.user_limits(session, project_id, user_id)
    if any(name in own for name in deltas):
        scopes.append((engine.user_limits(session, project_id, user_id),
                       quota_objects.instance_usage(session, project_id, user_id)))
    overs: dict[str, tuple[int, int]] = {}
    for limits, used in scopes:
        for name, delta in deltas.items():
            limit = limits[name]
            if 0 <= limit < used[name] + delta:
                overs.setdefault(name, (limit, used[name]))
    if overs:
        names = sorted(overs)
        raise exception.TooManyInstances(
            overs=', '.join(names), req=', '.join(str(deltas[name]) for name in names),
            used=', '.join(str(overs[name][1]) for name in names),
            allowed=', '.join(str(overs[name][0]) for name in names))
