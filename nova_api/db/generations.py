"""Generation numbers, read on every request by the per-worker caches, at the cost of a few microseconds.

A cache of rarely written tables (the flavor catalogue) asks on each
request whether their generation (migration 0013) moved since it loaded
them. Through the pool that question costs a checkout, a BEGIN and a
ROLLBACK around a statement that itself takes 3 us: about 50 us in all,
as much as the rest of a flavor list. On SQLite a :class:`Reader` keeps a
connection of its own for it, in autocommit: each SELECT is a read
transaction of its own that sees every commit made before it, by any
process, so the answer is as current as through the pool. PostgreSQL
(a network round trip whatever the client does) and an in-memory SQLite
(private to each connection) ask through the pool, in :class:`SharedRoundTrips`:
the green threads that ask while a round trip is on its way share the next one.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from typing import Any

import sqlalchemy as sa

from nova_api.db import models
from nova_api.db import prepared

_G = models.Generation.__table__.c
GENERATION = prepared.Prepared(sa.select(_G.value).where(_G.name == sa.bindparam('name')))
EVERY_GENERATION = prepared.Prepared(sa.select(_G.name, _G.value))


def generation(read: Any, name: str) -> int | None:
    """The generation number of ``name`` through prepared reads (None before its row exists)."""
    rows = read(GENERATION, name=name)
    return rows[0][0] if rows else None


def every_generation(read: Any) -> dict[str, int]:
    """Every generation number by name, in one statement (the table has a row a cache)."""
    return dict(read(EVERY_GENERATION))


class KeptCopy:
    """What some tables hold, kept by one process while their generation stays where it was read.

    :meth:`current`, called before any read (on a database server the check
    is a read of its own, and one nested in another would hold a second
    connection), gives the copy while the number has not moved, else None.
    :meth:`load`, within a read, reads the tables again and keeps what it
    read only if no write committed meanwhile: the number read before and
    after must be the same (on PostgreSQL each prepared read is its own
    snapshot; on SQLite they share one and this always holds).
    """

    def __init__(self, database: Any, name: str):
        self._database = database
        self.name = name
        self._kept: tuple[int, Any] | None = None  # (generation, copy)

    def current(self) -> Any:
        return self.at(self._database.generation(self.name))

    def at(self, seen: int | None) -> Any:
        """The copy if it was read at generation ``seen``, a number the caller read itself, else None.

        A caller that reads the number within a statement of its own (on
        PostgreSQL one round trip fewer than :meth:`current`) is as current
        as that statement's snapshot.
        """
        kept = self._kept
        if kept is not None and seen is not None and kept[0] == seen:
            return kept[1]
        return None

    def load(self, read: Any, loader: Any) -> Any:
        seen = generation(read, self.name)
        copy = loader(read)
        if seen is not None and generation(read, self.name) == seen:
            self._kept = (seen, copy)
        return copy


class SharedRoundTrips:
    """``fetch()`` for many (green) threads at once: one round trip in flight, the next one shared.

    A worker serving a burst of flavor lists on PostgreSQL would otherwise
    send one generation SELECT per request, each holding a pooled connection
    while it waits: as many connections as requests in the burst, past the
    pool's size, each one past it opened and closed again. Here a thread
    that asks while a round trip is on its way waits for the next one and
    takes its answer, with everyone else who asked meanwhile; never the
    answer of a round trip that started before it asked, so it still sees
    every commit made before its request arrived.
    """

    def __init__(self, fetch: Any):
        self._fetch = fetch
        self._changed = threading.Condition(threading.Lock())
        self._busy = False
        self._started = 0
        self._finished = 0
        self._answer: Any = None
        self._failed = False

    def __call__(self) -> Any:
        with self._changed:
            wanted = self._started + 1  # the first round trip to start from now on
            while self._finished < wanted:
                if self._busy:
                    self._changed.wait()
                    continue
                self._busy = True
                self._started += 1
                trip = self._started
                self._changed.release()
                answer, failed = None, True
                try:
                    answer, failed = self._fetch(), False
                finally:
                    self._changed.acquire()
                    self._busy = False
                    self._finished = trip
                    self._answer, self._failed = answer, failed
                    self._changed.notify_all()
            if not self._failed:
                return self._answer
        # The shared round trip failed (and raised in the thread that made it):
        # this one asks on its own, so that it raises its own error, if any.
        return self._fetch()


class Reader:
    """One process's way of reading generation numbers; safe to share between (green) threads."""

    def __init__(self, database: Any):
        self._database = database
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid: int | None = None
        self._path = database.url.database if database.is_sqlite_file else None
        self._shared = SharedRoundTrips(lambda: database.read_prepared(every_generation))

    def __call__(self, name: str) -> int | None:
        if self._path is None:
            return self._shared().get(name)
        with self._lock:
            connection = self._own_connection()
            row = connection.execute(self._sql, (name,)).fetchone()
        return row[0] if row else None

    def _own_connection(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            # Never the parent's connection after a fork: SQLite's locks are per process.
            self._connection = sqlite3.connect(
                self._path, timeout=self._database.sqlite_busy_timeout,
                isolation_level=None, check_same_thread=False)
            self._pid = os.getpid()
            self._sql = GENERATION.sql_and_params(self._database.engine.dialect, {'name': ''})[0]
        return self._connection

    def close(self) -> None:
        """Close this process's connection (a forked child's inherited one is left alone)."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None
