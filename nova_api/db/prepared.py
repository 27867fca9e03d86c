"""Prepared reads: a statement SQLAlchemy builds and compiles once per dialect, run on the raw cursor.

The hot reads (a server, the rows related to a page of servers) are the
same statement every time with other values. SQLAlchemy spends 100-200 us
a statement on building, caching and wrapping it; the database spends a
few. A :class:`Prepared` keeps SQLAlchemy where it is good (writing the SQL
for each dialect, converting values in and out: datetimes on SQLite,
booleans) and leaves it out of the per-request path::

    BY_UUID = Prepared(sa.select(table.c.name).where(table.c.uuid == sa.bindparam('uuid')))
    with database.snapshot() as read:
        rows = read(BY_UUID, uuid=server_uuid)

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
    sql: str
    names: tuple[str, ...]
    expanding: frozenset[str]
    placeholder: str
    binds: dict[str, Callable | None]
    defaults: dict[str, Any]
    results: tuple[tuple[int, Callable], ...]  # (column index, converter), only where one is needed


class Prepared:
    """One statement, compiled at most once per dialect."""

    def __init__(self, statement: sa.Executable):
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: sa.Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = _compile(self.statement, dialect)
        return compiled

    def sql_and_params(self, dialect: sa.Dialect, params: dict[str, Any]) -> tuple[str, list]:
        compiled = self._for(dialect)
        values: list[Any] = []
        sql = compiled.sql
        for name in compiled.names:
            convert = compiled.binds.get(name)
            if name in compiled.expanding:
                items = list(params[name] if name in params else compiled.defaults[name])
                values += [convert(item) if convert else item for item in items]
                sql = sql.replace('(__[POSTCOMPILE_%s])' % name, '(%s)' % (
                    ', '.join([compiled.placeholder] * len(items)) if items else 'NULL'), 1)
            else:
                value = params[name] if name in params else compiled.defaults[name]
                values.append(convert(value) if convert else value)
        return sql, values

    def run(self, cursor: Any, dialect: sa.Dialect, params: dict[str, Any]) -> list[Sequence]:
        """The rows of the statement (tuples, or lists where values were converted as
        SQLAlchemy converts them)."""
        sql, values = self.sql_and_params(dialect, params)
        cursor.execute(sql, values)
        rows = cursor.fetchall()
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


def _compile(statement: sa.Executable, dialect: sa.Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    names = tuple(compiled.positiontup or ())
    expanding = frozenset(name for name, bind in compiled.binds.items() if bind.expanding)
    placeholder = '?' if dialect.paramstyle == 'qmark' else '%s'
    binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
             for name, bind in compiled.binds.items()}
    # Values written into the statement itself (column == 'x') are its defaults.
    defaults = {name: bind.effective_value for name, bind in compiled.binds.items()
                if not bind.required}
    processors = (_result_processor(column[3], dialect) for column in compiled._result_columns)
    results = tuple((index, convert) for index, convert in enumerate(processors) if convert)
    sql = compiled.string
    if dialect.paramstyle not in ('qmark', 'format'):
        raise ValueError('prepared statements need a positional paramstyle, not %s'
                         % dialect.paramstyle)
    return _Compiled(sql, names, expanding, placeholder, binds, defaults, results)


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
    """Prepared reads on one connection, in one read transaction: ``read(prepared, **params)``."""

    def __init__(self, connection: Any, dialect: sa.Dialect):
        self._connection = connection
        self._dialect = dialect
        self._cursor = connection.cursor()

    @property
    def dialect(self) -> sa.Dialect:
        return self._dialect

    def __call__(self, prepared: Prepared, **params: Any) -> list[Sequence]:
        return prepared.run(self._cursor, self._dialect, params)

    def many(self, statements: Sequence[tuple[Prepared, dict[str, Any]]]) -> list[list[Sequence]]:
        return [prepared.run(self._cursor, self._dialect, params) for prepared, params in statements]

    def execute(self, prepared: Prepared, rows: Sequence[dict[str, Any]]) -> int:
        """Run a write once per parameter set, in one call; the rows it changed in all."""
        if not rows:
            return 0
        sql, _ = prepared.sql_and_params(self._dialect, rows[0])
        if len(rows) == 1:
            self._cursor.execute(sql, prepared.sql_and_params(self._dialect, rows[0])[1])
            return self._cursor.rowcount
        changed = 0
        if self._dialect.name == 'sqlite':
            self._cursor.executemany(sql, [prepared.sql_and_params(self._dialect, row)[1]
                                           for row in rows])
            return self._cursor.rowcount
        for row in rows:  # pg8000's executemany loops too, without adding the row counts up
            self._cursor.execute(sql, prepared.sql_and_params(self._dialect, row)[1])
            changed += self._cursor.rowcount
        return changed


def on_session(session: Any) -> Snapshot:
    """Prepared reads inside an ORM session's transaction (its connection, its snapshot)."""
    connection = session.connection()
    return Snapshot(connection.connection.dbapi_connection, connection.dialect)
