"""Version discovery over HTTP against the real daemon, as clients do it."""

from __future__ import annotations

import json

import pytest
import requests
from sample_shape import assert_same_shape


@pytest.fixture
def sample(nova_samples):
    def load(name: str) -> dict:
        return json.loads((nova_samples / 'versions' / name).read_text())
    return load


def test_versions_list_has_novas_shape_and_values(nova_api_daemon, sample):
    response = requests.get(nova_api_daemon.url + '/', timeout=10)

    assert response.status_code == 200
    assert response.headers['Content-Type'].startswith('application/json')
    expected = sample('versions-get-resp.json')
    body = response.json()
    assert_same_shape(body, expected)
    for got, want in zip(body["versions"], expected["versions"], strict=True):
        for key in ('id', 'status', 'version', 'min_version', 'updated'):
            assert got[key] == want[key]
        assert got['links'][0]['href'] == '%s/%s/' % (nova_api_daemon.url, want['links'][0]['href']
                                                      .rstrip('/').rsplit('/', 1)[-1])


@pytest.mark.parametrize('path', ['/v2.1', '/v2.1/'])
def test_v21_document_needs_no_token_and_matches_nova(nova_api_daemon, path, sample):
    response = requests.get(nova_api_daemon.url + path, timeout=10)

    assert response.status_code == 200
    expected = sample('v21-version-get-resp.json')
    body = response.json()
    assert_same_shape(body, expected)
    assert body['version']['version'] == '2.104'
    assert body['version']['min_version'] == '2.1'
    assert body['version']['media-types'] == expected['version']['media-types']
    assert body['version']['links'][0] == {'rel': 'self', 'href': nova_api_daemon.url + '/v2.1/'}


def test_v2_document_matches_nova(nova_api_daemon, sample):
    response = requests.get(nova_api_daemon.url + '/v2/', timeout=10)

    assert response.status_code == 200
    assert_same_shape(response.json(), sample('v2-version-get-resp.json'))


def test_unknown_top_level_path_offers_choices(nova_api_daemon):
    response = requests.get(nova_api_daemon.url + '/servers', timeout=10)

    assert response.status_code == 300
    links = [c['links'][0]['href'] for c in response.json()['choices']]
    assert links == [nova_api_daemon.url + '/v2/servers', nova_api_daemon.url + '/v2.1/servers']
