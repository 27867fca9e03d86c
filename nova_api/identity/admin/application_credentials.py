"""Application credentials: a user's secret for one project, with a subset of its roles there.

As in Keystone: created by the user itself, for the project of the token
it calls with, with the token's roles unless it names some (each by id or
name, and with the roles they imply); naming a role the token does not
carry is a 400. The secret is generated when not given, returned once and
kept only as a hash (identity-core's :mod:`~nova_api.identity.passwords`),
which its ``application_credential`` auth method checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from oslo_utils import timeutils
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db.models.base import utcnow
from nova_api.identity import passwords
from nova_api.identity import revocations
from nova_api.identity.admin import base
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import records
from nova_api.identity.admin import roles as roles_api
from nova_api.identity.admin import users as users_api

_UNASSIGNED = 'Cannot create an application credential with unassigned role'


def _expiry(value: str | None) -> datetime.datetime | None:
    """``expires_at`` as a naive UTC time; 400 when it has passed."""
    if not value:
        return None
    moment = timeutils.normalize_time(timeutils.parse_isotime(value))
    if moment <= utcnow():
        raise exceptions.ApplicationCredentialValidationError(
            detail='The expiration date of an application credential cannot be in the past.')
    return moment


def _by_user(user_id: str) -> sa.Select:
    return sa.select(models.ApplicationCredential).where(
        models.ApplicationCredential.user_id == user_id)


class ApplicationCredentialAPI(base.AdminAPI):
    """Create, list, show and delete a user's application credentials."""

    def create(self, user_id: str, project_id: str, token_role_names: Iterable[str],
               attributes: Mapping[str, Any]) -> tuple[records.ApplicationCredential, str]:
        """A new credential on ``project_id`` and its secret (shown this once).

        ``token_role_names``: the roles of the caller's token, which bound
        what the credential may carry (400 beyond them); 409 for a name the
        user already gave one.
        """
        name = attributes['name'].strip()
        secret = attributes.get('secret') or passwords.new_secret()
        secret_hash = passwords.hash_password(secret)
        expires_at = _expiry(attributes.get('expires_at'))
        allowed = set(token_role_names)

        def insert(session: orm.Session) -> records.ApplicationCredential:
            users_api.require_user(session, user_id)
            role_ids = _roles(session, attributes.get('roles'), allowed)
            if session.scalar(sa.select(models.ApplicationCredential.id).where(
                    models.ApplicationCredential.user_id == user_id,
                    models.ApplicationCredential.name == name)) is not None:
                raise exceptions.duplicate('application_credential', name)
            credential_id = attributes.get('id') or base.new_id()
            session.add(models.ApplicationCredential(
                id=credential_id, name=name, user_id=user_id, project_id=project_id,
                secret_hash=secret_hash, description=attributes.get('description'),
                expires_at=expires_at, unrestricted=bool(attributes.get('unrestricted'))))
            session.flush()
            for role_id in role_ids:
                session.add(models.ApplicationCredentialRole(
                    application_credential_id=credential_id, role_id=role_id))
            session.flush()
            return records.application_credentials(session, sa.select(
                models.ApplicationCredential).where(
                models.ApplicationCredential.id == credential_id))[0]
        credential = self.write_unique(
            lambda: exceptions.duplicate('application_credential', name), insert)
        return credential, secret

    def list(self, user_id: str, name: str | None = None) -> list[records.ApplicationCredential]:
        """The user's credentials by name (404 for an unknown user)."""
        def read(session: orm.Session) -> list[records.ApplicationCredential]:
            users_api.require_user(session, user_id)
            query = _by_user(user_id)
            if name is not None:
                query = query.where(models.ApplicationCredential.name == name)
            return records.application_credentials(session, query.order_by(
                models.ApplicationCredential.name, models.ApplicationCredential.id))
        return self.database.read(read)

    def owner_of(self, credential_id: str) -> str | None:
        """Whose credential this is (Keystone checks the policy against the owner, not the path)."""
        return self.database.read(lambda session: session.scalar(
            sa.select(models.ApplicationCredential.user_id).where(
                models.ApplicationCredential.id == credential_id)))

    def is_unrestricted(self, credential_id: str) -> bool:
        """Whether the credential may manage others (False when it is gone)."""
        return bool(self.database.read(lambda session: session.scalar(
            sa.select(models.ApplicationCredential.unrestricted).where(
                models.ApplicationCredential.id == credential_id))))

    def get(self, user_id: str, credential_id: str) -> records.ApplicationCredential:
        found = self.database.read(records.application_credentials, _by_user(user_id).where(
            models.ApplicationCredential.id == credential_id))
        if not found:
            raise exceptions.ApplicationCredentialNotFound(application_credential_id=credential_id)
        return found[0]

    def delete(self, user_id: str, credential_id: str) -> None:
        def remove(session: orm.Session) -> None:
            result = session.execute(sa.delete(models.ApplicationCredential).where(
                models.ApplicationCredential.user_id == user_id,
                models.ApplicationCredential.id == credential_id))
            if result.rowcount == 0:
                raise exceptions.ApplicationCredentialNotFound(
                    application_credential_id=credential_id)
            # Keystone looks the credential up on every validation; tokens here are
            # validated without a lookup, so its deletion is a revocation event.
            revocations.revoke(session, application_credential_id=credential_id)
        self.database.write(remove)


def _roles(session: orm.Session, requested: list[dict[str, str]] | None,
           allowed: set[str]) -> list[str]:
    """The role ids the credential carries: the requested ones and what they imply, or the token's.

    ``allowed`` holds the names of the token's roles (ids are accepted too).
    """
    if not requested:
        rows = session.scalars(sa.select(models.Role).where(
            models.Role.name.in_(sorted(allowed)), models.Role.domain_id.is_(None)))
        return sorted(row.id for row in rows)
    chosen: list[records.Role] = []
    for reference in requested:
        if 'id' in reference:
            found = records.get_role(session, reference['id'])
        else:
            row = session.scalar(sa.select(models.Role).where(
                models.Role.name == reference['name'], models.Role.domain_id.is_(None)))
            found = None if row is None else records.role(row)
        if found is None:
            raise exceptions.RoleNotFound(role_id=reference.get('id') or reference.get('name'))
        chosen.append(found)
    held = roles_api.expand([r.id for r in chosen], records.implications(session))
    known = records.roles_by_id(session, held)
    for role_id in held:
        found_role = known.get(role_id)
        if found_role is None or (found_role.name not in allowed and role_id not in allowed):
            raise exceptions.ApplicationCredentialValidationError(detail=_UNASSIGNED)
    return sorted(held)
