"""The service and its database: self-upgrading embedded SQLite, the schema check, nova-api-manage,
and PostgreSQL queries that do not hold up a worker's other requests."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import time

import pytest
import requests

from nova_api.db import migration

ADMIN = {'X-Auth-Token': 'admin:6f70656e737461636b'}


def test_the_embedded_database_creates_and_upgrades_itself_on_first_start(daemon_factory):
    daemon = daemon_factory()

    assert (daemon.workdir / 'state' / 'nova_api.sqlite').is_file()
    version = daemon.manage('db', 'version')
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == migration.head_revision()
    flavors = requests.get(daemon.url + '/v2.1/flavors', headers=ADMIN, timeout=10)
    assert flavors.status_code == 200
    assert 'm1.tiny' in [flavor['name'] for flavor in flavors.json()['flavors']]


def test_a_configured_database_that_is_behind_stops_the_start_and_says_what_to_run(daemon_factory,
                                                                                   tmp_path):
    url = 'sqlite:///%s' % (tmp_path / 'configured.sqlite')
    daemon = daemon_factory(start=False, options={'database': {'connection': url}})

    with pytest.raises(RuntimeError):
        daemon.start(timeout=20)
    assert daemon.wait(timeout=20) == 1
    console = daemon.read_console() + daemon.read_log()
    assert 'has no schema yet; run "nova-api-manage --config-file %s db sync"' % daemon.config_file \
        in console
    assert 'Traceback' not in console

    synced = daemon.manage('db', 'sync')
    assert synced.returncode == 0, synced.stderr
    assert 'is at revision %s' % migration.head_revision() in synced.stdout
    daemon.start()
    assert requests.get(daemon.url + '/v2.1/flavors', headers=ADMIN, timeout=10).status_code == 200


def test_a_reload_onto_a_database_without_a_schema_keeps_serving_and_says_what_to_run(
        daemon_factory, tmp_path):
    # The preparation runs in a child of the supervisor: its answer, not a stray process.
    daemon = daemon_factory(probe=True)
    workers = daemon.worker_pids()

    daemon.configure({'database': {'connection': 'sqlite:///%s' % (tmp_path / 'empty.sqlite')}})
    daemon.signal(signal.SIGHUP)

    daemon.wait_for_log('Reload failed, keeping the current configuration and workers')
    assert 'has no schema yet; run "nova-api-manage --config-file %s db sync"' % (
        daemon.config_file) in daemon.read_log()
    assert daemon.worker_pids() == workers
    assert not [pid for pid in os.listdir('/proc') if pid.isdigit() and _zombie_of(int(pid), daemon.pid)]
    assert requests.get(daemon.url + '/v2.1/flavors', headers=ADMIN, timeout=10).status_code == 200


def _zombie_of(pid: int, parent: int) -> bool:
    try:
        with open('/proc/%d/stat' % pid) as stat:
            fields = stat.read().rsplit(')', 1)[1].split()
    except OSError:
        return False
    return fields[0] == 'Z' and int(fields[1]) == parent


def test_db_sync_reports_a_database_it_cannot_reach(daemon_factory):
    daemon = daemon_factory(start=False, options={
        'database': {'connection': 'postgresql+pg8000://nobody@127.0.0.1:1/nothing'}})

    result = daemon.manage('db', 'sync')

    assert result.returncode == 1
    assert 'nova-api-manage: error:' in result.stderr
    assert 'Traceback' not in result.stderr


def test_a_slow_query_does_not_hold_up_other_requests_in_the_same_worker(daemon_factory,
                                                                         postgresql_server):
    """One worker, one green thread stuck in PostgreSQL; another request of the same worker is served.

    The key_pairs table is locked by the test, so GET /os-keypairs waits
    inside a query. With a driver that blocked the process (a C driver without
    green I/O), the flavors request behind it would wait as long. (Not the
    other way round: flavors come from the worker's cache.)
    """
    daemon = daemon_factory(start=False, workers=1, options={
        'database': {'connection': postgresql_server.create_database()}})
    assert daemon.manage('db', 'sync').returncode == 0
    daemon.start()
    session = requests.Session()  # warm: the worker has its pool and schema caches
    assert session.get(daemon.url + '/v2.1/os-keypairs', headers=ADMIN, timeout=10).status_code == 200

    database = daemon.options['database']['connection'].rsplit('/', 1)[1]
    locker = postgresql_server.connect(database)
    locker.run('BEGIN')
    locker.run('LOCK TABLE key_pairs IN ACCESS EXCLUSIVE MODE')
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        try:
            slow = pool.submit(requests.get, daemon.url + '/v2.1/os-keypairs', headers=ADMIN, timeout=30)
            time.sleep(0.5)  # the slow request is now waiting for the lock
            # Were the worker blocked, this would wait for the lock, which is
            # only released below: it would time out instead.
            other = requests.get(daemon.url + '/v2.1/flavors', headers=ADMIN, timeout=15)
            assert not slow.done(), 'the locked query should still be waiting'
        finally:
            locker.run('ROLLBACK')
            locker.close()
        assert slow.result().status_code == 200
    assert other.status_code == 200
