"""Generation numbers (current after any commit) and the connection SQLite reads keep out of the pool."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from nova_api.db import models

#: The tests of the reader's own connection: the embedded SQLite database alone.
sqlite_only = pytest.mark.parametrize('database_url', [None], ids=['sqlite'])


def _bump(database):
    database.write(lambda session: session.execute(
        sa.update(models.Flavor.__table__).values(name=models.Flavor.name + '-x')))


def test_the_number_moves_with_the_first_read_after_a_commit(database):
    before = database.generation('flavors')
    assert before is not None
    _bump(database)
    assert database.generation('flavors') > before


def test_an_unknown_name_has_no_number(database):
    assert database.generation('no-such-tables') is None


@sqlite_only
def test_a_commit_by_another_process_is_seen_at_once_on_sqlite(database_url, database):
    before = database.generation('flavors')
    # Another process: a plain sqlite3 connection of its own, outside the application.
    other = sqlite3.connect(database.url.database, isolation_level=None)
    other.execute("UPDATE flavors SET name = name || '-y'")
    other.close()
    assert database.generation('flavors') > before


@sqlite_only
def test_on_sqlite_the_check_takes_no_pooled_connection(database_url, database, monkeypatch):
    database.generation('flavors')
    monkeypatch.setattr(database, 'read_prepared', lambda *args: 1 / 0)
    assert database.generation('flavors') is not None


@sqlite_only
def test_a_forked_child_opens_a_connection_of_its_own(database_url, database, monkeypatch):
    database.generation('flavors')
    inherited = database.generation._connection
    monkeypatch.setattr('os.getpid', lambda: -1)
    database.generation('flavors')
    assert database.generation._connection is not inherited
    inherited.close()


@sqlite_only
def test_prepared_reads_on_sqlite_take_no_pooled_connection_unless_one_is_in_use(
        database_url, database, monkeypatch):
    checkouts = []
    real = database.engine.raw_connection
    monkeypatch.setattr(database.engine, 'raw_connection',
                        lambda: checkouts.append(1) or real())
    database.read_prepared(lambda read: None)
    database.read_prepared(lambda read: None)
    assert len(checkouts) == 1  # the connection the process keeps
    # Work nested in another read finds the kept one busy and takes one from the pool.
    assert database.read_prepared(lambda read: database.read_prepared(lambda inner: 7)) == 7
    assert len(checkouts) == 2
