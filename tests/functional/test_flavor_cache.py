"""Each worker's copy of the flavors follows a change made through another worker or node at once.

The list comes from a per-worker copy checked against the ``flavors``
generation (objects/flavor_catalogue.py). These stories change flavors
through one worker and read them, on fresh connections, until every worker
of the service (and, on PostgreSQL, a second service on the same database)
has answered: none may show the old list.
"""

from __future__ import annotations

import collections
import re
import uuid

import pytest
import requests

ADMIN = {'X-Auth-Token': 'admin:6f70656e737461636b', 'Connection': 'close'}
ACCESS_LINE = re.compile(r'^\S+ \S+ (\d+) INFO nova_api\.access .*GET /v2\.1/flavors/detail', re.M)
#: Fresh connections until every worker answered at least this often (SO_REUSEPORT spreads them).
ANSWERS_PER_WORKER = 3
MAX_REQUESTS = 400


def _answers_by_worker(service) -> collections.Counter:
    return collections.Counter(int(pid) for pid in ACCESS_LINE.findall(service.read_log()))


def _flavorids_from_every_worker(service) -> list[set[str]]:
    """The flavor ids each answer listed, asking until every worker answered a few times."""
    before = _answers_by_worker(service)
    seen = []
    for _ in range(MAX_REQUESTS):
        response = requests.get(service.url + '/v2.1/flavors/detail', headers=ADMIN, timeout=10)
        assert response.status_code == 200, response.text
        seen.append({flavor['id'] for flavor in response.json()['flavors']})
        if len(seen) % 10 == 0:
            answered = _answers_by_worker(service) - before
            if (len(answered) >= len(service.worker_pids())
                    and min(answered.values()) >= ANSWERS_PER_WORKER):
                return seen
    pytest.fail('not every worker answered in %d requests: %s' % (
        MAX_REQUESTS, _answers_by_worker(service) - before))


def _create(service, flavorid):
    response = requests.post(service.url + '/v2.1/flavors', headers=ADMIN, timeout=10, json={
        'flavor': {'name': 'cache-' + flavorid, 'id': flavorid, 'ram': 64, 'vcpus': 1,
                   'disk': 0}})
    assert response.status_code == 200, response.text


def _delete(service, flavorid):
    response = requests.delete(service.url + '/v2.1/flavors/' + flavorid, headers=ADMIN, timeout=10)
    assert response.status_code == 202, response.text


def test_a_flavor_created_through_one_worker_is_listed_by_every_worker_at_once(nova_api_service):
    flavorid = 'cache-%s' % uuid.uuid4().hex[:8]
    assert not any(flavorid in ids for ids in _flavorids_from_every_worker(nova_api_service))

    _create(nova_api_service, flavorid)
    assert all(flavorid in ids for ids in _flavorids_from_every_worker(nova_api_service))

    _delete(nova_api_service, flavorid)
    assert not any(flavorid in ids for ids in _flavorids_from_every_worker(nova_api_service))


def test_a_change_through_another_service_on_the_same_database_is_seen_at_once(
        nova_api_service, daemon_factory):
    if nova_api_service.backend != 'postgresql':
        pytest.skip('two services share a database only on PostgreSQL')
    other = daemon_factory(options={'database': dict(nova_api_service.options['database'])})
    flavorid = 'other-%s' % uuid.uuid4().hex[:8]
    _flavorids_from_every_worker(nova_api_service)  # every worker holds a copy now

    _create(other, flavorid)
    assert all(flavorid in ids for ids in _flavorids_from_every_worker(nova_api_service))

    _delete(other, flavorid)
    assert not any(flavorid in ids for ids in _flavorids_from_every_worker(nova_api_service))
