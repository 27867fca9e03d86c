"""What the identity admin calls read: plain records of domains, projects, users, roles, and their loaders.

Every list is set-based: one query for the page, then one per related
table for the whole page (a project's tags, an application credential's
roles), never one per row.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models


@dataclasses.dataclass(frozen=True)
class Domain:
    id: str
    name: str
    description: str | None
    enabled: bool
    extra: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Project:
    id: str
    name: str
    domain_id: str
    description: str | None
    enabled: bool
    parent_id: str | None
    is_domain: bool
    tags: tuple[str, ...]
    extra: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class User:
    id: str
    name: str
    domain_id: str
    enabled: bool
    default_project_id: str | None
    password_expires_at: datetime.datetime | None
    extra: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Role:
    id: str
    name: str
    domain_id: str | None
    description: str | None
    extra: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Assignment:
    """A user's role on a project or a domain; ``prior_role_id``: implied by that role (effective)."""

    user_id: str
    role_id: str
    project_id: str | None = None
    domain_id: str | None = None
    prior_role_id: str | None = None


@dataclasses.dataclass(frozen=True)
class ApplicationCredential:
    id: str
    name: str
    user_id: str
    project_id: str
    description: str | None
    expires_at: datetime.datetime | None
    unrestricted: bool
    roles: tuple[Role, ...]


# -- row -> record ---------------------------------------------------------------

def domain(row: models.Domain) -> Domain:
    return Domain(id=row.id, name=row.name, description=row.description,
                  enabled=bool(row.enabled), extra=dict(row.extra or {}))


def project(row: models.Project, tags: Iterable[str] = ()) -> Project:
    return Project(id=row.id, name=row.name, domain_id=row.domain_id,
                   description=row.description, enabled=bool(row.enabled),
                   parent_id=row.parent_id, is_domain=bool(row.is_domain),
                   tags=tuple(sorted(tags)), extra=dict(row.extra or {}))


def user(row: models.User) -> User:
    return User(id=row.id, name=row.name, domain_id=row.domain_id, enabled=bool(row.enabled),
                default_project_id=row.default_project_id,
                password_expires_at=row.password_expires_at, extra=dict(row.extra or {}))


def role(row: models.Role) -> Role:
    return Role(id=row.id, name=row.name, domain_id=row.domain_id, description=row.description,
                extra=dict(row.extra or {}))


# -- loaders -----------------------------------------------------------------------

def _tags_of(session: orm.Session, project_ids: list[str]) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {project_id: [] for project_id in project_ids}
    if project_ids:
        query = sa.select(models.ProjectTag.project_id, models.ProjectTag.name).where(
            models.ProjectTag.project_id.in_(project_ids))
        for project_id, name in session.execute(query):
            tags[project_id].append(name)
    return tags


def projects(session: orm.Session, query: sa.Select) -> list[Project]:
    """The projects ``query`` selects (rows of ``models.Project``), with their tags."""
    rows = list(session.scalars(query))
    tags = _tags_of(session, [row.id for row in rows])
    return [project(row, tags[row.id]) for row in rows]


def get_project(session: orm.Session, project_id: str) -> Project | None:
    found = projects(session, sa.select(models.Project).where(models.Project.id == project_id))
    return found[0] if found else None


def get_domain(session: orm.Session, domain_id: str) -> Domain | None:
    row = session.get(models.Domain, domain_id)
    return None if row is None else domain(row)


def get_user(session: orm.Session, user_id: str) -> User | None:
    row = session.get(models.User, user_id)
    return None if row is None else user(row)


def get_role(session: orm.Session, role_id: str) -> Role | None:
    row = session.get(models.Role, role_id)
    return None if row is None else role(row)


def roles_by_id(session: orm.Session, role_ids: Iterable[str]) -> dict[str, Role]:
    wanted = sorted(set(role_ids))
    if not wanted:
        return {}
    rows = session.scalars(sa.select(models.Role).where(models.Role.id.in_(wanted)))
    return {row.id: role(row) for row in rows}


def implications(session: orm.Session) -> dict[str, set[str]]:
    """Every implied-role rule: prior role id -> the ids it implies directly."""
    rules: dict[str, set[str]] = {}
    query = sa.select(models.ImpliedRole.prior_role_id, models.ImpliedRole.implied_role_id)
    for prior, implied in session.execute(query):
        rules.setdefault(prior, set()).add(implied)
    return rules


def application_credentials(session: orm.Session, query: sa.Select) -> list[ApplicationCredential]:
    """The application credentials ``query`` selects, with their roles (two more queries in all)."""
    rows = list(session.scalars(query))
    role_ids: dict[str, list[str]] = {row.id: [] for row in rows}
    if rows:
        links = sa.select(models.ApplicationCredentialRole.application_credential_id,
                          models.ApplicationCredentialRole.role_id).where(
            models.ApplicationCredentialRole.application_credential_id.in_(list(role_ids)))
        for credential_id, role_id in session.execute(links):
            role_ids[credential_id].append(role_id)
    known = roles_by_id(session, [rid for ids in role_ids.values() for rid in ids])
    return [ApplicationCredential(
        id=row.id, name=row.name, user_id=row.user_id, project_id=row.project_id,
        description=row.description, expires_at=row.expires_at,
        unrestricted=bool(row.unrestricted),
        roles=tuple(sorted((known[rid] for rid in role_ids[row.id] if rid in known),
                           key=lambda r: r.name)))
        for row in rows]
