"""Roles and the rules between them (implied roles), as Keystone's role API keeps them.

A global role's name is unique among global roles, a domain's among that
domain's (409). ``admin`` may not be implied (Keystone's
``[assignment] prohibited_implied_role``), nor may a global role imply a
domain's (403). Tokens carry their roles, so deleting a role revokes the
tokens of everyone who held it.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.identity import revocations
from nova_api.identity.admin import base
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import records
from nova_api.identity.admin import resources

#: Keystone's [assignment] prohibited_implied_role default.
PROHIBITED_IMPLIED_ROLES = frozenset(['admin'])


def require_role(session: orm.Session, role_id: str) -> records.Role:
    found = records.get_role(session, role_id)
    if found is None:
        raise exceptions.RoleNotFound(role_id=role_id)
    return found


def _same_name(name: str, domain_id: str | None) -> sa.ColumnElement:
    in_namespace = (models.Role.domain_id.is_(None) if domain_id is None
                    else models.Role.domain_id == domain_id)
    return sa.and_(models.Role.name == name, in_namespace)


def expand(role_ids: Iterable[str], rules: Mapping[str, set[str]]) -> dict[str, str | None]:
    """Every role held through ``role_ids`` -> the role it was implied by (None: held directly).

    Follows the rules transitively (admin -> member -> reader); a cycle in
    the rules is followed once.
    """
    held: dict[str, str | None] = {role_id: None for role_id in role_ids}
    pending = list(held)
    while pending:
        prior = pending.pop()
        for implied in sorted(rules.get(prior, ())):
            if implied not in held:
                held[implied] = prior
                pending.append(implied)
    return held


class RoleAPI(base.AdminAPI):
    """Roles and implied roles."""

    def get(self, role_id: str) -> records.Role | None:
        return self.database.read(records.get_role, role_id)

    def list(self, name: str | None = None, domain_id: str | None = None) -> list[records.Role]:
        """Global roles (or those of ``domain_id``) by name; ``name`` filters."""
        query = sa.select(models.Role).where(
            models.Role.domain_id.is_(None) if domain_id is None
            else models.Role.domain_id == domain_id)
        if name is not None:
            query = query.where(models.Role.name == name)
        query = query.order_by(models.Role.name, models.Role.id)
        return self.database.read(
            lambda session: [records.role(row) for row in session.scalars(query)])

    def find(self, session: orm.Session, name: str) -> records.Role | None:
        """The global role called ``name``, in the caller's transaction."""
        row = session.scalar(sa.select(models.Role).where(_same_name(name, None)))
        return None if row is None else records.role(row)

    def create(self, attributes: Mapping[str, Any]) -> records.Role:
        name = attributes['name'].strip()
        domain_id = attributes.get('domain_id')

        def insert(session: orm.Session) -> records.Role:
            if domain_id is not None:
                resources.require_domain(session, domain_id)
            if session.scalar(sa.select(models.Role.id).where(_same_name(name, domain_id))):
                raise exceptions.duplicate('role', name)
            row = models.Role(id=base.new_id(), name=name, domain_id=domain_id,
                              description=attributes.get('description'),
                              extra=base.extra_of(attributes))
            session.add(row)
            session.flush()
            return records.role(row)
        return self.write_unique(lambda: exceptions.duplicate('role', name), insert)

    def update(self, role_id: str, attributes: Mapping[str, Any]) -> records.Role:
        def change(session: orm.Session) -> records.Role:
            row = session.get(models.Role, role_id)
            if row is None:
                raise exceptions.RoleNotFound(role_id=role_id)
            if 'id' in attributes and attributes['id'] != role_id:
                raise exceptions.IdentityInvalid(message='Cannot change the role ID.')
            if 'domain_id' in attributes and attributes['domain_id'] != row.domain_id:
                raise exceptions.IdentityInvalid(message='Update of `domain_id` is not allowed.')
            base.rename(session, row, attributes, lambda name: _same_name(name, row.domain_id),
                        lambda name: exceptions.duplicate('role', name))
            if 'description' in attributes:
                row.description = attributes['description']
            row.extra = base.extra_of(attributes, row.extra)
            session.flush()
            return records.role(row)
        return self.write_unique(lambda: exceptions.duplicate('role', attributes.get('name', '')),
                                 change)

    def delete(self, role_id: str) -> None:
        """Delete a role, its grants and rules; revoke the tokens of those who held it."""
        def remove(session: orm.Session) -> None:
            row = session.get(models.Role, role_id)
            if row is None:
                raise exceptions.RoleNotFound(role_id=role_id)
            _revoke_holders(session, {role_id})
            # Grants, rules and application credentials' roles follow by their foreign keys.
            session.delete(row)
        self.database.write(remove)

    # -- implied roles -----------------------------------------------------------------

    def implied(self, prior_role_id: str, implied_role_id: str) -> tuple[records.Role, records.Role]:
        """The rule ``prior implies implied``: both roles; 404 for either role or the rule."""
        def read(session: orm.Session) -> tuple[records.Role, records.Role]:
            prior = require_role(session, prior_role_id)
            implied = require_role(session, implied_role_id)
            if session.get(models.ImpliedRole, (prior_role_id, implied_role_id)) is None:
                raise exceptions.ImpliedRoleNotFound(prior_role_id=prior_role_id,
                                                     implied_role_id=implied_role_id)
            return prior, implied
        return self.database.read(read)

    def implies(self, prior_role_id: str) -> tuple[records.Role, list[records.Role]]:
        """A role and the roles it implies directly; 404 for an unknown role."""
        def read(session: orm.Session) -> tuple[records.Role, list[records.Role]]:
            prior = require_role(session, prior_role_id)
            ids = records.implications(session).get(prior_role_id, set())
            found = records.roles_by_id(session, ids)
            return prior, sorted(found.values(), key=lambda role: role.name)
        return self.database.read(read)

    def inferences(self) -> list[tuple[records.Role, list[records.Role]]]:
        """Every prior role with the roles it implies directly (two queries)."""
        def read(session: orm.Session) -> list[tuple[records.Role, list[records.Role]]]:
            rules = records.implications(session)
            found = records.roles_by_id(session, [*rules, *(i for s in rules.values() for i in s)])
            return [(found[prior], sorted((found[i] for i in implied if i in found),
                                          key=lambda role: role.name))
                    for prior, implied in sorted(rules.items(), key=lambda item: found[item[0]].name)
                    if prior in found]
        return self.database.read(read)

    def create_implied(self, prior_role_id: str,
                       implied_role_id: str) -> tuple[records.Role, records.Role]:
        """Make ``prior`` imply ``implied`` (again: no change). 403 for a prohibited rule."""
        def insert(session: orm.Session) -> tuple[records.Role, records.Role]:
            prior = require_role(session, prior_role_id)
            implied = require_role(session, implied_role_id)
            if implied.name in PROHIBITED_IMPLIED_ROLES and implied.domain_id is None:
                raise exceptions.InvalidImpliedRole(role_id=implied_role_id)
            if prior.domain_id is None and implied.domain_id is not None:
                raise exceptions.InvalidImpliedRole(
                    'Global role cannot imply a domain-specific role')
            if session.get(models.ImpliedRole, (prior_role_id, implied_role_id)) is None:
                session.add(models.ImpliedRole(prior_role_id=prior_role_id,
                                               implied_role_id=implied_role_id))
            return prior, implied
        return self.write_unique(lambda: exceptions.duplicate('implied_role', implied_role_id),
                                 insert)

    def delete_implied(self, prior_role_id: str, implied_role_id: str) -> None:
        def remove(session: orm.Session) -> None:
            require_role(session, prior_role_id)
            require_role(session, implied_role_id)
            result = session.execute(sa.delete(models.ImpliedRole).where(
                models.ImpliedRole.prior_role_id == prior_role_id,
                models.ImpliedRole.implied_role_id == implied_role_id))
            if result.rowcount == 0:
                raise exceptions.ImpliedRoleNotFound(prior_role_id=prior_role_id,
                                                     implied_role_id=implied_role_id)
            # Tokens carry the roles they were issued with, implied ones included: whoever
            # held the prior role (or one implying it) holds a role less from now on.
            # (A new rule, like a new grant, reaches the tokens issued after it.)
            _revoke_holders(session, _implying(records.implications(session), prior_role_id)
                            | {prior_role_id})
        self.database.write(remove)


def _implying(rules: dict[str, set[str]], role_id: str) -> set[str]:
    """The roles whose implications (through any chain of ``rules``) reach ``role_id``."""
    found: set[str] = set()
    frontier = {role_id}
    while frontier:
        frontier = {prior for prior, implied in rules.items()
                    if implied & frontier and prior not in found and prior != role_id}
        found |= frontier
    return found


def _revoke_holders(session: orm.Session, role_ids: set[str]) -> None:
    """Revoke the tokens of every user granted one of ``role_ids`` anywhere."""
    holders = session.execute(sa.select(models.RoleAssignment.actor_id).where(
        models.RoleAssignment.role_id.in_(sorted(role_ids))).distinct())
    for (user_id,) in holders:
        revocations.revoke(session, user_id=user_id)
