"""The service process, against the real daemon: workers, signals, reload, systemd, daemon mode, errors."""

from __future__ import annotations

import collections
import concurrent.futures
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid

import pytest
import requests
from daemon import NovaApiDaemon
from daemon import alive
from daemon import free_port
from daemon import wait_until

pytestmark = pytest.mark.slow  # every test here starts (or kills) real processes


class Poller:
    """GET / over and over from a thread, each time on a new connection; records every failure."""

    def __init__(self, daemon: NovaApiDaemon):
        self.url = daemon.url + '/'
        self.pids: collections.Counter[str] = collections.Counter()
        self.failures: list[str] = []
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Poller:
        self._thread.start()
        wait_until(lambda: self.count >= 5, 10, 'the poller got no answers')
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(20)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                response = requests.get(self.url, timeout=10, headers={'Connection': 'close'})
                if response.status_code != 200:
                    self.failures.append('status %d' % response.status_code)
                self.pids[response.headers.get('X-Test-Worker-Pid')] += 1
            except requests.RequestException as exc:
                self.failures.append(repr(exc))
            self.count += 1


@pytest.fixture(scope='module')
def probe_daemon(tmp_path_factory):
    """A service with the probe filter (X-Test-Worker-Pid, X-Test-Sleep), shared by the module."""
    daemon = NovaApiDaemon(tmp_path_factory.mktemp('nova-api'), probe=True)
    try:
        daemon.start()
        wait_until(lambda: len(daemon.worker_pids()) == 2, 10, 'not 2 workers')
        yield daemon
    finally:
        daemon.cleanup()


def worker_pid(response: requests.Response) -> int:
    return int(response.headers['X-Test-Worker-Pid'])


def slow_request(daemon: NovaApiDaemon, seconds: float, header: str = 'X-Test-Sleep'):
    """Start a request that the service holds for ``seconds``; returns once it is in flight."""
    marks = daemon.read_log().count('probe: holding')
    pool = concurrent.futures.ThreadPoolExecutor(1)
    future = pool.submit(requests.get, daemon.url + '/', headers={header: str(seconds)}, timeout=60)
    pool.shutdown(wait=False)
    wait_until(lambda: daemon.read_log().count('probe: holding') > marks, 10, 'the request never arrived')
    return future


# -- workers --------------------------------------------------------------

def test_new_connections_are_spread_over_both_workers(probe_daemon):
    answered = collections.Counter(worker_pid(probe_daemon.get('/')) for _ in range(60))

    assert sorted(answered) == probe_daemon.worker_pids()
    # Each connection lands on either socket with the same chance: fewer
    # than 10 of 60 on one worker happens about once in 10^8 runs.
    assert min(answered.values()) >= 10, answered


def test_killed_worker_is_replaced_and_its_queued_connections_are_served(probe_daemon):
    before = probe_daemon.worker_pids()
    blocked = slow_request(probe_daemon, 60, header='X-Test-Block')
    victim = int(re.findall(r'probe: holding (\d+)', probe_daemon.read_log())[-1])

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        futures = [pool.submit(probe_daemon.get, '/') for _ in range(20)]
        # The other worker answers its share; the victim's share waits in the
        # queue of the victim's socket (about half: 0 has a chance of 2^-20).
        wait_until(lambda: sum(f.done() for f in futures) >= 3, 10)
        time.sleep(0.3)
        os.kill(victim, signal.SIGKILL)
        responses = [f.result() for f in futures]

    assert [r.status_code for r in responses] == [200] * 20
    after = wait_until(lambda: len(pids := probe_daemon.worker_pids()) == 2 and pids, 10)
    replacement = (set(after) - set(before)).pop()
    assert victim not in after
    # The replacement served what had queued for the victim: nothing was lost.
    assert replacement in {worker_pid(r) for r in responses}
    with pytest.raises(requests.ConnectionError):
        blocked.result()  # the request the victim was running when it was killed
    assert {worker_pid(probe_daemon.get('/')) for _ in range(30)} == set(after)
    probe_daemon.wait_for_log('Worker %d (slot %d) was killed by SIGKILL; respawning'
                              % (victim, before.index(victim)))


# -- signals --------------------------------------------------------------

def test_sigterm_finishes_the_request_in_flight_then_exits_0(daemon_factory):
    daemon = daemon_factory(probe=True)
    workers = daemon.worker_pids()
    assert daemon.pid_file.read_text() == '%d\n' % daemon.pid
    slow = slow_request(daemon, 2)

    daemon.signal(signal.SIGTERM)

    # New connections are refused at once, while the slow request still runs.
    wait_until(lambda: _refused(daemon), 3, 'still accepting after SIGTERM')
    assert not slow.done()
    assert slow.result().status_code == 200
    assert daemon.wait(10) == 0
    assert not [pid for pid in workers if alive(pid)]
    assert not daemon.pid_file.exists()
    log = daemon.read_log()
    assert 'Caught SIGTERM' in log
    assert 'Worker %d (slot 0) exited with code 0' % workers[0] in log


def test_sigterm_kills_a_wedged_worker_after_graceful_shutdown_timeout(daemon_factory):
    daemon = daemon_factory(probe=True, options={'DEFAULT': {'graceful_shutdown_timeout': 1}})
    blocked = slow_request(daemon, 30, header='X-Test-Block')  # not even its timers run
    started = time.monotonic()

    daemon.signal(signal.SIGTERM)

    assert daemon.wait(15) == 0
    assert time.monotonic() - started < 8
    with pytest.raises(requests.ConnectionError):
        blocked.result()
    daemon.wait_for_log('still running 1s after it was told to stop: killing it')
    assert not daemon.worker_pids()


def test_sigint_exits_at_once(daemon_factory):
    daemon = daemon_factory(probe=True)
    workers = daemon.worker_pids()
    slow_request(daemon, 30)
    started = time.monotonic()

    daemon.signal(signal.SIGINT)

    assert daemon.wait(5) == 130
    assert time.monotonic() - started < 2
    assert not [pid for pid in workers if alive(pid)]
    assert not daemon.pid_file.exists()


def test_sighup_reloads_without_a_failed_connection(daemon_factory):
    daemon = daemon_factory(probe=True)
    body = b'x' * 2000
    assert daemon.get('/', data=body).status_code != 413  # requests.get with a body is fine
    before = daemon.worker_pids()

    with Poller(daemon) as poller:
        daemon.configure({'oslo_middleware': {'max_request_body_size': 1000},
                          'DEFAULT': {'osapi_compute_listen_port': free_port()}})
        daemon.signal(signal.SIGHUP)
        after = wait_until(lambda: _replaced(daemon, before), 20, 'workers not replaced')
        served = poller.count
        wait_until(lambda: poller.count > served + 20, 10)

    assert poller.failures == []
    assert set(after).isdisjoint(before)
    assert daemon.get('/', data=body).status_code == 413
    log = daemon.read_log()
    assert 'Caught SIGHUP' in log
    assert 'restart nova-api to apply that; still listening on 127.0.0.1:%d' % daemon.port in log
    assert 'Logging error' not in daemon.read_console()  # logging was set up again, not broken
    assert daemon.pid_file.read_text() == '%d\n' % daemon.pid


def test_sighup_adds_and_removes_workers(daemon_factory):
    daemon = daemon_factory(probe=True)
    two = daemon.worker_pids()

    # A reload replaces every worker: wait for three new ones, not for any
    # three (mid-reload, old and new workers are both alive).
    daemon.configure({'DEFAULT': {'osapi_compute_workers': 3}})
    daemon.signal(signal.SIGHUP)
    three = wait_until(lambda: len(pids := daemon.worker_pids()) == 3 and not set(pids) & set(two)
                       and pids, 20)
    answered = {worker_pid(daemon.get('/')) for _ in range(60)}
    assert answered == set(three)

    daemon.configure({'DEFAULT': {'osapi_compute_workers': 1}})
    daemon.signal(signal.SIGHUP)
    one = wait_until(lambda: len(pids := daemon.worker_pids()) == 1 and not set(pids) & set(three)
                     and pids, 20)
    assert {worker_pid(daemon.get('/')) for _ in range(10)} == set(one)
    daemon.wait_for_log('Removing slot 2')


def test_failed_reload_keeps_the_workers(daemon_factory):
    daemon = daemon_factory(probe=True)
    before = daemon.worker_pids()

    daemon.configure({'DEFAULT': {'osapi_compute_workers': 'many'}})
    daemon.signal(signal.SIGHUP)

    daemon.wait_for_log('Reload failed, keeping the current configuration and workers')
    assert daemon.worker_pids() == before
    assert daemon.get('/').status_code == 200


def test_workers_exit_when_the_parent_is_killed(daemon_factory):
    daemon = daemon_factory(probe=True)
    workers = daemon.worker_pids()
    assert len(workers) == 2

    daemon.signal(signal.SIGKILL)

    daemon.wait(5)
    wait_until(lambda: not [pid for pid in workers if alive(pid)], 5, 'workers outlived the parent')


# -- systemd, daemon mode, TLS, IPv6 ------------------------------------------

def test_systemd_hears_ready_once_serving_then_reloading_and_stopping(daemon_factory):
    name = 'nova-api-test-%s' % uuid.uuid4().hex
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind('\0' + name)  # an abstract socket, as systemd's "@..." addresses
        notify.settimeout(30)
        daemon = daemon_factory(probe=True, env={'NOTIFY_SOCKET': '@' + name}, start=False)
        daemon.start(wait=False)

        ready = _fields(notify.recv(4096))
        # READY=1 comes only once every worker serves: then the port answers.
        assert ready['READY'] == '1'
        assert ready['STATUS'].startswith('Serving on 127.0.0.1:%d with 2 workers' % daemon.port)
        assert daemon.get('/', timeout=2).status_code == 200
        for pid in daemon.worker_pids():
            assert 'Worker %d (slot' % pid in daemon.read_log()

        daemon.signal(signal.SIGHUP)
        assert _fields(notify.recv(4096))['RELOADING'] == '1'
        assert _fields(notify.recv(4096))['READY'] == '1'

        daemon.signal(signal.SIGTERM)
        assert _fields(notify.recv(4096))['STOPPING'] == '1'
        assert daemon.wait(10) == 0


def test_daemon_mode_detaches_and_serves(daemon_factory):
    daemon = daemon_factory(probe=True, daemonize=True)

    assert daemon.process.returncode == 0  # the command returned once the service served
    assert daemon.pid != daemon.process.pid
    assert os.getsid(daemon.pid) != os.getsid(0)
    for fd in (0, 1, 2):
        assert os.readlink('/proc/%d/fd/%d' % (daemon.pid, fd)) == os.devnull
    assert daemon.get('/').status_code == 200
    assert len(daemon.worker_pids()) == 2

    daemon.signal(signal.SIGTERM)
    daemon.wait(10)
    assert not daemon.pid_file.exists()


def test_client_socket_timeout_closes_idle_connections(daemon_factory):
    daemon = daemon_factory(options={'wsgi': {'client_socket_timeout': 1}})
    host, port = daemon.url.split('://')[1].split(':')
    with socket.create_connection((host, int(port)), timeout=10) as client:
        client.sendall(b'GET /v2.1/ HTTP/1.1\r\nHost: x\r\n\r\n')
        response = b''
        while not response.endswith(b'}}'):
            response += client.recv(4096)
        assert response.startswith(b'HTTP/1.1 200 OK')
        idle_since = time.monotonic()
        assert client.recv(100) == b''  # closed by the worker, not by us
        assert 1 <= time.monotonic() - idle_since < 5


@pytest.mark.skipif(not shutil.which('openssl'), reason='needs the openssl command')
def test_serves_https(daemon_factory, tmp_path):
    cert, key = tmp_path / 'cert.pem', tmp_path / 'key.pem'
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
                    '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
                    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', str(key), '-out', str(cert)],
                   check=True, capture_output=True)
    daemon = daemon_factory(options={'wsgi': {'ssl_cert_file': cert, 'ssl_key_file': key}})

    response = daemon.get('/', verify=str(cert))

    assert response.status_code == 200
    # The application sees the scheme: its links are https.
    assert response.json()['versions'][0]['links'][0]['href'].startswith(daemon.url + '/')
    assert daemon.url.startswith('https://')


def test_serves_ipv6(daemon_factory):
    if not socket.has_ipv6:
        pytest.skip('no IPv6')
    daemon = daemon_factory(host='::1', probe=True)

    answered = {worker_pid(daemon.get('/')) for _ in range(30)}

    assert answered == set(daemon.worker_pids())


# -- errors -----------------------------------------------------------------

@pytest.mark.parametrize('options, message', [
    ({'wsgi': {'api_paste_config': '/nonexistent/api-paste.ini'}},
     "Unable to find the paste.deploy file '/nonexistent/api-paste.ini'"),
    ({'DEFAULT': {'osapi_compute_workers': 0}}, 'osapi_compute_workers'),
    ({'wsgi': {'ssl_cert_file': '/nonexistent/cert.pem'}}, 'ssl_cert_file and ssl_key_file'),
])
def test_bad_configuration_is_one_clear_error(daemon_factory, options, message):
    daemon = daemon_factory(options=options, start=False)

    daemon.start(wait=False)

    assert daemon.wait(20) == 1
    console = daemon.read_console()
    assert console.startswith('nova-api: error: ')
    assert message in console
    assert 'Traceback' not in console + daemon.read_log()


def test_busy_port_is_one_clear_error(daemon_factory):
    daemon = daemon_factory(start=False)
    with socket.socket() as other:
        other.bind(('127.0.0.1', daemon.port))
        other.listen()

        daemon.start(wait=False)

        assert daemon.wait(20) == 1
    assert 'Cannot listen on 127.0.0.1 port %d' % daemon.port in daemon.read_console()
    assert 'Traceback' not in daemon.read_console()


def test_workers_that_cannot_load_the_application_stop_the_start(daemon_factory, tmp_path):
    paste = tmp_path / 'broken-paste.ini'
    paste.write_text('[app:osapi_compute]\npaste.app_factory = nova_api.nothing:here\n')
    daemon = daemon_factory(options={'wsgi': {'api_paste_config': paste}}, start=False)

    daemon.start(wait=False)

    assert daemon.wait(20) == 1
    log = daemon.read_log()
    assert 'could not load the application' in log
    assert 'nova-api cannot start' in log
    assert 'nova-api: error: The workers could not start' in daemon.read_console()


def _refused(daemon: NovaApiDaemon) -> bool:
    try:
        daemon.get('/', timeout=1)
    except requests.ConnectionError:
        return True
    return False


def _replaced(daemon: NovaApiDaemon, before: list[int]) -> list[int] | None:
    """The worker pids once they are as many as ``before`` and all new."""
    pids = daemon.worker_pids()
    return pids if len(pids) == len(before) and set(pids).isdisjoint(before) else None


def _fields(datagram: bytes) -> dict[str, str]:
    return dict(line.split('=', 1) for line in datagram.decode().splitlines())
