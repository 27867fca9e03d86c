"""Neutron's list queries, set-based: filters (any attribute, a repeated one is an OR), tags,
sorting, and pages by ``limit``/``marker`` (``page_reverse`` walks backwards).

A :class:`ListQuery` is parsed from the query string once; a :class:`Spec`
says which attributes of a table may be filtered and sorted, and how a value
of the query string becomes a column's value. :func:`page` reads one page
in one query (its tags in another, see :mod:`nova_api.networking.tags`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking.query import ListQuery
from nova_api.networking.query import to_bool
from nova_api.networking.query import to_int
from nova_api.networking.query import to_nullable
from nova_api.networking.query import to_str
from nova_api.networking.query import to_time

__all__ = ['ListQuery', 'Spec', 'page', 'standard_columns', 'to_bool', 'to_int', 'to_nullable',
           'to_str', 'to_time']

#: A filter of its own: values -> a condition on the table.
CustomFilter = Callable[[tuple[str, ...]], Any]


@dataclasses.dataclass(frozen=True)
class Spec:
    """A resource's table, its filterable (and sortable) attributes and its extra filters."""

    resource: str  # the collection: 'networks'
    table: sa.Table
    columns: Mapping[str, tuple[sa.Column, Callable[[Any], Any]]]
    custom: Mapping[str, CustomFilter] = dataclasses.field(default_factory=dict)
    #: Attributes shown but not filterable (Neutron ignores filters on them).
    ignored: frozenset[str] = frozenset()

    def conditions(self, query: ListQuery) -> list[Any]:
        found = []
        for name, values in query.filters.items():
            if name in self.columns:
                column, convert = self.columns[name]
                found.append(column.in_([convert(value) for value in values])
                             if len(values) > 1 else column == convert(values[0]))
            elif name in self.custom:
                found.append(self.custom[name](values))
            elif name not in self.ignored:
                raise net_exc.HTTPBadRequest(reason='[%s] is invalid attribute for filtering'
                                                    % name)
        found.extend(_tag_conditions(self.resource, self.table.c.id, query.tags))
        return found


def _tag_conditions(resource: str, id_column: sa.Column,
                    tags: Mapping[str, tuple[str, ...]]) -> Iterable[Any]:
    t = models.NetworkTag.__table__.c

    def having(names: tuple[str, ...]) -> Any:
        return sa.select(t.resource_id).where(t.resource_type == resource, t.tag.in_(names)) \
            .group_by(t.resource_id).having(sa.func.count() == len(set(names)))

    def any_of(names: tuple[str, ...]) -> Any:
        return sa.select(t.resource_id).where(t.resource_type == resource, t.tag.in_(names))

    for name, values in tags.items():
        if not values:
            continue
        if name == 'tags':
            yield id_column.in_(having(values))
        elif name == 'tags-any':
            yield id_column.in_(any_of(values))
        elif name == 'not-tags':
            yield id_column.not_in(having(values))
        else:
            yield id_column.not_in(any_of(values))


def page(session: orm.Session, spec: Spec, query: ListQuery, visible: Any = None,
         not_found: Callable[[str], Exception] | None = None) -> tuple[list[Any], bool]:
    """One page of rows and whether there are more past it (in the direction walked)."""
    table = spec.table
    sorts = [(spec.columns[key][0] if key in spec.columns else _bad_sort(key), asc)
             for key, asc in query.sorts]
    sorts.append((table.c.id, True))
    if query.page_reverse:
        sorts = [(column, not asc) for column, asc in sorts]
    statement = sa.select(table)
    conditions = spec.conditions(query)
    if visible is not None:
        conditions.append(visible)
    if query.marker is not None:
        marker = session.execute(sa.select(table).where(table.c.id == query.marker)).first()
        if marker is None:
            raise (not_found or (lambda m: net_exc.MarkerNotFound(marker=m)))(query.marker)
        conditions.append(_after(marker, sorts))
    statement = statement.where(*conditions).order_by(
        *[column.asc() if asc else column.desc() for column, asc in sorts])
    if query.limit is not None:
        statement = statement.limit(query.limit + 1)
    rows = list(session.execute(statement))
    more = query.limit is not None and len(rows) > query.limit
    rows = rows[:query.limit] if query.limit is not None else rows
    if query.page_reverse:
        rows.reverse()
    return rows, more


def _bad_sort(key: str):
    raise net_exc.HTTPBadRequest(reason='[%s] is invalid attribute for sort_key' % key)


def _after(marker: Any, sorts: list[tuple[sa.Column, bool]]) -> Any:
    """Rows after ``marker`` in the order of ``sorts`` (a keyset condition)."""
    alternatives = []
    for index, (column, asc) in enumerate(sorts):
        value = marker._mapping[column.name]
        equal = [sorts[i][0] == marker._mapping[sorts[i][0].name] for i in range(index)]
        beyond = column > value if asc else column < value
        alternatives.append(sa.and_(*equal, beyond))
    return sa.or_(*alternatives)


def standard_columns(table: sa.Table) -> dict[str, tuple[sa.Column, Callable[[Any], Any]]]:
    """The standard attributes every resource may be filtered by."""
    c = table.c
    return {'id': (c.id, to_str), 'project_id': (c.project_id, to_str),
            'tenant_id': (c.project_id, to_str), 'description': (c.description, to_str),
            'revision_number': (c.revision_number, to_int),
            'created_at': (c.created_at, to_time), 'updated_at': (c.updated_at, to_time)}
