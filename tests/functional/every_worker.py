"""Ask a service, on fresh connections, until every one of its workers has answered a few times.

A change made through one worker must be seen by every worker (and node) at
once; SO_REUSEPORT spreads fresh connections over the workers, and the
access lines in the service's log say which worker answered.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable
from typing import Any

import pytest
import requests

ADMIN = {'X-Auth-Token': 'admin:6f70656e737461636b', 'Connection': 'close'}
#: Fresh connections until every worker answered at least this often.
ANSWERS_PER_WORKER = 3
MAX_REQUESTS = 400


def _answers_by_worker(service: Any, path: str) -> collections.Counter:
    line = re.compile(r'^\S+ \S+ (\d+) INFO nova_api\.access .*"GET %s"' % re.escape(path), re.M)
    return collections.Counter(int(pid) for pid in line.findall(service.read_log()))


def answers(service: Any, path: str, extract: Callable[[dict], Any],
            headers: dict[str, str] = ADMIN) -> list[Any]:
    """``extract(body)`` of each answer to ``GET path``, until every worker answered a few times."""
    before = _answers_by_worker(service, path)
    seen = []
    for _ in range(MAX_REQUESTS):
        response = requests.get(service.url + path, headers=headers, timeout=10)
        assert response.status_code == 200, response.text
        seen.append(extract(response.json()))
        if len(seen) % 10 == 0:
            answered = _answers_by_worker(service, path) - before
            if (len(answered) >= len(service.worker_pids())
                    and min(answered.values()) >= ANSWERS_PER_WORKER):
                return seen
    pytest.fail('not every worker answered in %d requests: %s' % (
        MAX_REQUESTS, _answers_by_worker(service, path) - before))
