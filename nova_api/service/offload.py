"""CPU-bound calls that release the GIL (scrypt), run off a worker's hub.

Asked from a green thread (a request in a worker) the call runs in one of
eventlet's native threads, ``slots`` at a time, so the worker's other
requests go on meanwhile. Asked from a process's main greenlet (a command,
the service before its workers fork) it runs in place: eventlet's thread
pool must not be set up in a process that forks, whose children would
inherit its state but not its threads, and wait on them for ever.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import TypeVar

import greenlet
from eventlet import semaphore
from eventlet import tpool

T = TypeVar('T')


class Offloader:
    """Run calls off the hub, at most ``slots`` at once."""

    def __init__(self, slots: int) -> None:
        self._slots = semaphore.Semaphore(slots)

    def __call__(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if greenlet.getcurrent().parent is None:  # the main greenlet: see the module's doc
            return function(*args, **kwargs)
        with self._slots:
            return tpool.execute(function, *args, **kwargs)
