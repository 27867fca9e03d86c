"""Transactions, retries and the schema check, on each backend."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from nova_api.db import database as db_database
from nova_api.db import generations
from nova_api.db import migration
from nova_api.db import models


def _add_keypair(session, name):
    session.add(models.KeyPair(name=name, user_id='alice', fingerprint='f', public_key='p', type='ssh'))


def _keypair_names(session):
    return sorted(session.scalars(sa.select(models.KeyPair.name)))


def test_a_write_commits_when_the_work_returns(database):
    database.write(_add_keypair, 'one')

    assert database.read(_keypair_names) == ['one']


def test_a_write_rolls_everything_back_when_the_work_raises(database):
    def half_written(session):
        _add_keypair(session, 'first')
        session.flush()
        raise ValueError('changed my mind')

    try:
        database.write(half_written)
    except ValueError:
        pass

    assert database.read(_keypair_names) == []


def test_a_unique_constraint_is_recognised_as_a_duplicate(database):
    database.write(_add_keypair, 'twin')
    try:
        database.write(_add_keypair, 'twin')
    except sa_exc.IntegrityError as exc:
        assert db_database.is_duplicate(exc)
    else:
        raise AssertionError('the second insert should violate the unique constraint')


def test_a_transient_failure_runs_the_work_again(database):
    attempts = []

    def flaky(session):
        attempts.append(1)
        if len(attempts) < 3:
            raise sa_exc.OperationalError('INSERT', {}, Exception('database is locked'))
        _add_keypair(session, 'third-time')

    database.write(flaky)

    assert len(attempts) == 3
    assert database.read(_keypair_names) == ['third-time']


def test_a_permanent_failure_is_not_retried(database):
    attempts = []

    def broken(session):
        attempts.append(1)
        raise sa_exc.OperationalError('SELECT', {}, Exception('no such table: nothing'))

    try:
        database.write(broken)
    except sa_exc.OperationalError:
        pass
    assert len(attempts) == 1


def test_the_migrated_schema_is_current_and_matches_the_models(database):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    migration.check_current(database, 'nova-api-manage')
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), models.Base.metadata)
    assert differences == []


def test_the_default_flavors_are_seeded(database):
    names = database.read(lambda s: sorted(s.scalars(sa.select(models.Flavor.name))))

    assert 'm1.tiny' in names and 'ds4G' in names and len(names) == 10


CIRROS_ID = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'


def _image_name(database, image_id=CIRROS_ID):
    return database.read(lambda s: s.scalar(sa.select(models.Image.name).where(models.Image.id == image_id)))


def _set_image_name(database, name, image_id=CIRROS_ID):
    with database.writer.begin() as connection:
        connection.execute(sa.update(models.Image).where(models.Image.id == image_id).values(name=name))


def _migrate(database, direction, revision):
    from alembic import command

    with database.writer.begin() as connection:
        getattr(command, direction)(migration._config(connection), revision)


def test_the_seeded_cirros_image_is_named_cirros(database):
    # So that `openstack server create --image cirros ...` (issue 10) finds it.
    assert _image_name(database) == 'cirros'


def test_the_cirros_rename_is_undone_by_its_downgrade(database):
    _migrate(database, 'downgrade', '0013')
    assert _image_name(database) == 'cirros-0.6.3-x86_64-disk'  # the name 0002 seeded

    _migrate(database, 'upgrade', 'head')
    assert _image_name(database) == 'cirros'


def test_the_cirros_rename_keeps_a_name_the_operator_chose(database):
    _migrate(database, 'downgrade', '0013')
    _set_image_name(database, 'cirros-for-ci')

    _migrate(database, 'upgrade', 'head')
    assert _image_name(database) == 'cirros-for-ci'

    _migrate(database, 'downgrade', '0013')
    assert _image_name(database) == 'cirros-for-ci'


def test_the_engine_is_rebuilt_in_a_forked_child(database, monkeypatch):
    parent_engine = database.engine
    monkeypatch.setattr(db_database.os, 'getpid', lambda: -1)

    assert database.engine is not parent_engine


def test_sqlite_runs_in_wal_mode_with_write_transactions_begun_immediate(make_conf):
    conf = make_conf()
    database = db_database.Database(conf)
    statements = []
    sa.event.listen(database.engine, 'before_cursor_execute',
                    lambda conn, cursor, statement, *args: statements.append(statement))
    database.write(lambda session: session.execute(sa.text('SELECT 1')))
    database.read(lambda session: session.execute(sa.text('SELECT 1')))

    assert database.read(lambda s: s.execute(sa.text('PRAGMA journal_mode')).scalar()) == 'wal'
    assert statements[:2] == ['BEGIN IMMEDIATE', 'SELECT 1']
    assert 'BEGIN' in statements[2:]
    database.dispose()


#: Tests of what only a database server's pool does.
postgresql_only = pytest.mark.parametrize('database_url', ['postgresql'], indirect=True)


@postgresql_only
def test_a_burst_of_reads_holds_no_more_server_connections_than_the_pool_keeps(database):
    database.engine  # noqa: B018 - this process's engine and permits
    database._read_permits = threading.BoundedSemaphore(2)
    holding, most = [], []

    def work(read):
        holding.append(1)
        most.append(len(holding))
        time.sleep(0.05)  # a slow statement, as a worker's green threads wait on theirs
        holding.pop()
        return read(generations.GENERATION, name='flavors')[0][0]
    threads = [threading.Thread(target=database.read_prepared, args=(work,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(most) == 8 and max(most) == 2
    assert database.engine.pool.overflow() <= 0  # nothing opened past the pool's size


@postgresql_only
def test_a_read_within_a_read_does_not_wait_for_a_second_permit(database):
    database.engine  # noqa: B018
    database._read_permits = threading.BoundedSemaphore(1)
    assert database.read_prepared(lambda read: database.read_prepared(lambda inner: 7)) == 7
