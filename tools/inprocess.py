"""What the benchmark and profiling tools share: the real pipeline loaded in this process, a
plain WSGI call to it, and the suffix-less tools loaded as modules.

    app = inprocess.build(state_path)                      # noauth2, embedded SQLite
    status, headers, body = inprocess.call(app, 'GET', '/v2.1/flavors', 'user:project')
    bench = inprocess.load_tool('bench')                   # tools/bench's servers and helpers
    counters = inprocess.Counters(); counters.listen_all()  # statements, pg8000 round trips
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import io
import os
import sys
from types import ModuleType

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_tool(name: str) -> ModuleType:
    """tools/``name`` (a script without a .py suffix) as the module ``nova_api_<name>``."""
    module_name = 'nova_api_' + name
    if module_name in sys.modules:
        return sys.modules[module_name]
    loader = importlib.machinery.SourceFileLoader(module_name, os.path.join(REPO, 'tools', name))
    spec = importlib.util.spec_from_loader(module_name, loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # its dataclasses look their module up
    loader.exec_module(module)
    return module


def configured(state_path: str, strategy: str = 'noauth2', connection: str | None = None,
               unlimited_quotas: bool = False, admin_password: str = 'bench-admin'):
    """A configuration of etc/api-paste.ini's pipeline, its database prepared.

    ``strategy``: ``noauth2`` or ``keystone`` (the built-in identity, its
    admin's password ``admin_password``); ``connection``: a database URL
    (default: the embedded SQLite under ``state_path``), upgraded first.
    """
    sys.path.insert(0, REPO)
    from oslo_config import cfg

    from nova_api import conf as nova_conf
    from nova_api.db import database
    from nova_api.db import migration
    from nova_api.identity import service

    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf([], project='nova', default_config_files=[])
    conf.set_override('api_paste_config', os.path.join(REPO, 'etc', 'api-paste.ini'), group='wsgi')
    conf.set_override('state_path', state_path)
    conf.set_override('auth_strategy', strategy, group='api')
    conf.set_override('bootstrap_admin_password', admin_password, group='identity')
    if unlimited_quotas:
        for name in ('instances', 'cores', 'ram'):
            conf.set_override(name, -1, group='quota')
    if connection:
        conf.set_override('connection', connection, group='database')
    db = database.Database(conf)
    if connection:
        migration.upgrade(db)
    migration.prepare(db, 'nova-api-manage')
    if strategy == 'keystone':
        service.prepare(conf, db)
    db.dispose()
    return conf


def build(state_path: str, **options):
    """The pipeline on :func:`configured`'s configuration (the same ``options``)."""
    from nova_api import deploy

    return deploy.load_app(configured(state_path, **options))


def call(app, method: str, path: str, token: str | None = None, body: bytes = b'',
         query: str = '', headers: dict[str, str] | None = None):
    """One request through ``app``: (status, response headers, body)."""
    environ = {'REQUEST_METHOD': method, 'PATH_INFO': path, 'SCRIPT_NAME': '',
               'QUERY_STRING': query, 'SERVER_NAME': 'localhost', 'SERVER_PORT': '8774',
               'SERVER_PROTOCOL': 'HTTP/1.1', 'wsgi.url_scheme': 'http',
               'wsgi.input': io.BytesIO(body), 'wsgi.errors': sys.stderr,
               'CONTENT_LENGTH': str(len(body)), 'REMOTE_ADDR': '127.0.0.1'}
    if body:
        environ['CONTENT_TYPE'] = 'application/json'
    if token:
        environ['HTTP_X_AUTH_TOKEN'] = token
    for name, value in (headers or {}).items():
        environ['HTTP_' + name.upper().replace('-', '_')] = value
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen['status'], seen['headers'] = status, dict(response_headers)
    payload = b''.join(app(environ, start_response))
    return seen['status'], seen['headers'], payload


class Counters:
    """SQL statements (ORM and prepared) and pg8000 round trips (socket flushes), from now on."""

    def __init__(self):
        self.statements = self.round_trips = 0
        from nova_api.db import prepared
        original_call = prepared.Snapshot.__call__

        def counted_call(snapshot, statement, **params):
            self.statements += 1
            return original_call(snapshot, statement, **params)
        prepared.Snapshot.__call__ = counted_call
        try:
            from pg8000 import core
        except ImportError:
            return
        original_flush = core._flush

        def counted_flush(sock):
            self.round_trips += 1
            return original_flush(sock)
        core._flush = counted_flush

    def listen(self, engine) -> None:
        """Count the ORM's statements on ``engine`` too."""
        import sqlalchemy as sa

        @sa.event.listens_for(engine, 'before_cursor_execute')
        def count(*args):
            self.statements += 1

    def listen_all(self) -> None:
        """:meth:`listen` on every Database the loaded pipeline has opened."""
        for used in databases():
            self.listen(used.engine)

    def reset(self) -> None:
        self.statements = self.round_trips = 0


def databases() -> list:
    """The Database objects the loaded pipeline uses (found through the garbage collector)."""
    import gc

    from nova_api.db import database
    return [obj for obj in gc.get_objects() if isinstance(obj, database.Database)
            and obj._engine is not None]


def postgres_cpu_seconds() -> float:
    """User and system CPU of every PostgreSQL process on the machine (its backends' work)."""
    total = 0
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry) as stat:
                line = stat.read()
        except OSError:
            continue
        if '(postgres)' in line:
            fields = line.rsplit(')', 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf('SC_CLK_TCK')

