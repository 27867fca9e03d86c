"""The API service process: check the configuration, bind, detach if asked, fork and supervise the workers.

The only package besides ``nova_api.cmd`` that imports eventlet. Its parts,
in the order a start goes through them:

- ``sockets``     one SO_REUSEPORT listening socket per worker slot, bound by the parent
- ``daemon``      detaching (``--daemon``) and the pid file
- ``supervisor``  the parent: forks, respawns, signals, reload
- ``worker``      a child: the eventlet WSGI server of one slot, and its graceful stop
- ``preload``     what the parent imports and freezes before forking, for the workers to share
- ``respawn``     the guard that keeps a crashing worker from becoming a fork loop
- ``systemd``     READY=1 and friends for Type=notify
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Callable

from oslo_config import cfg
from oslo_log import log as logging

from nova_api import conf as nova_conf
from nova_api import deploy
from nova_api.service import daemon
from nova_api.service import preload
from nova_api.service import sockets
from nova_api.service import supervisor
from nova_api.service import systemd
from nova_api.service import worker

LOG = logging.getLogger(__name__)


class ServiceError(Exception):
    """The service cannot start as configured; the message says why (no traceback needed)."""


def serve(conf: cfg.ConfigOpts, load_conf: Callable[[], cfg.ConfigOpts],
          setup_logging: Callable[[cfg.ConfigOpts], None] | None = None) -> int:
    """Run the service with ``conf`` until it is told to stop; returns the exit code.

    ``load_conf`` parses the configuration again (the same command line and
    files); it is called on SIGHUP, and once the new configuration checks
    out, ``setup_logging`` sets logging up from it (default: oslo.log's
    ``setup``; the caller has already done it for ``conf``). Raises
    :class:`ServiceError` when the service cannot start.
    """
    check_config(conf)
    preload.warm_up(conf)
    count = supervisor.worker_count(conf)
    host, port = conf.osapi_compute_listen, conf.osapi_compute_listen_port
    try:
        socks = sockets.bind(host, port, count, conf.wsgi.backlog)
    except OSError as exc:
        raise ServiceError('Cannot listen on %s port %s: %s' % (host, port, exc)) from None
    # Bound before detaching, so that a busy port is reported to whoever started us.
    detached = daemon.detach() if conf.daemon else None
    pid_file = daemon.PidFile(conf.pid_file) if conf.pid_file else None
    try:
        if pid_file is not None:
            try:
                pid_file.write()
            except OSError as exc:
                raise ServiceError('Cannot write the pid file: %s' % exc) from None
        LOG.info('nova-api (pid %d) listening on %s port %d with %d workers',
                 os.getpid(), host, socks[0].getsockname()[1], count)
        parent = supervisor.Supervisor(
            conf, lambda: _reload(load_conf, setup_logging or _setup_oslo_log), socks,
            notifier=systemd.Notifier.from_environ(),
            on_ready=[detached.ready] if detached else [],
            parent_fds=lambda: [detached.fd] if detached and detached.fd is not None else [],
        )
        code = parent.run()
        if not parent.served and code == supervisor.EXIT_FAILED:
            raise ServiceError('The workers could not start; the log says why')
        return code
    finally:
        if pid_file is not None:
            pid_file.remove()
        for sock in socks:
            sock.close()


def check_config(conf: cfg.ConfigOpts) -> None:
    """Raise :class:`ServiceError` unless the service can start with ``conf``.

    Checked in the parent, before anything is bound or forked: every option
    value parses (oslo.config only checks a value when it is read), the paste
    file exists, and the TLS files load.
    """
    try:
        for group, opts in nova_conf.list_opts():
            section = conf if str(group) == 'DEFAULT' else conf[str(group)]
            for opt in opts:
                getattr(section, opt.dest)
        deploy.find_paste_config(conf)
    except (cfg.Error, ValueError, deploy.PasteConfigNotFound) as exc:
        raise ServiceError(str(exc)) from None
    wsgi = conf.wsgi
    if bool(wsgi.ssl_cert_file) != bool(wsgi.ssl_key_file):
        raise ServiceError('[wsgi] ssl_cert_file and ssl_key_file must be set together')
    if wsgi.ssl_ca_file and not wsgi.ssl_cert_file:
        raise ServiceError('[wsgi] ssl_ca_file needs ssl_cert_file and ssl_key_file')
    try:
        worker.make_ssl_context(wsgi)
    except (OSError, ssl.SSLError) as exc:
        raise ServiceError('Cannot use the TLS certificate or key of [wsgi]: %s' % exc) from None


def _reload(load_conf: Callable[[], cfg.ConfigOpts],
            setup_logging: Callable[[cfg.ConfigOpts], None]) -> cfg.ConfigOpts:
    """The configuration after SIGHUP: parsed, checked, and logging set up from it."""
    conf = load_conf()
    check_config(conf)
    preload.warm_up(conf)  # what the new configuration's workers import, before they fork
    # The handlers this replaces are not closed (oslo.log does not either):
    # something may still write through them, e.g. a handler that wraps one.
    setup_logging(conf)
    return conf


def _setup_oslo_log(conf: cfg.ConfigOpts) -> None:
    logging.setup(conf, conf.project or 'nova')

