"""The parent process: forks one worker per socket slot, keeps them running, and owns the signals.

SIGTERM  stop accepting, let the workers drain for up to graceful_shutdown_timeout, exit 0.
SIGINT   kill the workers, exit 130 at once.
SIGHUP   re-read the configuration and replace every worker, slot by slot: the
         new worker starts on the slot's socket, and only once it is ready is
         the old one told to drain. The sockets never close, so the port
         keeps answering throughout.
A worker that dies is respawned into its slot (see respawn.RespawnGuard);
the workers exit by themselves when the parent dies (the lifeline pipe).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence

from eventlet import patcher
from oslo_config import cfg
from oslo_log import log as logging

from nova_api.service import preload
from nova_api.service import respawn
from nova_api.service import sockets
from nova_api.service import systemd
from nova_api.service import worker

LOG = logging.getLogger(__name__)

# The parent never runs an eventlet hub: it waits in the real select() and
# reads with the real os.read, so signals, timeouts and fork() behave as in
# plain Python whatever monkey-patching did.
_select = patcher.original('select').select
_read = patcher.original('os').read

#: The signals the parent handles; blocked around fork() so that a new
#: worker never runs the parent's handlers.
SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCHLD})

#: A draining worker gives up by itself after graceful_shutdown_timeout; the
#: parent SIGKILLs it this many seconds later if it is still there.
KILL_MARGIN = 2.0

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report an interrupted command


def worker_count(conf: cfg.ConfigOpts) -> int:
    return conf.osapi_compute_workers or os.cpu_count() or 1


@dataclasses.dataclass(eq=False)
class Worker:
    """The parent's record of one worker process."""

    pid: int
    slot: int
    ready: bool = False           # reported that its application is loaded and it serves
    retiring: bool = False        # told to stop: its exit is expected
    kill_at: float | None = None  # when to SIGKILL it if it is still draining


@dataclasses.dataclass(eq=False)
class Slot:
    """One listening socket and the worker that serves it."""

    index: int
    sock: socket.socket
    worker: Worker | None = None
    successor: Worker | None = None  # during a reload: the new worker taking over
    respawn_at: float | None = None  # when to replace a dead worker

    def settled(self) -> bool:
        return self.worker is not None and self.worker.ready and self.successor is None


class Supervisor:
    """Runs the workers of the listening sockets it is given, until told to stop."""

    def __init__(self, conf: cfg.ConfigOpts, reload_conf: Callable[[], cfg.ConfigOpts],
                 socks: Sequence[socket.socket], notifier: systemd.Notifier | None = None,
                 on_ready: Iterable[Callable[[], None]] = (),
                 parent_fds: Callable[[], Iterable[int]] = list):
        """``reload_conf`` returns the configuration to use after SIGHUP (and may raise);
        ``on_ready`` are called once, when every worker first serves; ``parent_fds()``
        are the file descriptors a new worker must close (the parent's, not its)."""
        self._conf = conf
        self._reload_conf = reload_conf
        self._slots = [Slot(i, sock) for i, sock in enumerate(socks)]
        self._notifier = notifier or systemd.Notifier(None)
        self._on_ready = list(on_ready)
        self._parent_fds = parent_fds
        self._guard = respawn.RespawnGuard()
        self._workers: dict[int, Worker] = {}
        self._stopping = False
        self._announced = False  # READY=1 sent for the current configuration
        self._served = False     # every worker was ready at least once
        self._exit_code = 0
        self._status_buffer = b''

    @property
    def served(self) -> bool:
        """Whether every worker was serving at some point."""
        return self._served

    def run(self) -> int:
        """Fork the workers, supervise them until told to stop; returns the exit code."""
        self._open_pipes()
        previous = self._install_signals()
        try:
            for slot in self._slots:
                slot.worker = self._spawn(slot)
            while self._workers or not self._stopping:
                self._wait(self._next_deadline())
                self._handle_signals()
                self._read_status()
                self._reap()
                self._run_timers()
                self._check_ready()
        finally:
            for pid in self._workers:  # only if something above raised
                _kill(pid, signal.SIGKILL)
            self._restore_signals(previous)
            self._close_pipes()
            for slot in self._slots:
                slot.sock.close()
        LOG.info('nova-api (pid %d) stopped', os.getpid())
        return self._exit_code

    # -- the loop ---------------------------------------------------------

    def _wait(self, deadline: float | None) -> None:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        # PEP 475: a signal interrupts select(), the handler writes to the
        # wake-up pipe, and select() returns because that pipe is readable.
        _select([self._wake_read, self._status_read], [], [], timeout)

    def _next_deadline(self) -> float | None:
        deadlines = [slot.respawn_at for slot in self._slots if slot.respawn_at is not None]
        deadlines += [w.kill_at for w in self._workers.values() if w.kill_at is not None]
        return min(deadlines, default=None)

    def _handle_signals(self) -> None:
        try:
            received = _read(self._wake_read, 1024)
        except BlockingIOError:
            return
        for signum in dict.fromkeys(received):  # each signal once, in order
            if signum == signal.SIGTERM:
                self._on_sigterm()
            elif signum == signal.SIGINT:
                self._on_sigint()
            elif signum == signal.SIGHUP:
                self._on_sighup()
            # SIGCHLD only wakes the loop: _reap() runs on every pass.

    def _read_status(self) -> None:
        try:
            self._status_buffer += _read(self._status_read, 4096)
        except BlockingIOError:
            return
        *lines, self._status_buffer = self._status_buffer.split(b'\n')
        for line in lines:
            word, _, pid = line.partition(b' ')
            if word == b'ready' and pid.isdigit():
                self._on_worker_ready(int(pid))

    def _reap(self) -> None:
        while self._workers:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            gone = self._workers.pop(pid, None)
            if gone is not None:
                self._on_worker_exit(gone, os.waitstatus_to_exitcode(status))

    def _run_timers(self) -> None:
        now = time.monotonic()
        for slot in self._slots:
            if slot.respawn_at is not None and slot.respawn_at <= now:
                slot.respawn_at = None
                slot.worker = self._spawn(slot)
        for w in self._workers.values():
            if w.kill_at is not None and w.kill_at <= now:
                LOG.warning('Worker %d (slot %d) still running %ss after it was told to stop: '
                            'killing it', w.pid, w.slot, self._conf.graceful_shutdown_timeout)
                w.kill_at = None
                _kill(w.pid, signal.SIGKILL)

    def _check_ready(self) -> None:
        if self._announced or self._stopping or not all(s.settled() for s in self._slots):
            return
        self._announced = True
        status = 'Serving on %s with %d workers' % (self._address(), len(self._slots))
        LOG.info('%s%s (pids %s)', 'Reloaded. ' if self._served else '', status,
                 ', '.join(str(s.worker.pid) for s in self._slots))
        self._served = True
        self._notifier.ready(status)
        for callback in self._on_ready:
            callback()
        self._on_ready = []

    # -- workers ----------------------------------------------------------

    def _spawn(self, slot: Slot) -> Worker | None:
        """Fork a worker for ``slot``; None if fork() failed (a respawn is scheduled)."""
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
        try:
            with preload.frozen_for_fork():
                pid = os.fork()
                if pid == 0:
                    preload.in_child()
                    self._become_worker(slot, mask)  # never returns
        except OSError as exc:
            LOG.error('Could not fork a worker for slot %d: %s', slot.index, exc)
            slot.respawn_at = time.monotonic() + max(self._guard.delay(), 1.0)
            return None
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        self._workers[pid] = started = Worker(pid, slot.index)
        LOG.info('Started worker %d for slot %d', pid, slot.index)
        return started

    def _become_worker(self, slot: Slot, signal_mask: set[int]) -> None:
        """The child's side of fork(): drop what is the parent's, serve, exit."""
        code = EXIT_FAILED
        try:
            signal.set_wakeup_fd(-1)
            for fd in [self._wake_read, self._wake_write, self._status_read, self._lifeline_write,
                       *self._parent_fds()]:
                os.close(fd)
            for other in self._slots:
                if other is not slot:
                    other.sock.close()
            link = worker.ParentLink(self._status_write, self._lifeline_read)
            code = worker.run(self._conf, slot.index, slot.sock, link, signal_mask)
        except BaseException:  # whatever happens, never return into the parent's code
            LOG.exception('Worker %d (slot %d) failed', os.getpid(), slot.index)
        finally:
            os._exit(code)

    def _on_worker_ready(self, pid: int) -> None:
        w = self._workers.get(pid)
        if w is None or w.retiring:
            return
        w.ready = True
        slot = self._slot_of(w)
        if slot is not None and slot.successor is w:
            old, slot.worker, slot.successor = slot.worker, w, None
            if old is not None:
                LOG.info('Worker %d took over slot %d from worker %d', w.pid, slot.index, old.pid)
                self._retire(old)

    def _on_worker_exit(self, w: Worker, code: int) -> None:
        how = _describe(code)
        slot = self._slot_of(w)
        if w.retiring or self._stopping or slot is None:
            LOG.info('Worker %d (slot %d) %s', w.pid, w.slot, how)
        elif slot.successor is w:
            slot.successor = None
            LOG.error('Worker %d (slot %d) %s before it was ready: the slot keeps worker %s '
                      'and the previous configuration', w.pid, w.slot, how,
                      slot.worker.pid if slot.worker else '(none)')
        elif not w.ready and not self._served:
            LOG.error('Worker %d (slot %d) %s before it was ready: nova-api cannot start '
                      '(see the errors above)', w.pid, w.slot, how)
            slot.worker = None
            self._exit_code = EXIT_FAILED
            self._stop(graceful=True)
        else:
            slot.worker = None
            delay = self._guard.delay()
            slot.respawn_at = time.monotonic() + delay
            if delay:
                LOG.warning('Worker %d (slot %d) %s; workers are dying too fast: respawning '
                            'in %.0fs', w.pid, w.slot, how, delay)
            else:
                LOG.warning('Worker %d (slot %d) %s; respawning', w.pid, w.slot, how)

    def _retire(self, w: Worker) -> None:
        """Tell ``w`` to stop accepting and drain; SIGKILL it if it takes too long."""
        if w.retiring:
            return
        w.retiring = True
        timeout = self._conf.graceful_shutdown_timeout
        if timeout:
            w.kill_at = time.monotonic() + timeout + KILL_MARGIN
        _kill(w.pid, signal.SIGTERM)

    def _slot_of(self, w: Worker) -> Slot | None:
        """The slot ``w`` serves or is taking over, if it is still in charge of one."""
        if w.slot < len(self._slots):
            slot = self._slots[w.slot]
            if slot.worker is w or slot.successor is w:
                return slot
        return None

    # -- signals ----------------------------------------------------------

    def _on_sigterm(self) -> None:
        if self._stopping:
            LOG.info('Caught SIGTERM: already stopping')
            return
        timeout = self._conf.graceful_shutdown_timeout
        LOG.info('Caught SIGTERM: stopping; in-flight requests may finish within %s',
                 '%ds' % timeout if timeout else 'any time')
        self._stop(graceful=True)

    def _on_sigint(self) -> None:
        LOG.info('Caught SIGINT: killing the workers and exiting')
        self._exit_code = EXIT_INTERRUPTED
        self._stop(graceful=False)

    def _stop(self, graceful: bool) -> None:
        if not self._stopping:
            self._stopping = True
            self._notifier.stopping('Stopping')
            for slot in self._slots:
                slot.respawn_at = None
                # Closed here, and in each worker once it has taken what is
                # queued: new connections are refused, not left waiting for no one.
                slot.sock.close()
        for w in self._workers.values():
            if graceful:
                self._retire(w)
            else:
                _kill(w.pid, signal.SIGKILL)

    def _on_sighup(self) -> None:
        if self._stopping:
            return
        LOG.info('Caught SIGHUP: reloading the configuration files')
        self._notifier.reloading('Reloading')
        try:
            conf = self._reload_conf()
        except Exception as exc:  # noqa: BLE001 - any reason, same answer: keep running
            LOG.error('Reload failed, keeping the current configuration and workers: %s', exc)
            self._notifier.ready('Serving on %s; the last reload failed' % self._address())
            return
        self._apply_listen_options(self._conf, conf)
        self._conf = conf
        self._announced = False
        old_slots = self._resize(worker_count(conf))
        for slot in old_slots:
            self._replace(slot)

    def _apply_listen_options(self, old: cfg.ConfigOpts, new: cfg.ConfigOpts) -> None:
        """What of the sockets can change without closing them."""
        if ((old.osapi_compute_listen, old.osapi_compute_listen_port)
                != (new.osapi_compute_listen, new.osapi_compute_listen_port)):
            LOG.warning('osapi_compute_listen/osapi_compute_listen_port changed to %s:%s: '
                        'restart nova-api to apply that; still listening on %s',
                        new.osapi_compute_listen, new.osapi_compute_listen_port, self._address())
        if old.wsgi.backlog != new.wsgi.backlog:
            for slot in self._slots:
                slot.sock.listen(new.wsgi.backlog)

    def _resize(self, count: int) -> list[Slot]:
        """Add or remove slots to have ``count``; returns the slots that were there before."""
        while len(self._slots) > count:
            slot = self._slots.pop()
            LOG.info('Removing slot %d', slot.index)
            for w in (slot.worker, slot.successor):
                if w is not None:
                    self._retire(w)
            slot.sock.close()
        kept = list(self._slots)
        first = self._slots[0].sock
        while len(self._slots) < count:
            try:
                sock = sockets.bind_one(first.family, first.getsockname(), self._conf.wsgi.backlog)
            except OSError as exc:
                LOG.error('Could not add a listening socket for slot %d: %s',
                          len(self._slots), exc)
                break
            slot = Slot(len(self._slots), sock)
            self._slots.append(slot)
            LOG.info('Adding slot %d', slot.index)
            slot.worker = self._spawn(slot)
        return kept

    def _replace(self, slot: Slot) -> None:
        """Start a new worker on ``slot``; the current one drains once it is ready."""
        if slot.successor is not None:  # a reload before the last one finished
            self._retire(slot.successor)
            slot.successor = None
        if slot.worker is None:  # dead, waiting to be respawned: do it now
            slot.respawn_at = None
            slot.worker = self._spawn(slot)
        else:
            slot.successor = self._spawn(slot)

    # -- plumbing ---------------------------------------------------------

    def _address(self) -> str:
        host, port = self._slots[0].sock.getsockname()[:2] if self._slots else ('?', 0)
        return ('[%s]:%d' if ':' in host else '%s:%d') % (host, port)

    def _open_pipes(self) -> None:
        # Signal numbers, written by the C-level handler (signal.set_wakeup_fd).
        self._wake_read, self._wake_write = os.pipe()
        # "ready <pid>" lines from the workers.
        self._status_read, self._status_write = os.pipe()
        # Only the parent holds the write end: the workers read EOF when it dies.
        self._lifeline_read, self._lifeline_write = os.pipe()
        for fd in (self._wake_read, self._wake_write, self._status_read):
            os.set_blocking(fd, False)

    def _close_pipes(self) -> None:
        for fd in (self._wake_read, self._wake_write, self._status_read, self._status_write,
                   self._lifeline_read, self._lifeline_write):
            os.close(fd)

    def _install_signals(self) -> dict:
        previous = {signum: signal.signal(signum, _noop) for signum in SIGNALS}
        previous['wakeup_fd'] = signal.set_wakeup_fd(self._wake_write)
        return previous

    @staticmethod
    def _restore_signals(previous: dict) -> None:
        signal.set_wakeup_fd(previous.pop('wakeup_fd'))
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _noop(_signum: int, _frame: object) -> None:
    """The Python-level handler: the wake-up byte carries the signal to the loop."""


def _kill(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _describe(code: int) -> str:
    if code >= 0:
        return 'exited with code %d' % code
    try:
        return 'was killed by %s' % signal.Signals(-code).name
    except ValueError:
        return 'was killed by signal %d' % -code
