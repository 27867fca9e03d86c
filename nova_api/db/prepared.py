"""Prepared reads: a statement SQLAlchemy builds and compiles once per dialect, run on the raw cursor.

The hot reads (a server, the rows related to a page of servers) are the
same statement every time with other values. SQLAlchemy spends 100-200 us
a statement on building, caching and wrapping it; the database spends a
few. A :class:`Prepared` keeps SQLAlchemy where it is good (writing the SQL
for each dialect, converting values in and out: datetimes on SQLite,
booleans) and leaves it out of the per-request path::

    BY_UUID = Prepared(sa.select(table.c.name).where(table.c.uuid == sa.bindparam('uuid')))
    rows = database.read_prepared(lambda read: read(BY_UUID, uuid=server_uuid))

Expanding parameters (``sa.bindparam('uuids', expanding=True)`` in an IN)
take a sequence; an empty one matches nothing, as SQLAlchemy's does.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

_POSTCOMPILE = re.compile(r'\(__\[POSTCOMPILE_(\w+)\]\)')


@dataclasses.dataclass(frozen=True)
class _Compiled:
    sql: str  # positional placeholders ('?' for SQLite); ':p<n>' names for pg8000
    names: tuple[str, ...]  # the parameter of each placeholder, in order
    expanding: frozenset[str]
    named: bool
    binds: dict[str, Callable | None]
    defaults: dict[str, Any]
    results: tuple[tuple[int, Callable], ...]  # (column index, converter), only where one is needed


def _padded(items: list) -> list:
    """A list's items, the last repeated up to a power of two: IN lists of a few lengths
    only, so that the statements a connection prepares stay few."""
    size = 1
    while size < len(items):
        size *= 2
    return items + [items[-1]] * (size - len(items))


class Prepared:
    """One statement, compiled at most once per dialect."""

    def __init__(self, statement: sa.Executable):
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}
        #: (dialect, the padded length of each list) -> the SQL with its lists written out
        self._expanded: dict[tuple, str] = {}

    def _for(self, dialect: sa.Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _compile(self.statement, dialect)
        return compiled

    def sql_and_params(self, dialect: sa.Dialect, params: dict[str, Any]) -> tuple[str, Any]:
        """The SQL and its values for ``params``: a list (positional) or a dict (pg8000's names)."""
        compiled = self._for(dialect)
        if not compiled.expanding:
            # The common case, and the one INSERTs of many rows take once a row.
            defaults = compiled.defaults
            values = [value if convert is None else convert(value) for value, convert in (
                (params[name] if name in params else defaults[name], compiled.binds.get(name))
                for name in compiled.names)]
            if not compiled.named:
                return compiled.sql, values
            return compiled.sql, {'p%d' % index: value for index, value in enumerate(values)}
        values: list[Any] = []
        lengths = []
        for name in compiled.names:
            convert = compiled.binds.get(name)
            if name in compiled.expanding:
                items = list(params[name] if name in params else compiled.defaults[name])
                items = [convert(item) if convert else item for item in _padded(items)] \
                    if items else []
                lengths.append(len(items))
                values += items
            else:
                value = params[name] if name in params else compiled.defaults[name]
                values.append(convert(value) if convert else value)
        key = (dialect.name, tuple(lengths))
        sql = self._expanded.get(key)
        if sql is None:
            sql = self._expanded[key] = _expand(compiled, lengths)
        if not compiled.named:
            return sql, values
        return sql, dict(zip(_names(compiled, params), values, strict=True))

    def convert(self, dialect: sa.Dialect, rows: Sequence[Sequence]) -> list[Sequence]:
        """Rows as SQLAlchemy converts their values (tuples, or lists where something changed)."""
        processors = self._for(dialect).results
        if not processors:
            return rows if isinstance(rows, list) else list(rows)  # pg8000 gives a tuple
        converted = []
        for row in rows:
            row = list(row)
            for index, convert in processors:
                value = row[index]
                if value is not None:
                    row[index] = convert(value)
            converted.append(row)
        return converted

    def run(self, cursor: Any, dialect: sa.Dialect, params: dict[str, Any]) -> list[Sequence]:
        """The rows of the statement on a DBAPI cursor of a positional paramstyle."""
        sql, values = self.sql_and_params(dialect, params)
        cursor.execute(sql, values)
        return self.convert(dialect, cursor.fetchall())


def _expand(compiled: _Compiled, lengths: list[int]) -> str:
    """The SQL with each list parameter written out as that many placeholders."""
    sql = compiled.sql
    sizes = iter(lengths)
    for index, name in enumerate(compiled.names):
        if name in compiled.expanding:
            size = next(sizes)
            if compiled.named:
                marks = ', '.join(':p%d_%d' % (index, n) for n in range(size))
            else:
                marks = ', '.join('?' * size)
            sql = sql.replace('(__[POSTCOMPILE_%s])' % name, '(%s)' % (marks or 'NULL'), 1)
    return sql


def _names(compiled: _Compiled, params: dict[str, Any]) -> list[str]:
    """The ':p<n>' names of a named statement's values, expanding lists included."""
    names = []
    for index, name in enumerate(compiled.names):
        if name in compiled.expanding:
            items = params[name] if name in params else compiled.defaults[name]
            names += ['p%d_%d' % (index, n) for n in range(len(_padded(list(items))) if items else 0)]
        else:
            names.append('p%d' % index)
    return names


def _compile(statement: sa.Executable, dialect: sa.Dialect) -> _Compiled:
    if dialect.paramstyle not in ('qmark', 'format'):
        raise ValueError('prepared statements need a positional paramstyle, not %s'
                         % dialect.paramstyle)
    compiled = statement.compile(dialect=dialect)
    names = tuple(compiled.positiontup or ())
    expanding = frozenset(name for name, bind in compiled.binds.items() if bind.expanding)
    binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
             for name, bind in compiled.binds.items()}
    # Values written into the statement itself (column == 'x') are its defaults.
    defaults = {name: bind.effective_value for name, bind in compiled.binds.items()
                if not bind.required}
    processors = (_result_processor(column[3], dialect) for column in compiled._result_columns)
    results = tuple((index, convert) for index, convert in enumerate(processors) if convert)
    sql = compiled.string
    named = dialect.paramstyle == 'format'
    if named:
        # pg8000 prepares ':name' statements once and runs them in one round trip each.
        pieces = sql.replace('%%', '\0').split('%s')
        out = [pieces[0]]
        positional = [index for index, name in enumerate(names) if name not in expanding]
        for index, piece in zip(positional, pieces[1:], strict=True):
            out.append(':p%d' % index + piece)
        sql = ''.join(out).replace('\0', '%')
    return _Compiled(sql, names, expanding, named, binds, defaults, results)


def _result_processor(type_: sa.types.TypeEngine, dialect: sa.Dialect) -> Callable | None:
    if dialect.name == 'sqlite' and isinstance(type_, sa.DateTime) and not type_.timezone:
        # SQLAlchemy stores 'YYYY-MM-DD HH:MM:SS.ffffff' there; its reader is a regular
        # expression in Python, ten times slower than the C one for the same format.
        return datetime.datetime.fromisoformat
    try:
        return type_.dialect_impl(dialect).result_processor(dialect, None)
    except (TypeError, sa.exc.InvalidRequestError):
        # pg8000's numeric processors want the column's wire type; pg8000 itself gives
        # floats for the float columns we read, so nothing is to be converted.
        return None


class Snapshot:
    """Prepared reads on one connection, in one read transaction: ``read(prepared, **params)``.

    On PostgreSQL (pg8000) each statement is prepared on the connection the
    first time it is seen there and then runs in one round trip, where
    pg8000's cursor would parse the SQL again and make three.
    """

    def __init__(self, connection: Any, dialect: sa.Dialect):
        self._connection = connection
        self._dialect = dialect
        self._named = dialect.paramstyle == 'format'
        self._cursor = None if self._named else connection.cursor()
        if self._named:
            dbapi = getattr(connection, 'dbapi_connection', connection)
            self._dbapi = dbapi
            cache = getattr(dbapi, '_nova_api_prepared', None)
            if cache is None:
                cache = {}
                dbapi._nova_api_prepared = cache
            self._statements: dict[str, Any] = cache

    @property
    def dialect(self) -> sa.Dialect:
        return self._dialect

    def _statement(self, sql: str) -> Any:
        statement = self._statements.get(sql)
        if statement is None:
            if len(self._statements) >= MAX_STATEMENTS_PER_CONNECTION:
                for old in self._statements.values():
                    old.close()
                self._statements.clear()
            statement = self._statements[sql] = self._dbapi.prepare(sql)
        return statement

    def __call__(self, prepared: Prepared, **params: Any) -> list[Sequence]:
        if not self._named:
            return prepared.run(self._cursor, self._dialect, params)
        sql, values = prepared.sql_and_params(self._dialect, params)
        return prepared.convert(self._dialect, self._statement(sql).run(**values))

    def many(self, statements: Sequence[tuple[Prepared, dict[str, Any]]]) -> list[list[Sequence]]:
        return [self(prepared, **params) for prepared, params in statements]

    def execute(self, prepared: Prepared, rows: Sequence[dict[str, Any]]) -> int:
        """Run a write once per parameter set; the rows it changed in all."""
        if not rows:
            return 0
        if self._named:
            changed = 0
            for row in rows:
                sql, values = prepared.sql_and_params(self._dialect, row)
                statement = self._statement(sql)
                statement.run(**values)
                changed += max(statement._context.row_count, 0)
            return changed
        sql, first = prepared.sql_and_params(self._dialect, rows[0])
        if len(rows) == 1:
            self._cursor.execute(sql, first)
        else:
            self._cursor.executemany(sql, [first] + [prepared.sql_and_params(self._dialect, row)[1]
                                                     for row in rows[1:]])
        return self._cursor.rowcount


#: Statements a PostgreSQL connection keeps prepared before it starts afresh.
MAX_STATEMENTS_PER_CONNECTION = 256


def on_session(session: Any) -> Snapshot:
    """Prepared reads and writes inside an ORM session's transaction (its connection).

    Made once per session: asking a session for its connection costs more
    than a prepared statement does. Given a Snapshot (``Database.read_prepared``'s),
    returns it: work made only of prepared reads runs on either.
    """
    if isinstance(session, Snapshot):
        return session
    snapshot = session.info.get('nova_api_prepared')
    if snapshot is None:
        connection = session.connection()
        snapshot = session.info['nova_api_prepared'] = Snapshot(connection.connection,
                                                                connection.dialect)
    return snapshot
