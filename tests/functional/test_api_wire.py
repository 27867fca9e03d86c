"""The wire contract every compute response keeps: microversions, faults, request ids."""

from __future__ import annotations

import http.client
import re

import pytest
import requests

REQUEST_ID = re.compile(r'^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
TOKEN = {'X-Auth-Token': 'alice:6f70656e737461636b'}


def call(daemon, method, path, **kwargs):
    kwargs.setdefault('timeout', 10)
    return requests.request(method, daemon.url + path, **kwargs)


def assert_fault(response, code, name, message=None):
    assert response.status_code == code
    assert response.headers['Content-Type'].startswith('application/json')
    body = response.json()
    assert list(body) == [name]
    assert body[name]['code'] == code
    if message is not None:
        assert message in body[name]['message']
    assert 'Traceback' not in response.text


def assert_version_headers(response, version):
    assert response.headers['OpenStack-API-Version'] == 'compute ' + version
    assert response.headers['X-OpenStack-Nova-API-Version'] == version
    assert 'OpenStack-API-Version' in response.headers['Vary']


@pytest.mark.parametrize('headers, version', [
    ({}, '2.1'),
    ({'OpenStack-API-Version': 'compute 2.60'}, '2.60'),
    ({'X-OpenStack-Nova-API-Version': '2.33'}, '2.33'),
    ({'OpenStack-API-Version': 'compute latest'}, '2.104'),
    ({'OpenStack-API-Version': 'compute 2.90', 'X-OpenStack-Nova-API-Version': '2.3'}, '2.90'),
])
def test_microversion_is_negotiated_and_echoed(nova_api_daemon, headers, version):
    response = call(nova_api_daemon, 'GET', '/v2.1/', headers=headers)

    assert response.status_code == 200
    assert_version_headers(response, version)


def test_malformed_microversion_is_400_with_headers(nova_api_daemon):
    response = call(nova_api_daemon, 'GET', '/v2.1/', headers={'OpenStack-API-Version': 'compute 2.x'})

    assert_fault(response, 400, 'badRequest', 'invalid format')
    assert_version_headers(response, '2.1')


@pytest.mark.parametrize('version', ['2.0', '2.105', '3.1'])
def test_unsupported_microversion_is_406(nova_api_daemon, version):
    response = call(nova_api_daemon, 'GET', '/v2.1/', headers={'OpenStack-API-Version': 'compute ' + version})

    assert_fault(response, 406, 'computeFault',
                 'Version %s is not supported by the API. Minimum is 2.1 and maximum is 2.104.' % version)
    assert_version_headers(response, '2.1')


def test_missing_token_is_401_fault(nova_api_daemon):
    response = call(nova_api_daemon, 'GET', '/v2.1/flavors')

    assert_fault(response, 401, 'unauthorized', 'requires authentication')
    assert_version_headers(response, '2.1')


def test_unknown_resource_is_404_fault(nova_api_daemon):
    response = call(nova_api_daemon, 'GET', '/v2.1/no-such-thing', headers=TOKEN)

    assert_fault(response, 404, 'itemNotFound', 'could not be found')
    assert_version_headers(response, '2.1')


def test_wrong_method_is_405_with_allow(nova_api_daemon):
    response = call(nova_api_daemon, 'DELETE', '/v2.1/6f70656e737461636b/', headers=TOKEN)

    assert_fault(response, 405, 'badMethod')
    assert response.headers['Allow'] == 'GET'


def test_project_in_url_must_be_the_callers(nova_api_daemon):
    ok = call(nova_api_daemon, 'GET', '/v2.1/6f70656e737461636b/', headers=TOKEN)
    other = call(nova_api_daemon, 'GET', '/v2.1/0123456789abcdef/', headers=TOKEN)

    assert ok.status_code == 200
    assert_fault(other, 400, 'badRequest', "URL's project_id '0123456789abcdef' doesn't match")


def test_body_over_the_size_limit_is_413(nova_api_daemon):
    response = call(nova_api_daemon, 'POST', '/v2.1/6f70656e737461636b/', headers=TOKEN,
                    data=b'{' + b' ' * 200_000 + b'}')

    assert_fault(response, 413, 'overLimit', 'max_request_body_size')


def test_every_response_has_a_request_id(nova_api_daemon):
    for path, headers in (('/', {}), ('/v2.1/', {}), ('/v2.1/flavors', {}),
                          ('/v2.1/nothing', TOKEN)):
        response = call(nova_api_daemon, 'GET', path, headers=headers)
        assert REQUEST_ID.match(response.headers['x-openstack-request-id']), path
        assert response.headers['x-compute-request-id'] == response.headers['x-openstack-request-id']


def test_header_names_go_out_as_written(nova_api_daemon):
    """As under uWSGI: eventlet would send Openstack-Api-Version; clients may compare exactly."""
    host, port = nova_api_daemon.url.split('://')[1].split(':')
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request('GET', '/v2.1/')
        names = {name for name, _value in connection.getresponse().getheaders()}
    finally:
        connection.close()
    assert {'OpenStack-API-Version', 'X-OpenStack-Nova-API-Version', 'Vary',
            'x-openstack-request-id', 'x-compute-request-id', 'Content-Type'} <= names


def test_inbound_request_id_is_logged_as_global_but_not_echoed(nova_api_daemon):
    inbound = 'req-11111111-2222-3333-4444-555555555555'
    response = call(nova_api_daemon, 'GET', '/v2.1/', headers={'X-OpenStack-Request-ID': inbound})

    assert REQUEST_ID.match(response.headers['x-openstack-request-id'])
    assert response.headers['x-openstack-request-id'] != inbound
    own = response.headers['x-openstack-request-id']
    nova_api_daemon.wait_for_log(own)
    line = next(line for line in nova_api_daemon.read_log().splitlines() if own in line)
    assert inbound in line


def test_access_line_has_method_path_status_version_id_and_time(nova_api_daemon):
    response = call(nova_api_daemon, 'GET', '/v2.1/', headers={'OpenStack-API-Version': 'compute 2.42'})
    own = response.headers['x-openstack-request-id']

    nova_api_daemon.wait_for_log(own)
    line = next(line for line in nova_api_daemon.read_log().splitlines()
                if own in line and 'nova_api.access' in line)
    assert '"GET /v2.1/"' in line
    assert 'status: 200' in line
    assert 'microversion: 2.42' in line
    assert re.search(r'time: \d+\.\d{4}', line)
