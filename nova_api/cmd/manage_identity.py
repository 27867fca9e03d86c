"""``nova-api-manage identity ...``: bootstrap, users, projects, role grants and token keys.

    nova-api-manage identity bootstrap [--password P]   # the [identity] bootstrap_* set
    nova-api-manage identity user create NAME --password P [--project PROJECT]
    nova-api-manage identity project create NAME [--description TEXT]
    nova-api-manage identity role add --user NAME --project NAME ROLE
    nova-api-manage identity rotate-keys

Names are looked up in ``--domain`` (default: the ``default`` domain). Each
command prints the id of what it made and is idempotent: what exists is kept.
"""

from __future__ import annotations

import sys

from oslo_config import cfg


def add_commands(subparsers) -> None:
    identity = subparsers.add_parser('identity', help='Manage the built-in identity.')
    actions = identity.add_subparsers(dest='action', required=True)
    bootstrap = actions.add_parser('bootstrap', help='Create the [identity] bootstrap_* set; with '
                                                     '--password, set the admin password too.')
    bootstrap.add_argument('--password', help="The admin's password (default: the configured).")
    actions.add_parser('rotate-keys', help='Rotate the token keys (keystone-manage fernet_rotate).')
    user = actions.add_parser('user', help='Users.').add_subparsers(dest='subaction', required=True)
    create_user = user.add_parser('create', help='Create a user.')
    create_user.add_argument('item_name', metavar='NAME')
    create_user.add_argument('--password', required=True)
    create_user.add_argument('--project', help='Its default project.')
    create_user.add_argument('--domain', default='default')
    project = actions.add_parser('project', help='Projects.').add_subparsers(dest='subaction',
                                                                             required=True)
    create_project = project.add_parser('create', help='Create a project.')
    create_project.add_argument('item_name', metavar='NAME')
    create_project.add_argument('--description', default='')
    create_project.add_argument('--domain', default='default')
    role = actions.add_parser('role', help='Role grants.').add_subparsers(dest='subaction',
                                                                          required=True)
    add_role = role.add_parser('add', help='Grant a role to a user on a project.')
    add_role.add_argument('role')
    add_role.add_argument('--user', required=True)
    add_role.add_argument('--project', required=True)
    add_role.add_argument('--domain', default='default')


class CommandError(Exception):
    """A command that cannot be done as asked (printed, exit status 1)."""


def _database(conf: cfg.ConfigOpts):
    from nova_api.db import database
    from nova_api.db import migration

    db = database.Database(conf)
    migration.prepare(db, manage_command='nova-api-manage')
    return db


def _domain(session, name_or_id: str):
    from nova_api.identity import bootstrap

    domain = bootstrap.find_domain(session, name_or_id)
    if domain is None:
        raise CommandError('no domain %s' % name_or_id)
    return domain


def _project(session, name: str, domain):
    import sqlalchemy as sa

    from nova_api.db import models

    project = session.scalar(sa.select(models.Project).where(
        models.Project.domain_id == domain.id,
        sa.or_(models.Project.name == name, models.Project.id == name)))
    if project is None:
        raise CommandError('no project %s in domain %s' % (name, domain.name))
    return project


def run_bootstrap(conf: cfg.ConfigOpts) -> int:
    from nova_api.identity import bootstrap

    if conf.command.password:
        conf.set_override('bootstrap_admin_password', conf.command.password, group='identity')
    db = _database(conf)
    try:
        summary = bootstrap.run(db, conf, first_start_only=False,
                                reset_admin_password=bool(conf.command.password))
    finally:
        db.dispose()
    for key, value in sorted(summary.items()):
        print('%s: %s' % (key, value))
    return 0


def rotate_keys(conf: cfg.ConfigOpts) -> int:
    from nova_api.identity import service

    repository = service.key_repository(conf)
    repository.setup()
    primary = repository.rotate()
    print('Key %d of %s is now primary; keys: %s' % (
        primary, repository.path, ' '.join(map(str, repository.indexes()))))
    return 0


def create_user(conf: cfg.ConfigOpts) -> int:
    from nova_api.identity import bootstrap

    args = conf.command

    def work(session):
        domain = _domain(session, args.domain)
        project = _project(session, args.project, domain) if args.project else None
        return bootstrap.ensure_user(session, args.item_name, domain, args.password, project).id
    return _print(conf, work)


def create_project(conf: cfg.ConfigOpts) -> int:
    from nova_api.identity import bootstrap

    args = conf.command

    def work(session):
        return bootstrap.ensure_project(session, args.item_name, _domain(session, args.domain),
                                        args.description).id
    return _print(conf, work)


def add_role(conf: cfg.ConfigOpts) -> int:
    import sqlalchemy as sa

    from nova_api.db import models
    from nova_api.identity import bootstrap

    args = conf.command

    def work(session):
        domain = _domain(session, args.domain)
        user = session.scalar(sa.select(models.User).where(
            models.User.domain_id == domain.id,
            sa.or_(models.User.name == args.user, models.User.id == args.user)))
        if user is None:
            raise CommandError('no user %s in domain %s' % (args.user, domain.name))
        role = session.scalar(sa.select(models.Role).where(
            models.Role.domain_id.is_(None),
            sa.or_(models.Role.name == args.role, models.Role.id == args.role)))
        if role is None:
            raise CommandError('no role %s' % args.role)
        project = _project(session, args.project, domain)
        bootstrap.ensure_grant(session, user, role, project=project)
        return '%s %s %s' % (user.id, role.id, project.id)
    return _print(conf, work)


def _print(conf: cfg.ConfigOpts, work) -> int:
    db = _database(conf)
    try:
        print(db.write(work))
    except CommandError as exc:
        print('nova-api-manage: error: %s' % exc, file=sys.stderr)
        return 1
    finally:
        db.dispose()
    return 0


COMMANDS = {
    ('identity', 'bootstrap', None): run_bootstrap,
    ('identity', 'rotate-keys', None): rotate_keys,
    ('identity', 'user', 'create'): create_user,
    ('identity', 'project', 'create'): create_project,
    ('identity', 'role', 'add'): add_role,
}
