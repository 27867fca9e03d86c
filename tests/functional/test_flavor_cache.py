"""Each worker's copies (flavors, the default quota class) follow a change through another at once.

The flavor list comes from a per-worker copy checked against the
``flavors`` generation (objects/flavor_catalogue.py), ``/limits``' default
quota class from one checked against ``quota_classes`` (compute/limits.py).
These stories change them through one worker and read them, on fresh
connections, until every worker of the service (and, on PostgreSQL, a
second service on the same database) has answered: none may show the old.
"""

from __future__ import annotations

import uuid

import every_worker
import pytest
import requests

ADMIN = every_worker.ADMIN


def _flavorids_from_every_worker(service) -> list[set[str]]:
    """The flavor ids each answer listed, asking until every worker answered a few times."""
    return every_worker.answers(service, '/v2.1/flavors/detail',
                                lambda body: {flavor['id'] for flavor in body['flavors']})


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


def _max_cores_from_every_worker(service) -> list[int]:
    """``/limits``' maxTotalCores of each answer, until every worker answered a few times."""
    return every_worker.answers(service, '/v2.1/limits',
                                lambda body: body['limits']['absolute']['maxTotalCores'])


def _set_default_cores(service, cores):
    response = requests.put(service.url + '/v2.1/os-quota-class-sets/default', headers=ADMIN,
                            timeout=10, json={'quota_class_set': {'cores': cores}})
    assert response.status_code == 200, response.text


def test_a_default_quota_changed_through_one_worker_is_in_every_workers_limits_at_once(
        nova_api_service):
    # /limits keeps the default quota class per worker, by the quota_classes generation.
    before = set(_max_cores_from_every_worker(nova_api_service))
    assert len(before) == 1
    changed = before.pop() + 7
    try:
        _set_default_cores(nova_api_service, changed)
        assert set(_max_cores_from_every_worker(nova_api_service)) == {changed}
    finally:
        _set_default_cores(nova_api_service, changed - 7)
    assert set(_max_cores_from_every_worker(nova_api_service)) == {changed - 7}
