"""Run the real nova-api service (the console script) in a temporary directory, for functional tests.

    daemon = NovaApiDaemon(tmp_path, options={'oslo_middleware': {'max_request_body_size': 1024}})
    daemon.start()                     # returns once GET / answers 200
    requests.get(daemon.url + '/v2.1/', timeout=10)
    daemon.signal(signal.SIGTERM)
    assert daemon.wait() == 0
    daemon.cleanup()                   # kills whatever is left of it; always safe

The fixtures in conftest.py (``nova_api_daemon``, ``daemon_factory``) do the
start and the cleanup. Everything the service writes stays in ``workdir``:
nova.conf, nova-api.log, nova-api.pid, console.log (its stdout and stderr),
state/, and with ``probe=True`` api-paste.ini.
"""

from __future__ import annotations

import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

import requests
import urllib3

HERE = pathlib.Path(__file__).resolve().parent
REAL_PASTE = HERE.parents[1] / 'etc' / 'api-paste.ini'
NOVA_API = str(pathlib.Path(sys.executable).with_name('nova-api'))
NOVA_API_MANAGE = str(pathlib.Path(sys.executable).with_name('nova-api-manage'))

#: ``{section: {option: value}}``, as in the configuration file.
Options = Mapping[str, Mapping[str, Any]]

PROBE_PASTE = """\
# Written by tests/functional/daemon.py: the real pipeline behind a test-only
# filter (tests/functional/probe_filter.py: X-Test-Sleep, X-Test-Worker-Pid).
[pipeline:osapi_compute]
pipeline = probe real

[filter:probe]
paste.filter_factory = probe_filter:filter_factory

[app:real]
use = config:%s#osapi_compute
"""

#: What a log line must never carry (issue 10): a JSON ``"password"``,
#: ``"adminPass"`` or ``"secret"`` with a value other than ``***``, or an
#: ``X-Auth-Token``/``X-Subject-Token`` header with a value that is not masked
#: (``***`` or keystoneauth's ``{SHA256}<digest>``).
_UNMASKED_SECRETS = (
    re.compile(r'"(?:password|adminPass|secret)"\s*:\s*"(?!\*\*\*")(?:[^"\\]|\\.)*"'),
    re.compile(r'''\bX-(?:Auth|Subject)-Token['"]?\s*[:=]\s*['"]?(?!\*\*\*|\{SHA256\}|None\b|['"]|\s|$)\S''',
               re.IGNORECASE),
)


def unmasked_secrets(log: str) -> list[str]:
    """The log lines that carry a secret in the clear (see _UNMASKED_SECRETS)."""
    return [line for line in log.splitlines()
            if any(pattern.search(line) for pattern in _UNMASKED_SECRETS)]


class NovaApiDaemon:
    """One real ``nova-api`` process tree, configured in its own directory.

    ``options`` are merged over the defaults: a free loopback port, 2 workers
    (``workers``), graceful_shutdown_timeout 10, state_path, log_file and
    pid_file in ``workdir``, auth_strategy noauth2, the real etc/api-paste.ini.
    ``env`` is added to the environment (NOTIFY_SOCKET is removed from the
    inherited one). ``probe=True`` puts tests/functional/probe_filter.py in
    front of the real pipeline. ``daemonize=True`` starts it with ``--daemon``.
    """

    def __init__(self, workdir: str | os.PathLike, options: Options | None = None,
                 env: Mapping[str, str] | None = None, workers: int = 2, probe: bool = False,
                 daemonize: bool = False, host: str = '127.0.0.1'):
        self.workdir = pathlib.Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.host = host
        self.port = free_port(host)
        self.config_file = self.workdir / 'nova.conf'
        self.log_file = self.workdir / 'nova-api.log'
        self.pid_file = self.workdir / 'nova-api.pid'
        self.console_file = self.workdir / 'console.log'
        self.env = dict(env or {})
        self.daemonize = daemonize
        paste = REAL_PASTE
        if probe:
            paste = self.workdir / 'api-paste.ini'
            paste.write_text(PROBE_PASTE % REAL_PASTE)
        self.options: dict[str, dict[str, Any]] = {
            'DEFAULT': {
                'osapi_compute_listen': host,
                'osapi_compute_listen_port': self.port,
                'osapi_compute_workers': workers,
                'graceful_shutdown_timeout': 10,
                'state_path': self.workdir / 'state',
                'log_file': self.log_file,
                'pid_file': self.pid_file,
                'use_stderr': False,
            },
            'api': {'auth_strategy': 'noauth2'},
            'wsgi': {'api_paste_config': paste},
        }
        self.process: subprocess.Popen | None = None
        self._pid: int | None = None
        self._groups: set[int] = set()
        self._console = None
        self._log_checked = False
        self.configure(options or {})

    # -- configuration ----------------------------------------------------

    def configure(self, options: Options) -> None:
        """Merge ``options`` into the configuration file, rewritten at once.

        A running service reads it again on SIGHUP.
        """
        for section, values in options.items():
            self.options.setdefault(section, {}).update(values)
        lines = []
        for section, values in self.options.items():
            lines.append('[%s]' % section)
            lines += ['%s = %s' % (key, _ini(value)) for key, value in values.items()]
            lines.append('')
        self.config_file.write_text('\n'.join(lines))

    @property
    def url(self) -> str:
        """``http(s)://host:port``, without a trailing slash: ``daemon.url + '/v2.1/'``."""
        scheme = 'https' if self.options['wsgi'].get('ssl_cert_file') else 'http'
        host = '[%s]' % self.host if ':' in self.host else self.host
        return '%s://%s:%d' % (scheme, host, self.port)

    # -- running ----------------------------------------------------------

    def start(self, timeout: float = 30.0, wait: bool = True) -> NovaApiDaemon:
        """Start the service; with ``wait``, return once ``GET /`` answers 200.

        Raises RuntimeError (with the console and the log) if it exits or
        does not answer within ``timeout`` seconds.
        """
        env = {k: v for k, v in os.environ.items() if k != 'NOTIFY_SOCKET'}
        env['PYTHONPATH'] = os.pathsep.join(filter(None, [str(HERE), env.get('PYTHONPATH')]))
        env.update(self.env)
        command = [NOVA_API, '--config-file', str(self.config_file)]
        if self.daemonize:
            command.append('--daemon')
        self._console = open(self.console_file, 'ab')  # closed by cleanup()
        self.process = subprocess.Popen(command, cwd=self.workdir, env=env, stdin=subprocess.DEVNULL,
                                        stdout=self._console, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self._groups.add(self.process.pid)
        if not wait:
            return self
        deadline = time.monotonic() + timeout
        if self.daemonize:
            self._find_detached(timeout)
        self.wait_until_serving(deadline - time.monotonic())
        return self

    def _find_detached(self, timeout: float) -> None:
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise RuntimeError(self.describe('nova-api --daemon did not return')) from None
        if code != 0:
            raise RuntimeError(self.describe('nova-api --daemon exited with %d' % code))
        self._pid = int(self.pid_file.read_text())
        self._groups.add(os.getpgid(self._pid))

    def wait_until_serving(self, timeout: float = 30.0) -> None:
        """Return once ``GET /`` answers 200; RuntimeError if the service exits or times out."""
        deadline = time.monotonic() + timeout
        while True:
            if not self.running():
                raise RuntimeError(self.describe('nova-api exited before it answered'))
            try:
                with warnings.catch_warnings():  # not checking the certificate: fine here
                    warnings.simplefilter('ignore', urllib3.exceptions.InsecureRequestWarning)
                    if self.get('/', timeout=2).status_code == 200:
                        return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(self.describe('nova-api did not answer within %ss' % timeout))
            time.sleep(0.05)

    def get(self, path: str = '/', **kwargs: Any) -> requests.Response:
        """``requests.get(url + path)`` on a new connection (TLS: the certificate is not checked)."""
        kwargs.setdefault('timeout', 10)
        kwargs.setdefault('verify', False)
        return requests.get(self.url + path, **kwargs)

    def manage(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess:
        """Run ``nova-api-manage --config-file <this nova.conf> *args``; output captured as text."""
        return subprocess.run([NOVA_API_MANAGE, '--config-file', str(self.config_file), *args],
                              cwd=self.workdir, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)

    @property
    def pid(self) -> int:
        """The parent's pid (with ``daemonize``: the detached process, from the pid file)."""
        if self._pid is not None:
            return self._pid
        if self.process is None:
            raise RuntimeError('not started')
        return self.process.pid

    def worker_pids(self) -> list[int]:
        """The pids of the parent's live children, sorted."""
        return children(self.pid)

    def running(self) -> bool:
        if self._pid is not None:
            return alive(self._pid)
        return self.process is not None and self.process.poll() is None

    def signal(self, signum: int) -> None:
        """Send ``signum`` to the parent."""
        os.kill(self.pid, signum)

    def wait(self, timeout: float = 30.0) -> int | None:
        """Wait for the parent to exit; its exit code (None when detached: not our child).

        Raises TimeoutError.
        """
        if self._pid is None:
            try:
                return self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                raise TimeoutError(self.describe('still running after %ss' % timeout)) from None
        wait_until(lambda: not alive(self._pid), timeout, self.describe('still running'))
        return None

    def cleanup(self) -> None:
        """Kill every process the service started (its process groups); safe to call twice.

        Then fail (AssertionError) if a line of its log carries a secret in the
        clear (:func:`unmasked_secrets`), unless an exception is already on its
        way (a daemon that did not start): that one says more.
        """
        for group in self._groups:
            try:
                os.killpg(group, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.process is not None:
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                pass
        if self._console is not None:
            self._console.close()
            self._console = None
        if sys.exc_info()[1] is None and not self._log_checked:
            self._log_checked = True
            leaked = unmasked_secrets(self.read_log())
            assert not leaked, 'a secret in the clear in %s:\n%s' % (
                self.log_file, '\n'.join(line[:300] for line in leaked[:5]))

    # -- output -----------------------------------------------------------

    def read_log(self) -> str:
        """The service's log file so far ('' before it exists)."""
        try:
            return self.log_file.read_text()
        except FileNotFoundError:
            return ''

    def read_console(self) -> str:
        """What the service wrote to stdout and stderr."""
        try:
            return self.console_file.read_text()
        except FileNotFoundError:
            return ''

    def wait_for_log(self, text: str, timeout: float = 10.0) -> str:
        """Wait until ``text`` is in the log; returns the log. AssertionError on timeout."""
        def logged() -> str | None:
            log = self.read_log()
            return log if text in log else None
        return wait_until(logged, timeout, lambda: self.describe('%r not in the log' % text))

    def describe(self, problem: str) -> str:
        """``problem``, with the end of the console and of the log, for error messages."""
        return '%s\n--- console ---\n%s\n--- log ---\n%s' % (
            problem, self.read_console()[-3000:], self.read_log()[-6000:])


def wait_until(condition: Callable[[], Any], timeout: float = 10.0,
               message: str | Callable[[], str] = 'condition not met', interval: float = 0.05) -> Any:
    """Poll ``condition`` until it returns something true, and return that.

    AssertionError with ``message`` (or what it returns) after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(message() if callable(message) else message)
        time.sleep(interval)


def free_port(host: str = '127.0.0.1') -> int:
    """A TCP port that nothing listens on right now (the kernel's pick)."""
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """The pids of the live (not zombie) children of ``pid``, from /proc, sorted."""
    found = []
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None and stat[1] == pid and stat[0] != 'Z':
                found.append(int(entry))
    return sorted(found)


def alive(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie."""
    stat = _stat(pid)
    return stat is not None and stat[0] != 'Z'


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, ppid) of ``pid``, or None if it is gone."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            data = f.read()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    state, ppid = data.rpartition(')')[2].split()[:2]
    return state, int(ppid)


def _ini(value: Any) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)
