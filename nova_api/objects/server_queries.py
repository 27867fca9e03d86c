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


class _Plan:
    """A page's statement as a shape (what the SQL looks like) and the values that go in it.

    Requests of one shape (the same filters, sort keys and paging, whatever
    their values) share one prepared statement, built and compiled once:
    the list of servers is the heaviest read clients make, and building and
    compiling its SQL per request cost more than running it.
    """

    def __init__(self) -> None:
        self.shape: list[Any] = []
        self.params: dict[str, Any] = {}
        self.clauses: list[Any] = []  # factories of the WHERE clauses, called on a cache miss

    def where(self, shape: Any, factory, **params: Any) -> None:
        self.shape.append(shape)
        self.clauses.append(factory)
        self.params.update(params)


def _param(name: str, type_: Any = None, expanding: bool = False) -> sa.BindParameter:
    return sa.bindparam(name, type_=type_, expanding=expanding)


def _tag_clause(name: str, count: int | None, negate: bool):
    """Servers with all of the tags (``count`` of them) or, without a count, any of them."""
    def clause():
        tag = models.Tag.__table__.c
        inner = sa.select(tag.resource_id).where(tag.tag.in_(_param(name, expanding=True)))
        if count is not None:
            inner = inner.group_by(tag.resource_id).having(
                sa.func.count(sa.distinct(tag.tag)) == count)
        return ~_I.uuid.in_(inner) if negate else _I.uuid.in_(inner)
    return clause


def _ip_clause(name: str, version: int):
    def clause():
        ip = models.FixedIP.__table__.c
        return _I.uuid.in_(sa.select(ip.instance_uuid).where(
            ip.version == version, ip.address.regexp_match(_param(name, sa.String))))
    return clause


def _exact(plan: _Plan, name: str, value: Any) -> None:
    column, param = _I[name], 'e_' + name
    if not isinstance(value, (list, tuple, set, frozenset)):
        if value is None:
            plan.where(('null', name), lambda: column.is_(None))
        else:
            plan.where(('eq', name), lambda: column == _param(param, column.type), **{param: value})
        return
    values = [item for item in value if item is not None]
    with_null = len(values) != len(value)
    plan.where(('in', name, with_null), lambda: sa.or_(
        column.in_(_param(param, column.type, expanding=True)),
        *([column.is_(None)] if with_null else [])), **{param: values})


def _deleted(plan: _Plan, deleted: bool | None) -> None:
    if deleted is False:
        plan.where('live', lambda: sa.and_(_I.deleted == sa.false(), sa.or_(
            _I.vm_state != 'soft-delete', _I.vm_state.is_(None))))
    elif deleted is True:
        plan.where('deleted', lambda: sa.or_(_I.deleted.is_(True), _I.vm_state == 'soft-delete'))


def _tags(plan: _Plan, query: ListQuery) -> None:
    for name, tags, every, negate in (('t_all', query.tags, True, False),
                                      ('t_any', query.tags_any, False, False),
                                      ('t_not', query.not_tags, True, True),
                                      ('t_not_any', query.not_tags_any, False, True)):
        if tags:
            count = len(set(tags)) if every else None
            plan.where((name, count), _tag_clause(name, count, negate), **{name: list(tags)})


def _regexes(plan: _Plan, query: ListQuery) -> None:
    for name, pattern in query.regex.items():
        compile_regex(name, pattern)
        param = 'r_' + name
        plan.where(('re', name), lambda column=_I[name], param=param: sa.cast(
            column, sa.Text).regexp_match(_param(param, sa.String)), **{param: pattern})
    for pattern, version, name in ((query.ip, 4, 'ip'), (query.ip6, 6, 'ip6')):
        if pattern is not None:
            compile_regex(name, pattern)
            plan.where(name, _ip_clause(name, version), **{name: pattern})


def _filters(query: ListQuery) -> _Plan:
    plan = _Plan()
    if query.project_id is not None:
        plan.where('project', lambda: _I.project_id == _param('project_id'),
                   project_id=query.project_id)
    _deleted(plan, query.deleted)
    for name, value in sorted(query.exact.items()):
        _exact(plan, name, value)
    _regexes(plan, query)
    for name, moment, before in (('since', query.changes_since, False),
                                 ('before', query.changes_before, True)):
        if moment is not None:
            plan.where(name, lambda before=before, name=name: (
                _I.updated_at <= _param(name, sa.DateTime) if before
                else _I.updated_at >= _param(name, sa.DateTime)), **{name: moment})
    if query.locked is not None:
        plan.where(('locked', query.locked), lambda: _I.locked_by.is_not(None) if query.locked
                   else _I.locked_by.is_(None))
    _tags(plan, query)
    return plan


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


def _after(columns: list[tuple[sa.ColumnElement, bool]],
           nulls: tuple[bool, ...]) -> sa.ColumnElement:
    """Rows after the marker row (its values ``m0``, ``m1``...; ``nulls`` says which are NULL)
    in the sort order, NULLs sorting lowest as in Nova."""
    def value(index: int) -> sa.BindParameter:
        return _param('m%d' % index, columns[index][0].type)
    clauses = []
    for index, (column, ascending) in enumerate(columns):
        if nulls[index]:
            beyond = column.is_not(None) if ascending else sa.false()
        else:
            beyond = column > value(index) if ascending else sa.or_(column < value(index),
                                                                     column.is_(None))
        equal = [col.is_(None) if nulls[i] else col == value(i)
                 for i, (col, _) in enumerate(columns[:index])]
        clauses.append(sa.and_(*equal, beyond))
    return sa.or_(*clauses)


def _order(columns: list[tuple[sa.ColumnElement, bool]], dialect: str) -> list[sa.ColumnElement]:
    """NULLs sort lowest, as in Nova. SQLite does so by itself; PostgreSQL is told, except
    for columns that are never NULL. Either reads the order from an index only without
    NULLS FIRST/LAST (the default list's created_at and id)."""
    def plain(column: sa.ColumnElement) -> bool:
        return dialect == 'sqlite' or not getattr(column, 'nullable', True)
    return [(column.asc() if plain(column) else column.asc().nulls_first()) if ascending
            else (column.desc() if plain(column) else column.desc().nulls_last())
            for column, ascending in columns]


class _Statements:
    """Prepared statements by shape, a bounded number of them (shapes are few in practice)."""

    LIMIT = 512

    def __init__(self) -> None:
        self._by_key: dict[tuple, prepared.Prepared] = {}

    def get(self, key: tuple, build) -> prepared.Prepared:
        statement = self._by_key.get(key)
        if statement is None:
            if len(self._by_key) >= self.LIMIT:
                self._by_key.clear()
            statement = self._by_key[key] = prepared.Prepared(build())
        return statement


_PAGES = _Statements()
_MARKERS = _Statements()


def page(read: prepared.Snapshot, query: ListQuery) -> list[Server]:
    """The servers of ``query``'s page, in its order; ``ServerMarkerNotFound`` (400) for a bad marker."""
    if query.limit == 0:
        return []
    plan = _filters(query)
    columns = _sort_columns(query)
    sort_key = tuple(query.sort)
    nulls: tuple[bool, ...] | None = None
    if query.marker is not None:
        marker = read(_MARKERS.get(sort_key, lambda: sa.select(*(c for c, _ in columns)).where(
            _I.uuid == _param('uuid'))), uuid=query.marker)
        if not marker:
            raise exception.ServerMarkerNotFound(marker=query.marker)
        nulls = tuple(value is None for value in marker[0])
        plan.params.update(('m%d' % index, value) for index, value in enumerate(marker[0]))
    if query.limit is not None:
        plan.params['limit'] = query.limit

    def build() -> sa.Select:
        statement = sa.select(*server_objects.selected(read.dialect.name)).where(
            *(factory() for factory in plan.clauses))
        if nulls is not None:
            statement = statement.where(_after(columns, nulls))
        statement = statement.order_by(*_order(columns, read.dialect.name))
        if query.limit is not None:
            statement = statement.limit(_param('limit', sa.Integer))
        return statement
    key = (read.dialect.name, tuple(plan.shape), sort_key, nulls, query.limit is not None)
    return server_objects.build(read, server_objects.rows(
        read.dialect.name, read(_PAGES.get(key, build), **plan.params)))
