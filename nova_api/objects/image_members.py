"""Image members: the projects a shared image is shared with, each pending, accepted or rejected."""

from __future__ import annotations

import dataclasses
import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.objects.images import MEMBERS


@dataclasses.dataclass(frozen=True)
class Member:
    """One membership, as Glance shows it."""

    image_id: str
    member_id: str
    status: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


_COLUMNS = (MEMBERS.c.image_id, MEMBERS.c.member, MEMBERS.c.status, MEMBERS.c.created_at,
            MEMBERS.c.updated_at)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def members(session: orm.Session, image_id: str, only: str | None = None) -> list[Member]:
    """The image's members, oldest first; ``only`` keeps that project's membership alone."""
    where = [MEMBERS.c.image_id == image_id]
    if only is not None:
        where.append(MEMBERS.c.member == only)
    rows = session.execute(sa.select(*_COLUMNS).where(*where)
                           .order_by(MEMBERS.c.created_at, MEMBERS.c.id)).all()
    return [Member(*row) for row in rows]


def get(session: orm.Session, image_id: str, member_id: str) -> Member | None:
    found = members(session, image_id, only=member_id)
    return found[0] if found else None


def count(session: orm.Session, image_id: str) -> int:
    return session.execute(sa.select(sa.func.count()).select_from(MEMBERS)
                           .where(MEMBERS.c.image_id == image_id)).scalar_one()


def add(session: orm.Session, image_id: str, member_id: str) -> Member:
    """A new ``pending`` membership (the caller checked it is not there yet)."""
    now = _now()
    session.execute(sa.insert(MEMBERS).values(image_id=image_id, member=member_id,
                                              status='pending', created_at=now, updated_at=now))
    return Member(image_id, member_id, 'pending', now, now)


def set_status(session: orm.Session, image_id: str, member_id: str, status: str) -> None:
    session.execute(sa.update(MEMBERS).where(MEMBERS.c.image_id == image_id,
                                             MEMBERS.c.member == member_id)
                    .values(status=status, updated_at=_now()))


def remove(session: orm.Session, image_id: str, member_id: str) -> None:
    session.execute(sa.delete(MEMBERS).where(MEMBERS.c.image_id == image_id,
                                             MEMBERS.c.member == member_id))
