"""When a dead worker may be replaced: at once, unless workers die so fast that it becomes a fork loop."""

from __future__ import annotations

import time
from collections.abc import Callable


class RespawnGuard:
    """Rate limit on respawns, with an exponential back-off while the limit is exceeded.

    Up to ``limit`` respawns within ``window`` seconds happen at once (a
    worker killed by the OOM killer or an operator comes back immediately).
    Beyond that each further respawn waits: 1 s, then twice as long each time
    the limit is hit again, up to ``max_delay``. Once ``window`` seconds pass
    without a respawn, the back-off starts over.
    """

    def __init__(self, limit: int = 5, window: float = 10.0, max_delay: float = 30.0,
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.max_delay = max_delay
        self._clock = clock
        self._recent: list[float] = []  # when the recent respawns happen(ed)
        self._backoff = 0.0

    def delay(self) -> float:
        """Seconds to wait before the next respawn, which is counted from then on."""
        now = self._clock()
        self._recent = [t for t in self._recent if t > now - self.window]
        if not self._recent:
            self._backoff = 0.0
        if len(self._recent) < self.limit:
            delay = 0.0
        else:
            self._backoff = min(max(2 * self._backoff, 1.0), self.max_delay)
            delay = self._backoff
        self._recent.append(now + delay)
        return delay
