"""Who holds which role where: effective roles from grants, inheritance and implied roles.

A user's roles on a project are its direct grants on the project, its
inherited grants on the project's ancestors and on its domain, and every role
those imply (transitively: admin implies member, member implies reader).
Domain-specific roles only lend their implications: as in Keystone they are
never put in a token. Each function is a few set-based queries, whatever the
number of grants.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db.models import identity as identity_models

#: The deepest project tree walked (Keystone's default max_project_tree_depth is 5).
MAX_DEPTH = 16


def ancestors(session: orm.Session, project: models.Project) -> list[str]:
    """The ids of the projects above ``project``, nearest first (not its domain)."""
    found: list[str] = []
    parent_id = project.parent_id
    while parent_id and parent_id != project.domain_id and len(found) < MAX_DEPTH:
        found.append(parent_id)
        parent_id = session.scalar(sa.select(models.Project.parent_id)
                                   .where(models.Project.id == parent_id))
    return found


def implied_closure(session: orm.Session, role_ids: Iterable[str]) -> set[str]:
    """``role_ids`` and every role they imply, transitively."""
    closure = set(role_ids)
    if not closure:
        return closure
    rules: dict[str, list[str]] = {}
    for prior, implied in session.execute(sa.select(models.ImpliedRole.prior_role_id,
                                                    models.ImpliedRole.implied_role_id)):
        rules.setdefault(prior, []).append(implied)
    pending = list(closure)
    while pending:
        for implied in rules.get(pending.pop(), ()):
            if implied not in closure:
                closure.add(implied)
                pending.append(implied)
    return closure


def token_roles(session: orm.Session, role_ids: Iterable[str]) -> list[models.Role]:
    """The global roles among ``role_ids`` and what they imply, by name: a token's roles."""
    closure = implied_closure(session, role_ids)
    if not closure:
        return []
    return list(session.scalars(sa.select(models.Role).where(
        models.Role.id.in_(closure), models.Role.domain_id.is_(None)).order_by(models.Role.name)))


def _grants(session: orm.Session, user_id: str, *conditions) -> set[str]:
    table = models.RoleAssignment
    return set(session.scalars(sa.select(table.role_id).where(
        table.actor_id == user_id, sa.or_(*conditions))))


def project_role_ids(session: orm.Session, user_id: str, project: models.Project) -> set[str]:
    """The roles granted to the user on ``project``, directly or inherited (before implications)."""
    table = models.RoleAssignment
    conditions = [
        sa.and_(table.type == identity_models.USER_PROJECT, table.target_id == project.id,
                table.inherited.is_(False)),
        sa.and_(table.type == identity_models.USER_DOMAIN, table.target_id == project.domain_id,
                table.inherited.is_(True)),
    ]
    above = ancestors(session, project)
    if above:
        conditions.append(sa.and_(table.type == identity_models.USER_PROJECT,
                                  table.target_id.in_(above), table.inherited.is_(True)))
    return _grants(session, user_id, *conditions)


def project_roles(session: orm.Session, user_id: str, project: models.Project) -> list[models.Role]:
    """The user's effective roles on ``project``, as a token lists them."""
    return token_roles(session, project_role_ids(session, user_id, project))


def domain_roles(session: orm.Session, user_id: str, domain_id: str) -> list[models.Role]:
    """The user's effective roles on a domain (its direct, not inherited, domain grants)."""
    table = models.RoleAssignment
    return token_roles(session, _grants(session, user_id, sa.and_(
        table.type == identity_models.USER_DOMAIN, table.target_id == domain_id,
        table.inherited.is_(False))))


def projects_for_user(session: orm.Session, user_id: str) -> list[models.Project]:
    """The enabled projects, in enabled domains, on which the user holds any role."""
    table = models.RoleAssignment
    rows = session.execute(sa.select(table.type, table.target_id, table.inherited).where(
        table.actor_id == user_id)).all()
    direct = {target for kind, target, inherited in rows
              if kind == identity_models.USER_PROJECT and not inherited}
    inherited_from = {target for kind, target, inherited in rows
                      if kind == identity_models.USER_PROJECT and inherited}
    domains = {target for kind, target, inherited in rows
               if kind == identity_models.USER_DOMAIN and inherited}
    ids = set(direct)
    level = inherited_from
    for _depth in range(MAX_DEPTH):  # the projects below an inherited grant, a level at a time
        if not level:
            break
        level = set(session.scalars(sa.select(models.Project.id).where(
            models.Project.parent_id.in_(level)))) - ids
        ids |= level
    project = models.Project
    query = sa.select(project).join(models.Domain, models.Domain.id == project.domain_id).where(
        project.enabled.is_(True), models.Domain.enabled.is_(True),
        sa.or_(project.id.in_(ids), project.domain_id.in_(domains)) if domains
        else project.id.in_(ids))
    return list(session.scalars(query.order_by(project.name)))


def domains_for_user(session: orm.Session, user_id: str) -> list[models.Domain]:
    """The enabled domains on which the user holds a role (for a domain-scoped token)."""
    table = models.RoleAssignment
    targets = sa.select(table.target_id).where(
        table.actor_id == user_id, table.type == identity_models.USER_DOMAIN,
        table.inherited.is_(False))
    return list(session.scalars(sa.select(models.Domain).where(
        models.Domain.id.in_(targets), models.Domain.enabled.is_(True))
        .order_by(models.Domain.name)))
