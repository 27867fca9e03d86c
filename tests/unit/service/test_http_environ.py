"""The WSGI environ the worker builds from the request head it parsed (eventlet's keys and choices)."""

from __future__ import annotations

import json

import pytest
from eventlet.green import socket as green_socket

from nova_api.service import http_protocol
from nova_api.service import sockets
from nova_api.service import worker

from .test_worker import WSGI

SHOWN = ('REQUEST_METHOD', 'SCRIPT_NAME', 'PATH_INFO', 'RAW_PATH_INFO', 'QUERY_STRING',
         'CONTENT_TYPE', 'CONTENT_LENGTH', 'SERVER_PROTOCOL', 'SERVER_NAME', 'SERVER_PORT',
         'REMOTE_ADDR', 'GATEWAY_INTERFACE', 'wsgi.url_scheme', 'wsgi.input_terminated')


def echo(environ, start_response):
    body = environ['wsgi.input'].read()
    shown = {key: environ[key] for key in SHOWN if key in environ}
    shown['headers'] = {key: value for key, value in environ.items() if key.startswith('HTTP_')}
    shown['body'] = body.decode()
    shown['remote_port'] = environ['REMOTE_PORT']
    data = json.dumps(shown).encode()
    start_response('200 OK', [('Content-Type', 'application/json'),
                              ('Content-Length', str(len(data)))])
    return [data]


@pytest.fixture
def environ_of():
    """Send raw request heads to a worker.Server; the environ each produced."""
    sock = sockets.bind('127.0.0.1', 0, 1, 16)[0]
    server = worker.Server(WSGI, sock, echo)
    server.start()
    clients = []

    def send(head: bytes) -> dict:
        client = green_socket.create_connection(sock.getsockname())
        clients.append(client)
        client.sendall(head)
        received = b''
        while b'\r\n\r\n' not in received or not received.rstrip().endswith(b'}'):
            chunk = client.recv(65536)
            assert chunk, received
            received += chunk
        shown = json.loads(received.split(b'\r\n\r\n', 1)[1])
        shown['local_port'] = client.getsockname()[1]
        shown['server_port'] = sock.getsockname()[1]
        return shown
    yield send
    for client in clients:
        client.close()
    server.stop(1)
    sock.close()


def test_the_request_line_and_the_connection_give_the_cgi_keys(environ_of):
    env = environ_of(b'GET /v2.1/servers%2Fdetail?limit=1&marker=a HTTP/1.1\r\nHost: x\r\n\r\n')
    assert env['REQUEST_METHOD'] == 'GET'
    assert env['SCRIPT_NAME'] == ''
    assert env['RAW_PATH_INFO'] == '/v2.1/servers%2Fdetail'
    assert env['PATH_INFO'] == '/v2.1/servers/detail'
    assert env['QUERY_STRING'] == 'limit=1&marker=a'
    assert env['SERVER_PROTOCOL'] == 'HTTP/1.0'
    assert (env['SERVER_NAME'], env['SERVER_PORT']) == ('127.0.0.1', str(env['server_port']))
    assert env['REMOTE_ADDR'] == '127.0.0.1'
    assert env['remote_port'] == str(env['local_port'])
    assert env['GATEWAY_INTERFACE'] == 'CGI/1.1'
    assert env['wsgi.url_scheme'] == 'http'
    assert env['wsgi.input_terminated'] is True


def test_a_request_without_a_query_has_no_query_string(environ_of):
    assert 'QUERY_STRING' not in environ_of(b'GET /v2.1/ HTTP/1.1\r\nHost: x\r\n\r\n')


def test_a_request_without_a_content_type_is_text_plain_as_under_eventlet(environ_of):
    env = environ_of(b'GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    assert env['CONTENT_TYPE'] == 'text/plain'
    assert 'CONTENT_LENGTH' not in env


def test_content_type_and_length_are_unprefixed_and_the_body_is_the_input(environ_of):
    env = environ_of(b'POST /a HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n'
                     b'Content-Length: 2\r\n\r\n{}')
    assert (env['CONTENT_TYPE'], env['CONTENT_LENGTH'], env['body']) == ('application/json', '2', '{}')
    assert 'HTTP_CONTENT_TYPE' not in env['headers'] and 'HTTP_CONTENT_LENGTH' not in env['headers']


def test_fields_become_http_keys_and_repeated_ones_are_joined_with_commas(environ_of):
    env = environ_of(b'GET / HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\n'
                     b'OpenStack-API-Version: compute 2.1\r\nAccept: a\r\naccept: b\r\n\r\n')
    assert env['headers'] == {'HTTP_HOST': 'x', 'HTTP_X_AUTH_TOKEN': 't',
                              'HTTP_OPENSTACK_API_VERSION': 'compute 2.1', 'HTTP_ACCEPT': 'a,b'}


def test_a_field_name_with_an_underscore_is_dropped_so_it_cannot_pose_as_the_dashed_one(environ_of):
    env = environ_of(b'GET / HTTP/1.1\r\nHost: x\r\nX_Auth_Token: forged\r\n\r\n')
    assert 'HTTP_X_AUTH_TOKEN' not in env['headers']


def test_field_names_clients_invent_do_not_grow_the_key_table_without_bound(monkeypatch):
    monkeypatch.setattr(http_protocol, '_ENVIRON_KEYS', {})
    for index in range(http_protocol._ENVIRON_KEYS_MAX + 100):
        assert http_protocol.environ_key('X-Name-%d' % index) == 'HTTP_X_NAME_%d' % index
    assert len(http_protocol._ENVIRON_KEYS) == http_protocol._ENVIRON_KEYS_MAX


def test_a_target_in_the_absolute_form_is_served_as_its_path_with_its_host(environ_of):
    # RFC 9112 section 3.2.2: the target's host, not the Host field's.
    env = environ_of(b'GET http://api.example:8774/v2.1/servers%2Fdetail?limit=1 HTTP/1.1\r\n'
                     b'Host: elsewhere\r\n\r\n')
    assert (env['PATH_INFO'], env['RAW_PATH_INFO']) == ('/v2.1/servers/detail', '/v2.1/servers%2Fdetail')
    assert env['QUERY_STRING'] == 'limit=1'
    assert env['headers']['HTTP_HOST'] == 'api.example:8774'
