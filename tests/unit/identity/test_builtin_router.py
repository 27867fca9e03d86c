"""The built-in identity's router: version discovery, Keystone's error bodies, the merged route table."""

from __future__ import annotations

import pytest

from nova_api.api import router
from nova_api.identity import admin_routes
from nova_api.identity import router as identity_router
from nova_api.identity import service


@pytest.fixture
def identity_app(sqlite_conf):
    conf = sqlite_conf()
    return identity_router.build(router.Services(identity=service.Identity(conf)))


def test_the_identity_root_offers_v3_and_v2_as_a_choice(identity_app, api_request):
    response = api_request(identity_app, '/')

    assert response.status_int == 300
    ids = [value['id'] for value in response.json['versions']['values']]
    assert ids == ['v3.14', 'v2.0']
    assert response.json['versions']['values'][0]['links'] == [
        {'rel': 'self', 'href': 'http://localhost/identity/v3/'}]


@pytest.mark.parametrize('path', ['/v3', '/v3/'])
def test_the_v3_document_is_stable(identity_app, api_request, path):
    response = api_request(identity_app, path)

    assert response.status_int == 200
    assert response.json['version']['status'] == 'stable'
    assert response.json['version']['media-types'][0]['type'] == \
        'application/vnd.openstack.identity-v3+json'


def test_an_unknown_path_is_keystones_404(identity_app, api_request):
    response = api_request(identity_app, '/v3/nothing-here')

    assert response.status_int == 404
    assert response.json == {'error': {'code': 404, 'title': 'Not Found',
                                       'message': 'The resource could not be found.'}}


def test_a_wrong_method_is_keystones_405_with_allow(identity_app, api_request):
    response = api_request(identity_app, '/v3', 'DELETE')

    assert response.status_int == 405
    assert response.json['error']['title'] == 'Method Not Allowed'
    assert response.headers['Allow'] == 'GET'


def test_the_route_table_is_ours_followed_by_the_admin_routes():
    assert identity_router.ROUTES[len(identity_router.ROUTES) - len(admin_routes.ROUTES):] == \
        admin_routes.ROUTES
    assert set(admin_routes.CONTROLLERS) <= set(identity_router.CONTROLLERS)
