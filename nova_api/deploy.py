"""Build the WSGI application from the paste.deploy file (etc/api-paste.ini).

paste.deploy only passes strings to factories, so the configuration object is
handed over through a short-lived binding: :func:`load_app` registers the
``ConfigOpts`` under a random key for the duration of the load and passes the
key in ``global_conf``; every factory resolves it with :func:`conf_from`, and
the process's compute layer with :func:`compute_from` (one ``Compute``, so
one database engine, for every app of the pipeline and for the task runner
that the worker runs beside it). Nothing of that outlives the call.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from typing import Any

from oslo_config import cfg
from paste import deploy as paste_deploy

from nova_api import exception
from nova_api.api import faults
from nova_api.api import links

WSGIApp = Callable[..., Any]

_CONF_KEY = 'nova_api_conf_key'


class _Binding:
    """What one load_app call hands to the factories."""

    def __init__(self, conf: cfg.ConfigOpts, compute: Any = None):
        self.conf = conf
        self.compute = compute
        self.identity: Any = None


_LOADING: dict[str, _Binding] = {}

#: Where a relative api_paste_config is looked for after the config files' folders.
FALLBACK_DIRS = ('.', 'etc', '/etc/nova')
DEFAULT_APP_NAME = 'osapi_compute'


class PasteConfigNotFound(Exception):
    """The configured api_paste_config file does not exist anywhere we look."""


def find_paste_config(conf: cfg.ConfigOpts) -> str:
    """Resolve ``[wsgi] api_paste_config`` to an absolute path.

    Relative paths are looked up next to the configuration files first (so
    ``--config-file etc/nova.conf`` finds ``etc/api-paste.ini``), then in
    :data:`FALLBACK_DIRS`.
    """
    name = conf.wsgi.api_paste_config
    if os.path.isabs(name):
        candidates = [name]
    else:
        config_dirs = [os.path.dirname(os.path.abspath(f)) for f in conf.config_file or []]
        config_dirs += [os.path.abspath(d) for d in conf.config_dir or []] if conf.config_dir else []
        candidates = [os.path.join(d, name) for d in config_dirs]
        candidates += [os.path.abspath(os.path.join(d, name)) for d in FALLBACK_DIRS]
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise PasteConfigNotFound(
        'Unable to find the paste.deploy file %r (looked in: %s)' % (name, ', '.join(candidates)))


def load_app(conf: cfg.ConfigOpts, name: str = DEFAULT_APP_NAME, compute: Any = None) -> WSGIApp:
    """Load the named application (the whole pipeline) for ``conf``.

    ``compute`` is the process's :class:`nova_api.compute.Compute`; without
    one, the first factory that needs it builds it.
    """
    path = find_paste_config(conf)
    key = uuid.uuid4().hex
    _LOADING[key] = _Binding(conf, compute)
    try:
        return paste_deploy.loadapp('config:%s' % path, name=name, global_conf={_CONF_KEY: key})
    finally:
        del _LOADING[key]


def _binding(global_conf: dict[str, Any]) -> _Binding:
    try:
        return _LOADING[global_conf[_CONF_KEY]]
    except KeyError:
        raise RuntimeError('nova_api paste factories must be loaded through '
                           'nova_api.deploy.load_app()') from None


def conf_from(global_conf: dict[str, Any]) -> cfg.ConfigOpts:
    """The ``ConfigOpts`` that the current :func:`load_app` call is building for."""
    return _binding(global_conf).conf


def compute_from(global_conf: dict[str, Any]) -> Any:
    """The process's compute layer for the current :func:`load_app` call, built once."""
    binding = _binding(global_conf)
    if binding.compute is None:
        from nova_api import compute  # the layer below the pipeline: only when asked for

        binding.compute = compute.Compute(binding.conf)
    return binding.compute


def identity_from(global_conf: dict[str, Any]) -> Any:
    """The process's identity layer for the current :func:`load_app` call, built once, on the
    compute layer's database (one engine per worker)."""
    binding = _binding(global_conf)
    if binding.identity is None:
        from nova_api.identity import service  # only where the built-in identity is served

        binding.identity = service.Identity(binding.conf, compute_from(global_conf).database)
    return binding.identity


class URLMap:
    """Send a request to the app mounted at its path.

    Keys of the ``[composite]`` section are paths: ``/v2.1`` matches that
    path exactly (with or without a trailing slash); ``/v2.1/+`` matches
    anything below it; ``/`` takes whatever nothing else took. The matched
    prefix moves from PATH_INFO to SCRIPT_NAME, as WSGI mounting does, and the
    script name of the API root is kept for building links.
    """

    def __init__(self, exact: dict[str, WSGIApp], prefixes: list[tuple[str, WSGIApp]],
                 default: WSGIApp | None):
        self.exact = exact
        self.prefixes = sorted(prefixes, key=lambda item: len(item[0]), reverse=True)
        self.default = default

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        path = environ.get('PATH_INFO', '')
        environ.setdefault(links.ENV_ROOT_SCRIPT_NAME, environ.get('SCRIPT_NAME', ''))
        mount, app = self._find(path)
        if app is None:
            return faults.from_exception(exception.RouteNotFound())(environ, start_response)
        if mount:
            environ['SCRIPT_NAME'] = environ.get('SCRIPT_NAME', '') + mount
            environ['PATH_INFO'] = path[len(mount):]
        return app(environ, start_response)

    def _find(self, path: str) -> tuple[str, WSGIApp | None]:
        stripped = path.rstrip('/')
        if stripped in self.exact:
            return stripped, self.exact[stripped]
        for prefix, app in self.prefixes:
            if path.startswith(prefix + '/'):
                return prefix, app
        return '', self.default


def urlmap_factory(loader, global_conf: dict, **local_conf: str) -> URLMap:
    """paste.deploy composite factory for :class:`URLMap`."""
    exact: dict[str, WSGIApp] = {}
    prefixes: list[tuple[str, WSGIApp]] = []
    default = None
    for path, app_name in local_conf.items():
        app = loader.get_app(app_name, global_conf=global_conf)
        if path == '/':
            default = app
        elif path.endswith('/+'):
            prefixes.append((path[:-2].rstrip('/'), app))
        else:
            exact[path.rstrip('/')] = app
    return URLMap(exact, prefixes, default)
