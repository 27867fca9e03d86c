"""A server's tag rows (Nova's ``tags`` table, keyed by server and tag)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_table = models.Tag.__table__
_T = _table.c


def get(session: orm.Session, uuid: str) -> list[str]:
    """The server's tags, by name (the order of Nova's primary key, and of server bodies)."""
    return list(session.scalars(sa.select(_T.tag).where(_T.resource_id == uuid)
                                .order_by(_T.tag)))


def add(session: orm.Session, uuid: str, tag: str) -> None:
    session.execute(sa.insert(_table).values(resource_id=uuid, tag=tag))


def remove(session: orm.Session, uuid: str, tags: Iterable[str] | None = None) -> int:
    """Delete the given tags of the server (every one for None); how many rows went."""
    where = [_T.resource_id == uuid]
    if tags is not None:
        where.append(_T.tag.in_(sorted(set(tags))))
    return session.execute(sa.delete(_table).where(*where)).rowcount


def replace(session: orm.Session, uuid: str, tags: Iterable[str]) -> list[str]:
    """Make the server's tags exactly ``tags`` (duplicates fold); returns them by name."""
    wanted = set(tags)
    present = set(get(session, uuid))
    if present - wanted:
        remove(session, uuid, present - wanted)
    if wanted - present:
        session.execute(sa.insert(_table), [{'resource_id': uuid, 'tag': tag}
                                            for tag in sorted(wanted - present)])
    return sorted(wanted)
