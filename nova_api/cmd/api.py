"""nova-api, the console script: monkey-patch, parse the configuration, set up logging, serve."""

from __future__ import annotations

import os
import sys
import warnings


def main(argv: list[str] | None = None) -> int:
    """Run the Compute API service; returns the exit code.

    ``argv`` are the arguments after the program name (default: the command
    line): ``--config-file``, ``--config-dir``, ``--daemon`` and the other
    command-line options of oslo.config and oslo.log.
    """
    # eventlet must patch the standard library before anything else imports
    # socket, threading, time or select: this is the only place that does it.
    warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
    # Name lookups through the system resolver, as Nova's own services set it:
    # eventlet's green resolver is dnspython, 19 MiB of every process's memory
    # (a third of what eventlet, SQLAlchemy and oslo.config take together),
    # for the few lookups a worker makes when it opens a database or Keystone
    # connection. An operator who wants it sets EVENTLET_NO_GREENDNS=no.
    os.environ.setdefault('EVENTLET_NO_GREENDNS', 'yes')
    import eventlet
    eventlet.monkey_patch()
    import logging as std_logging
    # Under eventlet a log record's thread name is a green-thread lookup that
    # costs more than writing the line, and says nothing: every greenlet
    # shares the one OS thread.
    std_logging.logThreads = False

    from oslo_config import cfg
    from oslo_log import log as logging

    from nova_api import service

    args = sys.argv[1:] if argv is None else list(argv)
    try:
        conf = load_config(args)
    except cfg.Error as exc:
        print('nova-api: error: %s' % exc, file=sys.stderr)
        return 1
    try:
        setup_logging(conf)
    except (OSError, logging.LogConfigError) as exc:
        print('nova-api: error: cannot set up logging: %s' % exc, file=sys.stderr)
        return 1
    try:
        prepare_database(conf)
        return service.serve(conf, lambda: load_config(args), setup_and_prepare)
    except service.ServiceError as exc:
        error = str(exc)
    # Outside the except block: oslo.log would append the exception again.
    logging.getLogger(__name__).error('nova-api cannot start: %s', error)
    if (conf.log_file or conf.log_dir) and not conf.use_stderr:  # else the log line was on the console
        print('nova-api: error: %s' % error, file=sys.stderr)
    return 1


def setup_logging(conf) -> None:
    """oslo.log from ``conf``, and the access log's plain handlers; at start and after SIGHUP."""
    from oslo_log import log as logging

    from nova_api.middleware import request_log

    logging.setup(conf, 'nova')
    request_log.install_plain_handler(conf)


def prepare_database(conf) -> None:
    """Upgrade the embedded database, or check that a configured one is current.

    Runs before the workers fork, in a child process the parent waits for
    (service.preload.apart): the migrations' modules are needed once, and
    so are never in the parent's memory nor in that of the workers it
    forks. Leaves no connection open: each worker opens its own.
    """
    from nova_api import service
    from nova_api.service import preload

    try:
        preload.apart(lambda: _prepare_database(conf))
    except preload.ChildFailed as exc:
        raise service.ServiceError(str(exc)) from None


def _prepare_database(conf) -> None:
    from nova_api import service
    from nova_api.db import database
    from nova_api.db import migration

    db = database.Database(conf)
    try:
        migration.prepare(db, manage_command=_manage_command(conf))
        _prepare_identity(conf, db)
    except migration.SchemaNotCurrent as exc:
        raise service.ServiceError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - whatever the driver raised, say it without a traceback
        raise service.ServiceError('cannot use the database %s: %s' % (
            db.url.render_as_string(hide_password=True), exc)) from None


def _prepare_identity(conf, db) -> None:
    """The built-in identity's keys and first-start bootstrap, when it is served."""
    from nova_api.conf import identity as identity_conf

    if identity_conf.is_built_in(conf):
        from nova_api.identity import service as identity_service

        try:
            identity_service.prepare(conf, db)
        finally:
            db.dispose()


def _manage_command(conf) -> str:
    files = ' '.join('--config-file %s' % path for path in conf.config_file or [])
    return ('nova-api-manage %s' % files).strip()


def setup_and_prepare(conf) -> None:
    """After SIGHUP: logging from the new configuration, and its database checked."""
    setup_logging(conf)
    prepare_database(conf)


def load_config(args: list[str]):
    """A new ``ConfigOpts`` with every nova_api option, parsed from ``args`` and the files they name."""
    from oslo_config import cfg

    from nova_api import conf as nova_conf

    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf(args, project='nova', prog='nova-api')
    return conf


if __name__ == '__main__':
    sys.exit(main())
