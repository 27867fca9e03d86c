"""The worker's server: stop accepting without losing what is queued, drain, close idle connections."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import time
import types

import eventlet
import pytest
from eventlet.green import socket as green_socket
from eventlet.green import ssl as green_ssl

from nova_api.service import sockets
from nova_api.service import worker

WSGI = types.SimpleNamespace(default_pool_size=10, max_header_line=16384, tcp_keepidle=600,
                             wsgi_log_format='%(request_line)s', keep_alive=True,
                             client_socket_timeout=30, header_timeout=20.0, body_timeout=20.0,
                             min_body_rate=500)


def app(environ, start_response):
    eventlet.sleep(float(environ.get('HTTP_X_SLEEP', 0)))
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '2')])
    return [b'ok']


@pytest.fixture
def listening():
    """A listening socket and a copy of it, as the parent holds one."""
    sock = sockets.bind('127.0.0.1', 0, 1, 16)[0]
    parent_copy = sock.dup()
    yield sock, parent_copy
    sock.close()
    parent_copy.close()


@pytest.fixture
def no_grace(monkeypatch):
    monkeypatch.setattr(worker, 'FRESH_CONNECTION_GRACE', 0.0)


@pytest.fixture
def serve(listening):
    """Start a worker.Server on the listening socket; stopped after the test whatever happens."""
    started = []

    def start(ssl_context=None, **wsgi_options) -> tuple[worker.Server, tuple]:
        sock, _ = listening
        server = worker.Server(types.SimpleNamespace(**{**vars(WSGI), **wsgi_options}), sock, app,
                               ssl_context)
        server.start()
        started.append(server)
        return server, sock.getsockname()
    yield start
    for server in started:
        server.stop(1)


def request(address, headers='', wait_close=True) -> tuple[green_socket.socket, bytes]:
    """Send GET / on a new green connection; the response (read to EOF if ``wait_close``)."""
    client = green_socket.create_connection(address)
    client.sendall(b'GET / HTTP/1.1\r\nHost: x\r\n%s\r\n' % headers.encode())
    received = b''
    while not (received.endswith(b'ok') and not wait_close):
        chunk = client.recv(4096)
        if not chunk:
            break
        received += chunk
    return client, received


def test_stop_hands_over_what_is_queued_and_closes_only_its_own_copy(listening):
    sock, parent_copy = listening
    address = sock.getsockname()
    listener = worker.Listener(sock)
    accepted = []
    accepting = eventlet.spawn(lambda: accepted.extend(listener.accept() for _ in iter(int, 1)))
    eventlet.sleep(0)  # the accept loop now waits
    # Plain (blocking) connects: queued by the kernel before the loop runs again.
    queued = [socket.create_connection(address) for _ in range(3)]

    listener.stop()

    assert len(accepted) == 3
    eventlet.sleep(0.05)
    assert not accepting.dead  # parked until killed: no stale wake-up ran it on a closed socket
    assert sock.fileno() == -1
    # The parent's copy keeps the socket listening: a new connection queues for
    # the next worker instead of being refused.
    with socket.create_connection(address, timeout=2):
        parent_copy.settimeout(2)
        parent_copy.accept()[0].close()
    for client in queued:
        client.close()


def test_stop_lets_the_request_in_flight_finish(serve, no_grace):
    server, address = serve()
    slow = eventlet.spawn(request, address, 'X-Sleep: 0.3\r\nConnection: close\r\n')
    eventlet.sleep(0.1)

    assert server.stop(timeout=5)

    client, response = slow.wait()
    assert response.startswith(b'HTTP/1.1 200 OK') and response.endswith(b'ok')
    client.close()


def test_stop_closes_idle_keep_alive_connections(serve, no_grace):
    server, address = serve()
    client, response = request(address, wait_close=False)
    assert response.startswith(b'HTTP/1.1 200 OK')

    assert server.stop(timeout=5)

    client.settimeout(2)
    assert client.recv(100) == b''  # closed by the server
    client.close()


def test_a_fresh_connection_still_gets_its_first_request_served(serve):
    server, address = serve()
    client = green_socket.create_connection(address)
    eventlet.sleep(0.05)  # accepted, but no request yet
    stopping = eventlet.spawn(server.stop, 5)
    eventlet.sleep(0.1)

    client.sendall(b'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')

    assert client.recv(4096).startswith(b'HTTP/1.1 200 OK')
    assert stopping.wait()
    client.close()


def test_stop_gives_up_after_the_timeout(serve, no_grace):
    server, address = serve()
    eventlet.spawn(request, address, 'X-Sleep: 5\r\n')
    eventlet.sleep(0.1)

    assert not server.stop(timeout=0.2)
    assert server.connections() == 1


def test_ready_is_one_line_to_the_parent():
    read_end, write_end = os.pipe()
    try:
        worker.ParentLink(write_end, -1).report_ready()

        assert os.read(read_end, 100) == b'ready %d\n' % os.getpid()
    finally:
        os.close(read_end)
        os.close(write_end)


def test_eventlet_lines_are_debug_and_its_tracebacks_errors():
    calls = []
    logger = types.SimpleNamespace(**{level: (lambda msg, *a, level=level: calls.append((level, msg)))
                                      for level in ('debug', 'error', 'warning')})
    log = worker.EventletLog(logger)

    log.info('127.0.0.1 "GET / HTTP/1.1" 200')
    log.info('Traceback (most recent call last):\n ...')
    log.debug('accepted')

    assert calls == [('debug', '127.0.0.1 "GET / HTTP/1.1" 200'),
                     ('error', 'Traceback (most recent call last):\n ...'),
                     ('debug', 'accepted')]


def test_no_tls_without_a_certificate():
    assert worker.make_ssl_context(types.SimpleNamespace(ssl_cert_file=None)) is None


def test_max_header_line_bounds_every_header_line(serve, no_grace):
    _, address = serve(max_header_line=200)

    _, short = request(address, 'X-Token: %s\r\nConnection: close\r\n' % ('t' * 100))
    _, long = request(address, 'X-Token: %s\r\nConnection: close\r\n' % ('t' * 300))

    assert short.startswith(b'HTTP/1.1 200 OK')
    assert long.startswith(b'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n')
    assert b'Header line too long' in long


def test_without_keep_alive_every_response_closes(serve, no_grace):
    _, address = serve(keep_alive=False)

    client, response = request(address)  # HTTP/1.1, no Connection: close

    assert response.startswith(b'HTTP/1.1 200 OK') and response.endswith(b'ok')  # read to EOF
    assert b'Connection: close' in response
    client.close()


def self_signed(tmp_path):
    cert, key = tmp_path / 'cert.pem', tmp_path / 'key.pem'
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
                    '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', str(key), '-out', str(cert)],
                   check=True, capture_output=True)
    return types.SimpleNamespace(ssl_cert_file=str(cert), ssl_key_file=str(key), ssl_ca_file=None)


needs_openssl = pytest.mark.skipif(not shutil.which('openssl'), reason='needs the openssl command')


@needs_openssl
def test_tls_context_requires_client_certificates_when_a_ca_is_set(tmp_path):
    wsgi = self_signed(tmp_path)

    assert worker.make_ssl_context(wsgi).verify_mode == ssl.CERT_NONE
    wsgi.ssl_ca_file = wsgi.ssl_cert_file
    assert worker.make_ssl_context(wsgi).verify_mode == ssl.CERT_REQUIRED


# -- [wsgi] client_socket_timeout -------------------------------------------------

TIMEOUT = 0.3


def wait_closed(client, limit=3.0, expect=b'') -> float:
    """Seconds until the server closes ``client`` (EOF), after sending exactly ``expect``'s start."""
    started = time.monotonic()
    client.settimeout(limit)
    received = b''
    while True:
        chunk = client.recv(4096)
        if not chunk:
            break
        received += chunk
    assert received.startswith(expect) and (received or not expect), received
    assert expect or not received, 'the server sent data instead of closing'
    return time.monotonic() - started


def test_an_idle_keep_alive_connection_is_closed_after_client_socket_timeout(serve):
    _server, address = serve(client_socket_timeout=TIMEOUT)
    client, response = request(address, wait_close=False)
    assert response.startswith(b'HTTP/1.1 200 OK')

    assert TIMEOUT <= wait_closed(client) < TIMEOUT + 1
    client.close()


def test_a_request_that_stops_halfway_is_answered_408_and_closed_after_client_socket_timeout(serve):
    _server, address = serve(client_socket_timeout=TIMEOUT)
    client = green_socket.create_connection(address)
    client.sendall(b'GET / HTTP/1.1\r\nHost: x\r\nX-Sleep')

    assert TIMEOUT <= wait_closed(client, expect=b'HTTP/1.1 408 Request Timeout\r\n') < TIMEOUT + 1
    client.close()


def test_a_connection_in_use_is_not_timed_out_however_long_it_lives(serve):
    _server, address = serve(client_socket_timeout=TIMEOUT)
    client = green_socket.create_connection(address)
    for _ in range(6):  # 6 x TIMEOUT/2 on one connection: each wait is short
        client.sendall(b'GET / HTTP/1.1\r\nHost: x\r\n\r\n')
        response = b''
        while not response.endswith(b'ok'):
            response += client.recv(4096)
        assert response.startswith(b'HTTP/1.1 200 OK')
        eventlet.sleep(TIMEOUT / 2)
    client.close()


def test_a_slow_application_is_not_a_socket_timeout(serve):
    _server, address = serve(client_socket_timeout=TIMEOUT)
    client, response = request(address, 'X-Sleep: %s\r\nConnection: close\r\n' % (TIMEOUT * 3))
    assert response.startswith(b'HTTP/1.1 200 OK') and response.endswith(b'ok')
    client.close()


def test_zero_client_socket_timeout_waits_forever(serve):
    server, address = serve(client_socket_timeout=0)
    assert server.client_timeout is None
    client, response = request(address, wait_close=False)
    client.settimeout(TIMEOUT * 3)
    with pytest.raises(TimeoutError):
        client.recv(100)
    client.close()


@needs_openssl
def test_an_idle_tls_connection_is_closed_after_client_socket_timeout(serve, tmp_path):
    _server, address = serve(ssl_context=worker.make_ssl_context(self_signed(tmp_path)),
                             client_socket_timeout=TIMEOUT)
    context = green_ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    client = context.wrap_socket(green_socket.create_connection(address))
    # Timed from the request: the server's idle timer starts when it has sent the
    # response, which a loaded machine may deliver to us a while later.
    sent = time.monotonic()
    client.sendall(b'GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    response = b''
    while not response.endswith(b'ok'):
        response += client.recv(4096)

    wait_closed(client)
    assert TIMEOUT <= time.monotonic() - sent < TIMEOUT + 1
    client.close()
