"""Changes to images that the Image API makes: columns, status moves (compare-and-swap) and tags.

Each function runs inside the caller's transaction; ``set_status`` is the
only way an image changes status here, so that two requests racing on one
image (two uploads, an upload and a delete) cannot both win.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.objects.images import IMAGES
from nova_api.objects.images import TAGS


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def id_taken(session: orm.Session, image_id: str) -> bool:
    """Whether any image, deleted ones included, has this id (Glance keeps deleted rows)."""
    return session.execute(sa.select(IMAGES.c.id).where(IMAGES.c.id == image_id)).first() is not None


def update(session: orm.Session, image_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of a live image, and its ``updated_at``."""
    session.execute(sa.update(IMAGES).where(IMAGES.c.id == image_id, IMAGES.c.deleted.is_(False))
                    .values(**values, updated_at=_now()))


def set_status(session: orm.Session, image_id: str, from_statuses: Iterable[str], status: str,
               **values: Any) -> bool:
    """Move a live image from one of ``from_statuses`` to ``status`` (with ``values``).

    False when the image is gone or in another status: someone else moved it first.
    """
    result = session.execute(sa.update(IMAGES).where(
        IMAGES.c.id == image_id, IMAGES.c.deleted.is_(False),
        IMAGES.c.status.in_(list(from_statuses))).values(status=status, updated_at=_now(), **values))
    return result.rowcount == 1


def replace_tags(session: orm.Session, image_id: str, tags: Iterable[str]) -> None:
    """Make ``tags`` the image's whole set."""
    wanted = set(tags)
    current = set(session.execute(sa.select(TAGS.c.value).where(TAGS.c.image_id == image_id))
                  .scalars())
    if current - wanted:
        session.execute(sa.delete(TAGS).where(TAGS.c.image_id == image_id,
                                              TAGS.c.value.in_(sorted(current - wanted))))
    for tag in sorted(wanted - current):
        session.execute(sa.insert(TAGS).values(image_id=image_id, value=tag))
