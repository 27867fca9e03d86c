"""What every table is built on: the declarative base, the timestamps, the server foreign key."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from sqlalchemy import orm


def utcnow() -> datetime.datetime:
    """Now, in UTC without a zone: how every timestamp column is kept (as Nova keeps them)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Base(orm.DeclarativeBase):
    pass


class TimestampMixin:
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=utcnow)
    updated_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime, onupdate=utcnow)


def instance_uuid_column(**kwargs) -> orm.Mapped[str]:
    """A column naming a server, whose rows go when the server's row goes."""
    return orm.mapped_column(sa.String(36), sa.ForeignKey('instances.uuid', ondelete='CASCADE'),
                             **kwargs)
