"""GET /limits through the real pipeline: keys per microversion, tenant_id, query strictness."""

from __future__ import annotations

import json

import pytest
from sample_shape import assert_same_shape

PROJECT = '6f70656e737461636b20726f636b7321'
OTHER = 'a1b2c3d4'
ADMIN = 'admin:' + PROJECT
MEMBER = 'alice:' + PROJECT

V2_57 = {'maxServerMeta', 'maxTotalCores', 'maxTotalInstances', 'maxTotalKeypairs',
         'maxTotalRAMSize', 'maxServerGroups', 'maxServerGroupMembers', 'totalCoresUsed',
         'totalInstancesUsed', 'totalRAMUsed', 'totalServerGroupsUsed'}
PERSONALITY = {'maxPersonality', 'maxPersonalitySize'}
NETWORK = {'maxSecurityGroupRules', 'maxSecurityGroups', 'maxTotalFloatingIps',
           'totalSecurityGroupsUsed', 'totalFloatingIpsUsed'}


@pytest.mark.parametrize('version, keys', [
    ('2.1', V2_57 | PERSONALITY | NETWORK | {'maxImageMeta'}),
    ('2.35', V2_57 | PERSONALITY | NETWORK | {'maxImageMeta'}),
    ('2.36', V2_57 | PERSONALITY | {'maxImageMeta'}),
    ('2.39', V2_57 | PERSONALITY),
    ('2.56', V2_57 | PERSONALITY),
    ('2.57', V2_57),
    ('2.104', V2_57),
])
def test_absolute_limits_have_the_keys_of_their_version(pipeline, api_request, version, keys):
    response = api_request(pipeline, '/v2.1/limits', token=MEMBER, version=version)

    assert response.status_int == 200
    assert response.json_body['limits']['rate'] == []
    assert set(response.json_body['limits']['absolute']) == keys


@pytest.mark.parametrize('directory, version', [
    ('', '2.1'), ('v2.36', '2.36'), ('v2.39', '2.39'), ('v2.57', '2.57')])
def test_the_body_has_the_shape_of_novas_sample(pipeline, api_request, nova_samples,
                                                directory, version):
    sample = json.loads((nova_samples / 'limits' / directory / 'limit-get-resp.json').read_text())
    response = api_request(pipeline, '/v2.1/limits', token=MEMBER, version=version)

    assert_same_shape(response.json_body, sample)
    assert response.json_body == sample  # the defaults are Nova's, and nothing is used


def test_limits_follow_the_projects_quota_not_a_users(pipeline, api_request):
    quota_url = '/v2.1/os-quota-sets/%s' % PROJECT
    api_request(pipeline, quota_url, 'PUT', token=ADMIN, body={'quota_set': {'cores': 40}})
    api_request(pipeline, quota_url + '?user_id=alice', 'PUT', token=ADMIN,
                body={'quota_set': {'cores': 4}})

    absolute = api_request(pipeline, '/v2.1/limits', token=MEMBER).json_body['limits']['absolute']

    assert absolute['maxTotalCores'] == 40


def test_an_admin_reads_another_projects_limits_with_tenant_id(pipeline, api_request):
    api_request(pipeline, '/v2.1/os-quota-sets/%s' % OTHER, 'PUT', token=ADMIN,
                body={'quota_set': {'instances': 3}})

    def instances(url, token=ADMIN):
        return api_request(pipeline, url, token=token).json_body['limits']['absolute']['maxTotalInstances']

    assert instances('/v2.1/limits?tenant_id=%s' % OTHER) == 3
    assert instances('/v2.1/limits') == 10
    assert instances('/v2.1/%s/limits?tenant_id=%s' % (PROJECT, OTHER)) == 3


def test_a_member_may_not_read_another_projects_limits(pipeline, api_request):
    response = api_request(pipeline, '/v2.1/limits?tenant_id=%s' % OTHER, token=MEMBER)

    assert response.status_int == 403
    assert response.json_body['forbidden']['message'] == (
        "Policy doesn't allow os_compute_api:limits:other_project to be performed.")


@pytest.mark.parametrize('query, version, code', [
    ('reserved=1', '2.74', 200),
    ('reserved=1', '2.75', 400),
    ('foo=bar', '2.75', 400),
    ('tenant_id=%s' % PROJECT, '2.75', 200),
])
def test_unknown_query_parameters_are_400_from_2_75(pipeline, api_request, query, version, code):
    response = api_request(pipeline, '/v2.1/limits?' + query, token=ADMIN, version=version)

    assert response.status_int == code
    if code == 400:
        assert 'Additional properties are not allowed' in response.json_body['badRequest']['message']
