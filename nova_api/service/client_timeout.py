"""``[wsgi] client_socket_timeout``: end connections whose socket read or write waits too long.

eventlet can time every blocking socket operation itself (``socket_timeout``),
but that costs a hub timer, an exception object and a heap push for each
wait: measured at about 10 us a request, more than all the application's own
work for the version document. A worker instead looks a few times per timeout
at which of its connections wait on their socket. A wait that is still the
very same one (the same hub listener) a timeout after it was first seen ends
the way eventlet's own timer would end it: ``socket.timeout`` is thrown into
the connection's greenthread from the hub, and the WSGI server closes the
connection.

So a connection is closed between ``timeout`` and ``timeout`` plus two looks
(a tenth of it each, at most 5 s) after its read or write began waiting, and
never earlier. Time spent in the application (a slow database query) is not
a socket wait and is never cut short.
"""

from __future__ import annotations

import socket
import time
import weakref
from typing import Any

import eventlet
from eventlet import hubs

#: How often connections are looked at: this share of the timeout, within bounds.
LOOK_SHARE = 0.1
MIN_LOOK_INTERVAL = 0.05
MAX_LOOK_INTERVAL = 5.0

_NOT_WAITING = (None, 0.0)


class ClientTimeout:
    """Watch accepted connections; time out socket waits longer than ``timeout`` seconds."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.interval = min(max(timeout * LOOK_SHARE, MIN_LOOK_INTERVAL), MAX_LOOK_INTERVAL)
        # connection -> (the hub listener it was last seen waiting on, when first seen)
        self._connections: weakref.WeakKeyDictionary[Any, tuple[Any, float]] = \
            weakref.WeakKeyDictionary()
        self._thread: eventlet.greenthread.GreenThread | None = None

    def watch(self, connection: socket.socket) -> None:
        """Time this connection's socket waits from now on (until it is closed)."""
        self._connections[connection] = _NOT_WAITING

    def start(self) -> None:
        self._thread = eventlet.spawn(self._run)

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.kill()
            self._thread = None

    def look(self, now: float | None = None) -> int:
        """Look at every connection once; how many waits were found too long."""
        now = time.monotonic() if now is None else now
        hub = hubs.get_hub()
        readers, writers = hub.listeners[hub.READ], hub.listeners[hub.WRITE]
        expired = 0
        for connection, (seen, since) in list(self._connections.items()):
            fd = connection.fileno()
            if fd < 0:  # closed; eventlet drops its last reference soon
                self._connections.pop(connection, None)
                continue
            waiting = readers.get(fd) or writers.get(fd)
            if waiting is None:
                self._connections[connection] = _NOT_WAITING
            elif waiting is not seen:
                self._connections[connection] = (waiting, now)
            elif now - since >= self.timeout:
                self._connections[connection] = _NOT_WAITING
                hub.schedule_call_global(0, _expire, fd, waiting)
                expired += 1
        return expired

    def _run(self) -> None:
        while True:
            eventlet.sleep(self.interval)
            self.look()


def _expire(fd: int, listener: Any) -> None:
    """In the hub: end the wait if it is still the one that was too long."""
    hub = hubs.get_hub()
    if listener in (hub.listeners[hub.READ].get(fd), hub.listeners[hub.WRITE].get(fd)):
        listener.tb(TimeoutError('timed out'))  # socket.timeout
