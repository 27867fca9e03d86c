"""nova-api-manage, the administration command: ``db sync``, ``db version`` and ``identity ...``.

    nova-api-manage --config-file etc/nova.conf db sync
    nova-api-manage --config-file etc/nova.conf db version
    nova-api-manage --config-file etc/nova.conf identity bootstrap|user create|project create|
                                                         role add|rotate-keys

(the identity commands: :mod:`nova_api.cmd.manage_identity`).
"""

from __future__ import annotations

import sys

from oslo_config import cfg

PROG = 'nova-api-manage'


def _add_commands(subparsers) -> None:
    from nova_api.cmd import manage_identity

    _add_db_commands(subparsers)
    manage_identity.add_commands(subparsers)


def _add_db_commands(subparsers) -> None:
    db = subparsers.add_parser('db', help='Manage the database schema.')
    actions = db.add_subparsers(dest='action', required=True)
    sync = actions.add_parser('sync', help='Upgrade the schema to the newest revision (or --revision).')
    sync.add_argument('--revision', default='head', help='The revision to upgrade to (default: head).')
    actions.add_parser('version', help='Print the schema revision of the database.')


def load_config(args: list[str]) -> cfg.ConfigOpts:
    from nova_api import conf as nova_conf

    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf.register_cli_opt(cfg.SubCommandOpt('command', handler=_add_commands))
    conf(args, project='nova', prog=PROG)
    return conf


def db_sync(conf: cfg.ConfigOpts) -> int:
    from nova_api.db import database
    from nova_api.db import migration

    db = database.Database(conf)
    try:
        migration.upgrade(db, conf.command.revision)
        print('Database %s is at revision %s.' % (
            db.url.render_as_string(hide_password=True), migration.current_revision(db)))
    finally:
        db.dispose()
    return 0


def db_version(conf: cfg.ConfigOpts) -> int:
    from nova_api.db import database
    from nova_api.db import migration

    db = database.Database(conf)
    try:
        print(migration.current_revision(db) or 'None (no schema yet)')
    finally:
        db.dispose()
    return 0


COMMANDS = {('db', 'sync'): db_sync, ('db', 'version'): db_version}


def main(argv: list[str] | None = None) -> int:
    import sqlalchemy as sa
    from oslo_log import log as logging

    args = sys.argv[1:] if argv is None else list(argv)
    try:
        conf = load_config(args)
    except cfg.Error as exc:
        print('%s: error: %s' % (PROG, exc), file=sys.stderr)
        return 1
    logging.setup(conf, 'nova')
    from nova_api.cmd import manage_identity

    commands = {**{key + (None,): command for key, command in COMMANDS.items()},
                **manage_identity.COMMANDS}
    key = (conf.command.name, conf.command.action, getattr(conf.command, 'subaction', None))
    try:
        return commands[key](conf)
    except sa.exc.SQLAlchemyError as exc:
        print('%s: error: %s' % (PROG, exc), file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main())
