"""The parent imports what the workers need and freezes it for the collector before it forks."""

from __future__ import annotations

import gc

import pytest

from nova_api.service import preload
from nova_api.service import supervisor


@pytest.fixture(autouse=True)
def collector_left_as_found():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_fork_happens_with_the_collector_off_and_everything_frozen():
    with preload.frozen_for_fork():
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0


def test_the_parent_collects_again_after_the_fork_and_stays_frozen():
    gc.enable()
    with preload.frozen_for_fork():
        pass
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_warm_up_unfreezes_so_a_replaced_configuration_can_be_collected(monkeypatch):
    from nova_api import deploy

    monkeypatch.setattr(deploy, 'load_app', lambda conf, compute=None: None)
    gc.freeze()
    preload.warm_up(conf=None)
    assert gc.get_freeze_count() == 0


def test_the_supervisor_forks_every_worker_frozen(monkeypatch):
    seen = []

    def fork():
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return 999_999  # the parent's side: no child is made

    monkeypatch.setattr(supervisor.os, 'fork', fork)
    parent = supervisor.Supervisor(conf=None, reload_conf=lambda: None, socks=[])
    started = parent._spawn(supervisor.Slot(0, sock=None))

    assert started.pid == 999_999
    (enabled, frozen), = seen
    assert not enabled and frozen > 0


def test_a_worker_turns_the_collector_back_on():
    gc.disable()
    preload.in_child()
    assert gc.isenabled()


def test_warm_up_leaves_a_failing_load_to_the_worker_and_disposes_the_database(monkeypatch):
    from nova_api import compute
    from nova_api import deploy

    disposed = []

    class FakeCompute:
        def __init__(self, conf):
            self.database = type('DB', (), {'dispose': lambda _self: disposed.append(True)})()

    def load_app(conf, compute=None):
        raise RuntimeError('no paste file')

    monkeypatch.setattr(compute, 'Compute', FakeCompute)
    monkeypatch.setattr(deploy, 'load_app', load_app)
    preload.warm_up(conf=None)  # does not raise
    assert disposed == [True]
