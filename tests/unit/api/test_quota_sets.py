"""os-quota-sets through the real pipeline: validation, policy and the keys of each microversion."""

from __future__ import annotations

import json

import pytest
from sample_shape import assert_same_shape

PROJECT = '6f70656e737461636b20726f636b7321'
OTHER = 'a1b2c3d4'
ADMIN = 'admin:' + PROJECT
MEMBER = 'alice:' + PROJECT
URL = '/v2.1/os-quota-sets/%s' % PROJECT

NETWORK = {'fixed_ips', 'floating_ips', 'security_groups', 'security_group_rules'}
PERSONALITY = {'injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes'}
V2_57 = {'cores', 'instances', 'key_pairs', 'metadata_items', 'ram', 'server_groups',
         'server_group_members'}


def _fault(response, code):
    assert response.status_int == code, response.body
    body = response.json_body
    name = {400: 'badRequest', 403: 'forbidden', 404: 'itemNotFound'}[code]
    assert list(body) == [name] and body[name]['code'] == code
    return body[name]['message']


def _put(api_request, pipeline, quota_set, url=URL, token=ADMIN, version=None):
    return api_request(pipeline, url, 'PUT', body={'quota_set': quota_set}, token=token,
                       version=version)


@pytest.mark.parametrize('version, keys', [
    ('2.1', V2_57 | NETWORK | PERSONALITY),
    ('2.35', V2_57 | NETWORK | PERSONALITY),
    ('2.36', V2_57 | PERSONALITY),
    ('2.56', V2_57 | PERSONALITY),
    ('2.57', V2_57),
    ('2.104', V2_57),
])
@pytest.mark.parametrize('suffix', ['', '/defaults', '/detail'])
def test_show_defaults_and_detail_have_the_keys_of_their_version(pipeline, api_request,
                                                                 version, keys, suffix):
    response = api_request(pipeline, URL + suffix, token=ADMIN, version=version)

    assert response.status_int == 200
    quota_set = response.json_body['quota_set']
    assert quota_set.pop('id') == PROJECT
    assert set(quota_set) == keys


@pytest.mark.parametrize('version, keys', [
    ('2.1', V2_57 | NETWORK | PERSONALITY), ('2.36', V2_57 | PERSONALITY), ('2.57', V2_57)])
def test_update_returns_the_limits_of_its_version_without_id(pipeline, api_request, version, keys):
    response = _put(api_request, pipeline, {'cores': 45}, version=version)

    assert response.status_int == 200
    assert set(response.json_body['quota_set']) == keys
    assert response.json_body['quota_set']['cores'] == 45


@pytest.mark.parametrize('directory, version', [('', '2.1'), ('v2.36', '2.36'), ('v2.57', '2.57')])
def test_bodies_have_the_shape_of_novas_samples(pipeline, api_request, nova_samples,
                                                directory, version):
    samples = nova_samples / 'os-quota-sets' / directory

    def sample(name):
        return json.loads((samples / name).read_text())

    def get(suffix=''):
        return api_request(pipeline, URL + suffix, token=ADMIN, version=version).json_body

    assert_same_shape(get(), sample('quotas-show-get-resp.json'))
    assert_same_shape(get('/defaults'), sample('quotas-show-defaults-get-resp.json'))
    assert_same_shape(get('/detail'), sample('quotas-show-detail-get-resp.json'))
    for request, reply in [('quotas-update-post-req.json', 'quotas-update-post-resp.json'),
                           ('quotas-update-force-post-req.json', 'quotas-update-force-post-resp.json')]:
        response = api_request(pipeline, URL, 'PUT', body=sample(request), token=ADMIN, version=version)
        assert_same_shape(response.json_body, sample(reply))
    user_url = URL + '?user_id=fake'
    assert_same_shape(api_request(pipeline, user_url, token=ADMIN, version=version).json_body,
                      sample('user-quotas-show-get-resp.json'))
    response = api_request(pipeline, user_url, 'PUT', token=ADMIN, version=version,
                           body=sample('user-quotas-update-post-req.json'))
    assert_same_shape(response.json_body, sample('user-quotas-update-post-resp.json'))


@pytest.mark.parametrize('quota_set, version', [
    ({'cores': 'abc'}, None),
    ({'cores': '1.5'}, None),
    ({'cores': 1.5}, None),
    ({'cores': True}, None),
    ({'cores': None}, None),
    ({'cores': -2}, None),
    ({'cores': 2 ** 31}, None),
    ({'cores': '-2'}, None),
    ({'cores': '99999999999'}, None),
    ({'unknown': 1}, None),
    ({'force': 'maybe', 'cores': 1}, None),
    ({'fixed_ips': 1}, '2.36'),
    ({'security_groups': 1}, '2.36'),
    ({'networks': 1}, '2.36'),
    ({'networks': 1}, None),
    ({'injected_files': 1}, '2.57'),
    ({'injected_file_path_bytes': 1}, '2.57'),
])
def test_bad_limits_are_400(pipeline, api_request, quota_set, version):
    _fault(_put(api_request, pipeline, quota_set, version=version), 400)


@pytest.mark.parametrize('body', [{}, {'quota_set': 5}, {'quota_set': {}, 'extra': 1}, [1]])
def test_a_malformed_body_is_400(pipeline, api_request, body):
    _fault(api_request(pipeline, URL, 'PUT', body=body, token=ADMIN), 400)


def test_the_removed_network_quota_is_400_with_novas_message(pipeline, api_request):
    message = _fault(_put(api_request, pipeline, {'networks': 1}), 400)
    assert message == 'The networks quota has been removed'


def test_numeric_strings_are_limits(pipeline, api_request):
    response = _put(api_request, pipeline, {'cores': '33', 'ram': '-1', 'force': 'true'})

    assert response.status_int == 200
    assert (response.json_body['quota_set']['cores'], response.json_body['quota_set']['ram']) == (33, -1)


def test_a_user_limit_above_the_projects_is_400_unless_forced(pipeline, api_request):
    url = URL + '?user_id=bob'
    message = _fault(_put(api_request, pipeline, {'cores': 21}, url=url), 400)
    assert message == 'Quota limit 21 for cores must be less than or equal to 20.'

    response = _put(api_request, pipeline, {'cores': 21, 'force': True}, url=url)
    assert response.status_int == 200
    assert response.json_body['quota_set']['cores'] == 21


def test_a_project_limit_below_usage_is_400_unless_forced(pipeline, api_request):
    assert _put(api_request, pipeline, {'cores': 10}, url=URL + '?user_id=bob').status_int == 200

    message = _fault(_put(api_request, pipeline, {'cores': 9}), 400)
    assert message == ('Quota limit 9 for cores must be greater than or equal to already used '
                       'and reserved 10.')
    response = _put(api_request, pipeline, {'cores': 9, 'force': 'True'})
    assert response.status_int == 200
    assert response.json_body['quota_set']['cores'] == 9


def test_user_id_scopes_show_detail_and_delete(pipeline, api_request):
    _put(api_request, pipeline, {'cores': 5}, url=URL + '?user_id=bob')

    def cores(url):
        return api_request(pipeline, url, token=ADMIN).json_body['quota_set']['cores']

    assert cores(URL + '?user_id=bob') == 5
    assert cores(URL + '/detail?user_id=bob') == {'limit': 5, 'in_use': 0, 'reserved': 0}
    assert cores(URL) == 20
    assert cores(URL + '?user_id=') == 20  # empty: the project's, as Nova
    response = api_request(pipeline, URL + '?user_id=bob', 'DELETE', token=ADMIN)
    assert (response.status_int, response.body) == (202, b'')
    assert cores(URL + '?user_id=bob') == 20


def test_any_project_id_string_is_accepted(pipeline, api_request):
    response = api_request(pipeline, '/v2.1/os-quota-sets/not-a-hex-project', token=ADMIN)

    assert response.status_int == 200
    assert response.json_body['quota_set']['id'] == 'not-a-hex-project'


def test_paths_with_and_without_the_project_prefix_reach_the_quota_set(pipeline, api_request):
    plain = api_request(pipeline, '/v2.1/os-quota-sets/%s' % OTHER, token=ADMIN)
    prefixed = api_request(pipeline, '/v2.1/%s/os-quota-sets/%s' % (PROJECT, OTHER), token=ADMIN)
    detail = api_request(pipeline, '/v2.1/os-quota-sets/%s/detail' % OTHER, token=ADMIN)

    assert plain.json_body['quota_set']['id'] == OTHER
    assert prefixed.json_body == plain.json_body
    assert detail.json_body['quota_set']['cores']['limit'] == 20


@pytest.mark.parametrize('version, code', [('2.74', 200), ('2.75', 400)])
@pytest.mark.parametrize('suffix', ['', '/detail'])
def test_unknown_query_parameters_are_400_from_2_75(pipeline, api_request, version, code, suffix):
    response = api_request(pipeline, URL + suffix + '?foo=bar', token=ADMIN, version=version)
    assert response.status_int == code


def test_defaults_ignore_unknown_query_parameters_at_every_version(pipeline, api_request):
    response = api_request(pipeline, URL + '/defaults?foo=bar', token=MEMBER, version='2.104')
    assert response.status_int == 200


def test_update_and_delete_ignore_unknown_query_parameters_only_before_2_75(pipeline, api_request):
    assert _put(api_request, pipeline, {'cores': 1}, url=URL + '?foo=1', version='2.74').status_int == 200
    _fault(_put(api_request, pipeline, {'cores': 1}, url=URL + '?foo=1', version='2.75'), 400)
    assert api_request(pipeline, URL + '?foo=1', 'DELETE', token=ADMIN,
                       version='2.74').status_int == 202
    _fault(api_request(pipeline, URL + '?foo=1', 'DELETE', token=ADMIN, version='2.75'), 400)


# -- policy -------------------------------------------------------------------------

def test_a_member_may_not_update_or_delete_quotas(pipeline, api_request):
    message = _fault(_put(api_request, pipeline, {'cores': 1}, token=MEMBER), 403)
    assert message == "Policy doesn't allow os_compute_api:os-quota-sets:update to be performed."
    message = _fault(api_request(pipeline, URL, 'DELETE', token=MEMBER), 403)
    assert message == "Policy doesn't allow os_compute_api:os-quota-sets:delete to be performed."


def test_a_member_reads_its_own_project_but_not_another(pipeline, api_request):
    assert api_request(pipeline, URL, token=MEMBER).status_int == 200
    assert api_request(pipeline, URL + '/detail', token=MEMBER).status_int == 200
    other = '/v2.1/os-quota-sets/%s' % OTHER
    message = _fault(api_request(pipeline, other, token=MEMBER), 403)
    assert message == "Policy doesn't allow os_compute_api:os-quota-sets:show to be performed."
    message = _fault(api_request(pipeline, other + '/detail', token=MEMBER), 403)
    assert message == "Policy doesn't allow os_compute_api:os-quota-sets:detail to be performed."


def test_anyone_reads_the_defaults_of_any_project(pipeline, api_request):
    response = api_request(pipeline, '/v2.1/os-quota-sets/%s/defaults' % OTHER, token=MEMBER)
    assert response.status_int == 200
    assert response.json_body['quota_set']['id'] == OTHER


def test_an_admin_reads_and_sets_another_projects_quotas(pipeline, api_request):
    other = '/v2.1/os-quota-sets/%s' % OTHER
    assert _put(api_request, pipeline, {'instances': 3}, url=other).status_int == 200
    assert api_request(pipeline, other, token=ADMIN).json_body['quota_set']['instances'] == 3
    assert api_request(pipeline, URL, token=ADMIN).json_body['quota_set']['instances'] == 10


def test_post_is_not_allowed(pipeline, api_request):
    response = api_request(pipeline, URL, 'POST', body={}, token=ADMIN)
    assert response.status_int == 405
    assert response.headers['Allow'] == 'DELETE, GET, PUT'
