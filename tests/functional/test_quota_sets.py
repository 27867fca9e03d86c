"""os-quota-sets against the real service, on each database backend."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from sample_shape import assert_same_shape
from test_api_wire import assert_fault

ADMIN_PROJECT = '6f70656e737461636b'


def _project() -> str:
    return uuid.uuid4().hex


def _token(user: str, project: str = ADMIN_PROJECT) -> dict[str, str]:
    return {'X-Auth-Token': '%s:%s' % (user, project)}


def call(service, method, path, token=None, version=None, **kwargs):
    headers = dict(token or _token('admin'))
    if version:
        headers['OpenStack-API-Version'] = 'compute %s' % version
    return requests.request(method, service.url + '/v2.1' + path, headers=headers, timeout=10,
                            **kwargs)


def test_update_then_show_then_delete_reverts_to_the_defaults(nova_api_service):
    project = _project()
    path = '/os-quota-sets/%s' % project

    updated = call(nova_api_service, 'PUT', path, json={'quota_set': {'cores': 45, 'ram': '1024'}})
    assert updated.status_code == 200
    assert 'id' not in updated.json()['quota_set']
    assert (updated.json()['quota_set']['cores'], updated.json()['quota_set']['ram']) == (45, 1024)

    shown = call(nova_api_service, 'GET', path).json()['quota_set']
    assert (shown['id'], shown['cores'], shown['ram'], shown['instances']) == (project, 45, 1024, 10)

    deleted = call(nova_api_service, 'DELETE', path)
    assert (deleted.status_code, deleted.text) == (202, '')
    shown = call(nova_api_service, 'GET', path).json()['quota_set']
    assert (shown['cores'], shown['ram']) == (20, 51200)


def test_a_users_limits_live_within_the_projects(nova_api_service):
    project = _project()
    path = '/os-quota-sets/%s' % project
    user_path = path + '?user_id=bob'

    assert call(nova_api_service, 'PUT', path, json={'quota_set': {'instances': 8}}).status_code == 200
    assert call(nova_api_service, 'PUT', user_path,
                json={'quota_set': {'instances': 3}}).status_code == 200

    assert call(nova_api_service, 'GET', user_path).json()['quota_set']['instances'] == 3
    detail = call(nova_api_service, 'GET', path + '/detail?user_id=bob').json()['quota_set']
    assert detail['instances'] == {'limit': 3, 'in_use': 0, 'reserved': 0}
    assert call(nova_api_service, 'GET', path).json()['quota_set']['instances'] == 8

    assert_fault(call(nova_api_service, 'PUT', path, json={'quota_set': {'instances': 2}}), 400,
                 'badRequest', 'Quota limit 2 for instances must be greater than or equal to '
                 'already used and reserved 3.')
    # carol may have what bob left of the project's 8.
    assert_fault(call(nova_api_service, 'PUT', path + '?user_id=carol',
                      json={'quota_set': {'instances': 6}}), 400, 'badRequest',
                 'Quota limit 6 for instances must be less than or equal to 5.')
    forced = call(nova_api_service, 'PUT', path, json={'quota_set': {'instances': 2, 'force': True}})
    assert forced.json()['quota_set']['instances'] == 2

    assert call(nova_api_service, 'DELETE', path).status_code == 202
    assert call(nova_api_service, 'GET', user_path).json()['quota_set']['instances'] == 10


@pytest.mark.parametrize('quota_set, version, message', [
    ({'cores': 'abc'}, '2.1', "Invalid input for field/attribute cores. Value: abc."),
    ({'cores': -2}, '2.1', 'Invalid input for field/attribute cores. Value: -2.'),
    ({'cores': 1.5}, '2.1', 'Invalid input for field/attribute cores.'),
    ({'bogus': 1}, '2.1', "Additional properties are not allowed ('bogus' was unexpected)"),
    ({'floating_ips': 1}, '2.36', "('floating_ips' was unexpected)"),
    ({'injected_files': 1}, '2.57', "('injected_files' was unexpected)"),
    ({'networks': 1}, '2.1', 'The networks quota has been removed'),
    # A numeric string is bounded as a number, as Nova's validator does.
    ({'cores': '99999999999'}, '2.1', '99999999999 is greater than the maximum of 2147483647'),
])
def test_bad_limits_are_400(nova_api_service, quota_set, version, message):
    response = call(nova_api_service, 'PUT', '/os-quota-sets/%s' % _project(),
                    json={'quota_set': quota_set}, version=version)

    assert_fault(response, 400, 'badRequest', message)


def test_a_member_may_not_change_quotas_nor_read_another_projects(nova_api_service):
    project = _project()
    member = _token('alice', project)
    path = '/os-quota-sets/%s' % project

    assert_fault(call(nova_api_service, 'PUT', path, token=member,
                      json={'quota_set': {'cores': 1}}), 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:os-quota-sets:update to be performed.")
    assert_fault(call(nova_api_service, 'DELETE', path, token=member), 403, 'forbidden')
    assert call(nova_api_service, 'GET', path, token=member).status_code == 200
    assert_fault(call(nova_api_service, 'GET', '/os-quota-sets/%s' % _project(), token=member),
                 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.")
    assert call(nova_api_service, 'GET', '/os-quota-sets/%s/defaults' % _project(),
                token=member).status_code == 200


def test_quota_set_paths_are_not_taken_for_project_prefixes(nova_api_service):
    project = _project()

    plain = call(nova_api_service, 'GET', '/os-quota-sets/%s' % project)
    prefixed = call(nova_api_service, 'GET', '/%s/os-quota-sets/%s' % (ADMIN_PROJECT, project))
    detail = call(nova_api_service, 'GET', '/os-quota-sets/%s/detail' % project)
    defaults = call(nova_api_service, 'GET', '/os-quota-sets/%s/defaults' % project)

    assert plain.status_code == prefixed.status_code == detail.status_code == 200
    assert plain.json() == prefixed.json() == defaults.json()
    assert plain.json()['quota_set']['id'] == project
    assert detail.json()['quota_set']['cores']['limit'] == 20
    assert_fault(call(nova_api_service, 'GET', '/%s/os-quota-sets/%s' % (_project(), project)),
                 400, 'badRequest', "Malformed request URL: URL's project_id")


@pytest.mark.parametrize('directory, version', [('', '2.1'), ('v2.36', '2.36'), ('v2.57', '2.57')])
def test_bodies_have_the_shape_of_novas_samples(nova_api_service, nova_samples, directory, version):
    samples = nova_samples / 'os-quota-sets' / directory
    path = '/os-quota-sets/%s' % _project()

    def sample(name):
        return json.loads((samples / name).read_text())

    def get(suffix=''):
        return call(nova_api_service, 'GET', path + suffix, version=version).json()

    assert_same_shape(get(), sample('quotas-show-get-resp.json'))
    assert_same_shape(get('/defaults'), sample('quotas-show-defaults-get-resp.json'))
    assert_same_shape(get('/detail'), sample('quotas-show-detail-get-resp.json'))
    assert_same_shape(get('?user_id=fake'), sample('user-quotas-show-get-resp.json'))
    for request, reply, query in [
            ('quotas-update-post-req.json', 'quotas-update-post-resp.json', ''),
            ('quotas-update-force-post-req.json', 'quotas-update-force-post-resp.json', ''),
            ('user-quotas-update-post-req.json', 'user-quotas-update-post-resp.json', '?user_id=fake')]:
        response = call(nova_api_service, 'PUT', path + query, json=sample(request), version=version)
        assert response.status_code == 200
        assert_same_shape(response.json(), sample(reply))
