"""Run in the background (double fork, new session, stdio on /dev/null) and keep the pid file."""

from __future__ import annotations

import contextlib
import os
import sys

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class Detached:
    """The detached service's line back to the command that started it.

    That command waits until :meth:`ready` is called, then exits 0; if the
    service dies first, it exits 1. So ``nova-api --daemon && curl ...`` works,
    and a failed start is not reported as a success.
    """

    def __init__(self, fd: int):
        self.fd: int | None = fd

    def ready(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.write(self.fd, b'1')
            os.close(self.fd)
            self.fd = None


def detach() -> Detached:
    """Detach from the terminal; returns in the background process only.

    The working directory is kept: configuration files given with a relative
    path are read again on SIGHUP, and relative paths in them must keep
    meaning what they meant at start.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        os.waitpid(pid, 0)
        os._exit(0 if os.read(read_end, 1) else 1)
    os.close(read_end)
    os.setsid()  # a new session: no controlling terminal, not in the shell's job
    if os.fork():
        os._exit(0)  # the session leader goes, so no terminal can be acquired again
    _redirect_stdio()
    return Detached(write_end)


def _redirect_stdio() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


class PidFile:
    """The service's pid in a file while it runs: written at start, removed at exit."""

    def __init__(self, path: str):
        self.path = path
        self.pid: int | None = None

    def write(self) -> None:
        """Write our pid, atomically (readers never see an empty file). Raises OSError."""
        self.pid = os.getpid()
        tmp = '%s.%d.tmp' % (self.path, self.pid)
        with open(tmp, 'w') as f:
            f.write('%d\n' % self.pid)
        os.replace(tmp, self.path)

    def remove(self) -> None:
        """Remove the file, unless it no longer holds our pid (another instance took it)."""
        if self.pid != os.getpid():
            return  # a forked child: the file is the parent's
        try:
            with open(self.path) as f:
                if f.read().strip() != str(self.pid):
                    return
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            LOG.warning('Could not remove the pid file %s: %s', self.path, exc)

    def __enter__(self) -> PidFile:
        self.write()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.remove()
