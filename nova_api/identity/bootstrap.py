"""Bootstrap: the default domain, the roles, an administrator and a demo project, from configuration.

What ``keystone-manage bootstrap`` does, plus a ``demo`` project and member:
the ``default`` domain; the roles ``admin``, ``member`` and ``reader`` with
admin implying member and member implying reader; the ``admin`` project and
user with the admin role on it; the ``demo`` project and user with the member
role on it (``[identity] bootstrap_*``). Every step creates only what is
missing, so running it again changes nothing (``reset_admin_password`` sets
the configured admin password again, as ``keystone-manage bootstrap`` does;
the demo user's password, which that user may have changed since, is left
alone). The service runs it on its first start; two processes running it at
once (workers of several nodes) both succeed: the loser of a race on a unique
name runs it again and finds everything there.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db.models import identity as identity_models
from nova_api.db.models.base import utcnow
from nova_api.identity import passwords
from nova_api.identity import revocations

LOG = logging.getLogger(__name__)

DEFAULT_DOMAIN_NAME = 'Default'
#: The roles, each with the one it implies (Keystone's defaults).
ROLES = (('reader', None), ('member', 'reader'), ('admin', 'member'))


def new_id() -> str:
    """Keystone's ids: a uuid4 as 32 hex digits."""
    return uuid.uuid4().hex


def ensure_domain(session: orm.Session, domain_id: str = identity_models.DEFAULT_DOMAIN_ID,
                  name: str = DEFAULT_DOMAIN_NAME) -> models.Domain:
    domain = session.get(models.Domain, domain_id)
    if domain is None:
        domain = models.Domain(id=domain_id, name=name, enabled=True, extra={},
                               description='The default domain')
        session.add(domain)
        session.flush()
        LOG.info('Created the domain %s', name)
    return domain


def find_domain(session: orm.Session, name_or_id: str) -> models.Domain | None:
    return session.get(models.Domain, name_or_id) or session.scalar(
        sa.select(models.Domain).where(models.Domain.name == name_or_id))


def ensure_role(session: orm.Session, name: str) -> models.Role:
    """A global role by name, created if missing."""
    role = session.scalar(sa.select(models.Role).where(
        models.Role.name == name, models.Role.domain_id.is_(None)))
    if role is None:
        role = models.Role(id=new_id(), name=name, domain_id=None, extra={})
        session.add(role)
        session.flush()
        LOG.info('Created the role %s', name)
    return role


def ensure_implied(session: orm.Session, prior: models.Role, implied: models.Role) -> None:
    if session.get(models.ImpliedRole, (prior.id, implied.id)) is None:
        session.add(models.ImpliedRole(prior_role_id=prior.id, implied_role_id=implied.id))
        session.flush()


def ensure_project(session: orm.Session, name: str, domain: models.Domain,
                   description: str = '') -> models.Project:
    project = session.scalar(sa.select(models.Project).where(
        models.Project.domain_id == domain.id, models.Project.name == name))
    if project is None:
        project = models.Project(id=new_id(), name=name, domain_id=domain.id, parent_id=domain.id,
                                 description=description, enabled=True, is_domain=False, extra={})
        session.add(project)
        session.flush()
        LOG.info('Created the project %s', name)
    return project


def set_password(session: orm.Session, user: models.User, password: str) -> None:
    """A new password for ``user``; the user's existing tokens are revoked."""
    user.password_hash = passwords.hash_password(password)
    user.password_created_at = utcnow()
    user.password_expires_at = None
    user.failed_auth_count, user.failed_auth_at = 0, None
    revocations.revoke(session, user_id=user.id)


def ensure_user(session: orm.Session, name: str, domain: models.Domain, password: str | None,
                default_project: models.Project | None = None,
                reset_password: bool = False) -> models.User:
    """A user by name, created with ``password`` if missing (and given it again if asked)."""
    user = session.scalar(sa.select(models.User).where(
        models.User.domain_id == domain.id, models.User.name == name))
    if user is None:
        user = models.User(id=new_id(), name=name, domain_id=domain.id, enabled=True, extra={},
                           default_project_id=default_project.id if default_project else None,
                           failed_auth_count=0)
        if password:
            user.password_hash = passwords.hash_password(password)
            user.password_created_at = utcnow()
        session.add(user)
        session.flush()
        LOG.info('Created the user %s', name)
    elif reset_password and password:
        set_password(session, user, password)
        LOG.info('Set the password of the user %s', name)
    return user


def ensure_grant(session: orm.Session, user: models.User, role: models.Role,
                 project: models.Project | None = None, domain: models.Domain | None = None,
                 inherited: bool = False) -> None:
    """Grant ``role`` to ``user`` on a project (or a domain) unless it is granted."""
    kind = identity_models.USER_PROJECT if project is not None else identity_models.USER_DOMAIN
    target = project.id if project is not None else domain.id
    key = (kind, user.id, target, role.id, inherited)
    if session.get(models.RoleAssignment, key) is None:
        session.add(models.RoleAssignment(type=kind, actor_id=user.id, target_id=target,
                                          role_id=role.id, inherited=inherited))
        session.flush()


def bootstrap(session: orm.Session, conf: Any, reset_admin_password: bool = False) -> dict[str, str]:
    """Create whatever of the bootstrap set is missing; the ids of what it holds."""
    options = conf.identity
    domain = ensure_domain(session)
    roles: dict[str, models.Role] = {}
    for name, implied in ROLES:
        roles[name] = ensure_role(session, name)
        if implied:
            ensure_implied(session, roles[name], roles[implied])
    summary = {'domain': domain.id, **{'role:' + n: r.id for n, r in roles.items()}}
    admin_project = ensure_project(session, options.bootstrap_project_name, domain,
                                   'Bootstrap project for initializing the cloud.')
    admin = ensure_user(session, options.bootstrap_admin_username, domain,
                        options.bootstrap_admin_password, admin_project, reset_admin_password)
    ensure_grant(session, admin, roles['admin'], project=admin_project)
    summary.update(admin_project=admin_project.id, admin_user=admin.id)
    if options.bootstrap_demo_project_name:
        demo_project = ensure_project(session, options.bootstrap_demo_project_name, domain,
                                      'A project for everyday use.')
        summary['demo_project'] = demo_project.id
        if options.bootstrap_demo_username and options.bootstrap_demo_password:
            demo = ensure_user(session, options.bootstrap_demo_username, domain,
                               options.bootstrap_demo_password, demo_project)
            ensure_grant(session, demo, roles['member'], project=demo_project)
            summary['demo_user'] = demo.id
    return summary


def _first_start(session: orm.Session, conf: Any) -> dict[str, str] | None:
    if session.get(models.Domain, identity_models.DEFAULT_DOMAIN_ID) is not None:
        return None
    return bootstrap(session, conf)


def run(database: Any, conf: Any, first_start_only: bool = True,
        reset_admin_password: bool = False) -> dict[str, str] | None:
    """Bootstrap in one transaction (on first start only: when there is no default domain yet).

    A unique-name race lost to another process is run again, and then finds
    everything that process created.
    """
    for attempt in (1, 2, 3):
        try:
            if first_start_only:
                return database.write(_first_start, conf)
            return database.write(bootstrap, conf, reset_admin_password)
        except sa.exc.IntegrityError:
            if attempt == 3:
                raise
            LOG.info('Another process is bootstrapping the identity; looking again')
    return None
