"""The parent imports what the workers need and freezes it for the collector before it forks."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time

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


# -- apart: what only the parent needs, once, in a child ------------------------

def test_work_run_apart_happens_but_what_it_imports_stays_in_the_child(tmp_path):
    if 'colorsys' in sys.modules:
        pytest.skip('colorsys is imported already: nothing to show')
    done = tmp_path / 'done'

    def work():
        import colorsys  # noqa: F401 - the import is what is tested
        done.write_text('yes')

    preload.apart(work)

    assert done.read_text() == 'yes'
    assert 'colorsys' not in sys.modules


def test_what_the_work_raised_is_raised_here_with_its_message():
    def work():
        raise ValueError('the schema is not current: run nova-api-manage db sync')

    with pytest.raises(preload.ChildFailed, match='^the schema is not current: run'):
        preload.apart(work)


def test_a_child_that_dies_says_how():
    with pytest.raises(preload.ChildFailed, match='^the child process was killed by SIGKILL$'):
        preload.apart(lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(preload.ChildFailed, match='^the child process exited with status 3$'):
        preload.apart(lambda: os._exit(3))


def test_the_child_runs_none_of_the_parents_signal_handlers(tmp_path):
    # A supervisor's handlers would wake its loop through a pipe the child shares.
    ran = tmp_path / 'handler-ran'
    previous = signal.signal(signal.SIGUSR1, lambda *_: ran.write_text(str(os.getpid())))
    try:
        with pytest.raises(preload.ChildFailed, match='killed by SIGUSR1$'):
            preload.apart(lambda: (os.kill(os.getpid(), signal.SIGUSR1), time.sleep(5)))
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert not ran.exists()


def test_nova_api_prepares_the_database_without_importing_the_migrations_itself(tmp_path):
    config = tmp_path / 'nova.conf'
    config.write_text('[DEFAULT]\nstate_path = %s\n[identity]\nbootstrap_admin_password = a\n'
                      'bootstrap_demo_password = b\n' % tmp_path)
    script = ('import sys\nfrom nova_api.cmd import api\n'
              'api.prepare_database(api.load_config(["--config-file", sys.argv[1]]))\n'
              'print(sorted(m for m in ("alembic", "mako") if m in sys.modules))\n')
    done = subprocess.run([sys.executable, '-c', script, str(config)], capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.splitlines()[-1] == '[]'
    assert (tmp_path / 'nova_api.sqlite').exists()
