"""Fixtures shared by the unit tests: configuration, the paste pipeline, in-process requests.

Everything runs in-process: a request is a ``webob.Request.blank(...)`` sent
to a WSGI app with ``get_response``. Nothing here opens a socket.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import webob
from oslo_config import cfg

from nova_api import conf as nova_conf
from nova_api import deploy
from nova_api.api import router
from nova_api.db import database as db_database
from nova_api.db import migration

REPO_ROOT = Path(__file__).resolve().parents[2]
PASTE_INI = REPO_ROOT / 'etc' / 'api-paste.ini'

REQUEST_ID = re.compile(r'^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
VARY = 'OpenStack-API-Version, X-OpenStack-Nova-API-Version'
#: A hex project id, so that it matches the default project_id_regex in URLs.
PROJECT_ID = '6f70656e737461636b20726f636b7321'


@pytest.fixture
def make_conf(tmp_path) -> Iterator[Callable[..., cfg.ConfigOpts]]:
    """Build a parsed ``ConfigOpts`` pointing at the repository's paste file.

    ``make_conf(config_text='[api]\\nauth_strategy = keystone\\n')`` reads that
    text as a configuration file (for options registered late, such as
    keystonemiddleware's); ``overrides={'oslo_middleware': {'max_request_body_size': 10}}``
    sets registered options directly.

    Every conf is reset afterwards: the option groups of nova_api.conf are
    module-level ``OptGroup`` objects, and oslo.config shares their option
    state (overrides included) between every ``ConfigOpts`` they are
    registered on, so an override would otherwise leak into later tests.
    """
    made: list[cfg.ConfigOpts] = []

    def make(config_text: str | None = None,
             overrides: dict[str, dict[str, Any]] | None = None) -> cfg.ConfigOpts:
        files = []
        if config_text is not None:
            path = tmp_path / 'nova.conf'
            path.write_text(config_text)
            files.append(str(path))
        conf = cfg.ConfigOpts()
        nova_conf.register_opts(conf)
        conf([], project='nova', default_config_files=files)
        conf.set_override('api_paste_config', str(PASTE_INI), group='wsgi')
        conf.set_override('state_path', str(tmp_path / 'state'))
        for group, values in (overrides or {}).items():
            for name, value in values.items():
                conf.set_override(name, value, group=None if group == 'DEFAULT' else group)
        made.append(conf)
        return conf
    yield make
    for conf in made:
        conf.reset()


@pytest.fixture(scope='session')
def migrated_sqlite(tmp_path_factory) -> Path:
    """An embedded database file at the newest schema, migrated once and copied by each test."""
    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf([], project='nova', default_config_files=[])
    conf.set_override('state_path', str(tmp_path_factory.mktemp('template')))
    database = db_database.Database(conf)
    migration.upgrade(database)
    database.dispose()
    return Path(db_database.connection_url(conf)[len('sqlite:///'):])


@pytest.fixture
def database(make_conf, migrated_sqlite, database_url) -> db_database.Database:
    """A Database at the newest schema, on each backend in turn (embedded SQLite, PostgreSQL)."""
    conf = make_conf()
    if database_url is None:
        target = Path(db_database.connection_url(conf)[len('sqlite:///'):])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated_sqlite, target)
        db = db_database.Database(conf)
    else:
        conf.set_override('connection', database_url, group='database')
        db = db_database.Database(conf)
        migration.upgrade(db)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_conf(make_conf, migrated_sqlite) -> Callable[..., cfg.ConfigOpts]:
    """``make_conf``, with the embedded database already at the newest schema."""
    def make(*args, **kwargs) -> cfg.ConfigOpts:
        conf = make_conf(*args, **kwargs)
        target = Path(db_database.connection_url(conf)[len('sqlite:///'):])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated_sqlite, target)
        return conf
    return make


@pytest.fixture
def paste_ini() -> Path:
    """The paste.deploy file shipped in etc/."""
    return PASTE_INI


@pytest.fixture
def conf(make_conf) -> cfg.ConfigOpts:
    return make_conf()


@pytest.fixture
def load_pipeline(sqlite_conf, monkeypatch) -> Callable[..., Any]:
    """Load the whole paste pipeline of etc/api-paste.ini.

    ``api_router`` replaces the app at the end of the compute pipeline (the
    real route table only serves version routes), so tests can send requests
    through every filter to controllers of their own.
    """
    def load(conf: cfg.ConfigOpts | None = None, api_router: Callable | None = None):
        if api_router is not None:
            monkeypatch.setattr(router.APIRouter, 'factory',
                                classmethod(lambda cls, global_conf, **local_conf: api_router))
        return deploy.load_app(conf if conf is not None else sqlite_conf())
    return load


@pytest.fixture
def pipeline(load_pipeline):
    """The pipeline exactly as shipped: noauth2, the real route table, a migrated embedded database."""
    return load_pipeline()


@pytest.fixture
def api_request() -> Callable[..., webob.Response]:
    """Send one request in-process and return the response.

    ``body`` is JSON-encoded (bytes and str are sent as they are) and gets
    ``Content-Type: application/json`` unless ``headers`` says otherwise;
    ``token`` becomes ``X-Auth-Token``; ``environ`` is merged into the WSGI
    environ (for a pre-built context, say).
    """
    def send(app: Callable, path: str, method: str = 'GET', body: Any = None,
             headers: dict[str, str] | None = None, token: str | None = None,
             environ: dict | None = None, version: str | None = None) -> webob.Response:
        req = webob.Request.blank(path, method=method, environ=environ)
        if body is not None:
            if isinstance(body, str):
                body = body.encode('utf-8')
            elif not isinstance(body, bytes):
                body = json.dumps(body).encode('utf-8')
            req.body = body
            req.content_type = 'application/json'
        if token is not None:
            req.headers['X-Auth-Token'] = token
        if version is not None:
            req.headers['OpenStack-API-Version'] = 'compute %s' % version
        for name, value in (headers or {}).items():
            req.headers[name] = value
        return req.get_response(app)
    return send


def _assert_request_ids(response: webob.Response) -> str:
    ours = response.headers.get('x-openstack-request-id')
    assert ours is not None, 'no x-openstack-request-id in %s' % dict(response.headers)
    assert REQUEST_ID.match(ours), ours
    assert response.headers.get('x-compute-request-id') == ours
    return ours


def _assert_compute_headers(response: webob.Response, version: str = '2.1') -> str:
    assert response.headers.get('OpenStack-API-Version') == 'compute %s' % version
    assert response.headers.get('X-OpenStack-Nova-API-Version') == version
    assert response.headers.get('Vary') == VARY
    return _assert_request_ids(response)


@pytest.fixture
def assert_request_ids() -> Callable[[webob.Response], str]:
    """Check both request id headers are there, equal, and ``req-<uuid>``; return the id."""
    return _assert_request_ids


@pytest.fixture
def assert_compute_headers() -> Callable[..., str]:
    """Check the microversion headers (and the request ids) of a /v2.1 response."""
    return _assert_compute_headers
