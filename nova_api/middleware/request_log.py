"""One access line per request: method, path, status, microversion, request id, time."""

from __future__ import annotations

import time
from collections.abc import Callable
from collections.abc import Iterable

from oslo_log import log as logging

from nova_api import context as nova_context
from nova_api.api import faults
from nova_api.api import microversion
from nova_api.middleware import base

LOG = logging.getLogger('nova_api.access')


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
        ctx = nova_context.from_environ(environ) or nova_context.RequestContext(
            request_id=nova_context.request_id(environ),
            global_request_id=nova_context.global_request_id(environ),
            overwrite=False)
        LOG.info('%(client)s "%(method)s %(path)s" status: %(status)s microversion: '
                 '%(version)s request_id: %(request_id)s time: %(elapsed).4f',
                 {'client': environ.get('REMOTE_ADDR', '-'),
                  'method': environ.get('REQUEST_METHOD'),
                  'path': path,
                  'status': seen.get('status', '-'),
                  'version': version,
                  'request_id': nova_context.request_id(environ),
                  'elapsed': elapsed},
                 extra={'context': ctx})
