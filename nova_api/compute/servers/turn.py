"""One turn of the task runner: what its steps write, buffered and then written set-based.

A turn's steps run in Python over rows read (and, on PostgreSQL, locked) at
its start; their writes go here and :meth:`Turn.flush` writes them in a
handful of statements for the whole batch: the servers' new states grouped
by the columns they change, the tasks advanced and finished, the instance
action events, the faults, the addresses given and given back. A batch of
64 builds costs a few dozen statements instead of a dozen per server.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.compute import networks as networks_api
from nova_api.compute.servers import placement
from nova_api.objects import server_changes
from nova_api.objects import server_groups as group_objects
from nova_api.objects import tasks as task_queue


class StateChanged(Exception):
    """A server's row did not match what the turn read: the batch is written again, task by task."""


class Turn:
    """The buffered writes of one turn, in its transaction."""

    def __init__(self, session: orm.Session, now: datetime.datetime,
                 networks: networks_api.NetworkAPI, server_uuids: Sequence[str] = (),
                 net: Any = None):
        self.session = session
        #: The network service (``[network] enabled``), whose ports the servers get; or None.
        self.net = net
        #: The servers of the batch: what the group placement reads at once.
        self.server_uuids = list(server_uuids)
        self.now = now
        self.networks = networks
        #: server uuid -> (its task_state when the turn read it, the columns it sets)
        self.updates: dict[str, tuple[str | None, dict[str, Any]]] = {}
        self.faults: list[dict[str, Any]] = []
        self.events_started: list[dict[str, Any]] = []
        self.events_finished: list[dict[str, Any]] = []
        self.advanced: list[dict[str, Any]] = []
        self.finished: list[int] = []
        self.enqueued: list[dict[str, Any]] = []
        self.released: list[str] = []
        self.addresses: list[dict[str, Any]] = []
        self._host_load: dict[str, int] | None = None
        self._groups: dict[str, placement.GroupHosts] | None = None
        self.left_groups: list[str] = []
        self._allocators: dict[str, networks_api.Allocator] = {}
        self._memo: dict[str, Any] = {}

    # -- what the steps ask for --------------------------------------------------------

    def set(self, server: dict[str, Any], read_task_state: str | None,
            values: Mapping[str, Any]) -> None:
        """Write ``values`` to the server (merged with this turn's earlier writes to it)."""
        first, merged = self.updates.get(server['uuid'], (read_task_state, {}))
        merged.update(values)
        self.updates[server['uuid']] = (first, merged)

    def host_load(self) -> dict[str, int]:
        """Live servers per host, counted once a turn and kept up to date as servers are placed."""
        if self._host_load is None:
            self._host_load = server_changes.servers_per_host(self.session)
        return self._host_load

    def server_group(self, server_uuid: str) -> placement.GroupHosts | None:
        """The group of a server of the batch, read (and locked) for the whole batch at the first ask.

        Servers of one group share one :class:`~.placement.GroupHosts`, so
        a member placed earlier in the turn counts for the next.
        """
        if self._groups is None:
            read = group_objects.placement(self.session, self.server_uuids)
            hosts = {uuid: placement.GroupHosts.of(policy, rules, read.members_per_host[uuid])
                     for uuid, (policy, rules) in read.policies.items()}
            self._groups = {server: hosts[group] for server, group in read.group_of.items()}
        return self._groups.get(server_uuid)

    def leave_groups(self, server_uuid: str) -> None:
        """A destroyed server leaves its server groups, at the flush."""
        self.left_groups.append(server_uuid)
    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once a turn (the hosts the scheduler may use): one read for the whole batch."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def allocate(self, server_uuid: str, network: networks_api.Network,
                 address: str | None = None, tag: str | None = None) -> str:
        """An address for the server on ``network``, written at the flush."""
        allocator = self._allocators.get(network.id)
        if allocator is None:
            allocator = self._allocators[network.id] = self.networks.allocator(self.session, network)
        row = allocator.take(server_uuid, address, tag)
        self.addresses.append(row)
        return row['address']

    def allocate_ports(self, server: Mapping[str, Any], entries: Sequence[Mapping[str, Any]],
                       group_names: Sequence[str], zone: str) -> None:
        """The server's ports made or bound now; their cache rows written at the flush."""
        self.addresses.extend(self.net.server_ports.allocate(self.session, server, entries,
                                                             group_names, zone))

    def release(self, server_uuid: str) -> None:
        self.released.append(server_uuid)

    # -- the writes ----------------------------------------------------------------------

    def flush(self) -> None:
        """Write everything, the servers first; StateChanged if a server moved under the turn."""
        session = self.session
        if self.released:
            if self.net is not None:
                self.net.server_ports.release(session, self.released)
            self.networks.release(session, self.released)
        self.networks.insert(session, self.addresses)
        group_objects.remove_servers(session, self.left_groups)
        expected = server_changes.set_many(session, {
            uuid: (task_state, values) for uuid, (task_state, values) in self.updates.items()},
            self.now)
        if not expected:
            raise StateChanged()
        task_queue.advance_many(session, self.advanced)
        task_queue.finish_many(session, self.finished)
        task_queue.enqueue_many(session, self.enqueued)
        server_changes.add_faults(session, self.faults)
        server_changes.start_events(session, self.events_started)
        server_changes.finish_events(session, self.events_finished, self.now)


def select_servers(session: orm.Session, uuids: list[str]) -> dict[str, dict[str, Any]]:
    """The servers' rows by uuid, locked for the turn where the database locks rows."""
    table = server_changes.instances
    query = sa.select(table).where(table.c.uuid.in_(uuids)).order_by(table.c.uuid)
    if session.get_bind().dialect.name == 'postgresql':
        query = query.with_for_update()
    return {row['uuid']: dict(row) for row in session.execute(query).mappings()}
