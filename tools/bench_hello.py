#!/usr/bin/env python3
"""A bare eventlet.wsgi hello-world server with nova-api's worker model.

The baseline of ``tools/bench``: the parent binds one SO_REUSEPORT listening
socket per worker slot on the same address, forks one worker per socket, and
each worker runs ``eventlet.wsgi.server`` with its own GreenPool on its own
socket, after ``eventlet.monkey_patch()`` as nova-api does. Everything between
the socket and the response is eventlet's (its access line off); the
application is a dozen bytes of ``Hello, World!``.

Each worker counts the requests it answered. On SIGUSR1 a worker writes
``<count>`` to ``<stats-dir>/<pid>`` (atomically, via a rename), which is how
the benchmark reads the per-worker balance of the measured run. SIGTERM or
SIGINT to the parent stops the workers and the parent.

    python tools/bench_hello.py --port 8080 --workers 2 --stats-dir /tmp/stats

Needs eventlet (run it with the project's venv python).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import time
import warnings
from collections.abc import Callable
from collections.abc import Iterable

# As nova-api does (nova_api/cmd/api.py): the system resolver, not eventlet's green one.
os.environ.setdefault('EVENTLET_NO_GREENDNS', 'yes')
with warnings.catch_warnings():
    # eventlet >= 0.40 warns about its own deprecation on import.
    warnings.simplefilter('ignore')
    import eventlet
    import eventlet.wsgi

# As nova-api does (nova_api/cmd/api.py), so the processes differ only in the app.
eventlet.monkey_patch()

BODY = b'Hello, World!\n'
HEADERS = [('Content-Type', 'text/plain'), ('Content-Length', str(len(BODY)))]

_requests = 0
_stats_dir = ''


def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    """The hello-world WSGI application; counts every request it answers."""
    global _requests
    _requests += 1
    start_response('200 OK', HEADERS)
    return [BODY]


def write_stats(*_args: object) -> None:
    """Write this worker's request count to ``<stats dir>/<pid>`` (SIGUSR1 handler)."""
    if not _stats_dir:
        return
    path = os.path.join(_stats_dir, str(os.getpid()))
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % _requests)
    os.replace(tmp, path)


def bind_sockets(host: str, port: int, count: int, backlog: int) -> list[socket.socket]:
    """Bind ``count`` SO_REUSEPORT listening sockets on the same address."""
    return [eventlet.listen((host, port), backlog=backlog, reuse_port=True)
            for _ in range(count)]


def run_worker(sock: socket.socket, pool_size: int) -> None:
    """Serve ``sock`` forever with a GreenPool; never returns."""
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGUSR1, write_stats)
    try:
        eventlet.wsgi.server(sock, application, custom_pool=eventlet.GreenPool(pool_size),
                             log_output=False)
    finally:
        os._exit(0)


def fork_workers(sockets: list[socket.socket], pool_size: int) -> list[int]:
    """Fork one worker per socket; each worker keeps only its own socket."""
    pids = []
    for index, sock in enumerate(sockets):
        pid = os.fork()
        if pid == 0:
            for other_index, other in enumerate(sockets):
                if other_index != index:
                    other.close()
            run_worker(sock, pool_size)
        pids.append(pid)
    return pids


def supervise(pids: list[int]) -> None:
    """Wait for the workers; on SIGTERM/SIGINT stop them and return."""
    stopping = False

    def stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    alive = set(pids)
    deadline = None
    while alive:
        if stopping and deadline is None:
            deadline = time.monotonic() + 5
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            alive.discard(pid)
            continue
        if deadline is not None and time.monotonic() > deadline:
            for pid in alive:
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.05)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command line of the hello-world server."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--pool-size', type=int, default=1000,
                        help='GreenPool size of each worker (nova-api: [wsgi] default_pool_size)')
    parser.add_argument('--backlog', type=int, default=4096)
    parser.add_argument('--stats-dir', default='',
                        help='folder where workers write their request counts on SIGUSR1')
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Bind, fork, serve until told to stop."""
    global _stats_dir
    args = parse_args(sys.argv[1:] if argv is None else argv)
    _stats_dir = args.stats_dir
    sockets = bind_sockets(args.host, args.port, args.workers, args.backlog)
    pids = fork_workers(sockets, args.pool_size)
    supervise(pids)
    return 0


if __name__ == '__main__':
    sys.exit(main())
