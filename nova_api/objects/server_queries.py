"""The server list as SQL: Nova's filters, sort keys and marker pagination, one query per page.

The API layer turns a query string into a :class:`ListQuery` (Nova's
filter names already mapped to columns); :func:`page` reads one page and
builds its records set-based (:func:`nova_api.objects.servers.build`).

Regular expressions (``name``, ``ip`` and the other text filters) run in
RE2, whose matching time is linear in the text whatever the pattern: on
SQLite as the ``REGEXP`` function (nova_api.db.database), on PostgreSQL as
``~`` after the pattern has compiled in RE2, so that no pattern can stall
a worker.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import re2
import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import exception
from nova_api.db import models
from nova_api.db import prepared
from nova_api.objects import servers as server_objects
from nova_api.objects.servers import Server

_instances = models.Instance.__table__
_I = _instances.c

#: API sort keys that are not columns of ours under that name.
_SORT_COLUMNS: Mapping[str, sa.ColumnElement] = {
    'instance_type_id': _I.flavor_id,
    'locked': _I.locked_by.is_not(None),
}


@dataclasses.dataclass(frozen=True)
class ListQuery:
    """One page of the server list, in column terms.

    ``project_id`` None lists every project (an admin's ``all_tenants``).
    ``exact`` maps a column to a value or a list of values; ``regex`` a
    column to a pattern. ``deleted``: False for live servers (soft-deleted
    ones excluded, as in Nova), True for deleted and soft-deleted ones,
    None for all. ``sort`` is [(sort key, 'asc' | 'desc')]; created_at and
    id are added as tie-breakers, in the first key's direction.
    """

    project_id: str | None = None
    exact: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    regex: Mapping[str, str] = dataclasses.field(default_factory=dict)
    ip: str | None = None
    ip6: str | None = None
    changes_since: datetime.datetime | None = None
    changes_before: datetime.datetime | None = None
    deleted: bool | None = False
    locked: bool | None = None
    tags: Sequence[str] = ()
    tags_any: Sequence[str] = ()
    not_tags: Sequence[str] = ()
    not_tags_any: Sequence[str] = ()
    sort: Sequence[tuple[str, str]] = (('created_at', 'desc'),)
    limit: int | None = None
    marker: str | None = None


def compile_regex(name: str, pattern: str) -> None:
    """Raise ``InvalidRegex`` (400) unless RE2 accepts ``pattern``."""
    try:
        re2.compile(pattern)
    except re2.error as error:
        raise exception.InvalidRegex(name=name, reason=str(error)) from None


def _regex(column: sa.ColumnElement, pattern: str) -> sa.ColumnElement[bool]:
    return sa.cast(column, sa.Text).regexp_match(pattern)


def _tag_filter(tags: Sequence[str], every: bool) -> sa.ColumnElement[bool]:
    """Servers with all of ``tags`` (``every``) or with any of them."""
    tag = models.Tag.__table__.c
    if not every:
        return _I.uuid.in_(sa.select(tag.resource_id).where(tag.tag.in_(list(tags))))
    return _I.uuid.in_(sa.select(tag.resource_id).where(tag.tag.in_(list(tags)))
                       .group_by(tag.resource_id)
                       .having(sa.func.count(sa.distinct(tag.tag)) == len(set(tags))))


def _ip_filter(pattern: str, version: int) -> sa.ColumnElement[bool]:
    ip = models.FixedIP.__table__.c
    return _I.uuid.in_(sa.select(ip.instance_uuid).where(ip.version == version,
                                                         ip.address.regexp_match(pattern)))


def _exact(name: str, value: Any) -> sa.ColumnElement[bool]:
    column = _I[name]
    if not isinstance(value, (list, tuple, set, frozenset)):
        return column.is_(None) if value is None else column == value
    values = list(value)
    if None not in values:
        return column.in_(values)
    return sa.or_(column.in_([v for v in values if v is not None]), column.is_(None))


def _deleted(deleted: bool | None) -> list[sa.ColumnElement[bool]]:
    if deleted is False:
        return [_I.deleted.is_(False), sa.or_(_I.vm_state != 'soft-delete', _I.vm_state.is_(None))]
    if deleted is True:
        return [sa.or_(_I.deleted.is_(True), _I.vm_state == 'soft-delete')]
    return []


def _tags(query: ListQuery) -> list[sa.ColumnElement[bool]]:
    where = []
    if query.tags:
        where.append(_tag_filter(query.tags, every=True))
    if query.tags_any:
        where.append(_tag_filter(query.tags_any, every=False))
    if query.not_tags:
        where.append(~_tag_filter(query.not_tags, every=True))
    if query.not_tags_any:
        where.append(~_tag_filter(query.not_tags_any, every=False))
    return where


def _where(query: ListQuery) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = []
    if query.project_id is not None:
        where.append(_I.project_id == query.project_id)
    where += _deleted(query.deleted)
    where += [_exact(name, value) for name, value in query.exact.items()]
    for name, pattern in query.regex.items():
        compile_regex(name, pattern)
        where.append(_regex(_I[name], pattern))
    for pattern, version in ((query.ip, 4), (query.ip6, 6)):
        if pattern is not None:
            compile_regex('ip' if version == 4 else 'ip6', pattern)
            where.append(_ip_filter(pattern, version))
    if query.changes_since is not None:
        where.append(_I.updated_at >= query.changes_since)
    if query.changes_before is not None:
        where.append(_I.updated_at <= query.changes_before)
    if query.locked is not None:
        where.append(_I.locked_by.is_not(None) if query.locked else _I.locked_by.is_(None))
    return where + _tags(query)


def _sort_columns(query: ListQuery) -> list[tuple[sa.ColumnElement, bool]]:
    """(column, ascending) for each sort key, then Nova's tie-breakers created_at and id."""
    keys = [(key, direction) for key, direction in query.sort]
    default_dir = keys[0][1] if keys else 'desc'
    names = {key for key, _ in keys}
    for tie in ('created_at', 'id'):
        if tie not in names:
            keys.append((tie, default_dir))
    return [(_SORT_COLUMNS.get(key, _I[key] if key in _I else None), direction == 'asc')
            for key, direction in keys if key in _SORT_COLUMNS or key in _I]


def _after(columns: list[tuple[sa.ColumnElement, bool]], marker: Sequence[Any]) -> sa.ColumnElement:
    """Rows after the marker row in the sort order, NULLs sorting lowest as in Nova."""
    clauses = []
    for index, (column, ascending) in enumerate(columns):
        value = marker[index]
        if value is None:
            beyond = column.is_not(None) if ascending else sa.false()
        else:
            beyond = column > value if ascending else sa.or_(column < value, column.is_(None))
        equal = [col.is_(None) if marker[i] is None else col == marker[i]
                 for i, (col, _) in enumerate(columns[:index])]
        clauses.append(sa.and_(*equal, beyond))
    return sa.or_(*clauses)


def _order(columns: list[tuple[sa.ColumnElement, bool]], dialect: str) -> list[sa.ColumnElement]:
    """NULLs sort lowest, as in Nova. SQLite does so by itself, and says NULLS FIRST/LAST
    only at the cost of not reading the order from an index."""
    if dialect == 'sqlite':
        return [column.asc() if ascending else column.desc() for column, ascending in columns]
    return [column.asc().nulls_first() if ascending else column.desc().nulls_last()
            for column, ascending in columns]


def page(session: orm.Session, query: ListQuery) -> list[Server]:
    """The servers of ``query``'s page, in its order; ``ServerMarkerNotFound`` (400) for a bad marker."""
    if query.limit == 0:
        return []
    columns = _sort_columns(query)
    statement = sa.select(*server_objects.COLUMNS).where(*_where(query))
    if query.marker is not None:
        marker = session.execute(sa.select(*(column for column, _ in columns))
                                 .where(_I.uuid == query.marker)).first()
        if marker is None:
            raise exception.ServerMarkerNotFound(marker=query.marker)
        statement = statement.where(_after(columns, marker))
    statement = statement.order_by(*_order(columns, session.get_bind().dialect.name))
    if query.limit is not None:
        statement = statement.limit(query.limit)
    return server_objects.build(prepared.on_session(session), session.execute(statement).all())
