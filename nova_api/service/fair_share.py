"""No connection holds its worker: a green thread yields after a few requests served in one hub turn.

eventlet serves a keep-alive connection in one green thread, which reads the
next request as soon as it has written a response. When the client is quick
(a load generator or a proxy on the same machine, answering within the few
microseconds the access line takes), that next request is already there, the
read does not block, and the thread serves request after request without
ever going back to the hub. Every other connection of the worker waits
meanwhile, for as long as the ping-pong lasts: with 1,000 connections on 2
cores (h2load's per-request log; tools/README.md), the median request took
0.1 ms and the longest waits 6 s on the bare eventlet.wsgi server, 23 s on
nova-api.

So the worker counts the hub's polls (:func:`install` wraps the hub's
``wait``), and a connection's green thread that is about to read its next
request in the same turn as its last :data:`REQUESTS_PER_TURN` ones yields
first (``eventlet.sleep(0)``) until the hub has polled: every connection
with a request waiting gets a turn before it goes on (nova-api's longest
wait: 1.1 s). A thread whose read blocks, the common case with remote
clients, never yields here: the count has moved by the time it is woken.
"""

from __future__ import annotations

from typing import Any

import eventlet

#: Requests a connection may serve back to back within one hub turn before it yields.
REQUESTS_PER_TURN = 8


class HubTurns:
    """The number of times the worker's hub has polled for ready sockets."""

    __slots__ = ('count',)

    def __init__(self) -> None:
        self.count = 0


#: The worker's count: a worker serves from one hub, in its main thread.
TURNS = HubTurns()


def install(hub: Any, turns: HubTurns = TURNS) -> None:
    """Count each ``wait`` (one poll) of ``hub`` in ``turns``; once per hub."""
    if getattr(hub, '_nova_api_turns', None) is turns:
        return
    wait = hub.wait

    def counted_wait(seconds: float | None = None) -> None:
        turns.count += 1
        return wait(seconds)

    hub.wait = counted_wait
    hub._nova_api_turns = turns


class Share:
    """One connection's share of its worker: call :meth:`before_request` before reading each request."""

    __slots__ = ('_turn', '_served', '_turns')

    def __init__(self, turns: HubTurns = TURNS) -> None:
        self._turns = turns
        self._turn = -1
        self._served = 0

    def before_request(self) -> None:
        turn = self._turns.count
        if turn != self._turn:
            self._turn = turn
            self._served = 1
        elif self._served < REQUESTS_PER_TURN:
            self._served += 1
        else:
            self._served = 1
            # A yield from a poll's callback resumes in the timers the hub
            # fires before its next poll; a second one, made from there,
            # resumes after it. Two at most: a hub not counted never moves.
            eventlet.sleep(0)
            if self._turns.count == turn:
                eventlet.sleep(0)
