"""GET /limits against the real service, on each database backend."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from sample_shape import assert_same_shape
from test_api_wire import assert_fault

ADMIN = {'X-Auth-Token': 'admin:6f70656e737461636b'}


def call(service, method, path, token=ADMIN, version=None, **kwargs):
    headers = dict(token)
    if version:
        headers['OpenStack-API-Version'] = 'compute %s' % version
    return requests.request(method, service.url + '/v2.1' + path, headers=headers, timeout=10,
                            **kwargs)


def test_limits_reflect_an_updated_quota_and_its_reverting(nova_api_service):
    project = uuid.uuid4().hex
    member = {'X-Auth-Token': 'alice:%s' % project}

    def absolute():
        response = call(nova_api_service, 'GET', '/limits', token=member)
        assert response.status_code == 200
        return response.json()['limits']['absolute']

    assert absolute()['maxTotalInstances'] == 10
    call(nova_api_service, 'PUT', '/os-quota-sets/%s' % project,
         json={'quota_set': {'instances': 4, 'key_pairs': 7}})
    assert (absolute()['maxTotalInstances'], absolute()['maxTotalKeypairs']) == (4, 7)
    assert absolute()['totalInstancesUsed'] == 0

    call(nova_api_service, 'DELETE', '/os-quota-sets/%s' % project)
    assert absolute()['maxTotalInstances'] == 10


def test_an_admin_names_another_project_and_a_member_may_not(nova_api_service):
    project = uuid.uuid4().hex
    call(nova_api_service, 'PUT', '/os-quota-sets/%s' % project, json={'quota_set': {'cores': 3}})

    response = call(nova_api_service, 'GET', '/limits?tenant_id=%s' % project)
    assert response.json()['limits']['absolute']['maxTotalCores'] == 3

    member = {'X-Auth-Token': 'alice:%s' % uuid.uuid4().hex}
    assert_fault(call(nova_api_service, 'GET', '/limits?tenant_id=%s' % project, token=member),
                 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:limits:other_project to be performed.")


def test_unknown_query_parameters_are_400_from_2_75(nova_api_service):
    assert call(nova_api_service, 'GET', '/limits?reserved=1', version='2.74').status_code == 200
    assert_fault(call(nova_api_service, 'GET', '/limits?reserved=1', version='2.75'), 400,
                 'badRequest', 'Additional properties are not allowed')


@pytest.mark.parametrize('directory, version', [
    ('', '2.1'), ('v2.36', '2.36'), ('v2.39', '2.39'), ('v2.57', '2.57')])
def test_the_body_has_the_shape_of_novas_sample(nova_api_service, nova_samples, directory, version):
    sample = json.loads((nova_samples / 'limits' / directory / 'limit-get-resp.json').read_text())
    member = {'X-Auth-Token': 'alice:%s' % uuid.uuid4().hex}

    response = call(nova_api_service, 'GET', '/limits', token=member, version=version)

    assert_same_shape(response.json(), sample)
