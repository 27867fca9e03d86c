"""Engines and transactions: one :class:`Database` per configuration, one engine per process.

Every unit of work is a function of a SQLAlchemy session run by
:meth:`Database.read` or :meth:`Database.write`, which commit it as one short
transaction and run it again after a transient failure:

    def _rename(session, flavor_id, name): ...
    database.write(_rename, flavor_id, 'm1.huge')

The engine is built on first use in each process and never crosses a fork:
a child that inherits one builds its own (the service forks its workers
after the parent checked the schema).

SQLite, the embedded default, is made safe for several worker processes:
WAL (readers never block the writer), a busy timeout, ``BEGIN IMMEDIATE``
for write transactions so that a read-then-write never fails half-way on a
lock upgrade, and one writer at a time within a process, so that a green
thread waiting for the lock cannot stall the one that holds it. PostgreSQL
goes through pg8000, a pure-Python driver whose socket I/O yields to other
green threads, so one slow query does not freeze a worker.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any
from typing import TypeVar

import re2
import sqlalchemy as sa
from oslo_config import cfg
from sqlalchemy import event
from sqlalchemy import orm

from nova_api.conf import paths
from nova_api.db import generations
from nova_api.db import prepared

LOG = logging.getLogger(__name__)
T = TypeVar('T')

EMBEDDED_FILE = 'nova_api.sqlite'
#: The execution option through which a write transaction asks for BEGIN IMMEDIATE.
_SQLITE_BEGIN = 'nova_api_sqlite_begin'
#: SQLSTATEs after which PostgreSQL asks the client to run the transaction again.
_RETRY_SQLSTATES = frozenset(('40001', '40P01'))  # serialization failure, deadlock


def connection_url(conf: cfg.ConfigOpts) -> str:
    """``[database] connection``, or the embedded SQLite file under ``state_path``."""
    if conf.database.connection:
        return conf.database.connection
    return 'sqlite:///' + paths.state_path(conf, EMBEDDED_FILE)


def is_embedded(conf: cfg.ConfigOpts) -> bool:
    """True for the embedded default, which creates and upgrades itself."""
    return not conf.database.connection


class Database:
    """The database of one configuration; safe to share between green threads."""

    def __init__(self, conf: cfg.ConfigOpts):
        self.url = sa.engine.make_url(connection_url(conf))
        self.embedded = is_embedded(conf)
        self._options = conf.database
        self._engine: sa.Engine | None = None
        self._writer: sa.Engine | None = None
        self._pid: int | None = None
        self._write_lock = threading.Lock()
        self._kept: Any = None
        self._kept_lock = threading.Lock()
        self._read_permits = threading.BoundedSemaphore(self._options.max_pool_size)
        self._permit_holders: set[int] = set()
        #: ``generation(name)``: the number a per-worker cache checks on every request.
        self.generation = generations.Reader(self)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == 'sqlite'

    @property
    def is_sqlite_file(self) -> bool:
        """SQLite in a file, which every connection of every process shares (not ``:memory:``)."""
        return self.is_sqlite and self.url.database not in (None, '', ':memory:')

    @property
    def sqlite_busy_timeout(self) -> float:
        return self._options.sqlite_busy_timeout

    @property
    def engine(self) -> sa.Engine:
        """This process's engine, built on first use (and again after a fork)."""
        if self._engine is None or self._pid != os.getpid():
            if self._engine is not None:
                # Inherited from the parent: leave its connections to the parent.
                self._engine.dispose(close=False)
            self._engine = self._create_engine()
            self._writer = self._engine.execution_options(**{_SQLITE_BEGIN: 'BEGIN IMMEDIATE'})
            self._pid = os.getpid()
            self._write_lock = threading.Lock()
            self._kept = None
            self._kept_lock = threading.Lock()
            self._read_permits = threading.BoundedSemaphore(self._options.max_pool_size)
            self._permit_holders = set()
        return self._engine

    @property
    def writer(self) -> sa.Engine:
        """The engine for write transactions (BEGIN IMMEDIATE on SQLite)."""
        self.engine  # noqa: B018 - builds both engines
        assert self._writer is not None
        return self._writer

    def dispose(self) -> None:
        """Close this process's connections (before forking, or at exit)."""
        if self._engine is not None and self._pid == os.getpid():
            if self._kept is not None:
                self._kept.close()
            self._engine.dispose()
        self._kept = None
        self._engine = self._writer = None
        self.generation.close()

    def read(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``work(session, ...)`` in a read-only transaction."""
        return self._run(self.engine, work, args, kwargs)

    def read_prepared(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``work(read, ...)`` with prepared reads (nova_api.db.prepared) on a raw pooled connection.

        The hot read paths' way around the ORM session, a fraction of its
        cost per statement. On SQLite ``work`` sees one snapshot (a read
        transaction); on PostgreSQL each statement runs on its own
        (autocommit), which saves the two round trips of BEGIN and ROLLBACK
        that a page or a show would otherwise pay. A connection that turns
        out to be dead is dropped and the work is run once more on another.

        On a SQLite file the work runs on a connection the process keeps out
        of the pool for it, whenever no other work holds that one: a pool
        checkout and check-in cost more than the statements of a keypair list.

        On a database server at most ``[database] max_pool_size`` reads of a
        worker hold a connection at once; a read past them waits for one to
        finish. Otherwise a burst of reads (every green thread's request
        waiting on its round trip) opens connections past the pool's size,
        and the pool closes each one past it when it comes back: a new
        server connection (a PostgreSQL backend process, a TLS probe) for
        every read of every burst.
        """
        if self.is_sqlite_file:
            self.engine  # noqa: B018 - in a forked child, its own engine, lock and connection
            lock = self._kept_lock
            if lock.acquire(blocking=False):
                try:
                    return self._read_kept(work, args, kwargs)
                finally:
                    lock.release()
        if self.is_sqlite:
            return self._read_pooled(work, args, kwargs)
        self.engine  # noqa: B018 - in a forked child, its own permits
        holder = threading.get_ident()  # the green thread's, in a worker
        if holder in self._permit_holders:
            return self._read_pooled(work, args, kwargs)  # a read within a read: its permit holds
        permits = self._read_permits
        if not permits.acquire(timeout=self._options.pool_timeout):
            raise sa.exc.TimeoutError('No database connection was free for a read within %d s'
                                      % self._options.pool_timeout)
        self._permit_holders.add(holder)
        try:
            return self._read_pooled(work, args, kwargs)
        finally:
            self._permit_holders.discard(holder)
            permits.release()

    def _read_pooled(self, work: Callable[..., T], args: tuple, kwargs: dict) -> T:
        for attempt in (1, 2):
            connection = self.engine.raw_connection()
            dbapi = connection.dbapi_connection
            try:
                if self.is_sqlite:
                    # The sqlite3 module leaves transactions to us (see _prepare_sqlite).
                    dbapi.execute('BEGIN')
                else:
                    dbapi.autocommit = True
                return work(prepared.Snapshot(connection, self.engine.dialect), *args, **kwargs)
            except Exception as exc:
                if attempt == 1 and self.engine.dialect.is_disconnect(exc, dbapi, None):
                    LOG.warning('The database connection was lost (%s); trying another', exc)
                    connection.invalidate()
                    continue
                raise
            finally:
                if connection.dbapi_connection is not None:
                    if self.is_sqlite:
                        dbapi.rollback()
                    else:
                        dbapi.autocommit = False
                connection.close()
        raise AssertionError('unreachable')  # pragma: no cover

    def _read_kept(self, work: Callable[..., T], args: tuple, kwargs: dict) -> T:
        engine = self.engine
        if self._kept is None:
            self._kept = engine.raw_connection()
        dbapi = self._kept.dbapi_connection
        dbapi.execute('BEGIN')
        try:
            return work(prepared.Snapshot(self._kept, engine.dialect), *args, **kwargs)
        finally:
            dbapi.rollback()

    def write(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``work(session, ...)`` in a write transaction, committed when it returns.

        Anything ``work`` raises rolls everything back. A transient failure
        (a lock timeout, a serialization failure) runs ``work`` again, up to
        ``[database] max_retries`` times.
        """
        writer = self.writer
        if not self.is_sqlite:
            return self._run(writer, work, args, kwargs)
        with self._write_lock:
            return self._run(writer, work, args, kwargs)

    def _run(self, engine: sa.Engine, work: Callable[..., T], args: tuple, kwargs: dict) -> T:
        attempt = 0
        while True:
            try:
                with orm.Session(engine, expire_on_commit=False) as session, session.begin():
                    return work(session, *args, **kwargs)
            except sa.exc.DBAPIError as exc:
                # A connection found dead (the server restarted) is dropped by SQLAlchemy:
                # run the work again on a new one, as for a transient failure.
                retry = is_transient(exc) or exc.connection_invalidated
                if attempt >= self._options.max_retries or not retry:
                    raise
                attempt += 1
                LOG.warning('Transient database error (%s); running the transaction again, '
                            'attempt %d of %d', exc.orig, attempt, self._options.max_retries)
                time.sleep(min(0.05 * 2 ** attempt, 1.0))

    def _create_engine(self) -> sa.Engine:
        options = self._options
        kwargs: dict[str, Any] = {'echo': options.connection_debug}
        if self.is_sqlite:
            path = self.url.database
            if path and path != ':memory:':
                os.makedirs(os.path.dirname(os.path.abspath(path)), mode=0o700, exist_ok=True)
            kwargs['connect_args'] = {'timeout': options.sqlite_busy_timeout}
        else:
            kwargs.update(pool_size=options.max_pool_size, max_overflow=options.max_overflow,
                          pool_timeout=options.pool_timeout)
        engine = sa.create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _prepare_sqlite(engine)
        else:
            event.listen(engine, 'connect', _prepare_pg8000)
        return engine


def _prepare_pg8000(dbapi_connection: Any, connection_record: Any) -> None:
    """A new pg8000 connection: TCP_NODELAY on its socket, which pg8000 leaves to Nagle, and
    timestamps read in C.

    pg8000 writes a statement's messages one by one; with Nagle's algorithm
    and the server's delayed acknowledgements, the last small write waits up
    to 40 ms for the first to be acknowledged (measured: a page of servers
    took 58 ms, 5 of them in PostgreSQL).
    """
    sock = getattr(dbapi_connection, '_usock', None)
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    # pg8000 reads timestamps with strptime (~10 us each, five a server in a list);
    # PostgreSQL's text form is what fromisoformat reads, in C.
    register = getattr(dbapi_connection, 'register_in_adapter', None)
    if register is not None:
        register(_TIMESTAMP_OID, _timestamp_in)


#: PostgreSQL's type oid of ``timestamp without time zone``.
_TIMESTAMP_OID = 1114


def _timestamp_in(text: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:  # 'infinity' and the like: pg8000's own reading
        from pg8000 import converters

        return converters.timestamp_in(text)


def _prepare_sqlite(engine: sa.Engine) -> None:
    @event.listens_for(engine, 'connect')
    def on_connect(dbapi_connection, connection_record):
        # Take transactions out of the sqlite3 module's hands: it would BEGIN
        # lazily, and only DEFERRED. The 'begin' hook below says which.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute('PRAGMA journal_mode=WAL')
            cursor.execute('PRAGMA synchronous=NORMAL')
            cursor.execute('PRAGMA foreign_keys=ON')
        finally:
            cursor.close()
        # REGEXP in RE2 rather than Python's re (which SQLAlchemy would
        # register): linear time, so that no pattern can stall a worker.
        dbapi_connection.create_function('regexp', 2, _regexp, deterministic=True)

    @event.listens_for(engine, 'begin')
    def on_begin(connection):
        connection.exec_driver_sql(connection.get_execution_options().get(_SQLITE_BEGIN, 'BEGIN'))


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str):
    return re2.compile(pattern)


def _regexp(pattern: str | None, value: object) -> bool:
    """SQLite's ``value REGEXP pattern``: a search, as MySQL's and PostgreSQL's are."""
    if pattern is None or value is None:
        return False
    try:
        return _compiled(pattern).search(str(value)) is not None
    except re2.error:
        return False


def is_transient(exc: sa.exc.DBAPIError) -> bool:
    """True for failures that running the transaction again can cure."""
    orig = exc.orig
    text = str(orig).lower()
    if 'database is locked' in text or 'database is busy' in text:
        return True
    return sqlstate(exc) in _RETRY_SQLSTATES


def sqlstate(exc: sa.exc.DBAPIError) -> str | None:
    """The SQLSTATE the server gave a failed statement (PostgreSQL); None if it gave none."""
    orig = exc.orig
    code = getattr(orig, 'sqlstate', None) or getattr(orig, 'pgcode', None)
    if code is None and orig is not None and orig.args and isinstance(orig.args[0], dict):
        code = orig.args[0].get('C')  # pg8000 puts the server's fields in a dict
    return code


def is_out_of_range(exc: BaseException) -> bool:
    """True when a statement failed on a number its column or parameter cannot hold.

    SQLite binds integers of 64 bits at most (OverflowError, before the
    statement runs); PostgreSQL refuses a parameter beyond its column's type
    (``integer`` is 32 bits) with SQLSTATE 22003.
    """
    if isinstance(exc, OverflowError):
        return True
    return isinstance(exc, sa.exc.DBAPIError) and sqlstate(exc) == '22003'


def is_duplicate(exc: sa.exc.IntegrityError) -> bool:
    """True when an IntegrityError is a unique constraint (rather than, say, a foreign key)."""
    text = str(exc.orig).lower()
    return 'unique' in text or 'duplicate' in text


def lock(session: orm.Session, key: str) -> None:
    """Serialize, until this transaction ends, every transaction that locks ``key``.

    For read-count-then-write sequences such as quota checks. On PostgreSQL
    it is a transaction-level advisory lock; on SQLite write transactions
    are already serial (BEGIN IMMEDIATE), so there is nothing more to do.
    """
    if session.get_bind().dialect.name == 'postgresql':
        digest = hashlib.blake2b(key.encode('utf-8'), digest_size=8).digest()
        session.execute(sa.text('SELECT pg_advisory_xact_lock(:key)'),
                        {'key': int.from_bytes(digest, 'big', signed=True)})
