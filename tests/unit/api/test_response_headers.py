"""Every response of the compute API, success or fault, carries the same headers.

``OpenStack-API-Version``, ``X-OpenStack-Nova-API-Version`` and ``Vary`` say
which microversion answered; ``x-openstack-request-id`` and
``x-compute-request-id`` (equal, ``req-<uuid>``) find the request in the log.
The requests go through the whole paste pipeline.
"""

from __future__ import annotations

import logging

import pytest

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.router import APIRouter

TOKEN = 'alice:6f70656e737461636b20726f636b7321'
NAMED = {'type': 'object', 'properties': {'name': {'type': 'string'}}, 'required': ['name'],
         'additionalProperties': False}


class KeypairsController(controller.Controller):
    @validation.query_schema({'type': 'object'})
    @controller.expected_errors()
    def index(self, req):
        return {'keypairs': []}

    @validation.schema(NAMED)
    @controller.expected_errors(400)
    @controller.response(201)
    def create(self, req, body):
        return {'keypair': body}

    @validation.query_schema({'type': 'object'})
    @controller.expected_errors(404)
    def show(self, req, id):
        raise RuntimeError('secret detail')


@pytest.fixture
def app(load_pipeline):
    router = APIRouter((('/os-keypairs', {'GET': ('keypairs', 'index'),
                                          'POST': ('keypairs', 'create')}),
                        ('/os-keypairs/{id}', {'GET': ('keypairs', 'show')})),
                       {'keypairs': KeypairsController}, {})
    return load_pipeline(api_router=router)


CASES = {
    'version document': dict(path='/v2.1/', status=200),
    'success': dict(path='/v2.1/os-keypairs', token=TOKEN, status=200),
    'created': dict(path='/v2.1/os-keypairs', method='POST', body={'name': 'k'}, token=TOKEN,
                    status=201),
    'malformed version': dict(path='/v2.1/os-keypairs', token=TOKEN, status=400,
                              headers={'OpenStack-API-Version': 'compute 2.x'}),
    'version too old': dict(path='/v2.1/os-keypairs', token=TOKEN, status=406,
                            headers={'OpenStack-API-Version': 'compute 2.0'}),
    'version too new': dict(path='/v2.1/os-keypairs', token=TOKEN, status=406,
                            headers={'X-OpenStack-Nova-API-Version': '2.105'}),
    'unknown route': dict(path='/v2.1/os-nothing', token=TOKEN, status=404),
    'method not allowed': dict(path='/v2.1/os-keypairs/k', method='DELETE', token=TOKEN, status=405),
    'no token': dict(path='/v2.1/os-keypairs', status=401),
    'unsupported media type': dict(path='/v2.1/os-keypairs', method='POST', body='<keypair/>',
                                   headers={'Content-Type': 'application/xml'}, token=TOKEN,
                                   status=415),
    'validation error': dict(path='/v2.1/os-keypairs', method='POST', body={'name': 1},
                             token=TOKEN, status=400),
    'body too large': dict(path='/v2.1/os-keypairs', method='POST', token=TOKEN, status=413,
                           body={'name': 'k' * 200000}),
    'unexpected error': dict(path='/v2.1/os-keypairs/k', token=TOKEN, status=500),
}


@pytest.mark.parametrize('case', list(CASES))
def test_response_carries_version_and_request_id_headers(app, api_request, assert_compute_headers,
                                                         case):
    kwargs = dict(CASES[case])
    status = kwargs.pop('status')
    response = api_request(app, **kwargs)
    assert response.status_int == status, response.body
    assert_compute_headers(response, '2.1')


def test_negotiated_version_is_echoed_on_faults_too(app, api_request, assert_compute_headers):
    response = api_request(app, '/v2.1/os-keypairs/k', method='DELETE', token=TOKEN, version='2.53')
    assert response.status_int == 405
    assert_compute_headers(response, '2.53')


def test_each_response_gets_its_own_request_id(app, api_request, assert_request_ids):
    ids = {assert_request_ids(api_request(app, '/v2.1/os-keypairs', token=TOKEN)) for _ in range(3)}
    assert len(ids) == 3


@pytest.mark.parametrize('path', ['/', '/v2/', '/elsewhere'])
def test_documents_outside_v21_carry_request_ids_without_microversion_headers(
        pipeline, api_request, assert_request_ids, path):
    response = api_request(pipeline, path)
    assert response.status_int in (200, 300)
    assert_request_ids(response)
    assert 'OpenStack-API-Version' not in response.headers
    assert 'Vary' not in response.headers


def test_unexpected_error_hides_details_and_is_logged_with_the_request_id(
        app, api_request, assert_request_ids, caplog):
    with caplog.at_level(logging.ERROR):
        response = api_request(app, '/v2.1/os-keypairs/k', token=TOKEN)
    assert response.status_int == 500
    assert list(response.json_body) == ['computeFault']
    assert response.json_body['computeFault']['code'] == 500
    assert 'secret detail' not in response.text
    assert 'Traceback' not in response.text
    request_id = assert_request_ids(response)
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged, [r.getMessage() for r in caplog.records]
    assert logged[0].levelno == logging.ERROR
    assert isinstance(logged[0].exc_info[1], RuntimeError)
