"""Pages: the size Nova reads from a query, and the link to the next page."""

from __future__ import annotations

import types

import pytest

from nova_api.api import pagination
from nova_api.api.request import Request


@pytest.mark.parametrize('params, expected', [
    ({}, (1000, None)),
    ({'limit': '5'}, (5, None)),
    ({'limit': '5000', 'marker': 'm'}, (1000, 'm')),  # capped by [api] max_limit
    ({'limit': '0'}, (0, None)),
])
def test_limit_and_marker_read_the_query_as_nova_does(params, expected):
    assert pagination.limit_and_marker(params, 1000) == expected


def request(path, project_id='p1'):
    req = Request.blank(path)
    req.environ['nova.context'] = types.SimpleNamespace(project_id=project_id)
    req.environ['SCRIPT_NAME'], req.environ['PATH_INFO'] = '/v2.1', path[len('/v2.1'):].split('?')[0]
    return req


ITEMS = [{'name': 'a'}, {'name': 'b'}]


def test_a_full_page_links_on_with_the_query_and_marker_sorted():
    req = request('/v2.1/things?z=1&limit=2&a=2')
    [link] = pagination.next_links(req, 'things', ITEMS, 2, lambda item: item['name'])
    assert link == {'rel': 'next', 'href': 'http://localhost/v2.1/things?a=2&limit=2&marker=b&z=1'}


def test_a_marker_already_in_the_query_is_replaced():
    req = request('/v2.1/things?marker=x&limit=2')
    [link] = pagination.next_links(req, 'things', ITEMS, 2, lambda item: item['name'])
    assert link['href'] == 'http://localhost/v2.1/things?limit=2&marker=b'


@pytest.mark.parametrize('limit', [None, 0, 3])
def test_a_page_that_is_not_full_is_the_last(limit):
    req = request('/v2.1/things')
    assert pagination.next_links(req, 'things', ITEMS, limit, lambda item: item['name']) is None


def test_the_project_stays_in_the_link_only_when_the_url_starts_with_it():
    with_project = request('/v2.1/p1/things?limit=2')
    assert pagination.next_links(with_project, 'things', ITEMS, 2, lambda item: item['name'])[0][
        'href'] == 'http://localhost/v2.1/p1/things?limit=2&marker=b'
    # The project id appearing elsewhere in the path is not a prefix.
    elsewhere = request('/v2.1/things/p1?limit=2')
    assert pagination.next_links(elsewhere, 'things', ITEMS, 2, lambda item: item['name'])[0][
        'href'] == 'http://localhost/v2.1/things?limit=2&marker=b'
