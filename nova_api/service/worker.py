"""A worker process: one eventlet WSGI server on its slot's listening socket, stopped gracefully."""

from __future__ import annotations

import dataclasses
import errno
import logging as std_logging
import os
import signal
import socket
import ssl
import time
import warnings
from collections.abc import Callable
from typing import Any

import eventlet
import eventlet.wsgi
import greenlet
from eventlet import greenio
from eventlet import patcher
from eventlet.green import os as green_os
from eventlet.green import ssl as green_ssl
from oslo_config import cfg
from oslo_log import log as logging

from nova_api import compute
from nova_api import deploy
from nova_api.middleware import request_log
from nova_api.service import client_timeout
from nova_api.service import fair_share
from nova_api.service import http_protocol
from nova_api.service import sockets

LOG = logging.getLogger(__name__)

#: Exit code of a worker that could not load the application.
EXIT_START_FAILED = 3

#: After it stops accepting, a worker waits this long after its last accept()
#: before closing idle connections: a client that has just connected has
#: usually not sent its request yet, and closing its connection then would
#: fail a request that a moment later would have been served.
FRESH_CONNECTION_GRACE = 0.5

#: accept() errors that concern one connection (it was reset while queued):
#: skip it. And errors of exhausted resources: wait a little and try again
#: rather than let the server greenthread die.
_SKIP_ERRNOS = {errno.ECONNABORTED, errno.EPROTO, errno.EPERM}
_RETRY_ERRNOS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}

# The real os.write: eventlet's green one loops forever on EPIPE (parent gone).
_write = patcher.original('os').write

# We do, on purpose (see Server.start): eventlet warns whenever it is asked to.
warnings.filterwarnings('ignore', message='capitalize_response_headers is disabled',
                        category=DeprecationWarning)


@dataclasses.dataclass(frozen=True)
class ParentLink:
    """A worker's two pipes to the parent: readiness goes up; the parent's death comes down as EOF."""

    status_fd: int    # write end, shared by all workers: one b'ready <pid>\n' line each
    lifeline_fd: int  # read end; only the parent holds the write end, and never writes

    def report_ready(self) -> None:
        try:
            _write(self.status_fd, b'ready %d\n' % os.getpid())
        except OSError as exc:  # the parent is gone: the lifeline will tell
            LOG.debug('Could not report readiness to the parent: %s', exc)


def run(conf: cfg.ConfigOpts, slot: int, sock: socket.socket, link: ParentLink,
        signal_mask: set[int]) -> int:
    """Serve ``sock`` until told to stop, then drain; returns the exit code.

    Called in a freshly forked child with the parent's signals blocked; once
    its own handlers are installed it restores ``signal_mask``. The
    application is loaded here, after the fork: nothing that holds a
    connection is shared with the parent or the other workers.
    """
    eventlet.hubs.use_hub()  # a fresh hub: none of the parent's timers or listeners
    stop = eventlet.event.Event()
    signal_fd = _install_signals()
    signal.pthread_sigmask(signal.SIG_SETMASK, signal_mask)
    eventlet.spawn_n(_watch_signals, signal_fd, stop)
    eventlet.spawn_n(_watch_parent, link.lifeline_fd, stop)

    pid = os.getpid()
    LOG.info('Worker %d (slot %d) starting', pid, slot)
    try:
        bundle = compute.Compute(conf)
        app = deploy.load_app(conf, compute=bundle)
        ssl_context = make_ssl_context(conf.wsgi)
    except Exception as exc:
        LOG.error('Worker %d (slot %d) could not load the application: %s', pid, slot, exc,
                  exc_info=conf.debug)
        return EXIT_START_FAILED
    hub = eventlet.hubs.get_hub()
    request_log.flush_in_batches(lambda flush: hub.schedule_call_global(0, flush))
    server = Server(conf.wsgi, sock, app, ssl_context)
    server.start(lambda: _set(stop, 'its server stopped'))
    LOG.info('Worker %d (slot %d) serving on %s', pid, slot, server.address)
    if conf.task_runner.enabled:
        # Beside the server, in the same hub: the work that accepted requests left.
        eventlet.spawn_n(bundle.servers.task_runner().run, stop.ready, eventlet.sleep)
    link.report_ready()

    reason = stop.wait()
    timeout = conf.graceful_shutdown_timeout
    LOG.info('Worker %d (slot %d) stopping (%s): no new connections; %d connection(s) '
             'may finish within %s', pid, slot, reason, server.connections(),
             '%ds' % timeout if timeout else 'any time')
    if not server.stop(timeout or None):
        LOG.warning('Worker %d (slot %d): %d connection(s) still busy after '
                    'graceful_shutdown_timeout (%ds); exiting anyway',
                    pid, slot, server.connections(), timeout)
    LOG.info('Worker %d (slot %d) exiting', pid, slot)
    request_log.flush()
    return 0


def make_ssl_context(wsgi: Any) -> ssl.SSLContext | None:
    """The TLS context of ``[wsgi] ssl_*``, or None to serve plain HTTP.

    Built in the worker, so SIGHUP picks up renewed certificates.
    """
    if not wsgi.ssl_cert_file:
        return None
    context = green_ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(wsgi.ssl_cert_file, wsgi.ssl_key_file)
    if wsgi.ssl_ca_file:
        context.load_verify_locations(wsgi.ssl_ca_file)
        context.verify_mode = ssl.CERT_REQUIRED
    return context


class Server:
    """``eventlet.wsgi.server`` on one listening socket, with a graceful stop."""

    def __init__(self, wsgi: Any, sock: socket.socket, app: Callable,
                 ssl_context: ssl.SSLContext | None = None):
        self._wsgi = wsgi
        self._sock = sock
        self._app = app
        timeout = wsgi.client_socket_timeout
        self.client_timeout = client_timeout.ClientTimeout(timeout) if timeout else None
        self.listener = Listener(sock, ssl_context,
                                 on_accept=self.client_timeout.watch if timeout else None)
        self.pool = eventlet.GreenPool(wsgi.default_pool_size)
        self.address = _url(sock, ssl_context is not None)
        self._environ = {'wsgi.url_scheme': 'https', 'HTTPS': 'on'} if ssl_context else None
        self._thread: eventlet.greenthread.GreenThread | None = None

    def start(self, on_exit: Callable[[], None] = lambda: None) -> None:
        """Start serving in a greenthread; ``on_exit`` is called if it ever ends."""
        sockets.set_keepalive(self._sock, self._wsgi.tcp_keepidle)
        fair_share.install(eventlet.hubs.get_hub())
        if self.client_timeout is not None:
            self.client_timeout.start()
        self._thread = eventlet.spawn(
            eventlet.wsgi.server, self.listener, self._app,
            custom_pool=self.pool,
            protocol=http_protocol.protocol(http_protocol.Settings.from_conf(self._wsgi)),
            log=EventletLog(LOG),
            log_output=LOG.isEnabledFor(std_logging.DEBUG),  # else eventlet formats it for nothing
            log_format=self._wsgi.wsgi_log_format,
            keepalive=self._wsgi.keep_alive,
            socket_timeout=None,  # client_timeout times socket waits, at less cost
            environ=self._environ,
            # Header names go out as the application wrote them, as under
            # uWSGI or mod_wsgi (OpenStack-API-Version, not eventlet's
            # Openstack-Api-Version); re-casing every name of every response
            # costs more than the microversion negotiation does.
            capitalize_response_headers=False,
            debug=False)  # never send tracebacks to clients
        self._thread.link(lambda _thread: on_exit())

    def connections(self) -> int:
        """Client connections being served (busy or idle keep-alive)."""
        return self.pool.running()

    def stop(self, timeout: float | None) -> bool:
        """Stop accepting at once, let in-flight requests finish; whether all did in time.

        eventlet's own shutdown (the server greenthread killed) closes the
        idle keep-alive connections, lets busy ones finish their request and
        waits for them. Before that, the listener hands over what is already
        queued and closes its socket, and fresh connections get a moment to
        send their first request.
        """
        timer = eventlet.Timeout(timeout)
        try:
            if self._thread.dead:
                self.listener.close()
            else:
                self.listener.stop()
            eventlet.sleep(self.listener.grace())
            self._thread.kill()
            self._thread.wait()
        except greenlet.GreenletExit:
            pass
        except eventlet.Timeout as exc:
            if exc is not timer:
                raise
            return False
        finally:
            timer.cancel()
            if self.client_timeout is not None:
                self.client_timeout.stop()
        return True


class Listener:
    """The worker's listening socket as ``eventlet.wsgi.server`` sees it, with a stop.

    server() calls accept() in a loop, and ends only when its greenthread is
    killed, which also closes every idle connection at once. stop() lets the
    worker end the accept loop first: accept() then returns the connections
    already queued, closes this process's copy of the socket (the parent
    still holds it, so what queues there later waits for the next worker)
    and blocks until the server is killed.
    """

    def __init__(self, sock: socket.socket, ssl_context: ssl.SSLContext | None = None,
                 on_accept: Callable[[Any], None] | None = None):
        self._sock = sock
        self._on_accept = on_accept
        self._sock.setblocking(False)
        self._ssl_context = ssl_context
        self.family = sock.family
        self._stopping = False
        self._wakeup: eventlet.event.Event | None = None  # set while accept() waits
        self._closed = eventlet.event.Event()
        self._last_accept = float('-inf')

    def getsockname(self) -> Any:
        return self._sock.getsockname()

    def accept(self) -> tuple[Any, Any]:
        while True:
            accepted = self._accept_now()
            if accepted is not None:
                return accepted
            if self._stopping:
                self.close()
                eventlet.event.Event().wait()  # until the server greenthread is killed
            self._wait_readable()

    def stop(self) -> None:
        """Stop accepting; returns once this process no longer listens."""
        self._stopping = True
        if self._wakeup is not None:
            _set(self._wakeup, 'stop')
        self._closed.wait()

    def grace(self) -> float:
        """How long fresh connections may still need to send their first request."""
        return max(0.0, self._last_accept + FRESH_CONNECTION_GRACE - time.monotonic())

    def close(self) -> None:
        if not self._closed.ready():
            self._sock.close()
            self._closed.send()

    def _wait_readable(self) -> None:
        """Wait until a connection is queued or stop() is called.

        Not select() on the socket and a wake-up pipe: when both are ready in
        the same poll, eventlet's hub still calls the second callback after the
        first one woke us, and that stale call resumes this greenthread
        wherever it waits next. Here every callback only sets this wait's own
        event, at most once.
        """
        self._wakeup = wakeup = eventlet.event.Event()
        hub = eventlet.hubs.get_hub()
        listener = hub.add(hub.READ, self._sock.fileno(), lambda _fd: _set(wakeup, 'readable'),
                           lambda *_exc: _set(wakeup, 'error'), lambda: _set(wakeup, 'closed'))
        try:
            wakeup.wait()
        finally:
            hub.remove(listener)
            self._wakeup = None

    def _accept_now(self) -> tuple[Any, Any] | None:
        """A queued connection, or None if there is none (yet)."""
        try:
            client, address = self._sock.accept()
        except (BlockingIOError, InterruptedError):
            return None
        except OSError as exc:
            if exc.errno in _SKIP_ERRNOS:
                return None
            if exc.errno not in _RETRY_ERRNOS:
                raise
            LOG.warning('Worker %d cannot accept connections: %s; retrying', os.getpid(), exc)
            eventlet.sleep(0.1)
            return None
        self._last_accept = time.monotonic()
        if not isinstance(client, greenio.GreenSocket):
            client = greenio.GreenSocket(client)
        if self._ssl_context is not None:
            # The handshake happens on the first read, in the connection's own
            # greenthread, so a slow client does not hold up the accept loop.
            client = self._ssl_context.wrap_socket(client, server_side=True,
                                                   do_handshake_on_connect=False)
        if self._on_accept is not None:
            self._on_accept(client)
        return client, address


class EventletLog:
    """The ``log`` of eventlet.wsgi.server: its per-request line at DEBUG.

    The service writes its own access line (nova_api.access); eventlet's is
    for debugging. eventlet also logs tracebacks of applications that raise
    "at info": those are errors.
    """

    def __init__(self, logger: Any):
        self._log = logger

    def info(self, msg: str, *args: Any, **kwargs: Any) -> None:
        if msg.startswith('Traceback'):
            self._log.error(msg, *args)
        else:
            self._log.debug(msg, *args)

    def debug(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self._log.debug(msg, *args)

    def error(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self._log.error(msg, *args)

    def warning(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self._log.warning(msg, *args)


def _install_signals() -> int:
    """SIGTERM asks for a graceful stop, delivered through the returned pipe.

    SIGINT keeps its default action (exit at once); SIGHUP is for the parent.
    """
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    signal.set_wakeup_fd(write_fd)  # the byte written is the signal number
    signal.signal(signal.SIGTERM, lambda _signum, _frame: None)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    return read_fd


def _watch_signals(fd: int, stop: eventlet.event.Event) -> None:
    while True:
        received = green_os.read(fd, 64)
        if not received:
            return
        if signal.SIGTERM in received:
            _set(stop, 'SIGTERM')


def _watch_parent(fd: int, stop: eventlet.event.Event) -> None:
    while green_os.read(fd, 64):
        pass  # the parent never writes: only EOF, when it is gone
    _set(stop, 'the parent process is gone')


def _url(sock: socket.socket, tls: bool) -> str:
    host, port = sock.getsockname()[:2]
    if sock.family == socket.AF_INET6:
        host = '[%s]' % host
    return '%s://%s:%d' % ('https' if tls else 'http', host, port)


def _set(event: eventlet.event.Event, reason: str | None) -> None:
    if not event.ready():
        event.send(reason)
