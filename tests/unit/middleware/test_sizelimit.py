"""Request bodies over [oslo_middleware] max_request_body_size are a 413 overLimit."""

from __future__ import annotations

import io
import json

import pytest
import webob

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.router import APIRouter
from nova_api.middleware.sizelimit import RequestBodySizeLimiter
from nova_api.middleware.sizelimit import parse_exemptions

LIMIT = 64
TOKEN = 'alice:p'


class NotesController(controller.Controller):
    @validation.schema({'type': 'object'})
    @controller.expected_errors(400)
    @controller.response(201)
    def create(self, req, body):
        return {'received': len(json.dumps(body))}


@pytest.fixture
def conf(make_conf):
    return make_conf(overrides={'oslo_middleware': {'max_request_body_size': LIMIT}})


@pytest.fixture
def app(load_pipeline, conf):
    return load_pipeline(conf, api_router=APIRouter((('/notes', {'POST': ('notes', 'create')}),),
                                                    {'notes': NotesController}, {}))


def body_of(size: int) -> bytes:
    """A JSON document of exactly ``size`` bytes."""
    text = json.dumps({'note': ''})
    return json.dumps({'note': 'x' * (size - len(text))}).encode()


def chunked(path: str, body: bytes) -> webob.Request:
    req = webob.Request.blank(path, method='POST', headers={'X-Auth-Token': TOKEN})
    req.environ.pop('CONTENT_LENGTH', None)
    req.environ['CONTENT_TYPE'] = 'application/json'
    req.environ['HTTP_TRANSFER_ENCODING'] = 'chunked'
    req.environ['wsgi.input'] = io.BytesIO(body)
    req.environ['wsgi.input_terminated'] = True
    return req


def assert_over_limit(response):
    assert response.status_int == 413, response.body
    assert list(response.json_body) == ['overLimit']
    assert response.json_body['overLimit']['code'] == 413


def test_declared_length_over_the_limit_is_refused_before_the_app_runs(conf):
    called = []

    def app(environ, start_response):
        called.append(environ)
        start_response('200 OK', [])
        return []

    req = webob.Request.blank('/notes', method='POST', body=body_of(LIMIT + 1))
    response = req.get_response(RequestBodySizeLimiter(app, conf))
    assert_over_limit(response)
    assert response.json_body['overLimit']['message'] == (
        'Request is too large. Larger than max_request_body_size (%d).' % LIMIT)
    assert called == []


def test_declared_length_over_the_limit_through_the_pipeline(app, api_request,
                                                              assert_compute_headers):
    response = api_request(app, '/v2.1/notes', method='POST', body=body_of(LIMIT + 1), token=TOKEN)
    assert_over_limit(response)
    assert_compute_headers(response)


def test_body_at_the_limit_passes(app, api_request):
    response = api_request(app, '/v2.1/notes', method='POST', body=body_of(LIMIT), token=TOKEN)
    assert response.status_int == 201
    assert response.json_body == {'received': LIMIT}


def test_chunked_body_over_the_limit_is_a_413_fault(app, assert_compute_headers):
    response = chunked('/v2.1/notes', body_of(LIMIT * 4)).get_response(app)
    assert_over_limit(response)
    assert_compute_headers(response)


def test_chunked_body_under_the_limit_passes(app):
    response = chunked('/v2.1/notes', body_of(LIMIT - 10)).get_response(app)
    assert response.status_int == 201
    assert response.json_body == {'received': LIMIT - 10}


def test_invalid_content_length_is_a_400(conf):
    req = webob.Request.blank('/notes', method='POST')
    req.environ['CONTENT_LENGTH'] = 'lots'
    response = req.get_response(RequestBodySizeLimiter(lambda e, s: [], conf))
    assert response.status_int == 400
    assert response.json_body == {'badRequest': {'code': 400,
                                                 'message': 'Invalid Content-Length header.'}}


def test_an_exempt_route_passes_whatever_its_length_and_no_other_does(conf):
    seen = []

    def app(environ, start_response):
        seen.append(environ['PATH_INFO'])
        start_response('204 No Content', [])
        return []

    exempt = parse_exemptions('\n  PUT ^/image/v2(\\.[0-9]+)?/images/[^/]+/file$\n')
    limiter = RequestBodySizeLimiter(app, conf, exempt)
    for method, path, code in (('PUT', '/image/v2/images/abc/file', 204),
                               ('PUT', '/image/v2.9/images/abc/file', 204),
                               ('POST', '/image/v2/images/abc/file', 413),
                               ('PUT', '/image/v2/images/abc/file/x', 413),
                               ('PUT', '/v2.1/notes', 413)):
        req = webob.Request.blank(path, method=method, body=body_of(LIMIT + 1))
        assert req.get_response(limiter).status_int == code, (method, path)
    assert seen == ['/image/v2/images/abc/file', '/image/v2.9/images/abc/file']


def test_the_shipped_pipeline_exempts_image_uploads_only(paste_ini):
    import configparser
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(paste_ini)
    assert [(method, pattern.pattern) for method, pattern in parse_exemptions(
        parser['filter:sizelimit']['exempt'])] == [
        ('PUT', r'^/image/v2(\.[0-9]+)?/images/[^/]+/file$')]
