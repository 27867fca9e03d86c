"""The router: the route table as data, 404 and 405, the optional project id."""

from __future__ import annotations

import pytest
import webob

from nova_api import context
from nova_api import exception
from nova_api.api import controller
from nova_api.api import faults
from nova_api.api import validation
from nova_api.api.router import APIRouter

PROJECT_ID = '6f70656e737461636b20726f636b7321'
ANY = {'type': 'object'}


class FlavorsController(controller.Controller):
    """Names the method that answered, so a test can see where a request went."""

    @validation.query_schema(ANY)
    @controller.expected_errors()
    def index(self, req):
        return {'method': 'index'}

    @validation.query_schema(ANY)
    @controller.expected_errors()
    def detail(self, req):
        return {'method': 'detail'}

    @validation.query_schema(ANY)
    @controller.expected_errors(404)
    def show(self, req, id):
        return {'method': 'show', 'id': id}

    @validation.schema(ANY)
    @controller.expected_errors(404)
    def update(self, req, id, body):
        return {'method': 'update', 'id': id}

    @controller.expected_errors(404)
    @controller.response(202)
    def delete(self, req, id):
        return {'method': 'delete', 'id': id}


ROUTES = (
    ('/flavors', {'GET': ('flavors', 'index')}),
    ('/flavors/detail', {'GET': ('flavors', 'detail')}),
    ('/flavors/{id}', {'GET': ('flavors', 'show'), 'PUT': ('flavors', 'update'),
                       'DELETE': ('flavors', 'delete')}),
)


@pytest.fixture
def call(api_request):
    def send(path, method='GET', project=PROJECT_ID, router=None, **kwargs):
        router = router or APIRouter(ROUTES, {'flavors': FlavorsController}, {})
        environ = {context.ENV_CONTEXT: context.RequestContext(user_id='bob', project_id=project)}
        return api_request(router, path, method=method, environ=environ, **kwargs)
    return send


@pytest.mark.parametrize('prefix', ['', '/' + PROJECT_ID])
@pytest.mark.parametrize('path, method, answer', [
    ('/flavors', 'GET', {'method': 'index'}),
    ('/flavors/detail', 'GET', {'method': 'detail'}),
    ('/flavors/42', 'GET', {'method': 'show', 'id': '42'}),
    ('/flavors/42', 'PUT', {'method': 'update', 'id': '42'}),
    ('/flavors/42', 'DELETE', {'method': 'delete', 'id': '42'}),
])
def test_routes_are_reachable_with_and_without_project_id(call, prefix, path, method, answer):
    body = {} if method == 'PUT' else None
    response = call(prefix + path, method=method, body=body)
    assert response.status_int in (200, 202)
    assert response.json_body == answer


@pytest.mark.parametrize('path', ['/nowhere', '/flavors/42/nowhere', '/%s/nowhere' % PROJECT_ID])
def test_unknown_path_is_a_404_item_not_found(call, path):
    response = call(path)
    assert response.status_int == 404
    assert response.json_body == {
        'itemNotFound': {'code': 404, 'message': 'The resource could not be found.'}}
    assert response.headers['OpenStack-API-Version'] == 'compute 2.1'


def test_a_path_no_route_can_match_is_refused_before_the_routes_are_scanned(call, monkeypatch):
    router = APIRouter(ROUTES, {'flavors': FlavorsController}, {})
    # routes' own check would hash its ~19,000-character expression on every request.
    assert router.mapper._master_regexp is None
    monkeypatch.setattr(router.mapper, 'routematch', lambda **kwargs: pytest.fail('scanned'))
    assert call('/nowhere', router=router).status_int == 404


@pytest.mark.parametrize('path, method, allowed', [
    ('/flavors', 'POST', 'GET'),
    ('/flavors/42', 'POST', 'DELETE, GET, PUT'),
    ('/%s/flavors/42' % PROJECT_ID, 'PATCH', 'DELETE, GET, PUT'),
])
def test_known_path_with_unknown_method_is_a_405_listing_allowed_methods(call, path, method, allowed):
    response = call(path, method=method)
    assert response.status_int == 405
    assert response.headers['Allow'] == allowed
    assert response.json_body == {'badMethod': {
        'code': 405, 'message': 'The method %s is not allowed for this resource.' % method}}


def test_405_is_answered_at_the_requested_version(call):
    response = call('/flavors', method='POST', version='2.60')
    assert response.status_int == 405
    assert response.headers['OpenStack-API-Version'] == 'compute 2.60'


def test_project_id_routes_do_not_shadow_later_routes_with_other_methods(call):
    """Regression: the 405 catch-all of one path hid another path's methods.

    Under ``/{project_id}`` every route shares the same static prefix, so the
    catch-all of ``/things/{id}`` (DELETE only) was tried before the GET route
    of ``/things/detail`` listed after it, and ``GET /{project_id}/things/detail``
    was a 405.
    """
    class Things(controller.Controller):
        @controller.expected_errors(404)
        def delete(self, req, id):
            return None

        @validation.query_schema(ANY)
        @controller.expected_errors()
        def detail(self, req):
            return {'method': 'detail'}

    router = APIRouter((('/things/{id}', {'DELETE': ('things', 'delete')}),
                        ('/things/detail', {'GET': ('things', 'detail')})),
                       {'things': Things}, {})
    for path in ('/things/detail', '/%s/things/detail' % PROJECT_ID):
        response = call(path, router=router)
        assert response.status_int == 200, (path, response.body)
        assert response.json_body == {'method': 'detail'}


def test_custom_project_id_regex_does_not_swallow_top_level_routes(call):
    router = APIRouter(ROUTES, {'flavors': FlavorsController}, {},
                       project_id_regex=r'[0-9a-zA-Z_\-]+')
    assert call('/flavors', router=router, project='demo').json_body == {'method': 'index'}
    assert call('/demo/flavors', router=router, project='demo').json_body == {'method': 'index'}
    assert call('/demo/flavors/detail', router=router, project='demo').json_body == {
        'method': 'detail'}


def test_real_route_table_serves_the_version_document(call):
    for path in ('/', '/%s/' % PROJECT_ID):
        response = call(path, router=APIRouter())
        assert response.status_int == 200
        assert response.json_body['version']['id'] == 'v2.1'


def test_project_id_regex_comes_from_the_api_config(load_pipeline, make_conf, api_request):
    default = load_pipeline()
    assert api_request(default, '/v2.1/demo/', token='alice:demo').status_int == 404
    custom = load_pipeline(make_conf(overrides={'api': {'project_id_regex': r'[0-9a-zA-Z_\-]+'}}))
    response = api_request(custom, '/v2.1/demo/', token='alice:demo')
    assert response.status_int == 200
    assert response.json_body['version']['id'] == 'v2.1'


# -- another API on the same framework -------------------------------------------------

class WordedController(controller.Controller):
    """Words a missing thing its own way, as Nova's image proxy does."""

    wsgi_wording = {exception.NotFound: 'Nothing called %(name)s here.'}

    @validation.query_schema(ANY)
    @controller.expected_errors(404)
    def show(self, req, id):
        raise exception.FlavorNotFound(flavor_id=id, name=id)


def plain_text_errors(environ, exc, wording):
    code, message, headers = faults.translate(exc, wording=wording)
    response = webob.Response(status=code, body=message.encode(), content_type='text/plain')
    response.headers.update(headers)
    return response


def test_a_controller_words_domain_errors_its_own_way(call):
    router = APIRouter((('/things/{id}', {'GET': ('things', 'show')}),),
                       {'things': WordedController}, {})

    response = call('/things/x1', router=router)

    assert response.status_int == 404
    assert response.json_body['itemNotFound']['message'] == 'Nothing called x1 here.'


def test_another_api_has_no_project_prefix_no_versions_and_its_own_error_format(call):
    router = APIRouter(ROUTES, {'flavors': FlavorsController}, {}, project_id_regex=None,
                       negotiate_version=False, errors=plain_text_errors)

    shown = call('/flavors/42', router=router)
    assert shown.json_body == {'method': 'show', 'id': '42'}
    assert 'OpenStack-API-Version' not in shown.headers
    unrouted = call('/%s/flavors' % PROJECT_ID, router=router)
    assert (unrouted.status_int, unrouted.text) == (404, 'The resource could not be found.')
    refused = call('/flavors', method='DELETE', router=router)
    assert (refused.status_int, refused.headers['Allow']) == (405, 'GET')
    assert refused.content_type == 'text/plain'
