"""Proxy headers: honoured only when [oslo_middleware] enable_proxy_headers_parsing is on."""

from __future__ import annotations

FORWARDED = {'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'api.example.com'}


def self_link(response) -> str:
    return next(link['href'] for link in response.json_body['version']['links']
                if link['rel'] == 'self')


def test_forwarded_headers_are_ignored_by_default(pipeline, api_request):
    response = api_request(pipeline, '/v2.1/', headers=FORWARDED)
    assert self_link(response) == 'http://localhost/v2.1/'


def test_forwarded_headers_shape_links_when_enabled(load_pipeline, make_conf, api_request):
    conf = make_conf(overrides={'oslo_middleware': {'enable_proxy_headers_parsing': True}})
    response = api_request(load_pipeline(conf), '/v2.1/', headers=FORWARDED)
    assert self_link(response) == 'https://api.example.com/v2.1/'
