"""``os-server-external-events``: what other services tell Nova about its servers.

Each event is judged on its own (Nova's per-event ``code``): 404 for a
server that does not exist, 400 for an event that needs a ``tag`` and has
none, 422 for a server not on a host yet, else 200 and it is handed to the
server's compute host, which here is the simulation:

- ``power-update`` (2.76, tag ``POWER_OFF`` or ``POWER_ON``): the power
  changed outside Nova; a running server stops, a stopped one becomes
  active (any other state: nothing changes), with a ``stop``/``start``
  instance action;
- ``volume-extended`` (2.51): an ``extend_volume`` instance action;
- ``network-vif-deleted`` (tag: a port id): the port is gone, so is the
  address on it;
- the others (``network-changed``, ``network-vif-plugged``/``-unplugged``,
  ``accelerator-request-bound``, ``volume-reimaged``) would wake a waiting
  operation; the simulated ones wait for none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api.compute import base
from nova_api.compute import server_holds
from nova_api.compute.servers import states as s
from nova_api.db import models
from nova_api.objects import attach_interfaces as ports
from nova_api.objects import server_changes as changes

TAG_REQUIRED = frozenset(('volume-extended', 'power-update', 'accelerator-request-bound'))
POWER_ON = 'POWER_ON'
POWER_OFF = 'POWER_OFF'

#: target power -> (instance action, the states it applies to, the states it writes):
#: Nova's _is_state_valid_for_power_update_event and the Ironic driver's power_update_event.
_POWER_UPDATES: Mapping[str, tuple[str, str, int, dict[str, Any]]] = {
    POWER_OFF: ('stop', s.ACTIVE, s.RUNNING,
                {'vm_state': s.STOPPED, 'power_state': s.SHUTDOWN, 'progress': 0}),
    POWER_ON: ('start', s.STOPPED, s.SHUTDOWN, {'vm_state': s.ACTIVE, 'power_state': s.RUNNING}),
}

_I = models.Instance.__table__.c


@dataclasses.dataclass(frozen=True)
class Outcome:
    """One event of the request, with the ``code`` and ``status`` Nova answers for it."""

    event: Mapping[str, Any]
    code: int
    status: str


def _code(event: Mapping[str, Any], server: Mapping[str, Any] | None) -> int:
    if server is None:
        return 404
    if event['name'] in TAG_REQUIRED and event.get('tag') is None:
        return 400
    return 200 if server['host'] else 422


class ExternalEventAPI(base.ResourceAPI):
    """Accept a batch of events; the overall code is 200, or 207 when any was refused."""

    def create(self, ctx: nova_context.RequestContext,
               events: Sequence[Mapping[str, Any]]) -> tuple[list[Outcome], int]:
        def work(session: orm.Session) -> list[Outcome]:
            uuids = sorted({event['server_uuid'] for event in events})
            servers = {row['uuid']: dict(row) for row in session.execute(
                sa.select(_I.uuid, _I.host, _I.vm_state, _I.task_state, _I.power_state)
                .where(_I.uuid.in_(uuids), _I.deleted.is_(False))).mappings()}
            outcomes = []
            for event in events:
                code = _code(event, servers.get(event['server_uuid']))
                if code == 200:
                    self._deliver(session, ctx, event, servers[event['server_uuid']])
                outcomes.append(Outcome(event, code, 'completed' if code == 200 else 'failed'))
            return outcomes
        outcomes = self.database.write(work)
        return outcomes, 200 if all(outcome.code == 200 for outcome in outcomes) else 207

    @staticmethod
    def _deliver(session: orm.Session, ctx: nova_context.RequestContext,
                 event: Mapping[str, Any], server: dict[str, Any]) -> None:
        name, tag, uuid = event['name'], event.get('tag'), server['uuid']
        if name == 'volume-extended':
            server_holds.record(session, ctx, uuid, 'extend_volume', 'compute_extend_volume',
                                server['host'])
        elif name == 'power-update':
            if tag not in _POWER_UPDATES:
                return  # Nova logs the unknown power state and skips the event
            action, vm_state, power_state, values = _POWER_UPDATES[tag]
            server_holds.record(session, ctx, uuid, action, 'compute_power_update',
                                server['host'])
            if (server['vm_state'], server['task_state'], server['power_state']) == (
                    vm_state, None, power_state):
                if changes.compare_and_swap(session, uuid, values, vm_states=[vm_state],
                                            task_states=[None]):
                    server.update(values)  # a later event of the batch sees the new state
        elif name == 'network-vif-deleted' and tag:
            ports.delete(session, uuid, tag)
