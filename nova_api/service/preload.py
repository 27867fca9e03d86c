"""What the parent does before it forks so that the workers share, rather than copy, its memory.

A worker loads the application after the fork (nothing holding a connection
is shared), but the modules behind it - the routes, the controllers, the
JSON schemas, the policy rules' code - are the same in every worker. Loading
the application once in the parent and dropping it imports them there, into
pages every worker then shares copy-on-write.

CPython's collector writes to every object it examines (gc_refs), so a
collection in a worker would copy each inherited page it walks. Freezing
moves what exists at fork time into the permanent generation that the
collector never walks; the gc module's documentation advises disabling the
collector until fork so no freed holes appear in those pages, and enabling
it again in the child.

What only the parent needs, once, is kept out of it altogether: the
database preparation (migrations: alembic and mako, ~10 MiB of RSS) runs
:func:`apart`, in a child process the parent waits for, so that neither
the parent nor any worker it forks afterwards holds those modules.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Callable
from collections.abc import Iterator

from eventlet import patcher
from oslo_config import cfg
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

# The parent never runs an eventlet hub (service.supervisor): it waits for the child
# with the real calls.
_read = patcher.original('os').read
_waitpid = patcher.original('os').waitpid

#: The most of a failure's message that the child sends back.
_MESSAGE_BYTES = 65536


class ChildFailed(Exception):
    """The work run :func:`apart` raised (its message), or the child ended without finishing it."""


def apart(work: Callable[[], None]) -> None:
    """Run ``work()`` in a child process and wait for it to finish; :class:`ChildFailed` if it did not.

    Whatever the work imports stays in the child. Its log lines go where
    this process's go (the same handlers and files).
    """
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # else the child would write what is buffered here once more
    read_end, write_end = os.pipe()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    try:
        pid = os.fork()
        if pid == 0:
            _run_in_child(work, read_end, write_end, mask)  # never returns
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    os.close(write_end)
    try:
        message = b''
        while chunk := _read(read_end, _MESSAGE_BYTES):
            message += chunk
    finally:
        os.close(read_end)
    code = os.waitstatus_to_exitcode(_waitpid(pid, 0)[1])
    if code == 0:
        return
    if message:
        raise ChildFailed(message.decode('utf-8', 'replace'))
    if code < 0:
        raise ChildFailed('the child process was killed by %s' % signal.Signals(-code).name)
    raise ChildFailed('the child process exited with status %d' % code)


def _run_in_child(work: Callable[[], None], read_end: int, write_end: int, mask: set) -> None:
    code = 1
    try:
        os.close(read_end)
        # Not the parent's handlers (a supervisor's write to its wake-up pipe): a signal
        # does to this process what it does by default, then it is let through.
        signal.set_wakeup_fd(-1)
        for signum in signal.valid_signals():
            if callable(signal.getsignal(signum)):
                signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        try:
            work()
            code = 0
        except Exception as exc:  # noqa: BLE001 - the parent raises it, with this message
            os.write(write_end, (str(exc) or type(exc).__name__).encode()[:_MESSAGE_BYTES])
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(code)


def warm_up(conf: cfg.ConfigOpts) -> None:
    """Import, in this process, what a worker of ``conf`` imports when it loads the application.

    The application is built and thrown away: its database engine is disposed
    before it ever connects. A failure is left for the worker to report, as
    it always did (with its exit code); here it only costs the sharing.
    """
    from nova_api import compute
    from nova_api import deploy

    try:
        bundle = compute.Compute(conf)
        try:
            deploy.load_app(conf, compute=bundle)
        finally:
            bundle.database.dispose()
    except Exception as exc:  # noqa: BLE001 - the worker reports it with the same cause
        LOG.debug('Could not load the application before forking: %s', exc)
    # The dropped application's cycles, and those of a configuration a reload replaced
    # (frozen by an earlier fork), collected before their pages are shared.
    gc.unfreeze()
    gc.collect()


@contextlib.contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Around ``os.fork()`` in the parent: no collection, and every object frozen at fork.

    The parent stays frozen too: its own collections then skip the shared
    pages as well, and its exit does not walk the whole heap (which made a
    SIGINT exit take seconds on a busy machine). What it leaves frozen is
    collected at the next :func:`warm_up` (start and reload). The child calls
    :func:`in_child` first.
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def in_child() -> None:
    """In the new worker: the collector back on, the inherited objects left frozen."""
    gc.enable()
