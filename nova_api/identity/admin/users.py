"""Users: Keystone's identity rules (keystone/identity/core.py) on our table.

- A user's name is unique in its domain (409); its password is kept only as
  identity-core's hash (:mod:`nova_api.identity.passwords`).
- An admin's password reset, disabling a user and deleting one revoke all
  of that user's tokens, in the same transaction.
- Changing one's own password checks the original first: a wrong one and
  an unknown user are the same 401, after the same work (one hash check).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db.models.base import utcnow
from nova_api.identity import passwords
from nova_api.identity import revocations
from nova_api.identity.admin import base
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import records
from nova_api.identity.admin import resources

_PASSWORD_TOO_LONG = 'Invalid input for field/attribute password. Value is too long.'


def require_user(session: orm.Session, user_id: str) -> records.User:
    found = records.get_user(session, user_id)
    if found is None:
        raise exceptions.UserNotFound(user_id=user_id)
    return found


def _hash(password: str | None) -> str | None:
    """The stored form of a new password (hashed before any transaction opens: it is slow)."""
    if password is None:
        return None
    if len(password) > passwords.MAX_LENGTH:
        raise exceptions.IdentityInvalid(message=_PASSWORD_TOO_LONG)
    return passwords.hash_password(password)


def _name_conflict(name: str, domain_id: str | None = None) -> exceptions.IdentityConflict:
    return exceptions.duplicate('user', name, domain_id)


class UserAPI(base.AdminAPI):
    """List, show, create, update, delete users; change one's own password."""

    def get(self, user_id: str) -> records.User | None:
        return self.database.read(records.get_user, user_id)

    def list(self, filters: Mapping[str, Any]) -> list[records.User]:
        """Users by name; filters: name, domain_id, enabled."""
        query = sa.select(models.User)
        for key in ('name', 'domain_id'):
            if filters.get(key) is not None:
                query = query.where(getattr(models.User, key) == filters[key])
        if filters.get('enabled') is not None:
            query = query.where(models.User.enabled == base.as_bool(filters['enabled']))
        query = query.order_by(models.User.name, models.User.id)
        return self.database.read(
            lambda session: [records.user(row) for row in session.scalars(query)])

    def create(self, attributes: Mapping[str, Any], default_domain_id: str) -> records.User:
        """A new user; 404 for an unknown domain, 409 for a name taken in it."""
        name = attributes['name'].strip()
        domain_id = attributes.get('domain_id') or default_domain_id
        password_hash = _hash(attributes.get('password'))

        def insert(session: orm.Session) -> records.User:
            resources.require_domain(session, domain_id)
            taken = session.scalar(sa.select(models.User.id).where(
                models.User.domain_id == domain_id, models.User.name == name))
            if taken is not None:
                raise _name_conflict(name, domain_id)
            row = models.User(id=base.new_id(), name=name, domain_id=domain_id,
                              enabled=base.as_bool(attributes.get('enabled')),
                              password_hash=password_hash,
                              password_created_at=utcnow() if password_hash else None,
                              default_project_id=attributes.get('default_project_id'),
                              extra=_extra(attributes))
            session.add(row)
            session.flush()
            return records.user(row)
        return self.write_unique(lambda: _name_conflict(name, domain_id), insert)

    def update(self, user_id: str, attributes: Mapping[str, Any]) -> records.User:
        """Change a user; a new password or disabling it revokes the user's tokens."""
        password_hash = _hash(attributes.get('password')) if 'password' in attributes else None

        def change(session: orm.Session) -> records.User:
            row = session.get(models.User, user_id)
            if row is None:
                raise exceptions.UserNotFound(user_id=user_id)
            if 'id' in attributes and attributes['id'] != user_id:
                raise exceptions.IdentityInvalid(message='Cannot change user ID')
            if 'domain_id' in attributes and attributes['domain_id'] != row.domain_id:
                raise exceptions.IdentityInvalid(message='Cannot change Domain ID')
            base.rename(session, row, attributes,
                        lambda name: sa.and_(models.User.domain_id == row.domain_id,
                                             models.User.name == name),
                        lambda name: _name_conflict(name, row.domain_id))
            revoke = False
            if 'password' in attributes:
                row.password_hash = password_hash
                row.password_created_at = utcnow() if password_hash else None
                row.failed_auth_count = 0
                revoke = True
            if 'enabled' in attributes:
                enabled = base.as_bool(attributes['enabled'])
                revoke = revoke or (row.enabled and not enabled)
                row.enabled = enabled
                if enabled:
                    row.failed_auth_count = 0
            if 'default_project_id' in attributes:
                row.default_project_id = attributes['default_project_id']
            row.extra = _extra(attributes, row.extra)
            if revoke:
                revocations.revoke(session, user_id=user_id)
            session.flush()
            return records.user(row)
        return self.write_unique(lambda: _name_conflict(attributes.get('name', '')), change)

    def delete(self, user_id: str) -> None:
        """Delete a user, its grants and application credentials; revoke its tokens."""
        def remove(session: orm.Session) -> None:
            row = session.get(models.User, user_id)
            if row is None:
                raise exceptions.UserNotFound(user_id=user_id)
            revocations.revoke(session, user_id=user_id)
            # Grants and application credentials follow by their foreign keys.
            session.delete(row)
        self.database.write(remove)

    def change_password(self, user_id: str, original: str, new: str) -> None:
        """Replace the user's password after checking the original (401, the same either way)."""
        stored = self.database.read(
            lambda session: session.execute(sa.select(
                models.User.password_hash, models.User.enabled).where(
                models.User.id == user_id)).first())
        password_hash, enabled = stored if stored is not None else (None, False)
        # verify() does the same work with no hash: an unknown user costs what a wrong password does.
        if not passwords.verify(original, password_hash) or not enabled:
            raise exceptions.PasswordChangeUnauthorized()
        new_hash = _hash(new)

        def change(session: orm.Session) -> None:
            row = session.get(models.User, user_id)
            if row is None or row.password_hash != password_hash:
                # Deleted, or the password changed meanwhile: the original no longer holds.
                raise exceptions.PasswordChangeUnauthorized()
            row.password_hash = new_hash
            row.password_created_at = utcnow()
            row.failed_auth_count = 0
            revocations.revoke(session, user_id=user_id)
        self.database.write(change)


def _extra(attributes: Mapping[str, Any], current: Mapping[str, Any] | None = None) -> dict:
    extra = base.extra_of(attributes, current)
    if 'description' in attributes:
        extra['description'] = attributes['description']
    return extra
