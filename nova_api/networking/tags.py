"""Tags of every Network API resource (standard-attr-tag): read for a whole page at once."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.exception import network as net_exc

_tags = models.NetworkTag.__table__
_T = _tags.c
MAX_TAG_LENGTH = 255


def of(session: orm.Session, resource: str, ids: Iterable[str]) -> dict[str, list[str]]:
    """``{id: [tag, ...]}`` of the resources ``ids``, in one query."""
    ids = list(ids)
    found: dict[str, list[str]] = {}
    if not ids:
        return found
    for row in session.execute(sa.select(_T.resource_id, _T.tag).where(
            _T.resource_type == resource, _T.resource_id.in_(ids)).order_by(_T.tag)):
        found.setdefault(row.resource_id, []).append(row.tag)
    return found


def check(tags: Sequence[object]) -> list[str]:
    """Neutron's validation of tags: strings of 1 to 255 characters, no comma or slash."""
    for tag in tags:
        if not isinstance(tag, str) or not tag or len(tag) > MAX_TAG_LENGTH or ',' in tag \
                or '/' in tag:
            raise net_exc.HTTPBadRequest(reason="Invalid input for tags. Reason: '%s' is not a "
                                                "valid tag." % (tag,))
    return sorted(set(tags))  # type: ignore[arg-type]


def replace(session: orm.Session, resource: str, resource_id: str, tags: Sequence[str]) -> None:
    delete(session, resource, [resource_id])
    if tags:
        session.execute(sa.insert(_tags), [{'resource_type': resource, 'resource_id': resource_id,
                                             'tag': tag} for tag in tags])


def add(session: orm.Session, resource: str, resource_id: str, tag: str) -> None:
    exists = session.scalar(sa.select(sa.func.count()).where(
        _T.resource_type == resource, _T.resource_id == resource_id, _T.tag == tag))
    if not exists:
        session.execute(sa.insert(_tags).values(resource_type=resource, resource_id=resource_id,
                                                tag=tag))


def remove(session: orm.Session, resource: str, resource_id: str, tag: str) -> None:
    result = session.execute(sa.delete(_tags).where(
        _T.resource_type == resource, _T.resource_id == resource_id, _T.tag == tag))
    if not result.rowcount:
        raise net_exc.TagNotFound(tag=tag)


def delete(session: orm.Session, resource: str, ids: Sequence[str]) -> None:
    """Forget the tags of deleted resources."""
    if ids:
        session.execute(sa.delete(_tags).where(_T.resource_type == resource,
                                               _T.resource_id.in_(list(ids))))
