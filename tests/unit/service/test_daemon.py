"""The pid file: our pid while we run, gone when we stop, never someone else's removed."""

from __future__ import annotations

import os

from nova_api.service import daemon


def test_written_with_our_pid_and_removed(tmp_path):
    path = tmp_path / 'nova-api.pid'

    with daemon.PidFile(str(path)):
        assert path.read_text() == '%d\n' % os.getpid()
        assert os.listdir(tmp_path) == ['nova-api.pid']  # no temporary file left

    assert not path.exists()


def test_a_file_another_instance_took_over_is_left_alone(tmp_path):
    path = tmp_path / 'nova-api.pid'
    pid_file = daemon.PidFile(str(path))
    pid_file.write()
    path.write_text('99999999\n')

    pid_file.remove()

    assert path.read_text() == '99999999\n'


def test_a_file_already_gone_is_fine(tmp_path, caplog):
    path = tmp_path / 'nova-api.pid'
    pid_file = daemon.PidFile(str(path))
    pid_file.write()
    path.unlink()

    pid_file.remove()

    assert 'Could not remove' not in caplog.text


def test_detached_tells_the_starting_command_once(tmp_path):
    read_end, write_end = os.pipe()
    detached = daemon.Detached(write_end)

    detached.ready()
    detached.ready()

    assert os.read(read_end, 10) == b'1'
    assert os.read(read_end, 10) == b''  # closed: the command sees EOF after the byte
    os.close(read_end)
