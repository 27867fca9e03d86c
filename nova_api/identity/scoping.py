"""The scope of a new token: the project, domain or nothing it is for, and the roles it carries.

Keystone's rules (keystone/auth/core.py and api/_shared/authentication.py):
a project or domain that does not exist or is disabled, or on which the user
holds no role, is a 401; without a scope, the user's default project when it
is usable, else an unscoped token; an application credential fixes its own
project and carries its own roles (those its user still holds there).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import exception
from nova_api.db import models
from nova_api.db.models.base import utcnow
from nova_api.identity import assignments
from nova_api.identity import tokens

LOG = logging.getLogger(__name__)


@dataclasses.dataclass
class Authenticated:
    """Who the methods proved the caller is, and what they carry into the scope."""

    user_id: str
    methods: list[str]
    expires_at: datetime.datetime | None = None  # a rescoped token keeps its parent's expiry
    audit_chain_id: str | None = None
    application_credential_id: str | None = None
    #: The scope a method fixes (an application credential's project).
    project_id: str | None = None


@dataclasses.dataclass
class Issued:
    """A new token and what its document shows."""

    token: tokens.Token
    user: models.User
    user_domain: models.Domain
    roles: list[models.Role]
    project: models.Project | None = None
    project_domain: models.Domain | None = None
    domain: models.Domain | None = None
    application_credential: models.ApplicationCredential | None = None


def unauthorized(reason: str, *args: Any) -> exception.IdentityUnauthorized:
    LOG.info('Authentication failed: ' + reason, *args)
    return exception.IdentityUnauthorized(reason=reason % args if args else reason)


def find_domain(session: orm.Session, domain_ref: dict) -> models.Domain | None:
    if domain_ref.get('id'):
        return session.get(models.Domain, str(domain_ref['id']))
    if domain_ref.get('name'):
        return session.scalar(sa.select(models.Domain).where(
            models.Domain.name == str(domain_ref['name'])))
    return None


def issue(session: orm.Session, conf: Any,
          proved: Authenticated, scope: Any) -> Issued:
    """The token ``proved`` gets for ``scope`` (None: the default)."""
    user = session.get(models.User, proved.user_id)
    if user is None or not user.enabled:
        raise unauthorized('user %s is gone or disabled', proved.user_id)
    user_domain = session.get(models.Domain, user.domain_id)
    if user_domain is None or not user_domain.enabled:
        raise unauthorized('the domain of user %s is disabled', user.id)
    credential = None
    if proved.application_credential_id:
        credential = session.get(models.ApplicationCredential, proved.application_credential_id)
        if credential is None:
            raise unauthorized('application credential %s is gone',
                                proved.application_credential_id)
    project = domain = None
    roles: list[models.Role] = []
    if credential is not None:
        project = _project(session, {'id': credential.project_id})
        roles = credential_roles(session, user, project, credential)
    elif isinstance(scope, dict) and 'project' in scope:
        project = _project(session, scope['project'])
        roles = assignments.project_roles(session, user.id, project)
        if not roles:
            raise unauthorized('user %s has no role on project %s', user.id, project.id)
    elif isinstance(scope, dict) and 'domain' in scope:
        domain = _domain(session, scope['domain'])
        roles = assignments.domain_roles(session, user.id, domain.id)
        if not roles:
            raise unauthorized('user %s has no role on domain %s', user.id, domain.id)
    elif isinstance(scope, dict) and 'system' in scope:
        raise unauthorized('user %s has no access to the system', user.id)
    elif isinstance(scope, dict) and 'OS-TRUST:trust' in scope:
        raise unauthorized('trusts are not served')
    elif scope is None:
        project, roles = _default_project(session, user)
    project_domain = session.get(models.Domain, project.domain_id) if project else None
    now = utcnow()
    expires_at = now + datetime.timedelta(seconds=conf.identity.token_expiration)
    if proved.expires_at is not None:
        expires_at = min(expires_at, proved.expires_at)
    if credential is not None and credential.expires_at is not None:
        expires_at = min(expires_at, credential.expires_at)
    audit_ids = (tokens.new_audit_id(),) + ((proved.audit_chain_id,) if proved.audit_chain_id
                                            else ())
    token = tokens.Token(
        user_id=user.id, user_name=user.name, user_domain_id=user_domain.id,
        user_domain_name=user_domain.name, methods=tuple(proved.methods), audit_ids=audit_ids,
        issued_at=now, expires_at=expires_at, roles=tuple(role.name for role in roles),
        project_id=project.id if project else None, project_name=project.name if project else None,
        project_domain_id=project_domain.id if project_domain else None,
        project_domain_name=project_domain.name if project_domain else None,
        domain_id=domain.id if domain else None, domain_name=domain.name if domain else None,
        application_credential_id=credential.id if credential else None)
    return Issued(token=token, user=user, user_domain=user_domain, roles=roles,
                                 project=project, project_domain=project_domain, domain=domain,
                                 application_credential=credential)


def _project(session: orm.Session, project_ref: Any) -> models.Project:
    """An enabled project in an enabled domain, named by id or by name and domain; else 401."""
    project_ref = project_ref if isinstance(project_ref, dict) else {}
    project = None
    if project_ref.get('name'):
        domain = find_domain(session, project_ref.get('domain') or {})
        if domain is None or not domain.enabled:
            raise unauthorized('the domain of project %r is not found or disabled',
                                project_ref.get('name'))
        project = session.scalar(sa.select(models.Project).where(
            models.Project.domain_id == domain.id,
            models.Project.name == str(project_ref['name'])))
    elif project_ref.get('id'):
        project = session.get(models.Project, str(project_ref['id']))
    if project is None:
        raise unauthorized('project %r not found', project_ref.get('id') or project_ref.get('name'))
    domain = session.get(models.Domain, project.domain_id)
    if not project.enabled or domain is None or not domain.enabled:
        raise unauthorized('project %s or its domain is disabled', project.id)
    return project


def _domain(session: orm.Session, domain_ref: Any) -> models.Domain:
    domain = find_domain(session, domain_ref if isinstance(domain_ref, dict) else {})
    if domain is None or not domain.enabled:
        raise unauthorized('domain %r not found or disabled', domain_ref)
    return domain


def _default_project(session: orm.Session,
                     user: models.User) -> tuple[models.Project | None, list[models.Role]]:
    """The user's default project and roles there if it is usable, else unscoped (None, [])."""
    if not user.default_project_id:
        return None, []
    project = session.get(models.Project, user.default_project_id)
    domain = session.get(models.Domain, project.domain_id) if project else None
    if project is None or not project.enabled or domain is None or not domain.enabled:
        LOG.debug('The default project of user %s is not usable: an unscoped token', user.id)
        return None, []
    roles = assignments.project_roles(session, user.id, project)
    return (project, roles) if roles else (None, [])


def credential_roles(session: orm.Session, user: models.User, project: models.Project,
                      credential: models.ApplicationCredential) -> list[models.Role]:
    """The credential's roles that its user still holds on its project (with their implications)."""
    held = assignments.implied_closure(session, assignments.project_role_ids(
        session, user.id, project))
    carried = set(session.scalars(sa.select(models.ApplicationCredentialRole.role_id).where(
        models.ApplicationCredentialRole.application_credential_id == credential.id)))
    roles = assignments.token_roles(session, carried & held)
    if not roles:
        raise unauthorized('user %s no longer holds the roles of application credential %s',
                            user.id, credential.id)
    return roles
