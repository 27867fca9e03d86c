"""The Resource: body parsing, action dispatch, extensions, validation, serialization.

A small servers-like controller and an extension, defined here, are served
by an ``APIRouter`` built from a test route table; requests carry a
pre-built context, as the auth filter would leave it.
"""

from __future__ import annotations

import copy
import json
import logging

import pytest

from nova_api import context
from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.router import APIRouter

PROJECT_ID = '6f70656e737461636b20726f636b7321'

# -- schemas (as data, built from each other, like nova_api/api/schemas/) -------

server_name = {'type': 'string', 'minLength': 1, 'maxLength': 255}

create = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {'name': server_name},
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}
create_v2_19 = copy.deepcopy(create)
create_v2_19['properties']['server']['properties']['description'] = {'type': ['string', 'null']}

update = copy.deepcopy(create)
del update['properties']['server']['required']

index_query = {'type': 'object', 'properties': {'limit': {'type': 'array'}},
               'additionalProperties': True}
index_query_v2_75 = dict(index_query, additionalProperties=False)
show_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}


def action_schema(name: str, inner: dict | None = None) -> dict:
    return {
        'type': 'object',
        'properties': {name: inner or {'type': 'null'}},
        'required': [name],
        'additionalProperties': False,
    }


reboot = action_schema('reboot', {
    'type': 'object',
    'properties': {'type': {'enum': ['HARD', 'SOFT']}},
    'required': ['type'],
    'additionalProperties': False,
})


# -- the controllers ----------------------------------------------------------------

class ServersController(controller.Controller):
    """Each method exercises one thing the Resource does."""

    @validation.query_schema(index_query, '2.1', '2.74')
    @validation.query_schema(index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def index(self, req):
        return {'servers': [], 'query': req.GET.dict_of_lists()}

    @validation.query_schema(show_query)
    @controller.expected_errors(404)
    def show(self, req, id):
        if id == 'missing':
            raise exception.NotFound('Server missing could not be found.')
        if id == 'conflict':
            raise exception.Conflict('Cannot show a server in the middle of a conflict.')
        if id == 'boom':
            raise RuntimeError('secret detail')
        if id == 'not-yours':  # what a policy check raises
            raise exception.Forbidden()
        if id == 'bad-filter':  # validation the schema cannot express
            raise exception.ValidationError(detail='Invalid filter.')
        if id == 'expired':
            raise exception.NotAuthorized()
        return {'server': {'id': id, 'project_id': req.context.project_id}}

    @validation.schema(create, '2.1', '2.18')
    @validation.schema(create_v2_19, '2.19')
    @controller.expected_errors(400)
    @controller.response(202)
    def create(self, req, body):
        return {'server': dict(body['server'], version=str(req.api_version))}

    @validation.schema(update)
    @controller.expected_errors(404)
    def update(self, req, id, body):
        return controller.ResponseObject({'server': dict(body['server'], id=id)},
                                         headers={'X-Updated': id})

    @validation.query_schema(show_query)
    @controller.expected_errors(404)
    @controller.response(204)
    def delete(self, req, id):
        return None

    @microversion.versioned('2.26', '2.50')
    @validation.query_schema(show_query)
    @controller.expected_errors(404)
    def tags(self, req, id):
        return {'tags': ['web']}

    @controller.action('os-start')
    @validation.schema(action_schema('os-start'))
    @controller.expected_errors(409)
    @controller.response(202)
    def _start(self, req, id, body):
        return None

    @controller.action('reboot')
    @validation.schema(reboot)
    @controller.expected_errors(409)
    def _reboot(self, req, id, body):
        return controller.ResponseObject(None, code=202, headers={'X-Reboot': body['reboot']['type']})


class PauseExtension(controller.ControllerExtension):
    """An extension adding one action."""

    @controller.action('pause')
    @validation.schema(action_schema('pause'))
    @controller.expected_errors(409)
    def _pause(self, req, id, body):
        return {'paused': id}


class ShowExtension(controller.ControllerExtension):
    """An extension post-processing ``show``."""

    @controller.extends('show')
    def show(self, req, resp_obj, id):
        resp_obj.obj['server']['extended'] = True
        resp_obj['X-Extended'] = 'yes'


ROUTES = (
    ('/servers', {'GET': ('servers', 'index'), 'POST': ('servers', 'create')}),
    ('/servers/{id}', {'GET': ('servers', 'show'), 'PUT': ('servers', 'update'),
                       'DELETE': ('servers', 'delete')}),
    ('/servers/{id}/action', {'POST': ('servers', 'action')}),
    ('/servers/{id}/tags', {'GET': ('servers', 'tags')}),
)
CONTROLLERS = {'servers': ServersController}
EXTENSIONS = {'servers': (PauseExtension, ShowExtension)}


def make_router(**kwargs) -> APIRouter:
    return APIRouter(route_table=ROUTES, controllers=CONTROLLERS, extensions=EXTENSIONS, **kwargs)


@pytest.fixture
def call(api_request):
    """``call(path, ...)``: a request to the test router as ``alice`` of ``project``."""
    default_router = make_router()

    def send(path, method='GET', body=None, project=PROJECT_ID, router=None, **kwargs):
        ctx = context.RequestContext(user_id='alice', project_id=project)
        return api_request(router or default_router, path, method=method, body=body,
                           environ={context.ENV_CONTEXT: ctx}, **kwargs)
    return send


def fault(response, code: int, name: str) -> str:
    """The message of a fault response, after checking its status and shape."""
    assert response.status_int == code, response.body
    body = response.json_body
    assert list(body) == [name]
    assert body[name]['code'] == code
    return body[name]['message']


# -- dispatch and serialization --------------------------------------------------

def test_get_returns_the_method_result_as_json(call):
    response = call('/servers/abc')
    assert response.status_int == 200
    assert response.content_type == 'application/json'
    assert response.json_body['server']['id'] == 'abc'


def test_every_response_carries_the_negotiated_version(call):
    response = call('/servers/abc', version='2.50')
    assert response.headers['OpenStack-API-Version'] == 'compute 2.50'
    assert response.headers['X-OpenStack-Nova-API-Version'] == '2.50'
    assert response.headers['Vary'] == 'OpenStack-API-Version, X-OpenStack-Nova-API-Version'


def test_response_decorator_sets_the_success_code(call):
    response = call('/servers', method='POST', body={'server': {'name': 'web'}})
    assert response.status_int == 202
    assert response.json_body == {'server': {'name': 'web', 'version': '2.1'}}


def test_response_object_carries_its_headers(call):
    response = call('/servers/abc', method='PUT', body={'server': {'name': 'db'}})
    assert response.status_int == 200
    assert response.headers['X-Updated'] == 'abc'
    assert response.json_body == {'server': {'name': 'db', 'id': 'abc'}}


def test_response_object_code_overrides_the_default(call):
    response = call('/servers/abc/action', method='POST', body={'reboot': {'type': 'HARD'}})
    assert response.status_int == 202
    assert response.headers['X-Reboot'] == 'HARD'


def test_none_is_an_empty_body_without_content_type(call):
    response = call('/servers/abc', method='DELETE')
    assert response.status_int == 204
    assert response.body == b''
    assert 'Content-Type' not in response.headers


# -- reading the body --------------------------------------------------------------

def test_malformed_json_is_a_400(call):
    response = call('/servers', method='POST', body='{"server": ')
    assert fault(response, 400, 'badRequest') == 'Malformed request body'


def test_json_nested_too_deep_to_parse_is_a_400_not_a_500(call):
    """Regression: json.loads raises RecursionError (not a ValueError) for deep nesting."""
    response = call('/servers', method='POST', body='[' * 50000 + ']' * 50000)
    assert fault(response, 400, 'badRequest') == 'Malformed request body'


def test_body_that_is_not_utf8_is_a_400(call):
    response = call('/servers', method='POST', body=b'\xff\xfe{')
    assert fault(response, 400, 'badRequest') == 'Malformed request body'


@pytest.mark.parametrize('body', [
    b'{"server": {"name": "\\ud800"}}', b'{"server": {"name": "\xed\xa0\x80"}}',
    b'{"server": {"name": "a\\u0000b"}}', b'{"server": {"name": NaN}}',
    b'{"server": {"name": ' + b'[' * 40 + b']' * 40 + b'}}',
])
def test_body_no_field_can_hold_is_malformed(call, body):
    response = call('/servers', method='POST', body=body)
    assert fault(response, 400, 'badRequest') == 'Malformed request body'


@pytest.mark.parametrize('query', ['marker=%ff%fe', 'name=%ed%a0%80', 'x=%00', '%c3=1'])
def test_query_string_that_is_not_utf8_text_is_a_400(call, query):
    response = call('/servers?' + query)
    assert 'not UTF-8' in fault(response, 400, 'badRequest') or 'NUL' in response.text


def test_query_string_of_utf8_text_is_read(call):
    assert call('/servers?name=%C3%A9t%C3%A9+x').status_int == 200


def test_xml_is_a_415(call):
    response = call('/servers', method='POST', body='<server name="web"/>',
                    headers={'Content-Type': 'application/xml'})
    assert fault(response, 415, 'badMediaType') == 'Unsupported Content-Type'


def test_compute_media_type_is_accepted(call):
    response = call('/servers', method='POST', body={'server': {'name': 'web'}},
                    headers={'Content-Type': 'application/vnd.openstack.compute+json'})
    assert response.status_int == 202


def test_json_with_charset_is_accepted(call):
    response = call('/servers', method='POST', body={'server': {'name': 'web'}},
                    headers={'Content-Type': 'application/json; charset=UTF-8'})
    assert response.status_int == 202


def test_text_plain_body_is_read_as_json(call):
    response = call('/servers', method='POST', body={'server': {'name': 'web'}},
                    headers={'Content-Type': 'text/plain'})
    assert response.status_int == 202
    assert response.json_body['server']['name'] == 'web'


def test_body_without_content_type_is_read_as_json(api_request):
    class NoContentType:
        """Drop CONTENT_TYPE before the router sees the request."""

        def __init__(self, app):
            self.app = app

        def __call__(self, environ, start_response):
            environ.pop('CONTENT_TYPE', None)
            environ[context.ENV_CONTEXT] = context.RequestContext(project_id=PROJECT_ID)
            return self.app(environ, start_response)

    response = api_request(NoContentType(make_router()), '/servers', method='POST',
                           body={'server': {'name': 'web'}})
    assert response.status_int == 202
    assert response.json_body['server']['name'] == 'web'


def test_missing_body_where_a_schema_requires_one_is_a_400(call):
    response = call('/servers', method='POST')
    fault(response, 400, 'badRequest')


# -- actions ------------------------------------------------------------------------

def test_action_is_dispatched_by_the_body_key(call):
    response = call('/servers/abc/action', method='POST', body={'os-start': None})
    assert response.status_int == 202
    assert response.body == b''


def test_unknown_action_is_a_400_naming_it(call):
    response = call('/servers/abc/action', method='POST', body={'os-bogus': None})
    assert fault(response, 400, 'badRequest') == 'There is no such action: os-bogus'


@pytest.mark.parametrize('body', [{}, {'os-start': None, 'reboot': {'type': 'HARD'}}, [], 'null'])
def test_action_body_must_have_exactly_one_key(call, body):
    response = call('/servers/abc/action', method='POST', body=body)
    assert fault(response, 400, 'badRequest') == 'Malformed request body'


def test_action_without_body_is_a_400(call):
    response = call('/servers/abc/action', method='POST')
    assert fault(response, 400, 'badRequest') == 'Malformed request body'


def test_action_body_is_validated_against_the_handler_schema(call):
    response = call('/servers/abc/action', method='POST', body={'reboot': {'type': 'WARM'}})
    message = fault(response, 400, 'badRequest')
    assert message.startswith('Invalid input for field/attribute type. Value: WARM.')


def test_extension_action_is_dispatched_like_the_controller_own(call):
    response = call('/servers/abc/action', method='POST', body={'pause': None})
    assert response.status_int == 200
    assert response.json_body == {'paused': 'abc'}


def test_extension_cannot_redefine_an_action():
    class Clash(controller.ControllerExtension):
        @controller.action('os-start')
        def _start(self, req, id, body):
            return None

    with pytest.raises(ValueError, match='os-start'):
        APIRouter(route_table=ROUTES, controllers=CONTROLLERS, extensions={'servers': (Clash,)})


def test_extends_post_processes_the_response(call):
    response = call('/servers/abc')
    assert response.json_body['server']['extended'] is True
    assert response.headers['X-Extended'] == 'yes'


# -- validation ---------------------------------------------------------------------

def test_wrong_type_names_the_field_and_value(call):
    response = call('/servers', method='POST', body={'server': {'name': 1}})
    assert fault(response, 400, 'badRequest') == (
        "Invalid input for field/attribute name. Value: 1. 1 is not of type 'string'")


def test_missing_top_level_key_is_reported_as_required(call):
    for body in ({}, {'name': 'web'}):
        response = call('/servers', method='POST', body=body)
        assert fault(response, 400, 'badRequest') == "'server' is a required property"


def test_additional_property_is_reported_by_name(call):
    response = call('/servers', method='POST', body={'server': {'name': 'web'}, 'foo': 1})
    assert fault(response, 400, 'badRequest') == (
        "Additional properties are not allowed ('foo' was unexpected)")


def test_schema_window_follows_the_microversion(call):
    body = {'server': {'name': 'web', 'description': 'front end'}}
    before = call('/servers', method='POST', body=body, version='2.18')
    assert "('description' was unexpected)" in fault(before, 400, 'badRequest')
    after = call('/servers', method='POST', body=body, version='2.19')
    assert after.status_int == 202
    assert after.json_body['server'] == {'name': 'web', 'description': 'front end', 'version': '2.19'}


def test_query_schema_window_follows_the_microversion(call):
    assert call('/servers?bogus=1', version='2.74').status_int == 200
    response = call('/servers?bogus=1', version='2.75')
    assert fault(response, 400, 'badRequest') == (
        "Additional properties are not allowed ('bogus' was unexpected)")
    known = call('/servers?limit=5', version='2.75')
    assert known.status_int == 200
    assert known.json_body['query'] == {'limit': ['5']}


# -- microversion gates -------------------------------------------------------------

@pytest.mark.parametrize('version, status', [('2.25', 404), ('2.26', 200), ('2.50', 200), ('2.51', 404)])
def test_versioned_method_exists_only_in_its_window(call, version, status):
    response = call('/servers/abc/tags', version=version)
    assert response.status_int == status
    assert response.headers['OpenStack-API-Version'] == 'compute %s' % version
    if status == 404:
        assert fault(response, 404, 'itemNotFound') == (
            'API version %s is not supported on this method.' % version)


def test_malformed_version_header_is_a_400_answered_at_the_default_version(call):
    response = call('/servers/abc', headers={'OpenStack-API-Version': 'compute 2.x'})
    assert 'invalid format' in fault(response, 400, 'badRequest')
    assert response.headers['OpenStack-API-Version'] == 'compute 2.1'


def test_unsupported_version_is_a_406_compute_fault(call):
    response = call('/servers/abc', version='2.105')
    assert 'is not supported by the API' in fault(response, 406, 'computeFault')
    assert response.headers['X-OpenStack-Nova-API-Version'] == '2.1'


# -- the project id in the URL ------------------------------------------------------

def test_project_id_in_url_matching_the_context_is_accepted(call):
    response = call('/%s/servers/abc' % PROJECT_ID)
    assert response.status_int == 200
    assert response.json_body['server']['id'] == 'abc'


def test_project_id_in_url_of_another_project_is_a_400(call):
    other = 'deadbeef' * 4
    response = call('/%s/servers/abc' % other)
    assert fault(response, 400, 'badRequest') == (
        "Malformed request URL: URL's project_id '%s' doesn't match Context's project_id '%s'"
        % (other, PROJECT_ID))


def test_non_hex_project_id_in_url_is_not_a_route_by_default(call):
    response = call('/demo/servers/abc', project='demo')
    assert fault(response, 404, 'itemNotFound') == 'The resource could not be found.'


def test_custom_project_id_regex_accepts_names(call):
    router = make_router(project_id_regex=r'[0-9a-zA-Z_\-]+')
    response = call('/demo/servers/abc', project='demo', router=router)
    assert response.status_int == 200
    assert response.json_body['server'] == {'id': 'abc', 'project_id': 'demo', 'extended': True}


# -- errors from the method ------------------------------------------------------------

def test_declared_error_keeps_its_code_and_message(call):
    response = call('/servers/missing')
    assert fault(response, 404, 'itemNotFound') == 'Server missing could not be found.'


def test_undeclared_error_is_a_logged_500(call, caplog):
    with caplog.at_level(logging.ERROR):
        response = call('/servers/conflict')
    message = fault(response, 500, 'computeFault')
    assert 'conflict' not in message.lower()
    assert any('Conflict' in record.getMessage() and 'show' in record.getMessage()
               for record in caplog.records)


@pytest.mark.parametrize('server_id, code, name', [
    ('not-yours', 403, 'forbidden'),
    ('bad-filter', 400, 'badRequest'),
    ('expired', 401, 'unauthorized'),
])
def test_policy_validation_and_auth_errors_need_no_declaration(call, server_id, code, name):
    """Regression: as in Nova, these pass @expected_errors undeclared; they were 500s."""
    response = call('/servers/%s' % server_id)
    fault(response, code, name)


def test_unexpected_exception_is_a_generic_500(call, caplog):
    with caplog.at_level(logging.ERROR):
        response = call('/servers/boom')
    message = fault(response, 500, 'computeFault')
    assert 'secret detail' not in response.text
    assert 'Traceback' not in response.text
    assert 'x-openstack-request-id' in message
    assert any(isinstance(record.exc_info[1], RuntimeError)
               for record in caplog.records if record.exc_info)


def test_fault_body_is_json(call):
    response = call('/servers/missing')
    assert response.content_type == 'application/json'
    assert json.loads(response.body)['itemNotFound']['code'] == 404


def test_path_segment_with_a_nul_names_nothing(call):
    fault(call('/servers/a%00b'), 404, 'itemNotFound')
