"""What the benchmark and profiling tools share: the real pipeline loaded in this process, a
plain WSGI call to it, and the suffix-less tools loaded as modules.

    app = inprocess.build(state_path)                      # noauth2, embedded SQLite
    status, headers, body = inprocess.call(app, 'GET', '/v2.1/flavors', 'user:project')
    bench = inprocess.load_tool('bench')                   # tools/bench's servers and helpers
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
