"""Identity: domains, projects, users, roles and their grants, application credentials, revocations.

Shaped after Keystone's schema, flattened where we serve less: a domain has
its own table (Keystone keeps domains as projects with ``is_domain``), a
user's name, password and lockout counters live on its row (Keystone's
``user``, ``local_user`` and ``password``), and there are no groups, so every
role assignment's actor is a user. Ids are Keystone's 32-hex uuids, except
the ``default`` domain's.
"""

from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db.models.base import Base
from nova_api.db.models.base import utcnow

#: The length of every identity id column (Keystone's).
ID_LENGTH = 64
DEFAULT_DOMAIN_ID = 'default'

#: ``role_assignments.type``: a user's grant on a project, or on a domain (Keystone's names).
USER_PROJECT = 'UserProject'
USER_DOMAIN = 'UserDomain'


def _id(**kwargs: Any) -> orm.Mapped[str]:
    return orm.mapped_column(sa.String(ID_LENGTH), **kwargs)


def _domain_fk(**kwargs: Any) -> orm.Mapped[str]:
    return orm.mapped_column(sa.String(ID_LENGTH), sa.ForeignKey('identity_domains.id'), **kwargs)


class Domain(Base):
    """A domain: a namespace of projects, users and domain-specific roles."""

    __tablename__ = 'identity_domains'
    __table_args__ = (sa.UniqueConstraint('name', name='uniq_identity_domains0name'),)

    id: orm.Mapped[str] = _id(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    #: Anything else the caller set (Keystone keeps unknown attributes), and ``options``.
    extra: orm.Mapped[dict] = orm.mapped_column(sa.JSON, default=dict)
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)


class Project(Base):
    """A project. ``parent_id`` is the parent project, or the domain for a top-level project."""

    __tablename__ = 'identity_projects'
    __table_args__ = (
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_projects0domain_id0name'),
        sa.Index('identity_projects_parent_id_idx', 'parent_id'),
    )

    id: orm.Mapped[str] = _id(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    domain_id: orm.Mapped[str] = _domain_fk()
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    parent_id: orm.Mapped[str | None] = _id()
    is_domain: orm.Mapped[bool] = orm.mapped_column(default=False)
    extra: orm.Mapped[dict] = orm.mapped_column(sa.JSON, default=dict)
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)


class ProjectTag(Base):
    """A project's tag (Keystone's ``project_tag``)."""

    __tablename__ = 'identity_project_tags'

    project_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_projects.id', ondelete='CASCADE'),
        primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)


class User(Base):
    """A user, with its password hash and the counters of failed logins (for lockout)."""

    __tablename__ = 'identity_users'
    __table_args__ = (
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_users0domain_id0name'),
    )

    id: orm.Mapped[str] = _id(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    domain_id: orm.Mapped[str] = _domain_fk()
    enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    #: nova_api.identity.passwords's encoding; None: the user cannot log in with a password.
    password_hash: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    password_created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    password_expires_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    default_project_id: orm.Mapped[str | None] = _id()
    #: email, description, ``options`` (Keystone's user options) and any other attribute.
    extra: orm.Mapped[dict] = orm.mapped_column(sa.JSON, default=dict)
    failed_auth_count: orm.Mapped[int] = orm.mapped_column(default=0)
    failed_auth_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)
    last_active_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)


class Role(Base):
    """A role: global (``domain_id`` None, its name unique among global roles) or a domain's."""

    __tablename__ = 'identity_roles'
    __table_args__ = (
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_roles0domain_id0name'),
        # NULLs are distinct in a unique constraint: global names need their own index.
        sa.Index('uniq_identity_roles0global_name', 'name', unique=True,
                 sqlite_where=sa.text('domain_id IS NULL'),
                 postgresql_where=sa.text('domain_id IS NULL')),
    )

    id: orm.Mapped[str] = _id(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    domain_id: orm.Mapped[str | None] = _domain_fk()
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    extra: orm.Mapped[dict] = orm.mapped_column(sa.JSON, default=dict)


class ImpliedRole(Base):
    """A rule: whoever holds ``prior_role_id`` also holds ``implied_role_id``."""

    __tablename__ = 'identity_implied_roles'

    prior_role_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
        primary_key=True)
    implied_role_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
        primary_key=True)


class RoleAssignment(Base):
    """One grant: a user holds a role on a project or a domain (``type`` says which).

    ``target_id`` is a project's or a domain's id, so it has no foreign key:
    deleting a project or a domain deletes its assignments in the same
    transaction. ``inherited``: the grant applies to the projects below the
    target rather than to the target itself (Keystone's OS-INHERIT).
    """

    __tablename__ = 'identity_role_assignments'
    __table_args__ = (
        sa.Index('identity_role_assignments_target_id_idx', 'target_id'),
        sa.Index('identity_role_assignments_role_id_idx', 'role_id'),
    )

    type: orm.Mapped[str] = orm.mapped_column(sa.String(16), primary_key=True)
    actor_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_users.id', ondelete='CASCADE'),
        primary_key=True)
    target_id: orm.Mapped[str] = orm.mapped_column(sa.String(ID_LENGTH), primary_key=True)
    role_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
        primary_key=True)
    inherited: orm.Mapped[bool] = orm.mapped_column(default=False, primary_key=True)


class ApplicationCredential(Base):
    """A user's application credential: a secret that authenticates as the user on one project."""

    __tablename__ = 'identity_application_credentials'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name', name='uniq_identity_app_creds0user_id0name'),
    )

    id: orm.Mapped[str] = _id(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_users.id', ondelete='CASCADE'))
    project_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_projects.id', ondelete='CASCADE'),
        index=True)
    secret_hash: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    expires_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    #: May create further application credentials (and trusts) with it.
    unrestricted: orm.Mapped[bool] = orm.mapped_column(default=False)
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)


class ApplicationCredentialRole(Base):
    """A role an application credential carries (a subset of its user's on its project)."""

    __tablename__ = 'identity_application_credential_roles'

    application_credential_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH),
        sa.ForeignKey('identity_application_credentials.id', ondelete='CASCADE'),
        primary_key=True)
    role_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
        primary_key=True)


class RevocationEvent(Base):
    """Tokens issued before ``issued_before`` that match every set field are revoked.

    A token matches on ``audit_id`` (one token: its first audit id),
    ``audit_chain_id`` (a token and those rescoped from it), ``user_id``,
    ``project_id`` or ``domain_id`` (the token's scope), or
    ``application_credential_id`` (the credential it was made from). Events outlive the
    tokens they can match by no more than ``expires_at``, then go.
    """

    __tablename__ = 'identity_revocation_events'
    __table_args__ = (
        sa.Index('identity_revocation_events_revoked_at_idx', 'revoked_at'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    audit_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    audit_chain_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    user_id: orm.Mapped[str | None] = _id()
    project_id: orm.Mapped[str | None] = _id()
    domain_id: orm.Mapped[str | None] = _id()
    application_credential_id: orm.Mapped[str | None] = _id()
    issued_before: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime)
    #: When no token it can match is still valid (the longest token lifetime after issued_before).
    expires_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    revoked_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)
