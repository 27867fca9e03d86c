"""A connection whose reads never wait cannot keep the worker's other connections waiting."""

from __future__ import annotations

import types

import eventlet
import pytest
from eventlet.green import socket as green_socket

from nova_api.service import fair_share
from nova_api.service import sockets
from nova_api.service import worker

from .test_worker import WSGI


class Sleeps:
    """Stands in for eventlet.sleep: records each call; each is a hub poll when ``polls`` is set."""

    def __init__(self) -> None:
        self.calls: list[float] = []
        self.polls: fair_share.HubTurns | None = None

    def __call__(self, seconds: float = 0) -> None:
        self.calls.append(seconds)
        if self.polls is not None:
            self.polls.count += 1


@pytest.fixture
def yields(monkeypatch) -> Sleeps:
    sleeps = Sleeps()
    monkeypatch.setattr(fair_share.eventlet, 'sleep', sleeps)
    return sleeps


def test_a_connection_yields_after_its_share_of_requests_in_one_hub_turn(yields):
    turns = yields.polls = fair_share.HubTurns()
    share = fair_share.Share(turns)
    for _ in range(fair_share.REQUESTS_PER_TURN):
        share.before_request()
    assert yields.calls == []
    share.before_request()
    assert yields.calls == [0]


def test_a_yield_resumed_before_the_hub_polled_yields_once_more_and_no_more(yields):
    share = fair_share.Share(fair_share.HubTurns())  # a hub that never polls
    for _ in range(fair_share.REQUESTS_PER_TURN + 1):
        share.before_request()
    assert yields.calls == [0, 0]
    for _ in range(fair_share.REQUESTS_PER_TURN - 1):
        share.before_request()
    assert yields.calls == [0, 0]


def test_a_connection_whose_reads_wait_for_the_hub_never_yields(yields):
    turns = fair_share.HubTurns()
    share = fair_share.Share(turns)
    for _ in range(10 * fair_share.REQUESTS_PER_TURN):
        turns.count += 1
        share.before_request()
    assert yields.calls == []


def test_install_counts_each_poll_of_the_hub_once_however_often_it_is_called():
    turns = fair_share.HubTurns()
    polls = []
    hub = types.SimpleNamespace(wait=lambda seconds=None: polls.append(seconds))
    fair_share.install(hub, turns)
    fair_share.install(hub, turns)
    hub.wait(0)
    hub.wait(1.5)
    assert (turns.count, polls) == (2, [0, 1.5])


def test_a_pipelining_connection_lets_another_connection_in_after_its_share():
    greedy_requests = 5 * fair_share.REQUESTS_PER_TURN
    served = []
    sock = sockets.bind('127.0.0.1', 0, 1, 16)[0]
    greedy = green_socket.create_connection(sock.getsockname())
    other = green_socket.create_connection(sock.getsockname())

    def app(environ, start_response):
        served.append(environ['PATH_INFO'])
        if served == ['/greedy']:
            # The other request arrives while the greedy connection is being served.
            other.sendall(b'GET /other HTTP/1.1\r\nHost: x\r\n\r\n')
        start_response('200 OK', [('Content-Length', '2')])
        return [b'ok']

    server = worker.Server(WSGI, sock, app)
    server.start()
    try:
        eventlet.sleep(0.05)  # both connections accepted, each thread waiting for a request
        greedy.sendall(b'GET /greedy HTTP/1.1\r\nHost: x\r\n\r\n' * greedy_requests)
        with eventlet.Timeout(10):
            while not other.recv(4096).endswith(b'ok'):
                pass
            received = b''
            while received.count(b'ok') < greedy_requests:
                received += greedy.recv(65536)
        # Without its share the greedy connection's requests would all come
        # first: each of its reads finds the next request buffered and never waits.
        assert served.index('/other') <= fair_share.REQUESTS_PER_TURN + 1
        assert served.count('/greedy') == greedy_requests
    finally:
        greedy.close()
        other.close()
        server.stop(1)
        sock.close()
