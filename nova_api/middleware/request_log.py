"""One access line per request: method, path, status, microversion, request id, time.

The line goes through the ``nova_api.access`` logger. Going through logging
costs more per line than serving the version document does: oslo.log's
context formatter, and under eventlet a ``LogRecord`` alone (it asks the green
threading module for the current thread's name). So where oslo.log writes to a
plain stream or file, the service gives this logger plain handlers of its own
(:func:`install_plain_handler`), and the filter hands them the finished line
directly: same places, same layout,
``<date> <time>.<ms> <pid> INFO nova_api.access <line>``.
"""

from __future__ import annotations

import logging as std_logging
import os
import time
from collections.abc import Callable
from collections.abc import Iterable
from logging import handlers as log_handlers

from oslo_log import log as logging

from nova_api import context as nova_context
from nova_api.api import faults
from nova_api.api import microversion
from nova_api.middleware import base

#: This process's id for the access line: os.getpid() is a system call, and a
#: line is written for every request. Kept right in a forked worker.
_pid = os.getpid()


def _forked() -> None:
    global _pid
    _pid = os.getpid()


os.register_at_fork(after_in_child=_forked)

ACCESS_LOGGER = 'nova_api.access'
LOG = logging.getLogger(ACCESS_LOGGER)
ACCESS_LINE = ('%s "%s %s" status: %s microversion: %s request_id: %s '
               'global_request_id: %s time: %.4f')
DEFAULT_DATE_FORMAT = '%Y-%m-%d %H:%M:%S'


class RequestLog(base.Middleware):

    def __init__(self, application: Callable, conf):
        super().__init__(application, conf)
        # Decided once per worker: logging is set up before the app is loaded.
        self._plain_handlers = plain_handlers()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.monotonic()
        seen: dict = {}

        def start_and_remember(status: str, headers: list, exc_info=None):
            seen['status'] = status.split(' ', 1)[0]
            seen['headers'] = headers
            return start_response(status, headers, exc_info)

        try:
            result = self.application(environ, start_and_remember)
        except Exception as exc:
            # faultwrap, above us, turns it into a fault: log the status it will send.
            seen.setdefault('status', str(faults.status_of(exc)))
            self._log(environ, seen, time.monotonic() - started)
            raise
        self._log(environ, seen, time.monotonic() - started)
        return result

    def _log(self, environ: dict, seen: dict, elapsed: float) -> None:
        logger = LOG.logger
        if not logger.isEnabledFor(std_logging.INFO):
            return
        version = '-'
        for name, value in seen.get('headers', ()):
            if name == microversion.LEGACY_HEADER:
                version = value
                break
        path = environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', '')
        if environ.get('QUERY_STRING'):
            path += '?' + environ['QUERY_STRING']
        args = (environ.get('REMOTE_ADDR', '-'), environ.get('REQUEST_METHOD'), path,
                seen.get('status', '-'), version, nova_context.request_id(environ),
                nova_context.global_request_id(environ) or '-', elapsed)
        if self._plain_handlers:
            line = ACCESS_LINE % args
            for handler in self._plain_handlers:
                handler.write(line)
            return
        # A record made directly: the caller's file and line would only say
        # "this module", and finding them costs more than the rest of the line.
        logger.handle(logger.makeRecord(ACCESS_LOGGER, std_logging.INFO, __file__, 0,
                                        ACCESS_LINE, args, None))


class PlainLineHandler(std_logging.Handler):
    """Write access lines to another handler's stream, in oslo.log's layout.

    :meth:`write` takes a finished line: no record, no formatter. The date is
    formatted once a second, and a watched log file is checked for rotation
    then too (logrotate's move is noticed within a second; the lines of that
    second land in the renamed file, none is lost).

    Each line is flushed at once, unless the server batches flushes
    (:func:`flush_in_batches`): then the lines of the requests served in one
    turn of its loop go out in one write.
    """

    def __init__(self, target: std_logging.StreamHandler, datefmt: str | None):
        super().__init__()
        self.target = target
        self.datefmt = datefmt or DEFAULT_DATE_FORMAT
        self._watched = isinstance(target, log_handlers.WatchedFileHandler)
        self._second = -1
        self._date = ''
        #: Runs a flush once the current batch of requests is done; None: every line.
        self.flush_later: Callable[[Callable[[], None]], object] | None = None
        self._flush_pending = False

    def createLock(self) -> None:  # noqa: N802 - logging's name
        # A worker's green threads cannot interleave one blocking write, and
        # oslo.log's green-safe lock is a pipe: two system calls a line.
        self.lock = None

    def write(self, line: str, created: float | None = None, level: str = 'INFO') -> None:
        now = time.time() if created is None else created
        second = int(now)
        try:
            if second != self._second:
                self._second = second
                self._date = time.strftime(self.datefmt, time.localtime(second))
                if self._watched:
                    self.target.reopenIfNeeded()  # follow logrotate, as the target does
            stream = self.target.stream
            stream.write('%s.%03d %d %s %s %s\n' % (self._date, (now - second) * 1000, _pid,
                                                    level, ACCESS_LOGGER, line))
            if self.flush_later is None:
                stream.flush()
            elif not self._flush_pending:
                self._flush_pending = True
                self.flush_later(self.flush)
        except Exception:  # noqa: BLE001 - logging must not break the request
            self.handleError(std_logging.makeLogRecord({'msg': line, 'name': ACCESS_LOGGER}))

    def emit(self, record: std_logging.LogRecord) -> None:
        self.write(record.getMessage(), record.created, record.levelname)

    def flush(self) -> None:
        self._flush_pending = False
        try:
            if self.target.stream is not None:
                self.target.stream.flush()
        except Exception:  # noqa: BLE001 - as logging's own handlers do
            self.handleError(std_logging.makeLogRecord({'msg': 'flush', 'name': ACCESS_LOGGER}))


def install_plain_handler(conf) -> bool:
    """Give the access logger plain handlers beside oslo.log's (after ``logging.setup``).

    Only where oslo.log writes to a plain stream or file; with a logging
    config file, syslog, the journal, JSON or rotating files the access
    lines keep going through oslo.log. Returns whether it was installed.
    """
    if conf.log_config_append or conf.use_json or conf.use_syslog or conf.use_journal:
        return False
    targets = std_logging.getLogger().handlers
    plain = (std_logging.StreamHandler, log_handlers.WatchedFileHandler)
    if not targets or any(type(t) not in plain and not _is_color(t) for t in targets):
        return False
    logger = std_logging.getLogger(ACCESS_LOGGER)
    logger.handlers = [PlainLineHandler(t, conf.log_date_format) for t in targets]
    logger.propagate = False
    return True


def flush_in_batches(flush_later: Callable[[Callable[[], None]], object]) -> None:
    """Let the access log flush once per batch of requests rather than once per line.

    The server calls this with ``flush_later(flush)``, which must run
    ``flush`` as soon as the requests it is serving now are done: under
    eventlet, at the hub's next turn. A flush is a system call; under load one
    turn serves many requests. A worker killed outright loses the lines of
    that one turn at most.
    """
    for handler in std_logging.getLogger(ACCESS_LOGGER).handlers:
        if isinstance(handler, PlainLineHandler):
            handler.flush_later = flush_later


def flush() -> None:
    """Write out the access lines of the current batch (a worker about to exit)."""
    for handler in std_logging.getLogger(ACCESS_LOGGER).handlers:
        handler.flush()


def plain_handlers() -> tuple[PlainLineHandler, ...]:
    """The access logger's handlers, if all are plain ones (and nothing filters); else ()."""
    logger = std_logging.getLogger(ACCESS_LOGGER)
    handlers = tuple(logger.handlers)
    if not handlers or logger.filters or logger.propagate \
            or not all(type(h) is PlainLineHandler and not h.filters for h in handlers):
        return ()
    return handlers


def _is_color(handler: std_logging.Handler) -> bool:
    return type(handler).__name__ == 'ColorHandler'  # oslo.log's coloured stderr
