"""Domains and projects: Keystone's resource rules (keystone/resource/core.py), on our tables.

- A domain is deleted only once disabled (403 otherwise), and takes its
  projects, users, roles and their grants with it.
- A project's name is unique in its domain (409); its parent is its
  domain unless it names a project of the same domain; one with children
  cannot be deleted (403); it does not move (400 for a new domain_id or
  parent_id).
- Disabling or deleting a domain or project revokes the tokens scoped to
  it, in the same transaction (identity-core's revocation events).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db.models import identity as identity_models
from nova_api.identity import revocations
from nova_api.identity.admin import base
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import records

DEFAULT_DOMAIN_ID = 'default'


def require_domain(session: orm.Session, domain_id: str) -> records.Domain:
    found = records.get_domain(session, domain_id)
    if found is None:
        raise exceptions.DomainNotFound(domain_id=domain_id)
    return found


def require_project(session: orm.Session, project_id: str) -> records.Project:
    found = records.get_project(session, project_id)
    if found is None:
        raise exceptions.ProjectNotFound(project_id=project_id)
    return found


def _filtered(query: sa.Select, model: Any, filters: Mapping[str, Any]) -> sa.Select:
    for key, value in filters.items():
        if value is None:
            continue
        column = getattr(model, key)
        query = query.where(column == (base.as_bool(value) if key == 'enabled' else value))
    return query


class DomainAPI(base.AdminAPI):
    """List, show, create, update and delete domains."""

    def get(self, domain_id: str) -> records.Domain | None:
        return self.database.read(records.get_domain, domain_id)

    def require(self, domain_id: str) -> records.Domain:
        return self.database.read(require_domain, domain_id)

    def list(self, filters: Mapping[str, Any]) -> list[records.Domain]:
        query = _filtered(sa.select(models.Domain), models.Domain, filters).order_by(
            models.Domain.name, models.Domain.id)
        return self.database.read(
            lambda session: [records.domain(row) for row in session.scalars(query)])

    def create(self, attributes: Mapping[str, Any]) -> records.Domain:
        """A new domain; ``explicit_domain_id`` keeps the caller's id. 409 for a taken name or id."""
        name = attributes['name'].strip()
        domain_id = attributes.get('explicit_domain_id') or base.new_id()

        def insert(session: orm.Session) -> records.Domain:
            taken = session.scalar(sa.select(models.Domain.id).where(sa.or_(
                models.Domain.name == name, models.Domain.id == domain_id)))
            if taken is not None:
                raise exceptions.duplicate('domain', name)
            row = models.Domain(id=domain_id, name=name,
                                description=attributes.get('description') or '',
                                enabled=base.as_bool(attributes.get('enabled')),
                                extra=base.extra_of(attributes))
            session.add(row)
            session.flush()
            return records.domain(row)
        return self.write_unique(lambda: exceptions.duplicate('domain', name), insert)

    def update(self, domain_id: str, attributes: Mapping[str, Any]) -> records.Domain:
        """Change a domain; disabling it revokes every token scoped to it or its projects."""
        def change(session: orm.Session) -> records.Domain:
            row = session.get(models.Domain, domain_id)
            if row is None:
                raise exceptions.DomainNotFound(domain_id=domain_id)
            if 'id' in attributes and attributes['id'] != domain_id:
                raise exceptions.IdentityInvalid(message='Cannot change the domain ID.')
            base.rename(session, row, attributes, lambda name: models.Domain.name == name,
                        lambda name: exceptions.duplicate('domain', name))
            if 'description' in attributes:
                row.description = attributes['description']
            if 'enabled' in attributes:
                enabled = base.as_bool(attributes['enabled'])
                if row.enabled and not enabled:
                    _revoke_domain(session, domain_id)
                row.enabled = enabled
            row.extra = base.extra_of(attributes, row.extra)
            session.flush()
            return records.domain(row)
        return self.write_unique(lambda: exceptions.duplicate('domain', attributes['name']),
                                 change)

    def delete(self, domain_id: str) -> None:
        """Delete a disabled domain and everything in it; 403 while it is enabled."""
        def remove(session: orm.Session) -> None:
            row = session.get(models.Domain, domain_id)
            if row is None:
                raise exceptions.DomainNotFound(domain_id=domain_id)
            if row.enabled:
                raise exceptions.ForbiddenNotSecurity(
                    message='Cannot delete a domain that is enabled, please disable it first.')
            project_ids = list(session.scalars(sa.select(models.Project.id).where(
                models.Project.domain_id == domain_id)))
            targets = [*project_ids, domain_id]
            session.execute(sa.delete(models.RoleAssignment).where(
                models.RoleAssignment.target_id.in_(targets)))
            for project_id in project_ids:
                revocations.revoke(session, project_id=project_id)
            user_ids = list(session.scalars(sa.select(models.User.id).where(
                models.User.domain_id == domain_id)))
            for user_id in user_ids:
                revocations.revoke(session, user_id=user_id)
            revocations.revoke(session, domain_id=domain_id)
            # Application credentials, tags and grants follow by their foreign keys.
            session.execute(sa.delete(models.User).where(models.User.domain_id == domain_id))
            session.execute(sa.delete(models.Project).where(models.Project.domain_id == domain_id))
            session.execute(sa.delete(models.Role).where(models.Role.domain_id == domain_id))
            session.delete(row)
        self.database.write(remove)


def _revoke_domain(session: orm.Session, domain_id: str) -> None:
    revocations.revoke(session, domain_id=domain_id)
    for project_id in session.scalars(sa.select(models.Project.id).where(
            models.Project.domain_id == domain_id)):
        revocations.revoke(session, project_id=project_id)


def _name_conflict(name: str, domain_id: str) -> exceptions.IdentityConflict:
    return exceptions.duplicate('project', name, domain_id)


class ProjectAPI(base.AdminAPI):
    """List, show, create, update and delete projects; a user's projects."""

    def get(self, project_id: str) -> records.Project | None:
        return self.database.read(records.get_project, project_id)

    def list(self, filters: Mapping[str, Any]) -> list[records.Project]:
        """Projects by name; filters: name, domain_id, enabled, parent_id, is_domain."""
        query = _filtered(sa.select(models.Project), models.Project, filters).order_by(
            models.Project.name, models.Project.id)
        return self.database.read(records.projects, query)

    def list_for_user(self, user_id: str, filters: Mapping[str, Any]) -> list[records.Project]:
        """The projects where the user holds a role (directly); 404 for an unknown user."""
        def read(session: orm.Session) -> list[records.Project]:
            if session.get(models.User, user_id) is None:
                raise exceptions.UserNotFound(user_id=user_id)
            granted = sa.select(models.RoleAssignment.target_id).where(
                models.RoleAssignment.actor_id == user_id,
                models.RoleAssignment.type == identity_models.USER_PROJECT)
            query = _filtered(sa.select(models.Project).where(models.Project.id.in_(granted)),
                              models.Project, filters).order_by(models.Project.name)
            return records.projects(session, query)
        return self.database.read(read)

    def create(self, attributes: Mapping[str, Any], default_domain_id: str) -> records.Project:
        """A new project in ``domain_id`` (``default_domain_id`` when not given).

        404 for an unknown domain or parent, 400 for a parent in another
        domain or a disabled one, 409 for a name taken in the domain.
        """
        if base.as_bool(attributes.get('is_domain'), default=False):
            raise exceptions.IdentityInvalid(
                message='Projects acting as domains are not supported here; create a domain.')
        name = attributes['name'].strip()
        domain_id = attributes.get('domain_id') or default_domain_id

        def insert(session: orm.Session) -> records.Project:
            domain = require_domain(session, domain_id)
            parent_id = attributes.get('parent_id') or domain_id
            if parent_id != domain_id:
                parent = require_project(session, parent_id)
                if parent.domain_id != domain_id:
                    raise exceptions.IdentityInvalid(message=(
                        'Cannot create project, since it specifies its domain_id %s, but '
                        'specifies a parent in a different domain (%s).'
                        % (domain_id, parent.domain_id)))
                if not parent.enabled:
                    raise exceptions.IdentityInvalid(message=(
                        'cannot create a project in a branch containing a disabled '
                        'project: %s' % parent_id))
            elif not domain.enabled:
                raise exceptions.IdentityInvalid(message=(
                    'cannot create a project in a branch containing a disabled '
                    'project: %s' % domain_id))
            taken = session.scalar(sa.select(models.Project.id).where(
                models.Project.domain_id == domain_id, models.Project.name == name))
            if taken is not None:
                raise _name_conflict(name, domain_id)
            row = models.Project(id=base.new_id(), name=name, domain_id=domain_id,
                                 description=attributes.get('description') or '',
                                 enabled=base.as_bool(attributes.get('enabled')),
                                 parent_id=parent_id, is_domain=False,
                                 extra=base.extra_of(attributes))
            session.add(row)
            session.flush()
            _set_tags(session, row.id, attributes.get('tags') or ())
            return records.project(row, attributes.get('tags') or ())
        return self.write_unique(lambda: _name_conflict(name, domain_id), insert)

    def update(self, project_id: str, attributes: Mapping[str, Any]) -> records.Project:
        """Change a project; disabling it revokes its tokens. It may not move (400)."""
        def change(session: orm.Session) -> records.Project:
            row = session.get(models.Project, project_id)
            if row is None:
                raise exceptions.ProjectNotFound(project_id=project_id)
            _refuse_moves(row, attributes)
            base.rename(session, row, attributes,
                        lambda name: sa.and_(models.Project.domain_id == row.domain_id,
                                             models.Project.name == name),
                        lambda name: _name_conflict(name, row.domain_id))
            if 'description' in attributes:
                row.description = attributes['description']
            if 'enabled' in attributes:
                enabled = base.as_bool(attributes['enabled'])
                if row.enabled and not enabled:
                    revocations.revoke(session, project_id=project_id)
                row.enabled = enabled
            if 'tags' in attributes:
                _set_tags(session, project_id, attributes['tags'] or ())
            row.extra = base.extra_of(attributes, row.extra)
            session.flush()
            return require_project(session, project_id)
        return self.write_unique(
            lambda: exceptions.duplicate('project', attributes.get('name', '')), change)

    def delete(self, project_id: str) -> None:
        """Delete a project with no children, its grants and credentials; revoke its tokens."""
        def remove(session: orm.Session) -> None:
            row = session.get(models.Project, project_id)
            if row is None:
                raise exceptions.ProjectNotFound(project_id=project_id)
            child = session.scalar(sa.select(models.Project.id).where(
                models.Project.parent_id == project_id).limit(1))
            if child is not None:
                raise exceptions.ForbiddenNotSecurity(message=(
                    'Cannot delete the project %s since it is not a leaf in the hierarchy. '
                    'Use the cascade option if you want to delete a whole subtree.' % project_id))
            session.execute(sa.delete(models.RoleAssignment).where(
                models.RoleAssignment.type == identity_models.USER_PROJECT,
                models.RoleAssignment.target_id == project_id))
            revocations.revoke(session, project_id=project_id)
            session.delete(row)
        self.database.write(remove)


def _refuse_moves(row: models.Project, attributes: Mapping[str, Any]) -> None:
    if 'id' in attributes and attributes['id'] != row.id:
        raise exceptions.IdentityInvalid(message='Cannot change the project ID.')
    if 'domain_id' in attributes and attributes['domain_id'] != row.domain_id:
        raise exceptions.IdentityInvalid(message='Update of `domain_id` is not allowed.')
    if 'parent_id' in attributes and attributes['parent_id'] != row.parent_id:
        raise exceptions.ForbiddenNotSecurity(message='Update of `parent_id` is not allowed.')
    if 'is_domain' in attributes and base.as_bool(attributes['is_domain'], False) != row.is_domain:
        raise exceptions.IdentityInvalid(message='Update of `is_domain` is not allowed.')


def _set_tags(session: orm.Session, project_id: str, tags) -> None:
    session.execute(sa.delete(models.ProjectTag).where(models.ProjectTag.project_id == project_id))
    for name in sorted(set(tags)):
        session.add(models.ProjectTag(project_id=project_id, name=name))
