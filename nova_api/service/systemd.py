"""Tell systemd how the service is doing: sd_notify(3) over the $NOTIFY_SOCKET datagram socket.

The protocol is a few lines of text in one datagram, so it is written here
rather than taken from a dependency. Without $NOTIFY_SOCKET (not started by
systemd with Type=notify) every call does nothing.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Mapping

from oslo_log import log as logging

LOG = logging.getLogger(__name__)

ENV = 'NOTIFY_SOCKET'


class Notifier:
    """Sends state changes of the service to the service manager, if there is one."""

    def __init__(self, address: str | None):
        self.address = address or None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> Notifier:
        return cls(environ.get(ENV))

    def notify(self, **fields: object) -> bool:
        """Send ``KEY=value`` lines, e.g. ``notify(READY=1, STATUS='Serving')``.

        Returns whether the message was sent. A failure is logged, never
        raised: the service works without its manager hearing about it.
        """
        if not self.address:
            return False
        message = '\n'.join('%s=%s' % item for item in fields.items()).encode()
        # An address starting with "@" is in Linux's abstract namespace.
        address = '\0' + self.address[1:] if self.address.startswith('@') else self.address
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto(message, address)
        except OSError as exc:
            LOG.warning('Could not notify the service manager at %s: %s', self.address, exc)
            return False
        return True

    def ready(self, status: str) -> bool:
        return self.notify(READY=1, STATUS=status)

    def reloading(self, status: str) -> bool:
        # MONOTONIC_USEC lets systemd >= 253 (Type=notify-reload) match this
        # message with the reload it asked for; older versions ignore it.
        usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        return self.notify(RELOADING=1, MONOTONIC_USEC=usec, STATUS=status)

    def stopping(self, status: str) -> bool:
        return self.notify(STOPPING=1, STATUS=status)

    def status(self, status: str) -> bool:
        return self.notify(STATUS=status)
