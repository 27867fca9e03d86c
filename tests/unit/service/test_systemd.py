"""sd_notify: datagrams to $NOTIFY_SOCKET, path or abstract; nothing without it."""

from __future__ import annotations

import socket
import uuid

import pytest

from nova_api.service import systemd


@pytest.fixture
def receiver(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / 'notify'))
    sock.settimeout(5)
    yield sock
    sock.close()


def fields(datagram: bytes) -> dict[str, str]:
    return dict(line.split('=', 1) for line in datagram.decode().splitlines())


def test_ready_with_status_is_one_datagram(receiver):
    notifier = systemd.Notifier.from_environ({'NOTIFY_SOCKET': receiver.getsockname()})

    assert notifier.ready('Serving on 127.0.0.1:8774 with 2 workers')

    assert receiver.recv(4096) == b'READY=1\nSTATUS=Serving on 127.0.0.1:8774 with 2 workers'


def test_abstract_namespace_address():
    name = 'nova-api-unit-%s' % uuid.uuid4().hex
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind('\0' + name)
        sock.settimeout(5)

        assert systemd.Notifier('@' + name).stopping('Stopping')

        assert fields(sock.recv(4096)) == {'STOPPING': '1', 'STATUS': 'Stopping'}


def test_reloading_carries_the_monotonic_clock(receiver):
    systemd.Notifier(receiver.getsockname()).reloading('Reloading')

    sent = fields(receiver.recv(4096))
    assert sent['RELOADING'] == '1'
    assert int(sent['MONOTONIC_USEC']) > 0


def test_without_notify_socket_nothing_is_sent():
    assert not systemd.Notifier.from_environ({}).ready('Serving')


def test_an_unreachable_manager_is_logged_not_raised(tmp_path, caplog):
    notifier = systemd.Notifier(str(tmp_path / 'nobody-listens'))

    assert not notifier.ready('Serving')
    assert 'Could not notify the service manager' in caplog.text
