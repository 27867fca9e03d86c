"""Accepted work is never lost: a worker killed mid-build, or the whole service restarted, and the
servers still reach ACTIVE, each build done once. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal

import pytest
import sqlalchemy as sa
from daemon import wait_until
from servers_client import ServersClient
from test_concurrency import start

#: Builds slow enough to be caught half-way, leases short enough to expire within the test.
OPTIONS = {'simulated_driver': {'build_seconds': 3},
           'task_runner': {'lease_seconds': 1, 'poll_interval': 0.05}}


def _boot_six(daemon) -> list[str]:
    client = ServersClient(daemon, 'durable', 'd00d')
    return [client.boot('durable-%d' % index).json()['server']['id'] for index in range(6)]


def _build_events(daemon) -> list[tuple[str, str]]:
    """(server, result) of every finished build event: a build done twice would show twice."""
    url = daemon.options.get('database', {}).get('connection') or (
        'sqlite:///%s' % (daemon.workdir / 'state' / 'nova_api.sqlite'))
    engine = sa.create_engine(str(url))
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT a.instance_uuid, e.result FROM instance_actions_events e "
                "JOIN instance_actions a ON a.id = e.action_id "
                "WHERE e.event = 'compute__do_build_and_run_instance' AND e.finish_time IS NOT NULL"))
            return sorted((row[0], row[1]) for row in rows)
    finally:
        engine.dispose()


@pytest.mark.parametrize('backend', ['sqlite', 'postgresql'])
def test_a_worker_killed_while_six_servers_build_leaves_them_all_active(
        daemon_factory, request, backend):
    daemon = start(daemon_factory, backend, request, OPTIONS)
    ids = _boot_six(daemon)
    client = ServersClient(daemon, 'durable', 'd00d')
    wait_until(lambda: any(client.show(i)['OS-EXT-STS:task_state'] != 'scheduling' for i in ids),
               10, 'no build started')

    victim = daemon.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)

    client = ServersClient(daemon, 'durable', 'd00d')  # a connection to the dead worker died with it
    for server_id in ids:
        client.wait_for(server_id, 'ACTIVE', timeout=60)
    assert _build_events(daemon) == sorted((server_id, 'Success') for server_id in ids)
    assert victim not in daemon.worker_pids()


@pytest.mark.parametrize('backend', ['sqlite', 'postgresql'])
def test_servers_building_when_the_service_restarts_finish_after_it(
        daemon_factory, request, backend):
    daemon = start(daemon_factory, backend, request, OPTIONS)
    ids = _boot_six(daemon)

    daemon.signal(signal.SIGTERM)
    assert daemon.wait() == 0
    daemon.start()

    client = ServersClient(daemon, 'durable', 'd00d')
    for server_id in ids:
        client.wait_for(server_id, 'ACTIVE', timeout=60)
    assert _build_events(daemon) == sorted((server_id, 'Success') for server_id in ids)
