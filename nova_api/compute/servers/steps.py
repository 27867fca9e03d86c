"""What the steps of the operations do: place a server, give it addresses, ask the driver.

Each call takes the runner's turn (:class:`~.turn.Turn`: its transaction
and the writes it buffers), the server's row (its columns, as the turn read
them) and its metadata, and returns the columns it changes besides the
step's own states, or raises :class:`DriverError` with the fault Nova would
record.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

import orjson
from oslo_config import cfg

from nova_api import exception
from nova_api.compute import networks as networks_api
from nova_api.compute import service_registry
from nova_api.compute.servers import image_steps
from nova_api.compute.servers import move_steps
from nova_api.compute.servers import placement
from nova_api.compute.servers import states
from nova_api.compute.servers.driver import Driver
from nova_api.compute.servers.driver import DriverError

Call = Callable[[Any, Mapping[str, Any], Mapping[str, str]], Mapping[str, Any] | None]

#: The operations whose step is the driver's call and nothing else (their
#: states are the operation's own, in :mod:`.operations`).
_PLAIN_DRIVER_OPERATIONS = ('pause', 'unpause', 'suspend', 'resume', 'rescue', 'unrescue',
                            'set_admin_password', 'trigger_crash_dump', 'shelve',
                            'shelve_offload', 'unshelve', 'restore')

class _Owner:
    """The project a server's automatic network is chosen for."""

    is_admin = False

    def __init__(self, project_id: str) -> None:
        self.project_id = project_id


#: Nova's NoValidHost when the scheduler's filters leave no host.
NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.'


class Steps:
    """The calls the operations' steps name, for one configuration."""

    def __init__(self, conf: cfg.ConfigOpts, driver: Driver, networks: networks_api.NetworkAPI,
                 net: Any = None):
        self.conf = conf
        self.driver = driver
        self.networks = networks
        #: The network service whose ports servers get, or None (``[network] enabled = false``).
        self.net = net
        self.calls: Mapping[str, Call] = {
            'schedule': self.schedule,
            'allocate_network': self.allocate_network,
            'spawn': self.spawn,
            'reboot': self._driver_call(driver.reboot),
            'power_off': self._driver_call(driver.power_off),
            'power_on': self._driver_call(driver.power_on),
            'destroy': self.destroy,
            'rebuild': self.rebuild,
            'schedule_unshelve': self.schedule_unshelve,
            **move_steps.MoveSteps(conf, driver).calls,
        }
        for name in _PLAIN_DRIVER_OPERATIONS:
            self.calls[name] = self._named_driver_call(name)
        self.calls = {**self.calls, **image_steps.ImageSteps(driver).calls()}

    @staticmethod
    def _driver_call(method: Callable[[Mapping[str, Any], Mapping[str, str]], None]) -> Call:
        def call(turn, server, metadata):
            method(server, metadata)
            return None
        return call

    def _named_driver_call(self, operation: str) -> Call:
        def call(turn, server, metadata):
            self.driver.run(operation, server, metadata)
            return None
        return call

    def schedule(self, turn, server: Mapping[str, Any],
                 metadata: Mapping[str, str]) -> Mapping[str, Any]:
        """Place the server: the host asked for, else the least busy host of its zone.

        Only enabled compute services that are up are chosen (Nova's
        ComputeFilter); zones are the aggregates'. A member of a server group
        goes where its group's policy lets it (:mod:`.placement`); none left
        is Nova's NoValidHost. The server takes the zone of its host, as
        Nova's conductor gives it.
        """
        hosts = turn.memo('schedulable_hosts',
                          lambda: service_registry.schedulable(turn.session, self.conf))
        wanted = server['requested_host'] or server['requested_node']
        if wanted:
            candidates = [wanted] if wanted in hosts else []
        else:
            zone = server['availability_zone']
            candidates = [host for host, host_zone in hosts.items() if zone in (None, host_zone)]
        if not candidates:
            raise DriverError(NO_VALID_HOST)
        load = turn.host_load()
        group = turn.server_group(server['uuid'])
        if group is None:
            host = placement.least_loaded(candidates, load)
        else:
            host = group.choose(candidates, load)
            if host is None:
                raise DriverError(NO_VALID_HOST)
            group.place(host)
        load[host] = load.get(host, 0) + 1
        return {'host': host, 'node': host, 'availability_zone': hosts[host]}

    def allocate_network(self, turn, server: Mapping[str, Any],
                         metadata: Mapping[str, str]) -> None:
        """Give the server the addresses it asked for (``auto``: one on ``private``)."""
        requested = orjson.loads(server['requested_networks']) if server['requested_networks'] \
            else 'auto'
        if requested == 'none':
            return None
        if self.net is not None:
            return self._allocate_ports(turn, server, requested)
        entries = [{'uuid': self.networks.private.id}] if requested == 'auto' else requested
        try:
            for entry in entries:
                network = self.networks.get(entry['uuid'])
                turn.allocate(server['uuid'], network, entry.get('fixed_ip'), entry.get('tag'))
        except (exception.NoMoreFixedIps, exception.FixedIpAlreadyInUse,
                exception.NetworkNotFound) as error:
            raise DriverError('Build of instance %s aborted: Failed to allocate the network(s), '
                              'not rescheduling.' % server['uuid'],
                              details=error.format_message()) from None
        return None

    def _allocate_ports(self, turn, server: Mapping[str, Any], requested: Any) -> None:
        """Ports on the network service (the entries boot checked); a failure is Nova's."""
        if requested == 'auto':  # booted before the network service was on: its choice now
            network = self.net.server_ports.auto_network(turn.session, _Owner(server['project_id']))
            requested = [] if network is None else [{'uuid': network.id}]
        groups = orjson.loads(server['security_groups']) if server['security_groups'] else []
        zone = server['availability_zone'] or self.conf.default_availability_zone
        try:
            turn.allocate_ports(server, requested, groups, zone)
        except exception.NovaAPIException as error:
            self.net.server_ports.release(turn.session, [server['uuid']])
            raise DriverError('Build of instance %s aborted: Failed to allocate the network(s), '
                              'not rescheduling.' % server['uuid'],
                              details=error.format_message()) from None

    def spawn(self, turn, server: Mapping[str, Any],
              metadata: Mapping[str, str]) -> None:
        """Boot it on its host. A failure is Nova's: rescheduled until no host is left."""
        try:
            self.driver.spawn(server, metadata)
        except DriverError as error:
            raise DriverError('Exceeded maximum number of retries. Exhausted all hosts available '
                              'for retrying build failures for instance %s.' % server['uuid'],
                              details=error.details or error.message) from None
        return None

    def destroy(self, turn, server: Mapping[str, Any],
                metadata: Mapping[str, str]) -> None:
        """Destroy it on its host and give its addresses back."""
        self.driver.destroy(server, metadata)
        turn.release(server['uuid'])
        image_steps.abandon(turn.session, server['uuid'])
        turn.leave_groups(server['uuid'])
        return None

    def rebuild(self, turn, server: Mapping[str, Any],
                metadata: Mapping[str, str]) -> Mapping[str, Any]:
        """Spawn the new image; the guest ends as it was: stopped if stopped, else running."""
        self.driver.run('rebuild', server, metadata)
        if server['vm_state'] == states.STOPPED:
            return {'vm_state': states.STOPPED, 'power_state': states.SHUTDOWN}
        return {'vm_state': states.ACTIVE, 'power_state': states.RUNNING}

    def schedule_unshelve(self, turn, server: Mapping[str, Any],
                          metadata: Mapping[str, str]) -> Mapping[str, Any] | None:
        """An offloaded server is placed again: in its pinned zone (the request spec's), if any.

        A server shelved but not offloaded is still on its host.
        """
        if server['host'] is not None:
            return None
        return self.schedule(turn, dict(server, availability_zone=server['pinned_availability_zone']),
                             metadata)
