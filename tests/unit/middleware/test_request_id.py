"""Request ids: ours on every response; a caller's valid id becomes the global one."""

from __future__ import annotations

import os
import uuid

import pytest
import webob

from nova_api import context
from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.router import APIRouter
from nova_api.middleware import request_id
from nova_api.middleware.request_id import RequestId

INBOUND = 'req-4a3d2c1b-0000-4000-8000-123456789abc'


class EchoController(controller.Controller):
    """Returns the ids the context was built with."""

    @validation.query_schema({'type': 'object'})
    @controller.expected_errors()
    def index(self, req):
        return {'request_id': req.context.request_id,
                'global_request_id': req.context.global_request_id,
                'environ_global_request_id': context.global_request_id(req.environ)}


@pytest.fixture
def app(load_pipeline):
    return load_pipeline(api_router=APIRouter((('/echo', {'GET': ('echo', 'index')}),),
                                              {'echo': EchoController}, {}))


def test_response_ids_are_equal_and_match_the_context(app, api_request, assert_request_ids):
    response = api_request(app, '/v2.1/echo', token='alice:p')
    request_id = assert_request_ids(response)
    assert response.json_body['request_id'] == request_id
    assert response.json_body['global_request_id'] is None


def test_valid_inbound_id_becomes_the_global_request_id(app, api_request, assert_request_ids):
    response = api_request(app, '/v2.1/echo', token='alice:p',
                           headers={'X-OpenStack-Request-ID': INBOUND})
    assert response.json_body['global_request_id'] == INBOUND
    assert response.json_body['environ_global_request_id'] == INBOUND
    request_id = assert_request_ids(response)
    assert request_id != INBOUND
    assert response.json_body['request_id'] == request_id


@pytest.mark.parametrize('inbound', [
    'not-a-request-id',
    'req-123',
    INBOUND.upper(),
    INBOUND + 'x',
    '4a3d2c1b-0000-4000-8000-123456789abc',
    'req-4a3d2c1b-0000-4000-8000-123456789abc\nreq-evil',
    INBOUND + '\n',  # regression: '$' also matches before a trailing newline
])
def test_invalid_inbound_id_is_ignored(app, api_request, assert_request_ids, inbound):
    response = api_request(app, '/v2.1/echo', token='alice:p',
                           headers={'X-OpenStack-Request-ID': inbound})
    assert response.json_body['global_request_id'] is None
    assert assert_request_ids(response) != inbound


def test_filter_sets_the_id_in_the_environ_and_on_the_response(conf):
    seen = {}

    def inner(environ, start_response):
        seen.update(environ)
        start_response('204 No Content', [])
        return []

    response = webob.Request.blank('/').get_response(RequestId(inner, conf))
    request_id = seen[context.ENV_REQUEST_ID]
    assert response.headers['x-openstack-request-id'] == request_id
    assert response.headers['x-compute-request-id'] == request_id
    assert context.ENV_GLOBAL_REQUEST_ID not in seen


def test_new_ids_are_random_version_4_uuids_in_the_req_form():
    ids = {request_id.new_request_id() for _ in range(2000)}
    assert len(ids) == 2000
    for new in ids:
        assert request_id.ID_FORMAT.fullmatch(new)
        parsed = uuid.UUID(new[len('req-'):])
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)
    # Every variant digit occurs: the two random bits below the fixed ones are used.
    assert {new[len('req-') + 19] for new in ids} == set('89ab')


def test_what_is_logged_before_authentication_carries_this_requests_ids_not_the_last_ones(
        app, api_request, assert_request_ids):
    """Regression: oslo.context's thread-local store kept the previous request's context."""
    from oslo_context import context as oslo_context

    first = api_request(app, '/v2.1/echo', token='alice:p')  # authenticated: alice is current
    assert oslo_context.get_current().user_id == 'alice'

    second = api_request(app, '/v2.1/echo')  # no token: 401
    assert second.status_int == 401
    current = oslo_context.get_current()
    assert current.request_id == assert_request_ids(second) != assert_request_ids(first)
    assert current.user_id is None and current.project_id is None and not current.is_admin
    assert current.get_logging_values()['user_identity'] == '- - - - -'


def test_a_forked_worker_does_not_hand_out_the_ids_its_parent_would():
    request_id.new_request_id()  # the parent has random digits in store
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            os.write(write_end, ' '.join(request_id.new_request_id()
                                         for _ in range(300)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        childs = set(pipe.read().split())
    os.waitpid(child, 0)
    parents = {request_id.new_request_id() for _ in range(300)}
    assert len(childs) == 300 and not childs & parents
