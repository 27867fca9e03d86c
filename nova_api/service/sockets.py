"""Bind the listening sockets: one SO_REUSEPORT socket per worker slot, all on one address.

The parent binds every socket before it forks and keeps them all open for its
whole life; worker ``i`` serves socket ``i``. The kernel spreads new
connections over the sockets of a SO_REUSEPORT group (by a hash of the
connection's addresses), which keeps the workers balanced; and because the
parent still holds socket ``i`` when worker ``i`` dies or is replaced, the
connections queued on it wait for the next worker instead of being reset.
"""

from __future__ import annotations

import socket

#: Not every platform has TCP_KEEPIDLE (macOS calls it TCP_KEEPALIVE).
_KEEPIDLE = getattr(socket, 'TCP_KEEPIDLE', None)


def resolve(host: str, port: int) -> tuple[int, tuple]:
    """The address family and socket address to bind for ``host``, IPv4 or IPv6."""
    infos = socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0,
                               socket.AI_PASSIVE)
    family, _type, _proto, _canonname, address = infos[0]
    return family, address


def bind(host: str, port: int, count: int, backlog: int) -> list[socket.socket]:
    """Bind ``count`` listening sockets to ``host:port`` as one SO_REUSEPORT group.

    SO_REUSEPORT would also let us join a group that another nova-api (of the
    same user) already listens on, and then both would serve the port. So the
    address is first claimed by a probe socket without SO_REUSEPORT, which
    fails with EADDRINUSE if anything listens there. Port 0 picks a free port,
    the same for every socket. Raises OSError.
    """
    family, address = resolve(host, port)
    probe = _socket(family)
    try:
        probe.bind(address)
        address = probe.getsockname()
    finally:
        probe.close()
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sockets.append(bind_one(family, address, backlog))
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def bind_one(family: int, address: tuple, backlog: int) -> socket.socket:
    """One more listening socket in the SO_REUSEPORT group of ``address``."""
    sock = _socket(family)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


def set_keepalive(sock: socket.socket, idle: int) -> None:
    """TCP keepalive probes after ``idle`` seconds on the connections ``sock`` accepts.

    Set on the listening socket: Linux copies SO_KEEPALIVE and TCP_KEEPIDLE
    onto every socket accept() returns, which saves two system calls per
    connection. TCP_KEEPIDLE is set where the platform has it.
    """
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    if _KEEPIDLE is not None:
        sock.setsockopt(socket.IPPROTO_TCP, _KEEPIDLE, idle)


def _socket(family: int) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    # Rebinding right after a restart must not wait for TIME_WAIT connections.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return sock
