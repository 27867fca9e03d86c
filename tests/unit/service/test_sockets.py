"""Binding: one SO_REUSEPORT socket per slot on one address, and the checks around it."""

from __future__ import annotations

import errno
import socket

import pytest

from nova_api.service import sockets


@pytest.fixture
def bound():
    made: list[socket.socket] = []

    def bind(host='127.0.0.1', port=0, count=2, backlog=16):
        socks = sockets.bind(host, port, count, backlog)
        made.extend(socks)
        return socks
    yield bind
    for sock in made:
        sock.close()


def test_every_slot_gets_its_own_listening_reuseport_socket_on_one_port(bound):
    socks = bound(count=3)

    assert len({sock.fileno() for sock in socks}) == 3
    assert len({sock.getsockname() for sock in socks}) == 1
    assert socks[0].getsockname()[1] != 0
    for sock in socks:
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1


def test_the_kernel_spreads_connections_over_the_sockets(bound):
    socks = bound(count=2, backlog=64)  # room for all of them, whatever the split
    clients = [socket.create_connection(socks[0].getsockname(), timeout=5) for _ in range(40)]
    try:
        queued = []
        for sock in socks:
            sock.setblocking(False)
            count = 0
            while True:
                try:
                    sock.accept()[0].close()
                except BlockingIOError:
                    break
                count += 1
            queued.append(count)
    finally:
        for client in clients:
            client.close()

    assert sum(queued) == 40
    assert min(queued) >= 5, queued  # binomial(40, 1/2): below 5 about once in 10^7


def test_ipv6(bound):
    if not socket.has_ipv6:
        pytest.skip('no IPv6')
    socks = bound(host='::1')

    assert socks[0].family == socket.AF_INET6
    with socket.create_connection(('::1', socks[0].getsockname()[1])):
        pass


@pytest.mark.parametrize('reuseport', [False, True])
def test_an_address_someone_listens_on_is_refused(bound, reuseport):
    """Even a SO_REUSEPORT listener (another nova-api) must not be joined silently."""
    with socket.socket() as other:
        if reuseport:
            other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(('127.0.0.1', 0))
        other.listen()

        with pytest.raises(OSError) as raised:
            bound(port=other.getsockname()[1])

    assert raised.value.errno == errno.EADDRINUSE


def test_one_more_socket_joins_the_group(bound):
    first = bound(count=1)[0]

    extra = sockets.bind_one(first.family, first.getsockname(), 16)
    try:
        assert extra.getsockname() == first.getsockname()
    finally:
        extra.close()


@pytest.mark.skipif(not hasattr(socket, 'TCP_KEEPIDLE'), reason='no TCP_KEEPIDLE here')
def test_accepted_client_sockets_get_keepalive_and_keepidle(bound):
    listener = bound(count=1)[0]

    sockets.set_keepalive(listener, 123)

    with socket.create_connection(listener.getsockname()):
        client, _ = listener.accept()
        with client:
            assert client.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
            assert client.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == 123
