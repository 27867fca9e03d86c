"""Generation numbers: a counter per cached group of tables, bumped by triggers on every write to them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db.models.base import Base


class Generation(Base):
    """How many writes the tables of ``name`` have seen (migration 0013's triggers count them).

    A worker that caches those tables keeps the number it read with them and
    reads it again per request: a different number means another worker or
    node changed them.
    """

    __tablename__ = 'generations'

    name: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)
    value: orm.Mapped[int] = orm.mapped_column(sa.BigInteger, default=0)
