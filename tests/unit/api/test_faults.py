"""The fault renderer: Nova's fault names, the one exception translation, no leaks."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy.exc as sa_exc
import webob
import webob.exc

from nova_api import context
from nova_api import exception
from nova_api.api import controller
from nova_api.api import faults
from nova_api.api import microversion


@pytest.mark.parametrize('code, name', [
    (400, 'badRequest'),
    (401, 'unauthorized'),
    (403, 'forbidden'),
    (404, 'itemNotFound'),
    (405, 'badMethod'),
    (406, 'computeFault'),
    (409, 'conflictingRequest'),
    (413, 'overLimit'),
    (415, 'badMediaType'),
    (429, 'overLimit'),
    (500, 'computeFault'),
    (501, 'notImplemented'),
    (503, 'serviceUnavailable'),
])
def test_fault_body_uses_nova_names(code, name):
    assert faults.fault_body(code, 'why') == {name: {'code': code, 'message': 'why'}}


@pytest.mark.parametrize('error, code, name', [
    (exception.Invalid(), 400, 'badRequest'),
    (exception.ValidationError(detail="'server' is a required property"), 400, 'badRequest'),
    (exception.NotAuthorized(), 401, 'unauthorized'),
    (exception.Forbidden(), 403, 'forbidden'),
    (exception.NotFound(), 404, 'itemNotFound'),
    (exception.MethodNotAllowed(method='PATCH'), 405, 'badMethod'),
    (exception.InvalidGlobalAPIVersion(req_ver='3.0', min_ver='2.1', max_ver='2.104'),
     406, 'computeFault'),
    (exception.Conflict(), 409, 'conflictingRequest'),
    (exception.RequestTooLarge(), 413, 'overLimit'),
    (exception.InvalidContentType(content_type='application/xml'), 415, 'badMediaType'),
])
def test_domain_exception_keeps_its_code_and_message(error, code, name):
    response = faults.from_exception(error)
    assert response.status_int == code
    assert response.content_type == 'application/json'
    assert response.json_body == {name: {'code': code, 'message': error.format_message()}}


def test_exception_message_is_formatted_from_its_arguments():
    error = exception.ActionNotFound(action='os-bogus')
    assert faults.from_exception(error).json_body['badRequest']['message'] == (
        'There is no such action: os-bogus')


def test_exception_with_wrong_arguments_still_has_a_message():
    error = exception.ActionNotFound(wrong='x')
    assert error.format_message() == exception.ActionNotFound.msg_fmt


def test_exception_headers_are_kept():
    error = exception.MethodNotAllowed(method='PATCH')
    error.headers = {'Allow': 'GET, PUT'}
    assert faults.from_exception(error).headers['Allow'] == 'GET, PUT'


def test_webob_client_error_keeps_its_status_in_a_nova_body():
    error = webob.exc.HTTPRequestEntityTooLarge()
    response = faults.from_exception(error)
    assert response.status_int == 413
    assert response.json_body == {'overLimit': {'code': 413, 'message': error.explanation}}


def test_webob_client_error_keeps_only_safe_headers():
    error = webob.exc.HTTPMethodNotAllowed(headers={'Allow': 'GET', 'X-Internal': 'secret'})
    response = faults.from_exception(error)
    assert response.status_int == 405
    assert response.headers['Allow'] == 'GET'
    assert 'X-Internal' not in response.headers


@pytest.mark.parametrize('error', [
    RuntimeError('secret detail'),
    KeyError('secret detail'),
    webob.exc.HTTPInternalServerError('secret detail'),
])
def test_anything_else_is_a_generic_500_logged_with_the_request_id(error, caplog):
    with caplog.at_level(logging.ERROR):
        response = faults.from_exception(error, request_id='req-1234')
    assert response.status_int == 500
    assert response.json_body == {'computeFault': {'code': 500, 'message': faults.GENERIC_500}}
    assert 'secret detail' not in response.text
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert 'req-1234' in record.getMessage()
    assert record.exc_info[1] is error


def test_a_number_no_column_holds_is_a_400_not_a_logged_500(caplog):
    """Regression: SQLite's OverflowError for an id, filter or offset beyond 64 bits was a 500."""
    with caplog.at_level(logging.ERROR):
        response = faults.from_exception(OverflowError('Python int too large to convert to SQLite INTEGER'))
    assert response.status_int == 400
    assert response.json_body['badRequest']['message'] == (
        'Invalid input received: a number in the request is out of range')
    assert caplog.records == []


class _Pg8000Error(Exception):
    """What pg8000 raises: the server's fields in a dict."""


@pytest.mark.parametrize('code, status', [('22003', 400), ('42P01', 500)])
def test_a_postgresql_out_of_range_parameter_is_a_400_other_database_errors_500(code, status, caplog):
    error = sa_exc.ProgrammingError('SELECT 1', {}, _Pg8000Error({'C': code, 'M': 'out of range'}))
    assert faults.from_exception(error).status_int == status
    assert faults.status_of(error) == status


def test_undeclared_error_is_not_logged_twice(caplog):
    with caplog.at_level(logging.ERROR):
        response = faults.from_exception(controller.UnexpectedError(), request_id='req-1')
    assert response.status_int == 500
    assert caplog.records == []


def test_compute_error_adds_the_negotiated_version_headers():
    environ = webob.Request.blank('/').environ
    environ[context.ENV_API_VERSION] = microversion.APIVersion(2, 70)
    response = faults.compute_error(environ, exception.NotFound())
    assert response.headers['OpenStack-API-Version'] == 'compute 2.70'
    assert response.headers['X-OpenStack-Nova-API-Version'] == '2.70'
    assert response.headers['Vary'] == microversion.VARY


def test_compute_error_answers_a_bad_version_at_the_default():
    environ = webob.Request.blank('/', headers={'OpenStack-API-Version': 'compute 7.0'}).environ
    response = faults.compute_error(environ, exception.InvalidGlobalAPIVersion(
        req_ver='7.0', min_ver='2.1', max_ver='2.104'))
    assert response.status_int == 406
    assert response.headers['OpenStack-API-Version'] == 'compute 2.1'


@pytest.mark.parametrize('error', [
    exception.Forbidden(),
    exception.InvalidGlobalAPIVersion(req_ver='3.0', min_ver='2.1', max_ver='2.104'),
    webob.exc.HTTPRequestEntityTooLarge(),
    webob.exc.HTTPBadGateway(),
    RuntimeError('x'),
    OverflowError('Python int too large to convert to SQLite INTEGER'),
])
def test_status_of_agrees_with_the_rendered_fault(error, caplog):
    assert faults.status_of(error) == faults.from_exception(error).status_int


def test_headers_added_to_one_exception_stay_on_that_exception():
    """Regression: the class-level headers dict was shared by every instance."""
    first = exception.NotFound()
    first.headers['Retry-After'] = '5'
    assert 'Retry-After' not in exception.NotFound().headers
    assert 'Retry-After' not in faults.from_exception(exception.Conflict()).headers


def test_the_most_specific_wording_of_an_exception_wins():
    wording = {exception.NotFound: 'Gone.', exception.FlavorNotFound: 'No flavor %(flavor_id)s.'}

    assert faults.message_of(exception.FlavorNotFound(flavor_id='7'), wording) == 'No flavor 7.'
    assert faults.message_of(exception.KeypairNotFound(name='k', user_id='u'), wording) == 'Gone.'
    assert faults.message_of(exception.Invalid(), wording) == 'Bad request.'


def test_a_wording_that_does_not_fit_the_arguments_falls_back_to_the_message(caplog):
    error = exception.FlavorNotFound(flavor_id='7')

    assert faults.message_of(error, {exception.FlavorNotFound: 'No %(name)s.'}) == (
        'Flavor 7 could not be found.')
