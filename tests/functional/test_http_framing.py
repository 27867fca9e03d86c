"""The HTTP/1.1 front end against the real daemon, over raw sockets: no smuggling, bounded time and memory.

Every invalid framing is sent with a second request pipelined behind it (and
hidden in its body): a desync would answer that one too. Each must get
exactly one response, a 400 with ``Connection: close``, and then the end of
the connection.
"""

from __future__ import annotations

import re
import select
import socket
import time

import pytest
from daemon import NovaApiDaemon

TOKEN = b'X-Auth-Token: alice:6f70656e737461636b\r\n'
#: The request a desync would answer: its response has the versions document.
SMUGGLED = b'GET /v2.1/ HTTP/1.1\r\nHost: x\r\n\r\n'
KEYPAIR = b'{"keypair": {"name": "%s"}}'
BODY_LIMIT = 4096
#: Generous bounds: the assertions are about being cut off, not about when.
HEADER_TIMEOUT = 2
BODY_TIMEOUT = 2


@pytest.fixture(scope='module')
def daemon(tmp_path_factory):
    daemon = NovaApiDaemon(tmp_path_factory.mktemp('nova-api-wire'), workers=1, options={
        'wsgi': {'header_timeout': HEADER_TIMEOUT, 'body_timeout': BODY_TIMEOUT},
        'oslo_middleware': {'max_request_body_size': BODY_LIMIT},
    })
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.cleanup()


def connect(daemon) -> socket.socket:
    return socket.create_connection((daemon.host, daemon.port), timeout=10)


def exchange(daemon, data: bytes, limit: float = 15.0) -> tuple[bytes, bool]:
    """Send ``data``, read until the server closes or ``limit`` passes: (received, closed)."""
    with connect(daemon) as client:
        try:
            client.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return read_until_closed(client, limit)


def read_until_closed(client: socket.socket, limit: float) -> tuple[bytes, bool]:
    received = b''
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        client.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = client.recv(65536)
        except TimeoutError:
            break
        except ConnectionResetError:
            return received, True
        if not chunk:
            return received, True
        received += chunk
    return received, False


def statuses(received: bytes) -> list[bytes]:
    """The status codes of every response in ``received`` (bodies follow each other without a break)."""
    return re.findall(rb'HTTP/1\.[01] ([0-9]{3}) ', received)


def chunked_post(body: bytes, path: bytes = b'/v2.1/os-keypairs', token: bool = True) -> bytes:
    return (b'POST %s HTTP/1.1\r\nHost: x\r\n%sContent-Type: application/json\r\n'
            b'OpenStack-API-Version: compute 2.2\r\n'  # keypairs are created with 201 from 2.2
            b'Transfer-Encoding: chunked\r\n\r\n%s' % (path, TOKEN if token else b'', body))


def post(headers: bytes, body: bytes, version: bytes = b'HTTP/1.1') -> bytes:
    return (b'POST /v2.1/os-keypairs %s\r\nHost: x\r\n%sContent-Type: application/json\r\n%s\r\n%s'
            % (version, TOKEN, headers, body))


# A body with a request inside it, for the framings that a lenient parser reads short.
HIDDEN = b'0\r\n\r\n' + SMUGGLED

SMUGGLING = {
    # chunk sizes int(x, 16) accepts
    'chunk size 1_0': chunked_post(b'1_0\r\n' + b'x' * 16 + b'\r\n0\r\n\r\n'),
    'chunk size 0x5': chunked_post(b'0x5\r\nhello\r\n0\r\n\r\n'),
    'chunk size +5': chunked_post(b'+5\r\nhello\r\n0\r\n\r\n'),
    'chunk size -5': chunked_post(b'-5\r\nhello\r\n0\r\n\r\n'),
    'chunk size with a space': chunked_post(b'5 \r\nhello\r\n0\r\n\r\n'),
    'chunk size of 2**64': chunked_post(b'10000000000000000\r\nhello\r\n0\r\n\r\n'),
    'chunk size ending in a bare LF': chunked_post(b'5\nhello\r\n0\r\n\r\n'),
    'chunk extension with a bare CR': chunked_post(b'5;a\rb\r\nhello\r\n0\r\n\r\n'),
    'chunk data longer than its size': chunked_post(b'5\r\nhello' + HIDDEN + b'\r\n0\r\n\r\n'),
    'chunk data ending without CRLF': chunked_post(b'5\r\nhelloXX0\r\n\r\n'),
    'trailer with obs-fold': chunked_post(b'0\r\nX-T: a\r\n b\r\n\r\n'),
    # Transfer-Encoding other than exactly chunked
    'TE gzip, chunked': post(b'Transfer-Encoding: gzip, chunked\r\n', b'5\r\nhello\r\n' + HIDDEN),
    'TE chunked, identity': post(b'Transfer-Encoding: chunked, identity\r\n', HIDDEN),
    'TE xchunked': post(b'Transfer-Encoding: xchunked\r\n', HIDDEN),
    'TE with a vertical tab': post(b'Transfer-Encoding:\x0bchunked\r\n', HIDDEN),
    'two TE headers': post(b'Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n', HIDDEN),
    'TE with a space before the colon': post(
        b'Content-Length: %d\r\nTransfer-Encoding : chunked\r\n' % len(HIDDEN), HIDDEN),
    'TE folded (obs-fold)': post(b'Transfer-Encoding:\r\n chunked\r\n', HIDDEN),
    'TE and Content-Length': post(
        b'Content-Length: %d\r\nTransfer-Encoding: chunked\r\n' % len(HIDDEN), HIDDEN),
    'TE on HTTP/1.0': post(b'Transfer-Encoding: chunked\r\n', HIDDEN, b'HTTP/1.0'),
    # Content-Length that is not one decimal number
    'two Content-Length': post(b'Content-Length: 5\r\nContent-Length: %d\r\n' % (5 + len(SMUGGLED)),
                               b'hello' + SMUGGLED),
    'Content-Length list': post(b'Content-Length: 5, 5\r\n', b'hello'),
    'Content-Length +5': post(b'Content-Length: +5\r\n', b'hello'),
    'Content-Length -1': post(b'Content-Length: -1\r\n', b''),
    'Content-Length in hex': post(b'Content-Length: 0x5\r\n', b'hello'),
    'Content-Length with a space before the colon': post(b'Content-Length : 5\r\n', b'hello'),
    # request lines and header lines
    'a header line without a colon': post(b'Content-Length 5\r\n', b'hello'),
    'a NUL in a header value': post(b'X-A: a\x00b\r\n', b''),
    'a header line ending in a bare LF': post(b'X-A: b\nContent-Length: 5\r\n', b'hello'),
    'two Host headers': post(b'Host: y\r\n', b''),
    'HTTP/1.1 without Host': b'GET /v2.1/ HTTP/1.1\r\n\r\n',
    'two spaces in the request line': b'GET  /v2.1/ HTTP/1.1\r\nHost: x\r\n\r\n',
    'a lower-case version': b'GET /v2.1/ http/1.1\r\nHost: x\r\n\r\n',
    'HTTP/0.9 (no version)': b'GET /v2.1/\r\n\r\n',
    'a request line with a tab': b'GET\t/v2.1/ HTTP/1.1\r\nHost: x\r\n\r\n',
}


@pytest.mark.parametrize('case', sorted(SMUGGLING))
def test_invalid_framing_is_400_and_closes_without_answering_what_follows(daemon, case):
    received, closed = exchange(daemon, SMUGGLING[case] + SMUGGLED)

    assert statuses(received) == [b'400'], received
    assert b'\r\nConnection: close\r\n' in received.split(b'\r\n\r\n')[0] + b'\r\n'
    assert closed
    assert b'"versions"' not in received and b'"version"' not in received


def test_pipelined_requests_are_answered_in_order(daemon):
    received, closed = exchange(daemon, SMUGGLED + b'GET /v2.1/no-such HTTP/1.1\r\nHost: x\r\n'
                                + TOKEN + b'\r\n' + b'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')

    assert statuses(received) == [b'200', b'404', b'200']
    assert closed


def test_a_request_in_the_absolute_form_is_answered_with_links_to_its_host(daemon):
    received, _closed = exchange(daemon, b'GET http://api.example:8774/v2.1/ HTTP/1.1\r\n'
                                         b'Host: x\r\nConnection: close\r\n\r\n')

    assert statuses(received) == [b'200']
    assert b'"href":"http://api.example:8774/v2.1/"' in received


def test_valid_chunked_body_is_read(daemon):
    body = KEYPAIR % b'chunked-1'
    chunks = b'%x;ext=1\r\n%s\r\n%x\r\n%s\r\n0\r\nX-Trailer: t\r\n\r\n' % (
        10, body[:10], len(body) - 10, body[10:])

    received, _ = exchange(daemon, chunked_post(chunks) + SMUGGLED, limit=3)

    assert statuses(received) == [b'201', b'200'], received
    assert b'"private_key"' in received


def test_oversized_chunked_body_is_413_and_closes(daemon):
    chunk = b'x' * 1024
    body = b''.join(b'400\r\n%s\r\n' % chunk for _ in range(64)) + b'0\r\n\r\n'  # 64 KiB > 4 KiB

    received, closed = exchange(daemon, chunked_post(body) + SMUGGLED)

    assert statuses(received) == [b'413'], received
    assert closed


def test_unread_chunked_body_after_401_closes_the_connection(daemon):
    received, closed = exchange(daemon, chunked_post(b'5\r\nhello\r\n' + HIDDEN, token=False))

    assert statuses(received) == [b'401']
    assert b'Connection: close' in received
    assert closed


def test_small_unread_body_after_401_is_drained_and_the_connection_kept(daemon):
    body = b'x' * 100
    first = b'POST /v2.1/os-keypairs HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s' % (
        len(body), body)

    received, _ = exchange(daemon, first + SMUGGLED, limit=3)

    assert statuses(received) == [b'401', b'200']


def test_large_unread_body_after_an_early_413_closes_the_connection(daemon):
    first = b'POST /v2.1/os-keypairs HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n'

    received, closed = exchange(daemon, first + b'x' * 1000 + SMUGGLED)

    assert statuses(received) == [b'413'] and b'Connection: close' in received
    assert closed


# -- time ----------------------------------------------------------------------

@pytest.mark.parametrize('piece', [b'X-Line: a\r\n', b'a'], ids=['a header line', 'a byte'])
def test_slowloris_is_cut_off_after_header_timeout(daemon, piece):
    """Each piece comes well within any socket timeout: only the head's own deadline ends it."""
    with connect(daemon) as client:
        client.sendall(b'GET /v2.1/ HTTP/1.1\r\nHost: x\r\nX-Slow: ')
        started = time.monotonic()
        received, closed = b'', False
        for _ in range(60):  # one piece every 0.5 s: 30 s if never cut off
            if select.select([client], [], [], 0.5)[0]:
                received, closed = read_until_closed(client, 5)
                break
            try:
                client.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
        assert closed
        assert time.monotonic() - started < HEADER_TIMEOUT + 10
        assert statuses(received) in ([b'408'], [])


def test_a_body_of_one_byte_a_second_is_cut_off(daemon):
    with connect(daemon) as client:
        client.sendall(post(b'Content-Length: 1000\r\n', b''))
        started = time.monotonic()
        received, closed = b'', False
        for _ in range(60):
            if select.select([client], [], [], 0.5)[0]:
                received, closed = read_until_closed(client, 5)
                break
            try:
                client.sendall(b' ')
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
        assert closed
        assert time.monotonic() - started < BODY_TIMEOUT + 10
        assert statuses(received) in ([b'408'], [])


def test_many_slow_connections_do_not_delay_a_normal_request(daemon):
    """Answered before the slow heads' deadline: not after any of them was cut off (measured: ~0.05 s)."""
    slow = [connect(daemon) for _ in range(200)]
    try:
        for client in slow:
            client.sendall(b'GET /v2.1/ HTTP/1.1\r\nHost: x\r\nX-Slow: ')
        started = time.monotonic()
        received, closed = exchange(daemon, b'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
        assert statuses(received) == [b'200'] and closed
        assert time.monotonic() - started < HEADER_TIMEOUT
    finally:
        for client in slow:
            client.close()


# -- memory --------------------------------------------------------------------

def vm_kib(pid: int, field: str) -> int:
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith(field + ':'):
                return int(line.split()[1])
    raise AssertionError('no %s in /proc/%d/status' % (field, pid))


@pytest.mark.parametrize('token', [True, False], ids=['with a token', 'without a token'])
def test_endless_chunk_size_line_does_not_grow_the_worker(daemon, token):
    worker, = daemon.worker_pids()
    before_rss, before_peak = vm_kib(worker, 'VmRSS'), vm_kib(worker, 'VmHWM')
    line = b'f' * (1024 * 1024)
    sent = 0
    with connect(daemon) as client:
        client.sendall(chunked_post(b'', token=token))
        try:
            for _ in range(200):  # 200 MiB if the worker kept reading
                client.sendall(line)
                sent += len(line)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        received, closed = read_until_closed(client, 10)

    assert sent < 200 * len(line), 'the worker read a 200 MiB chunk-size line to its end'
    assert closed
    assert statuses(received) in ([b'400'] if token else [b'401'], [])
    growth = max(vm_kib(worker, 'VmRSS') - before_rss, vm_kib(worker, 'VmHWM') - before_peak)
    assert growth < 16 * 1024, 'the worker grew by %d KiB' % growth


def test_expect_100_continue_is_answered_before_the_body_is_read(daemon):
    body = KEYPAIR % b'continued-1'
    with connect(daemon) as client:
        client.sendall(post(b'OpenStack-API-Version: compute 2.2\r\nExpect: 100-continue\r\n'
                            b'Content-Length: %d\r\n' % len(body), b''))
        interim = client.recv(4096)
        assert interim.startswith(b'HTTP/1.1 100 Continue\r\n')
        client.sendall(body + b'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
        received, closed = read_until_closed(client, 10)

    assert statuses(received) == [b'201', b'200'] and closed
