"""Keypair queries: a user's keypairs by name, listed in name order, created and deleted."""

from __future__ import annotations

import dataclasses
import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db import prepared


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


_K = models.KeyPair.__table__.c


def _page_statement(after: bool, limited: bool) -> prepared.Prepared:
    query = sa.select(_K.id, _K.name, _K.user_id, _K.fingerprint, _K.public_key, _K.type,
                      _K.created_at, _K.updated_at).where(_K.user_id == sa.bindparam('user_id'))
    if after:
        query = query.where(_K.name > sa.bindparam('after'))
    query = query.order_by(_K.name, _K.id)
    if limited:
        query = query.limit(sa.bindparam('limit', type_=sa.Integer))
    return prepared.Prepared(query)


#: A user's page of keypairs, by (after a marker, limited): the list every client polls.
_PAGES = {(after, limited): _page_statement(after, limited)
          for after in (False, True) for limited in (False, True)}
_NAMED = prepared.Prepared(sa.select(_K.id).where(_K.user_id == sa.bindparam('user_id'),
                                                  _K.name == sa.bindparam('name')).limit(1))


def read_page(read, user_id: str, limit: int | None = None,
              after: str | None = None) -> list[KeyPair] | None:
    """The user's keypairs in name order (those named after ``after``), ``limit`` of them.

    Prepared reads; None when ``after`` names no keypair of the user.
    """
    if after is not None and not read(_NAMED, user_id=user_id, name=after):
        return None
    params = {'user_id': user_id, 'after': after, 'limit': limit}
    rows = read(_PAGES[after is not None, limit is not None],
                **{name: value for name, value in params.items() if value is not None})
    return [KeyPair(*row) for row in rows]


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
