"""Build the WSGI application from the paste.deploy file (etc/api-paste.ini).

paste.deploy only passes strings to factories, so the configuration object is
handed over through a short-lived binding: :func:`load_app` registers the
``ConfigOpts`` under a random key for the duration of the load and passes the
key in ``global_conf``; every factory resolves it with :func:`conf_from`.
Nothing of that outlives the call.
"""

from __future__ import annotations

import os
import uuid
from typing import Any, Callable

from oslo_config import cfg
from paste import deploy as paste_deploy

WSGIApp = Callable[..., Any]

_CONF_KEY = 'nova_api_conf_key'
_LOADING: dict[str, cfg.ConfigOpts] = {}

SHIPPED_ETC = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'etc')
DEFAULT_APP_NAME = 'osapi_compute'


class PasteConfigNotFound(Exception):
    """The configured api_paste_config file does not exist anywhere we look."""


def find_paste_config(conf: cfg.ConfigOpts) -> str:
    """Resolve ``[wsgi] api_paste_config`` to an absolute path.

    Relative paths are looked up next to the configuration files first (so
    ``--config-file etc/nova.conf`` finds ``etc/api-paste.ini``), then in the
    working directory, then among the files shipped inside the package.
    """
    name = conf.wsgi.api_paste_config
    if os.path.isabs(name):
        candidates = [name]
    else:
        config_dirs = [os.path.dirname(os.path.abspath(f)) for f in conf.config_file or []]
        config_dirs += [os.path.abspath(d) for d in conf.config_dir or []] if conf.config_dir else []
        candidates = [os.path.join(d, name) for d in config_dirs]
        candidates += [os.path.abspath(name), os.path.join(SHIPPED_ETC, name)]
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise PasteConfigNotFound(
        'Unable to find the paste.deploy file %r (looked in: %s)' % (name, ', '.join(candidates)))


def load_app(conf: cfg.ConfigOpts, name: str = DEFAULT_APP_NAME) -> WSGIApp:
    """Load the named application (the whole pipeline) for ``conf``."""
    path = find_paste_config(conf)
    key = uuid.uuid4().hex
    _LOADING[key] = conf
    try:
        return paste_deploy.loadapp('config:%s' % path, name=name, global_conf={_CONF_KEY: key})
    finally:
        del _LOADING[key]


def conf_from(global_conf: dict[str, Any]) -> cfg.ConfigOpts:
    """The ``ConfigOpts`` that the current :func:`load_app` call is building for."""
    try:
        return _LOADING[global_conf[_CONF_KEY]]
    except KeyError:
        raise RuntimeError('nova_api paste factories must be loaded through '
                           'nova_api.deploy.load_app()') from None
