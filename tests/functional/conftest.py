"""Fixtures that run the real nova-api service; daemon.py says what a NovaApiDaemon offers."""

from __future__ import annotations

import pytest

# pytest puts this folder (no __init__.py) on sys.path for its conftest.
from daemon import NovaApiDaemon
from pg_server import DATABASE_BACKENDS
from servers_client import ServersClient
from servers_client import new_project


@pytest.fixture(scope='module')
def nova_api_daemon(tmp_path_factory):
    """A NovaApiDaemon with the default test configuration, started once per test module.

    The real etc/api-paste.ini, 2 workers on a free loopback port, noauth2.
    Use ``nova_api_daemon.url + '/v2.1/...'``; ``read_log()`` and
    ``wait_for_log(text)`` for its log.
    """
    daemon = NovaApiDaemon(tmp_path_factory.mktemp('nova-api'))
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.cleanup()


@pytest.fixture
def daemon_factory(tmp_path):
    """Make NovaApiDaemon instances for one test; every one is cleaned up after it.

        daemon = daemon_factory(options={'wsgi': {'keep_alive': False}}, probe=True)

    Keyword arguments go to NovaApiDaemon; ``start=False`` returns it unstarted.
    """
    made: list[NovaApiDaemon] = []

    def make(start: bool = True, **kwargs) -> NovaApiDaemon:
        daemon = NovaApiDaemon(tmp_path / ('nova-api-%d' % len(made)), **kwargs)
        made.append(daemon)
        if start:
            daemon.start()
        return daemon

    yield make
    for daemon in made:
        daemon.cleanup()


@pytest.fixture(scope='module', params=DATABASE_BACKENDS)
def nova_api_service(request, tmp_path_factory):
    """A NovaApiDaemon for resource tests, once on each database backend, per test module.

    ``sqlite``: the embedded default, which upgrades itself on start.
    ``postgresql``: a new database on the session's PostgreSQL server,
    upgraded with the real ``nova-api-manage db sync`` before the start.
    ``nova_api_service.backend`` says which. A test module's
    ``NOVA_API_OPTIONS`` are merged into its daemons' configuration.
    """
    # A module may set NOVA_API_OPTIONS (e.g. more compute hosts) for its daemons.
    daemon = NovaApiDaemon(tmp_path_factory.mktemp('nova-api-%s' % request.param),
                           options=getattr(request.module, 'NOVA_API_OPTIONS', None))
    daemon.backend = request.param
    try:
        if request.param == 'postgresql':
            server = request.getfixturevalue('postgresql_server')
            daemon.configure({'database': {'connection': server.create_database()}})
            synced = daemon.manage('db', 'sync')
            assert synced.returncode == 0, synced.stdout + synced.stderr
        daemon.start()
        yield daemon
    finally:
        daemon.cleanup()


@pytest.fixture
def sdk(nova_api_service):
    """``sdk(user='admin', project='admin')``: an openstacksdk connection through /identity."""
    import openstack as openstack_sdk

    def connect(user: str = 'admin', project: str = 'admin'):
        return openstack_sdk.connect(
            auth_url=nova_api_service.url + '/identity', username=user, password='secret',
            project_name=project, user_domain_name='Default', project_domain_name='Default',
            identity_api_version='3')
    return connect


@pytest.fixture
def alice(nova_api_service) -> ServersClient:
    """A member of a project of this test's own, at 2.1, on the module's service."""
    return ServersClient(nova_api_service, 'alice', new_project())


@pytest.fixture
def mallory(nova_api_service) -> ServersClient:
    """A member of another project of this test's own."""
    return ServersClient(nova_api_service, 'mallory', new_project())


@pytest.fixture
def admin(nova_api_service) -> ServersClient:
    """The admin (of project ``admin``), at 2.1."""
    return ServersClient(nova_api_service, 'admin', 'admin')
