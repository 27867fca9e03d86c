"""Test-only paste filter for the process tests: slow requests on demand, and which worker answered.

- ``X-Test-Sleep: <seconds>`` holds the request that long (a green sleep: the
  worker keeps serving other connections meanwhile);
- ``X-Test-Block: <seconds>`` blocks the whole worker that long (a real
  sleep: not even the worker's own timers run), like a wedged C call;
- every response carries ``X-Test-Worker-Pid``.

Both log ``probe: holding <pid>`` before they wait, so that a test can wait
until the request is in flight. NovaApiDaemon(probe=True) puts this filter in
front of the real pipeline, and tests/functional on the service's PYTHONPATH.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

from eventlet import patcher

LOG = logging.getLogger('probe')

_real_sleep = patcher.original('time').sleep


def filter_factory(global_conf: dict, **local_conf: str) -> Callable:
    def wrap(app: Callable) -> Callable:
        def probe(environ: dict, start_response: Callable):
            for header, sleep in (('HTTP_X_TEST_SLEEP', time.sleep), ('HTTP_X_TEST_BLOCK', _real_sleep)):
                if environ.get(header):
                    LOG.info('probe: holding %d', os.getpid())
                    sleep(float(environ[header]))

            def start_with_pid(status: str, headers: list, exc_info=None):
                headers = [*headers, ('X-Test-Worker-Pid', str(os.getpid()))]
                return start_response(status, headers, exc_info)

            return app(environ, start_with_pid)
        return probe
    return wrap
