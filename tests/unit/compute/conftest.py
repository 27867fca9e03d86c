"""Fixtures of the compute-layer tests: a Compute on each backend, callers, and a runner that turns."""

from __future__ import annotations

import datetime

import pytest

from nova_api import compute as compute_layer
from nova_api import context as nova_context
from nova_api.compute.servers import boot
from nova_api.db import prepared
from nova_api.objects import server_changes

CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
UBUNTU = '5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02'


def make_caller(user: str = 'alice', project: str = 'demo', admin: bool = False):
    return nova_context.RequestContext(user_id=user, project_id=project,
                                       roles=['admin'] if admin else ['member', 'reader'],
                                       request_id='req-%s' % user)


@pytest.fixture
def caller():
    """``caller(user='alice', project='demo', admin=False)``: a RequestContext."""
    return make_caller


@pytest.fixture
def make_compute(make_conf, database):
    """A Compute on each backend: ``make_compute(overrides)``; hosts cmp1 (nova) and cmp2 (az2)."""
    def make(overrides=None):
        options = {'DEFAULT': {'compute_hosts': ['cmp1', 'cmp2:az2']}}
        for group, values in (overrides or {}).items():
            options.setdefault(group, {}).update(values)
        made = compute_layer.Compute(make_conf(overrides=options), database)
        # Seeded now, as a daemon's first request would: not inside a test's simulated clock.
        made.network.ensure_seeded()
        return made
    return make


@pytest.fixture
def prepared_statements(monkeypatch) -> list:
    """The prepared statements (db.prepared) run from now on, in order."""
    seen: list = []
    real_call = prepared.Snapshot.__call__

    def counted(read, statement, **params):
        seen.append(statement)
        return real_call(read, statement, **params)
    monkeypatch.setattr(prepared.Snapshot, '__call__', counted)
    return seen


@pytest.fixture
def compute(make_compute):
    """A Compute with the default simulated durations (steps are driven by a Clock)."""
    return make_compute()


@pytest.fixture
def boot_server(compute):
    """Boot servers as a caller: ``boot_server(name='web', ...)``; returns the created Servers."""
    def make(ctx=None, **fields):
        fields.setdefault('name', 'web')
        fields.setdefault('flavor_ref', '1')
        fields.setdefault('image_ref', CIRROS)
        servers, _ = compute.servers.create(ctx or make_caller(), boot.BootRequest(**fields))
        return servers
    return make


class Clock:
    """Drives a task runner through simulated time: ``clock.advance(0.5)`` runs what falls due."""

    def __init__(self, runner):
        self.runner = runner
        self.now = server_changes.utcnow()

    TICK = 0.05

    def advance(self, seconds: float) -> None:
        """Move time on by ``seconds``, a tick at a time, running the runner at every tick.

        The API stamps what it accepts with the real time, so the clock first
        catches up with it: on a loaded machine a test's own steps can take
        longer than the time it has advanced so far.
        """
        self.now = max(self.now, server_changes.utcnow())
        target = self.now + datetime.timedelta(seconds=seconds)
        while self.now < target:
            self.now = min(target, self.now + datetime.timedelta(seconds=self.TICK))
            for _ in range(3):
                self.runner.run_once(self.now)


@pytest.fixture
def clock_for():
    """``clock_for(compute)``: a Clock over a runner of that Compute."""
    return lambda compute: Clock(compute.servers.task_runner())


@pytest.fixture
def clock(compute, clock_for):
    return clock_for(compute)
