"""What the steps of the moves do: pick a destination, ask the driver, advance the migration record.

The calls of :mod:`~nova_api.compute.servers.operations`' resize, migrate,
confirm/revert, live migration and evacuation rows, as Nova's conductor and
compute manager carry them out. Each advances the server's migration record
in the turn's transaction, so that record and server states are committed
together; a failure sets the record's failure status (``error``, or
``failed`` for an evacuation) before the server takes its failure states.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import orjson
from oslo_config import cfg

from nova_api.compute.servers import states as s
from nova_api.compute.servers.driver import Driver
from nova_api.compute.servers.driver import DriverError
from nova_api.conf import compute as compute_conf
from nova_api.objects import migrations as migration_objects

Call = Callable[[Any, Mapping[str, Any], Mapping[str, str]], Mapping[str, Any] | None]

MiB = 1024 * 1024
GiB = 1024 * MiB

_RESIZES = (migration_objects.RESIZE, migration_objects.COLD_MIGRATION)


def host_address(conf: cfg.ConfigOpts, host: str) -> str:
    """The simulated host's address (Nova's ``dest_host`` is the compute's ``my_ip``)."""
    names = list(compute_conf.compute_hosts(conf))
    index = names.index(host) if host in names else len(names)
    return '192.0.2.%d' % (index % 254 + 1)  # TEST-NET-1: documentation addresses


def flavor_columns(snapshot: str) -> dict[str, Any]:
    """The instance columns that hold its flavor, from a flavor snapshot (JSON)."""
    flavor = orjson.loads(snapshot)
    return {'flavor_id': flavor['flavorid'], 'flavor': snapshot, 'vcpus': flavor['vcpus'],
            'memory_mb': flavor['memory_mb'], 'root_gb': flavor['root_gb'],
            'ephemeral_gb': flavor['ephemeral_gb']}


def _resting_state(server: Mapping[str, Any]) -> dict[str, Any]:
    """ACTIVE, or STOPPED for a server that was moved while powered off (Nova's old_vm_state)."""
    stopped = server['power_state'] == s.SHUTDOWN
    return {'vm_state': s.STOPPED if stopped else s.ACTIVE}


class MoveSteps:
    """The moves' calls, for one configuration."""

    def __init__(self, conf: cfg.ConfigOpts, driver: Driver):
        self.conf = conf
        self.driver = driver
        self.calls: Mapping[str, Call] = {
            'prep_resize': self._prep_resize,
            'prep_migrate': self._prep_resize,
            'resize': self._migrate_disk('resize'),
            'migrate': self._migrate_disk('migrate'),
            'finish_resize': self.finish_resize,
            'confirm_resize': self.confirm_resize,
            'revert_resize': self.revert_resize,
            'finish_revert_resize': self.finish_revert_resize,
            'schedule_live_migration': self.schedule_live_migration,
            'pre_live_migration': self._live_status('queued', 'preparing'),
            'start_live_migration': self.start_live_migration,
            'live_migration': self.live_migration,
            'post_live_migration': self.post_live_migration,
            'schedule_evacuation': self.schedule_evacuation,
            'rebuild_on_host': self.rebuild_on_host,
            'finish_evacuation': self._finish_evacuation(stopped=False),
            'finish_evacuation_stopped': self._finish_evacuation(stopped=True),
        }

    # -- shared -------------------------------------------------------------------------

    @staticmethod
    def _migration(turn, server: Mapping[str, Any], statuses: Iterable[str],
                   types: Iterable[str]) -> migration_objects.Migration:
        migration = migration_objects.latest(turn.session, server['uuid'], statuses, types)
        if migration is None:
            # Accepting the move wrote it; without it the move cannot go on.
            raise DriverError('Migration record of %s not found' % server['uuid'])
        return migration

    def _destination(self, turn, server: Mapping[str, Any], migration, allow_same_host: bool,
                     what: str) -> str:
        """The host asked for, else the least busy other host (of the pinned zone, if any)."""
        hosts = compute_conf.compute_hosts(self.conf)
        wanted = migration.dest_compute
        if wanted:
            candidates = [wanted] if wanted in hosts else []
        else:
            zone = server['pinned_availability_zone']
            candidates = [host for host, host_zone in hosts.items()
                          if zone in (None, host_zone)
                          and (allow_same_host or host != server['host'])]
        if not candidates:
            raise DriverError('No valid host was found. No valid host found for %s' % what)
        load = turn.host_load()
        host = min(candidates, key=lambda name: (load.get(name, 0), name))
        load[host] = load.get(host, 0) + 1
        return host

    def _schedule(self, turn, server, migration, allow_same_host: bool, what: str,
                  status: str, failed_states: Mapping[str, Any] | None) -> None:
        try:
            host = self._destination(turn, server, migration, allow_same_host, what)
        except DriverError as error:
            migration_objects.set_by_id(turn.session, migration.id, {'status': 'error'}, turn.now)
            raise DriverError(error.message, states=failed_states) from None
        migration_objects.set_by_id(turn.session, migration.id, {
            'status': status, 'dest_compute': host, 'dest_node': host,
            'dest_host': host_address(self.conf, host)}, turn.now)

    def _drive(self, turn, server, metadata, operation: str, migration_id: int,
               failed: str = 'error') -> None:
        """The driver's part of a move; a failure marks the migration ``failed``."""
        try:
            self.driver.move(operation, server, metadata)
        except DriverError:
            migration_objects.set_by_id(turn.session, migration_id, {'status': failed}, turn.now)
            raise

    def _on_host(self, host: str) -> dict[str, Any]:
        return {'host': host, 'node': host,
                'availability_zone': compute_conf.compute_hosts(self.conf).get(
                    host, self.conf.default_availability_zone)}

    # -- resize and cold migration ---------------------------------------------------------

    def _prep_resize(self, turn, server, metadata) -> None:
        migration = self._migration(turn, server, ('pre-migrating',), _RESIZES)
        resize = migration.migration_type == migration_objects.RESIZE
        # No valid host: the conductor puts the server back as it was, with a fault.
        self._schedule(turn, server, migration,
                       allow_same_host=resize and self.conf.allow_resize_to_same_host,
                       what='resize' if resize else 'cold migrate', status='migrating',
                       failed_states={'vm_state': server['vm_state'], 'task_state': None})
        return None

    def _migrate_disk(self, operation: str) -> Call:
        def call(turn, server, metadata):
            migration = self._migration(turn, server, ('migrating',), _RESIZES)
            self._drive(turn, server, metadata, operation, migration.id)
            migration_objects.set_by_id(turn.session, migration.id, {'status': 'post-migrating'},
                                        turn.now)
            return None
        return call

    def finish_resize(self, turn, server, metadata) -> Mapping[str, Any]:
        """On the destination with the new flavor: VERIFY_RESIZE, the migration ``finished``."""
        migration = self._migration(turn, server, ('post-migrating',), _RESIZES)
        migration_objects.set_by_id(turn.session, migration.id, {'status': 'finished'}, turn.now)
        window = self.conf.resize_confirm_window
        if window:
            # Nova's _poll_unconfirmed_resizes: confirmed for the user after the window.
            turn.enqueued.append({
                'instance_uuid': server['uuid'], 'operation': 'confirm_resize', 'step': 0,
                'due_at': turn.now + datetime.timedelta(seconds=window), 'attempts': 0,
                'action_id': None, 'created_at': turn.now})
        return {**self._on_host(migration.dest_compute), **flavor_columns(migration.new_flavor)}

    def confirm_resize(self, turn, server, metadata) -> Mapping[str, Any]:
        """The source cleaned up: ACTIVE (or SHUTOFF, as it was), the migration ``confirmed``."""
        migration = self._migration(turn, server, ('confirming', 'finished'), _RESIZES)
        self._drive(turn, server, metadata, 'confirm_resize', migration.id)
        migration_objects.set_by_id(turn.session, migration.id, {'status': 'confirmed'}, turn.now)
        return _resting_state(server)

    def revert_resize(self, turn, server, metadata) -> None:
        migration = self._migration(turn, server, ('reverting',), _RESIZES)
        self._drive(turn, server, metadata, 'revert_resize', migration.id)
        return None

    def finish_revert_resize(self, turn, server, metadata) -> Mapping[str, Any]:
        """Back on the source with the old flavor, as it was; the migration ``reverted``."""
        migration = self._migration(turn, server, ('reverting',), _RESIZES)
        migration_objects.set_by_id(turn.session, migration.id, {'status': 'reverted'}, turn.now)
        return {**_resting_state(server), **self._on_host(migration.source_compute),
                **flavor_columns(migration.old_flavor)}

    # -- live migration --------------------------------------------------------------------

    def schedule_live_migration(self, turn, server, metadata) -> None:
        migration = self._migration(turn, server, ('accepted',), (migration_objects.LIVE_MIGRATION,))
        self._schedule(turn, server, migration, allow_same_host=False, what='live migration',
                       status='queued', failed_states=None)
        return None

    def _live_status(self, from_status: str, to_status: str) -> Call:
        def call(turn, server, metadata):
            migration = self._migration(turn, server, (from_status,),
                                        (migration_objects.LIVE_MIGRATION,))
            migration_objects.set_by_id(turn.session, migration.id, {'status': to_status},
                                        turn.now)
            return None
        return call

    def start_live_migration(self, turn, server, metadata) -> None:
        """The copy begins: its progress is what ``/servers/{id}/migrations`` shows."""
        migration = self._migration(turn, server, ('preparing',),
                                    (migration_objects.LIVE_MIGRATION,))
        memory = server['memory_mb'] * MiB or None
        disk = server['root_gb'] * GiB or None
        migration_objects.set_by_id(turn.session, migration.id, {
            'status': 'running',
            'memory_total': memory, 'memory_processed': memory and memory // 10,
            'memory_remaining': memory and memory - memory // 10,
            'disk_total': disk, 'disk_processed': disk and disk // 10,
            'disk_remaining': disk and disk - disk // 10}, turn.now)
        return None

    def live_migration(self, turn, server, metadata) -> None:
        migration = self._migration(turn, server, ('running',),
                                    (migration_objects.LIVE_MIGRATION,))
        self._drive(turn, server, metadata, 'live_migration', migration.id)
        migration_objects.set_by_id(turn.session, migration.id, {
            'status': 'post-migrating', 'memory_processed': migration.memory_total,
            'memory_remaining': None, 'disk_processed': migration.disk_total,
            'disk_remaining': None}, turn.now)
        return None

    def post_live_migration(self, turn, server, metadata) -> Mapping[str, Any]:
        migration = self._migration(turn, server, ('post-migrating',),
                                    (migration_objects.LIVE_MIGRATION,))
        migration_objects.set_by_id(turn.session, migration.id, {'status': 'completed'}, turn.now)
        return self._on_host(migration.dest_compute)

    # -- evacuation --------------------------------------------------------------------------

    def schedule_evacuation(self, turn, server, metadata) -> None:
        migration = self._migration(turn, server, ('accepted',), (migration_objects.EVACUATION,))
        # No valid host: the conductor puts the server in ERROR (the operation's failure).
        self._schedule(turn, server, migration, allow_same_host=False, what='evacuation',
                       status='pre-migrating', failed_states=None)
        return None

    def rebuild_on_host(self, turn, server, metadata) -> Mapping[str, Any]:
        """The destination takes the server over as it starts rebuilding it."""
        migration = self._migration(turn, server, ('pre-migrating',),
                                    (migration_objects.EVACUATION,))
        return self._on_host(migration.dest_compute)

    def _finish_evacuation(self, stopped: bool) -> Call:
        def call(turn, server, metadata):
            migration = self._migration(turn, server, ('pre-migrating',),
                                        (migration_objects.EVACUATION,))
            self._drive(turn, server, metadata, 'evacuate', migration.id, failed='failed')
            migration_objects.set_by_id(turn.session, migration.id, {'status': 'done'}, turn.now)
            # vm_state has not changed since the evacuation began: it is the original one.
            if stopped or server['vm_state'] == s.STOPPED:
                return {'vm_state': s.STOPPED, 'power_state': s.SHUTDOWN}
            return {'vm_state': s.ACTIVE, 'power_state': s.RUNNING}
        return call
