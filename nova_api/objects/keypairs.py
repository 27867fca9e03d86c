"""Keypair queries: a user's keypairs by name, listed in name order, created and deleted."""

from __future__ import annotations

import dataclasses
import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models


@dataclasses.dataclass(frozen=True)
class KeyPair:
    """One stored keypair. The private key is never stored."""

    id: int
    name: str
    user_id: str
    fingerprint: str
    public_key: str
    type: str
    created_at: datetime.datetime | None
    updated_at: datetime.datetime | None


def _to_keypair(row: models.KeyPair) -> KeyPair:
    return KeyPair(id=row.id, name=row.name, user_id=row.user_id, fingerprint=row.fingerprint,
                   public_key=row.public_key, type=row.type, created_at=row.created_at,
                   updated_at=row.updated_at)


def _by_name(user_id: str, name: str) -> sa.Select:
    return sa.select(models.KeyPair).where(models.KeyPair.user_id == user_id,
                                           models.KeyPair.name == name)


def get(session: orm.Session, user_id: str, name: str) -> KeyPair | None:
    row = session.scalar(_by_name(user_id, name))
    return None if row is None else _to_keypair(row)


def exists(session: orm.Session, user_id: str, name: str) -> bool:
    return session.scalar(sa.select(sa.exists(_by_name(user_id, name)))) or False


def list_by_user(session: orm.Session, user_id: str, limit: int | None = None,
                 after: str | None = None) -> list[KeyPair]:
    """The user's keypairs in name order; those named after ``after`` when it is given."""
    query = sa.select(models.KeyPair).where(models.KeyPair.user_id == user_id)
    if after is not None:
        query = query.where(models.KeyPair.name > after)
    query = query.order_by(models.KeyPair.name, models.KeyPair.id)
    if limit is not None:
        query = query.limit(limit)
    return [_to_keypair(row) for row in session.scalars(query)]


def create(session: orm.Session, user_id: str, name: str, key_type: str, public_key: str,
           fingerprint: str) -> KeyPair:
    """Insert a keypair and flush it (a duplicate name raises IntegrityError here)."""
    row = models.KeyPair(user_id=user_id, name=name, type=key_type, public_key=public_key,
                         fingerprint=fingerprint)
    session.add(row)
    session.flush()
    return _to_keypair(row)


def destroy(session: orm.Session, user_id: str, name: str) -> bool:
    """Delete the user's keypair ``name``; False when there was none."""
    result = session.execute(sa.delete(models.KeyPair).where(
        models.KeyPair.user_id == user_id, models.KeyPair.name == name))
    return result.rowcount > 0
