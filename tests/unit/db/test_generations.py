"""Generation numbers (current after any commit) and the connection SQLite reads keep out of the pool."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa

from nova_api.db import generations
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


class Trips:
    """A fetch whose first round trip stays on its way until released; counts the round trips."""

    def __init__(self, fail: bool = False) -> None:
        self.count = 0
        self.fail = fail
        self.release = threading.Event()

    def __call__(self) -> int:
        self.count += 1
        trip = self.count
        if trip == 1:
            self.release.wait(10)
            if self.fail:
                raise RuntimeError('the shared round trip failed')
        return trip


def _ask_while_the_first_trip_is_on_its_way(shared, trips, askers=3):
    answers, errors = [], []

    def ask(into):
        try:
            into.append(shared())
        except RuntimeError as exc:
            errors.append(exc)
    first = threading.Thread(target=ask, args=(answers,))
    first.start()
    while trips.count == 0:
        time.sleep(0.001)
    later = []
    threads = [threading.Thread(target=ask, args=(later,)) for _ in range(askers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    while len(shared._changed._waiters) < askers and time.monotonic() < deadline:
        time.sleep(0.001)
    trips.release.set()
    for thread in [first, *threads]:
        thread.join(10)
    return answers, later, errors


def test_who_asks_while_a_round_trip_is_on_its_way_shares_the_next_one():
    trips = Trips()
    shared = generations.SharedRoundTrips(trips)
    first, later, errors = _ask_while_the_first_trip_is_on_its_way(shared, trips)
    # The first asker gets the first trip; the three who asked during it, never
    # that (older) answer, but all the one round trip that started after them.
    assert (first, later, errors, trips.count) == ([1], [2, 2, 2], [], 2)


def test_a_failed_shared_round_trip_fails_its_own_asker_and_the_others_ask_again():
    trips = Trips(fail=True)
    shared = generations.SharedRoundTrips(trips)
    first, later, errors = _ask_while_the_first_trip_is_on_its_way(shared, trips, askers=1)
    assert (first, later, [str(e) for e in errors]) == ([], [2], ['the shared round trip failed'])


def test_one_asker_alone_makes_one_round_trip_each_time():
    trips = Trips()
    trips.release.set()
    shared = generations.SharedRoundTrips(trips)
    assert [shared(), shared(), shared()] == [1, 2, 3]


def test_a_kept_copy_is_given_for_the_number_it_was_read_at_and_no_other(database):
    kept = generations.KeptCopy(database, 'flavors')
    copy = database.read_prepared(lambda read: kept.load(read, lambda read: {'kept': True}))
    seen = database.read_prepared(generations.generation, 'flavors')

    assert kept.at(seen) is copy
    assert kept.current() is copy
    assert kept.at(seen + 1) is None
    assert kept.at(None) is None
    _bump(database)
    assert kept.current() is None
