"""The net under the pipeline: errors outside the Resource still leave as fault bodies."""

from __future__ import annotations

import logging

import pytest
import webob
import webob.exc

from nova_api import context
from nova_api import exception
from nova_api.api import faults
from nova_api.middleware.faultwrap import FaultWrapper


def raising(error: BaseException):
    def app(environ, start_response):
        raise error
    return app


def test_error_below_the_filter_is_a_generic_500(conf, caplog):
    req = webob.Request.blank('/v2.1/servers')
    req.environ[context.ENV_REQUEST_ID] = 'req-00000000-0000-0000-0000-00000000000f'
    with caplog.at_level(logging.ERROR):
        response = req.get_response(FaultWrapper(raising(RuntimeError('secret detail')), conf))
    assert response.status_int == 500
    assert response.json_body == {'computeFault': {'code': 500, 'message': faults.GENERIC_500}}
    assert 'secret detail' not in response.text
    assert response.headers['OpenStack-API-Version'] == 'compute 2.1'
    [record] = caplog.records
    assert 'req-00000000-0000-0000-0000-00000000000f' in record.getMessage()
    assert isinstance(record.exc_info[1], RuntimeError)


@pytest.mark.parametrize('error, code, name', [
    (exception.Forbidden(), 403, 'forbidden'),
    (webob.exc.HTTPNotFound(), 404, 'itemNotFound'),
])
def test_error_with_an_http_meaning_keeps_it(conf, error, code, name):
    response = webob.Request.blank('/').get_response(FaultWrapper(raising(error), conf))
    assert response.status_int == code
    assert list(response.json_body) == [name]


def test_router_failure_in_the_pipeline_is_a_500_fault(load_pipeline, api_request,
                                                       assert_compute_headers, caplog):
    """The router is below faultwrap but outside any Resource."""
    with caplog.at_level(logging.ERROR):
        app = load_pipeline(api_router=raising(KeyError('routing table corrupted')))
        response = api_request(app, '/v2.1/servers', token='alice:p')
    assert response.status_int == 500
    assert list(response.json_body) == ['computeFault']
    assert 'corrupted' not in response.text
    request_id = assert_compute_headers(response)
    assert any(request_id in r.getMessage() for r in caplog.records)


def test_success_passes_through_untouched(conf):
    def ok(environ, start_response):
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'fine']

    response = webob.Request.blank('/').get_response(FaultWrapper(ok, conf))
    assert (response.status_int, response.body) == (200, b'fine')


def test_a_query_string_that_is_not_utf8_is_400_wherever_it_is_read(conf):
    def reads_the_query(environ, start_response):
        return webob.Request(environ).GET  # UnicodeDecodeError

    response = webob.Request.blank('/identity/v3/users?name=%ff%fe').get_response(
        FaultWrapper(reads_the_query, conf))

    assert response.status_int == 400
    assert 'not UTF-8' in response.json_body['badRequest']['message']


def test_a_decoding_bug_with_a_valid_query_string_is_still_a_500(conf):
    response = webob.Request.blank('/v2.1/servers?name=ok').get_response(
        FaultWrapper(raising(UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bug')), conf))

    assert response.status_int == 500
