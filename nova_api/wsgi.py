"""The WSGI application, for running nova_api under another server (uWSGI, gunicorn, mod_wsgi).

    gunicorn 'nova_api.wsgi:application'

Configuration files come from ``NOVA_API_CONFIG`` (a path, or several
separated by ``:``), else oslo.config's defaults (``/etc/nova/nova.conf``...).
The server, not nova_api, then owns sockets, processes and signals.
"""

from __future__ import annotations

import os
import threading

from oslo_config import cfg
from oslo_log import log as logging

from nova_api import compute
from nova_api import conf as nova_conf
from nova_api import deploy
from nova_api.conf import identity as identity_conf
from nova_api.db import database
from nova_api.db import migration
from nova_api.identity import service as identity_service

CONFIG_ENV = 'NOVA_API_CONFIG'


def init_application(argv: list[str] | None = None):
    """Parse the configuration, set up logging and load the pipeline."""
    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    files = [f for f in os.environ.get(CONFIG_ENV, '').split(':') if f]
    conf(argv or [], project='nova', prog='nova-api',
         default_config_files=files or None)
    logging.setup(conf, 'nova')
    # The embedded database upgrades itself; a configured one must be current.
    migration.prepare(database.Database(conf), manage_command='nova-api-manage')
    if identity_conf.is_built_in(conf):
        db = database.Database(conf)
        try:
            identity_service.prepare(conf, db)
        finally:
            db.dispose()
    bundle = compute.Compute(conf)
    app = deploy.load_app(conf, compute=bundle)
    if conf.task_runner.enabled:
        # The server owns the processes; each one that loads the app runs its tasks too.
        runner = bundle.servers.task_runner()
        threading.Thread(target=runner.run, args=(lambda: False, _sleep), name='nova-api-tasks',
                         daemon=True).start()
    return app


def _sleep(seconds: float) -> None:
    threading.Event().wait(seconds)


class _LazyApplication:
    """Load on first request, so importing this module has no side effects."""

    def __init__(self) -> None:
        self._app = None

    def __call__(self, environ, start_response):
        if self._app is None:
            self._app = init_application()
        return self._app(environ, start_response)


application = _LazyApplication()
