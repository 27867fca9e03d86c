"""Version discovery documents, compared with Nova's own API samples.

Nova's samples are written for ``http://openstack.example.com``; ours link to
the host of the request. Everything else must match: keys, types, the values
clients read (id, status, version, min_version, updated, media types) and the
link relations.
"""

from __future__ import annotations

import json

import pytest
import webob
from sample_shape import assert_same_shape

VALUES_THAT_MUST_MATCH = ('id', 'status', 'version', 'min_version', 'updated', 'media-types')


def assert_same_version(ours: dict, nova: dict) -> None:
    for key in VALUES_THAT_MUST_MATCH:
        if key in nova:
            assert ours[key] == nova[key], key
    assert sorted(link['rel'] for link in ours['links']) == sorted(
        link['rel'] for link in nova['links'])
    ours_other = [link for link in ours['links'] if link['rel'] != 'self']
    nova_other = [link for link in nova['links'] if link['rel'] != 'self']
    assert ours_other == nova_other


def self_link(version: dict) -> str:
    return next(link['href'] for link in version['links'] if link['rel'] == 'self')


@pytest.fixture
def sample(nova_samples):
    def load(name: str) -> dict:
        return json.loads((nova_samples / 'versions' / name).read_text())
    return load


def test_versions_list_matches_nova(pipeline, api_request, sample):
    response = api_request(pipeline, '/')
    assert response.status_int == 200
    assert response.content_type == 'application/json'
    nova = sample('versions-get-resp.json')
    assert_same_shape(response.json_body, nova)
    for ours, theirs in zip(response.json_body['versions'], nova['versions'], strict=True):
        assert_same_version(ours, theirs)
    assert [self_link(v) for v in response.json_body['versions']] == [
        'http://localhost/v2/', 'http://localhost/v2.1/']


@pytest.mark.parametrize('path', ['/v2.1', '/v2.1/'])
def test_v21_document_matches_nova_without_authentication(pipeline, api_request, sample, path):
    response = api_request(pipeline, path)
    assert response.status_int == 200
    nova = sample('v21-version-get-resp.json')
    assert_same_shape(response.json_body, nova)
    assert_same_version(response.json_body['version'], nova['version'])
    assert self_link(response.json_body['version']) == 'http://localhost/v2.1/'


def test_v21_document_advertises_the_microversion_range(pipeline, api_request):
    version = api_request(pipeline, '/v2.1/').json_body['version']
    assert (version['min_version'], version['version']) == ('2.1', '2.104')


@pytest.mark.parametrize('path', ['/v2', '/v2/'])
def test_v2_document_matches_nova(pipeline, api_request, sample, path):
    response = api_request(pipeline, path)
    assert response.status_int == 200
    nova = sample('v2-version-get-resp.json')
    assert_same_shape(response.json_body, nova)
    assert_same_version(response.json_body['version'], nova['version'])
    assert self_link(response.json_body['version']) == 'http://localhost/v2/'


def test_v2_document_ignores_microversion_headers(pipeline, api_request):
    response = api_request(pipeline, '/v2/', version='9.9')
    assert response.status_int == 200
    assert 'OpenStack-API-Version' not in response.headers


def test_path_outside_any_version_is_300_choices(pipeline, api_request):
    response = api_request(pipeline, '/servers/detail')
    assert response.status_int == 300
    choices = response.json_body['choices']
    assert [c['id'] for c in choices] == ['v2.0', 'v2.1']
    assert [c['status'] for c in choices] == ['DEPRECATED', 'CURRENT']
    assert [self_link(c) for c in choices] == [
        'http://localhost/v2/servers/detail', 'http://localhost/v2.1/servers/detail']
    assert [c['media-types'][0]['type'] for c in choices] == [
        'application/vnd.openstack.compute+json;version=2',
        'application/vnd.openstack.compute+json;version=2.1']


def test_links_use_the_host_of_the_request(pipeline, api_request):
    response = api_request(pipeline, '/v2.1/', headers={'Host': 'compute.example.org:8774'})
    assert self_link(response.json_body['version']) == 'http://compute.example.org:8774/v2.1/'
    listing = api_request(pipeline, '/', headers={'Host': 'compute.example.org:8774'})
    assert self_link(listing.json_body['versions'][1]) == 'http://compute.example.org:8774/v2.1/'


def test_links_keep_the_mount_point(pipeline):
    for path in ('/v2.1/', '/'):
        req = webob.Request.blank(path, base_url='http://localhost/compute')
        body = req.get_response(pipeline).json_body
        version = body['version'] if 'version' in body else body['versions'][1]
        assert self_link(version) == 'http://localhost/compute/v2.1/'


def test_version_documents_need_no_token_with_keystone(load_pipeline, make_conf, api_request):
    conf = make_conf(config_text='[api]\nauth_strategy = keystone\n'
                                 '[keystone_authtoken]\n'
                                 'www_authenticate_uri = http://127.0.0.1:9/\n'
                                 'auth_url = http://127.0.0.1:9/\n')
    app = load_pipeline(conf)
    assert api_request(app, '/').status_int == 200
    assert api_request(app, '/v2.1/').status_int == 200
    assert api_request(app, '/v2.1/servers').status_int == 401


@pytest.mark.parametrize('path', ['/', '/v2.1/', '/v2/'])
def test_version_documents_refuse_writes_with_405(pipeline, api_request, path):
    response = api_request(pipeline, path, method='POST', body=b'{}')

    assert response.status_code == 405
    assert response.json_body['badMethod']['code'] == 405
    assert response.headers['Allow'] == 'GET, HEAD'
