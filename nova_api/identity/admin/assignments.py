"""Role assignments: a user's roles on a project or a domain, granted, checked, revoked and listed.

Granting is idempotent; checking or revoking a grant that does not exist
is Keystone's 404. Revoking a role on a project revokes the user's tokens
on that project (they carry the role) and deletes the user's application
credentials there, as Keystone does. ``GET /v3/role_assignments`` is one
query (plus one for the implied-role rules when ``effective``, and one per
kind of name when ``include_names``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db.models import identity as identity_models
from nova_api.identity import revocations
from nova_api.identity.admin import base
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import records
from nova_api.identity.admin import resources
from nova_api.identity.admin import roles as roles_api
from nova_api.identity.admin import users as users_api

PROJECT = identity_models.USER_PROJECT
DOMAIN = identity_models.USER_DOMAIN


@dataclasses.dataclass(frozen=True)
class AssignmentFilters:
    """The filters of ``GET /v3/role_assignments``."""

    user_id: str | None = None
    role_id: str | None = None
    project_id: str | None = None
    domain_id: str | None = None
    effective: bool = False
    include_names: bool = False


@dataclasses.dataclass(frozen=True)
class Names:
    """Names and domains of what a page of assignments refers to (``include_names``)."""

    users: dict[str, records.User]
    projects: dict[str, records.Project]
    domains: dict[str, records.Domain]
    roles: dict[str, records.Role]


def _require_target(session: orm.Session, kind: str, target_id: str) -> Any:
    if kind == PROJECT:
        return resources.require_project(session, target_id)
    return resources.require_domain(session, target_id)


def _key(kind: str, user_id: str, target_id: str, role_id: str) -> tuple:
    return (kind, user_id, target_id, role_id, False)


class AssignmentAPI(base.AdminAPI):
    """Grants on projects and domains, and the assignments list."""

    def resolve(self, kind: str, target_id: str, user_id: str, role_id: str | None = None):
        """(target, user, role) of a grant's path, for the policy: None where not found."""
        def read(session: orm.Session):
            target = (records.get_project(session, target_id) if kind == PROJECT
                      else records.get_domain(session, target_id))
            role = records.get_role(session, role_id) if role_id else None
            return target, records.get_user(session, user_id), role
        return self.database.read(read)

    def grant(self, kind: str, target_id: str, user_id: str, role_id: str) -> None:
        """Give the user the role on the project or domain; 404 for any of them unknown."""
        def insert(session: orm.Session) -> None:
            roles_api.require_role(session, role_id)
            users_api.require_user(session, user_id)
            _require_target(session, kind, target_id)
            if session.get(models.RoleAssignment, _key(kind, user_id, target_id, role_id)) is None:
                session.add(models.RoleAssignment(type=kind, actor_id=user_id,
                                                  target_id=target_id, role_id=role_id,
                                                  inherited=False))
        try:
            self.database.write(insert)
        except sa_exc.IntegrityError:
            # A concurrent identical grant won: the grant is there, as asked.
            if not self._held(kind, target_id, user_id, role_id):
                raise

    def _held(self, kind: str, target_id: str, user_id: str, role_id: str) -> bool:
        return self.database.read(
            lambda session: session.get(models.RoleAssignment,
                                        _key(kind, user_id, target_id, role_id)) is not None)

    def check(self, kind: str, target_id: str, user_id: str, role_id: str) -> None:
        """Nothing when the grant exists; 404 (the role, user, target or grant) otherwise."""
        def read(session: orm.Session) -> None:
            roles_api.require_role(session, role_id)
            users_api.require_user(session, user_id)
            _require_target(session, kind, target_id)
            if session.get(models.RoleAssignment, _key(kind, user_id, target_id, role_id)) is None:
                raise exceptions.RoleAssignmentNotFound(role_id=role_id, actor_id=user_id,
                                                        target_id=target_id)
        self.database.read(read)

    def revoke(self, kind: str, target_id: str, user_id: str, role_id: str) -> None:
        """Take the role away; the user's tokens and application credentials there go too."""
        def remove(session: orm.Session) -> None:
            roles_api.require_role(session, role_id)
            users_api.require_user(session, user_id)
            _require_target(session, kind, target_id)
            row = session.get(models.RoleAssignment, _key(kind, user_id, target_id, role_id))
            if row is None:
                raise exceptions.RoleAssignmentNotFound(role_id=role_id, actor_id=user_id,
                                                        target_id=target_id)
            session.delete(row)
            if kind == PROJECT:
                revocations.revoke(session, user_id=user_id, project_id=target_id)
                session.execute(sa.delete(models.ApplicationCredential).where(
                    models.ApplicationCredential.user_id == user_id,
                    models.ApplicationCredential.project_id == target_id))
            else:
                revocations.revoke(session, user_id=user_id, domain_id=target_id)
        self.database.write(remove)

    def roles_of(self, kind: str, target_id: str, user_id: str) -> list[records.Role]:
        """The roles granted to the user on the target (directly); 404 for either unknown."""
        def read(session: orm.Session) -> list[records.Role]:
            users_api.require_user(session, user_id)
            _require_target(session, kind, target_id)
            query = sa.select(models.Role).join(
                models.RoleAssignment, models.RoleAssignment.role_id == models.Role.id).where(
                models.RoleAssignment.type == kind, models.RoleAssignment.actor_id == user_id,
                models.RoleAssignment.target_id == target_id).order_by(models.Role.name)
            return [records.role(row) for row in session.scalars(query)]
        return self.database.read(read)

    def list(self, filters: AssignmentFilters) -> tuple[list[records.Assignment], Names | None]:
        """The assignments matching ``filters``; with ``effective``, implied roles too."""
        return self.database.read(self._list, filters)

    @staticmethod
    def _list(session: orm.Session,
              filters: AssignmentFilters) -> tuple[list[records.Assignment], Names | None]:
        query = sa.select(models.RoleAssignment.type, models.RoleAssignment.actor_id,
                          models.RoleAssignment.target_id, models.RoleAssignment.role_id).where(
            models.RoleAssignment.inherited.is_(False))
        if filters.user_id is not None:
            query = query.where(models.RoleAssignment.actor_id == filters.user_id)
        if filters.project_id is not None:
            query = query.where(models.RoleAssignment.type == PROJECT,
                                models.RoleAssignment.target_id == filters.project_id)
        if filters.domain_id is not None:
            query = query.where(models.RoleAssignment.type == DOMAIN,
                                models.RoleAssignment.target_id == filters.domain_id)
        if filters.role_id is not None and not filters.effective:
            query = query.where(models.RoleAssignment.role_id == filters.role_id)
        direct = list(session.execute(query.order_by(
            models.RoleAssignment.actor_id, models.RoleAssignment.target_id,
            models.RoleAssignment.role_id)))
        rules = records.implications(session) if filters.effective else {}
        found: list[records.Assignment] = []
        for kind, user_id, target_id, role_id in direct:
            scope = ({'project_id': target_id} if kind == PROJECT else {'domain_id': target_id})
            for held, prior in roles_api.expand([role_id], rules).items():
                if filters.role_id is None or held == filters.role_id:
                    found.append(records.Assignment(user_id=user_id, role_id=held,
                                                    prior_role_id=prior, **scope))
        if filters.effective:
            found = _unique(found)
        return found, (_names(session, found) if filters.include_names else None)


def _unique(assignments: list[records.Assignment]) -> list[records.Assignment]:
    """Keystone's effective list: one entry per (user, scope, role), the direct grant first."""
    seen: dict[tuple, records.Assignment] = {}
    for assignment in sorted(assignments, key=lambda a: a.prior_role_id is not None):
        key = (assignment.user_id, assignment.project_id, assignment.domain_id, assignment.role_id)
        seen.setdefault(key, assignment)
    return [a for a in assignments if seen[(a.user_id, a.project_id, a.domain_id, a.role_id)] is a]


def _names(session: orm.Session, assignments: list[records.Assignment]) -> Names:
    """Everything the page names, one query per table."""
    user_ids = sorted({a.user_id for a in assignments})
    project_ids = sorted({a.project_id for a in assignments if a.project_id})
    users = {row.id: records.user(row) for row in session.scalars(
        sa.select(models.User).where(models.User.id.in_(user_ids)))} if user_ids else {}
    projects = {p.id: p for p in records.projects(session, sa.select(models.Project).where(
        models.Project.id.in_(project_ids)))} if project_ids else {}
    domain_ids = sorted({a.domain_id for a in assignments if a.domain_id}
                        | {p.domain_id for p in projects.values()}
                        | {u.domain_id for u in users.values()})
    domains = {row.id: records.domain(row) for row in session.scalars(
        sa.select(models.Domain).where(models.Domain.id.in_(domain_ids)))} if domain_ids else {}
    roles = records.roles_by_id(session, {a.role_id for a in assignments})
    return Names(users=users, projects=projects, domains=domains, roles=roles)
