"""One access line per request: method, path, status, microversion, request id, time.

The line goes through the ``nova_api.access`` logger. oslo.log's context
formatter costs more per line than serving the version document does, so
the service gives this logger a plain handler of its own
(:func:`install_plain_handler`) that writes to the same places in the same
layout: ``<date> <time>.<ms> <pid> INFO nova_api.access <line>``.
"""

from __future__ import annotations

import logging as std_logging
import time
from collections.abc import Callable
from collections.abc import Iterable
from logging import handlers as log_handlers

from oslo_log import log as logging

from nova_api import context as nova_context
from nova_api.api import faults
from nova_api.api import microversion
from nova_api.middleware import base

ACCESS_LOGGER = 'nova_api.access'
LOG = logging.getLogger(ACCESS_LOGGER)
PLAIN_FORMAT = '%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s %(message)s'


class RequestLog(base.Middleware):

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

    @staticmethod
    def _log(environ: dict, seen: dict, elapsed: float) -> None:
        version = '-'
        for name, value in seen.get('headers', ()):
            if name == microversion.LEGACY_HEADER:
                version = value
                break
        path = environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', '')
        if environ.get('QUERY_STRING'):
            path += '?' + environ['QUERY_STRING']
        logger = LOG.logger
        if not logger.isEnabledFor(std_logging.INFO):
            return
        # A record made directly: the caller's file and line would only say
        # "this module", and finding them costs more than the rest of the line.
        logger.handle(logger.makeRecord(
            ACCESS_LOGGER, std_logging.INFO, __file__, 0,
            '%(client)s "%(method)s %(path)s" status: %(status)s microversion: '
            '%(version)s request_id: %(request_id)s global_request_id: %(global)s '
            'time: %(elapsed).4f',
            ({'client': environ.get('REMOTE_ADDR', '-'),
              'method': environ.get('REQUEST_METHOD'),
              'path': path,
              'status': seen.get('status', '-'),
              'version': version,
              'request_id': nova_context.request_id(environ),
              'global': nova_context.global_request_id(environ) or '-',
              'elapsed': elapsed},),
            None))


class _PlainLineHandler(std_logging.Handler):
    """Write records to another handler's stream with a plain formatter."""

    def __init__(self, target: std_logging.StreamHandler, datefmt: str | None):
        super().__init__()
        self.target = target
        self.setFormatter(std_logging.Formatter(PLAIN_FORMAT, datefmt=datefmt))

    def createLock(self) -> None:  # noqa: N802 - logging's name
        # A worker's green threads cannot interleave one blocking write, and
        # oslo.log's green-safe lock is a pipe: two system calls a line.
        self.lock = None

    def emit(self, record: std_logging.LogRecord) -> None:
        try:
            if isinstance(self.target, log_handlers.WatchedFileHandler):
                self.target.reopenIfNeeded()  # follow logrotate, as the target does
            stream = self.target.stream
            stream.write(self.format(record) + '\n')
            stream.flush()
        except Exception:  # noqa: BLE001 - logging must not break the request
            self.handleError(record)


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
    logger.handlers = [_PlainLineHandler(t, conf.log_date_format) for t in targets]
    logger.propagate = False
    return True


def _is_color(handler: std_logging.Handler) -> bool:
    return type(handler).__name__ == 'ColorHandler'  # oslo.log's coloured stderr
