"""The simulated hypervisor: every operation succeeds at once, unless told to fail.

It is configured by arguments, not subclasses: how long each operation
takes (``[simulated_driver] *_seconds``) and which operations fail
(``fail_operations``). A server's own metadata overrides both for that
server: ``nova_api:fail=spawn,reboot`` and ``nova_api:build_seconds=5``
(any ``nova_api:<option>`` of a duration), so that people testing their
tooling can make one server misbehave.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Mapping
from typing import Any

from nova_api.compute.servers.driver import DriverError

#: Metadata keys that steer the simulation for one server.
FAIL_KEY = 'nova_api:fail'
DURATION_KEY = 'nova_api:%s'
#: The ``[simulated_driver]`` durations of the server moves.
MOVE_DURATIONS = ('resize_seconds', 'confirm_resize_seconds', 'revert_resize_seconds',
                  'live_migration_seconds', 'evacuate_seconds')


class SimulatedDriver:
    """A hypervisor that takes the configured time and fails where asked."""

    def __init__(self, durations: Mapping[str, float], fail_operations: Collection[str] = ()):
        self.durations = dict(durations)
        self.fail_operations = frozenset(fail_operations)

    @classmethod
    def from_conf(cls, conf) -> SimulatedDriver:
        options = conf.simulated_driver
        durations = {name: getattr(options, name) for name in (
            'build_seconds', 'reboot_seconds', 'power_off_seconds', 'power_on_seconds',
            'delete_seconds', 'action_seconds', 'rebuild_seconds', 'shelve_seconds',
            'unshelve_seconds')}
        durations['snapshot_seconds'] = options.snapshot_seconds
        durations['reclaim_instance_interval'] = float(conf.reclaim_instance_interval)
        # -1: never offloaded; the task runner queues no offload for a negative duration.
        durations['shelved_offload_time'] = float(conf.shelved_offload_time)
        durations.update((name, getattr(options, name)) for name in MOVE_DURATIONS)
        durations['resize_confirm_window'] = float(conf.resize_confirm_window)
        return cls(durations, options.fail_operations)

    def duration(self, option: str, metadata: Mapping[str, str]) -> float:
        override = metadata.get(DURATION_KEY % option)
        if override is not None:
            try:
                return max(0.0, float(override))
            except ValueError:
                pass  # not a number: the configured duration stands
        return self.durations.get(option, 0.0)

    def _run(self, operation: str, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        asked = {name.strip() for name in metadata.get(FAIL_KEY, '').split(',')}
        if operation in self.fail_operations or operation in asked:
            why = ('%s=%s' % (FAIL_KEY, metadata[FAIL_KEY]) if operation in asked
                   else '[simulated_driver] fail_operations')
            raise DriverError('Simulated failure of %s on host %s' % (operation, server.get('host')),
                              details='The simulated driver failed %s as asked by %s.' % (
                                  operation, why))

    def spawn(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        self._run('spawn', server, metadata)

    def reboot(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        self._run('reboot', server, metadata)

    def power_off(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        self._run('power_off', server, metadata)

    def power_on(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        self._run('power_on', server, metadata)

    def destroy(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        self._run('destroy', server, metadata)

    def run(self, operation: str, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        """Any other operation of :data:`~nova_api.conf.simulated_driver.OPERATIONS`."""
        self._run(operation, server, metadata)

    def snapshot(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        self._run('snapshot', server, metadata)

    def move(self, operation: str, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        """A move's hypervisor work (``resize``, ``migrate``, ``live_migration``...): it fails where asked."""
        self._run(operation, server, metadata)
