"""Snapshots, backups and consoles in the compute layer, driven by the task runner on each backend."""

from __future__ import annotations

import datetime
import types

import pytest
import sqlalchemy as sa

from nova_api import exception
from nova_api.compute import console_log
from nova_api.compute import consoles
from nova_api.compute.servers import states
from nova_api.db import models
from nova_api.objects.servers import Address


def _task_state(compute, server):
    return compute.database.read(lambda s: s.execute(sa.select(models.Instance.task_state).where(
        models.Instance.uuid == server.uuid)).scalar())


def _image_row(compute, image_id):
    return compute.database.read(lambda s: s.execute(sa.select(
        models.Image.status, models.Image.deleted).where(models.Image.id == image_id)).one())


def _active(compute, boot_server, clock, **fields):
    server, = boot_server(**fields)
    clock.advance(2)
    return server


def test_a_snapshot_goes_through_nova_task_states_and_its_image_from_queued_to_active(
        caller, compute, boot_server, clock):
    server = _active(compute, boot_server, clock)
    ctx = caller()
    image_id = compute.server_images.snapshot(ctx, compute.servers.get(ctx, server.uuid),
                                              'snap-1', {'purpose': 'test'})
    seen = [(_task_state(compute, server), _image_row(compute, image_id)[0])]
    for _ in range(25):
        clock.advance(0.05)
        seen.append((_task_state(compute, server), _image_row(compute, image_id)[0]))

    assert [pair for index, pair in enumerate(seen) if index == 0 or pair != seen[index - 1]] == [
        (states.IMAGE_SNAPSHOT_PENDING, 'queued'), (states.IMAGE_SNAPSHOT, 'queued'),
        (states.IMAGE_PENDING_UPLOAD, 'queued'), (states.IMAGE_UPLOADING, 'saving'),
        (None, 'active')]
    image = compute.images.get(ctx, image_id)
    assert (image.name, image.owner, image.visibility, image.disk_format) == (
        'snap-1', 'demo', 'private', 'qcow2')
    assert image.size > 0 and image.checksum
    props = image.properties
    assert props['image_type'] == 'snapshot' and props['instance_uuid'] == server.uuid
    assert props['base_image_ref'] == server.image_ref and props['user_id'] == 'alice'
    assert props['purpose'] == 'test' and props['os_distro'] == 'cirros'  # inherited
    assert props['image_location'] == 'snapshot' and props['owner_id'] == 'demo'


def test_an_admin_snapshot_of_another_project_server_is_shared_with_its_owner(
        caller, compute, boot_server, clock):
    server = _active(compute, boot_server, clock)
    admin = caller('admin', 'admin', admin=True)
    image_id = compute.server_images.snapshot(admin, compute.servers.get(admin, server.uuid),
                                              'by-admin', {})
    image = compute.images.get(admin, image_id)
    assert (image.owner, image.visibility) == ('admin', 'shared')
    assert image.properties['instance_owner'] == 'demo'


def test_a_failed_snapshot_leaves_the_server_as_it_was_and_deletes_the_image(
        caller, compute, boot_server, clock):
    server = _active(compute, boot_server, clock, metadata={'nova_api:fail': 'snapshot'})
    ctx = caller()
    image_id = compute.server_images.snapshot(ctx, compute.servers.get(ctx, server.uuid), 's', {})
    clock.advance(2)

    after = compute.servers.get(ctx, server.uuid)
    assert (after.vm_state, after.task_state) == (states.ACTIVE, None)
    assert _image_row(compute, image_id) == ('deleted', True)
    with pytest.raises(exception.ImageNotFound):
        compute.images.get(ctx, image_id)


def test_snapshots_are_taken_of_stopped_and_locked_servers_but_not_of_building_ones(
        caller, compute, boot_server, clock):
    ctx = caller()
    building, = boot_server()
    with pytest.raises(exception.InstanceInvalidState, match="Cannot 'createImage' instance"):
        compute.server_images.snapshot(ctx, compute.servers.get(ctx, building.uuid), 's', {})
    clock.advance(2)
    compute.servers.stop(ctx, compute.servers.get(ctx, building.uuid))
    clock.advance(1)
    compute.database.write(lambda s: s.execute(sa.update(models.Instance).where(
        models.Instance.uuid == building.uuid).values(locked_by='admin')))
    compute.server_images.snapshot(ctx, compute.servers.get(ctx, building.uuid), 's', {})
    with pytest.raises(exception.InstanceInvalidState, match='task_state image_snapshot_pending'):
        compute.server_images.snapshot(ctx, compute.servers.get(ctx, building.uuid), 't', {})


def test_a_backup_keeps_only_the_newest_rotation_of_its_type(caller, compute, boot_server, clock):
    server = _active(compute, boot_server, clock)
    ctx = caller()

    def backup(name, kind, rotation):
        image_id = compute.server_images.backup(ctx, compute.servers.get(ctx, server.uuid), name,
                                                kind, rotation, {})
        clock.advance(1.5)
        return image_id

    daily = [backup('d%d' % index, 'daily', 2) for index in range(3)]
    weekly = backup('w', 'weekly', 2)
    assert [_image_row(compute, image_id)[1] for image_id in daily] == [True, False, False]
    image = compute.images.get(ctx, daily[2])
    assert image.properties['image_type'] == 'backup'
    assert image.properties['backup_type'] == 'daily' and image.disk_format == 'qcow2'

    last = backup('w0', 'weekly', 0)  # Nova's rotation 0: every backup of the type goes
    assert _image_row(compute, weekly)[1] and _image_row(compute, last)[1]
    assert not _image_row(compute, daily[2])[1]


def test_a_server_deleted_during_a_snapshot_takes_the_unfinished_image_with_it(
        caller, compute, boot_server, clock):
    server = _active(compute, boot_server, clock, metadata={'nova_api:snapshot_seconds': '5'})
    ctx = caller()
    image_id = compute.server_images.snapshot(ctx, compute.servers.get(ctx, server.uuid), 's', {})
    clock.advance(0.5)
    compute.servers.delete(ctx, compute.servers.get(ctx, server.uuid))
    clock.advance(1)
    assert _image_row(compute, image_id) == ('deleted', True)


def test_a_console_token_resolves_until_it_expires(caller, make_compute, boot_server, monkeypatch):
    compute = make_compute({'consoleauth': {'token_ttl': 30}})
    ctx = caller()
    server = types.SimpleNamespace(uuid='0d8f7a2c-0000-4000-8000-000000000001', id=7,
                                   host='cmp1', task_state=None, vm_state='active',
                                   launched_at=datetime.datetime(2026, 12, 2), power_state=1)
    compute.database.write(lambda s: s.execute(sa.insert(models.Instance).values(
        uuid=server.uuid, project_id='demo', user_id='alice', flavor_id='1', flavor='{}',
        vcpus=1, memory_mb=512, root_gb=1, ephemeral_gb=0, vm_state='active', power_state=1,
        host='cmp1', config_drive='', auto_disk_config=False, progress=0,
        security_groups='[]', kernel_id='', ramdisk_id='', deleted=False)))
    clock = [1_000_000.0]
    monkeypatch.setattr(consoles.time, 'time', lambda: clock[0])
    url = compute.consoles.remote_console(ctx, server, 'vnc', 'novnc', '192.0.2.7:8774')
    assert url.startswith('http://192.0.2.7:6080/vnc_auto.html?path=%3Ftoken%3D')
    token = url.rsplit('%3D', 1)[1]

    info = compute.consoles.connection(ctx, token)
    assert (info.instance_uuid, info.host, info.port, info.internal_access_path) == (
        server.uuid, 'cmp1', 5907, None)
    with pytest.raises(exception.ConsoleTokenNotFound):
        compute.consoles.connection(ctx, token + 'x')
    clock[0] += 30
    with pytest.raises(exception.ConsoleTokenNotFound):
        compute.consoles.connection(ctx, token)


def test_console_rules_follow_nova(caller, compute):
    ctx = caller()
    base = dict(uuid='u', id=3, host='cmp1', task_state=None, vm_state='active',
                launched_at=datetime.datetime(2026, 12, 2), power_state=1)

    def server(**changes):
        return types.SimpleNamespace(**dict(base, **changes))
    with pytest.raises(exception.InstanceNotReady):
        compute.consoles.remote_console(ctx, server(host=None), 'vnc', 'novnc')
    with pytest.raises(exception.InstanceStateRefusesMethod, match='Cannot get_vnc_console'):
        compute.consoles.remote_console(ctx, server(task_state='deleting'), 'vnc', 'novnc')
    with pytest.raises(exception.ConsoleTypeUnavailable, match='spice-html5'):
        compute.consoles.remote_console(ctx, server(), 'spice', 'spice-html5')  # Nova: off
    with pytest.raises(exception.ConsoleTypeInvalid, match='xvpvnc'):
        compute.consoles.remote_console(ctx, server(), 'vnc', 'xvpvnc')
    with pytest.raises(exception.InstanceNotReady):
        compute.consoles.remote_console(ctx, server(vm_state='building', launched_at=None),
                                        'vnc', 'novnc')
    with pytest.raises(exception.InstanceNotFound):
        compute.consoles.remote_console(ctx, server(vm_state='error', launched_at=None),
                                        'vnc', 'novnc')


def test_access_urls_are_nova_s():
    assert consoles.access_url('http://h:6080/vnc_auto.html', 'novnc', 't') == \
        'http://h:6080/vnc_auto.html?path=%3Ftoken%3Dt'
    assert consoles.access_url('http://h:6082/spice_auto.html', 'spice-html5', 't') == \
        'http://h:6082/spice_auto.html?token=t'
    assert consoles.on_host('ws://127.0.0.1:6083/', '[2001:db8::1]:8774') == 'ws://[2001:db8::1]:6083/'
    assert consoles.on_host('ws://127.0.0.1:6083/', 'api.example.com') == 'ws://api.example.com:6083/'


# -- the console log (pure) ------------------------------------------------------------------

def _record(**changes):
    fields = dict(uuid='6c1f8a4e-0000-4000-8000-000000000001', image_properties={'os_distro': 'cirros'},
                  hostname='web-1', launched_at=datetime.datetime(2026, 12, 2, 5, 0, 0),
                  created_at=datetime.datetime(2026, 12, 2, 4, 59, 59), updated_at=None,
                  flavor={'memory_mb': 512, 'vcpus': 1, 'root_gb': 1}, key_name=None,
                  key_data=None, power_state=1,
                  addresses=(Address('private', '10.0.0.5', 4, 'fa:16:3e:00:00:01'),))
    fields.update(changes)
    return types.SimpleNamespace(**fields)


def test_the_console_log_is_a_deterministic_boot_of_the_server():
    log = console_log.boot_log(_record())
    assert log == console_log.boot_log(_record())
    assert log.startswith('[    0.000000] Linux version ')
    assert '| ens3 | True | 10.0.0.5 | 255.255.255.0 | global | fa:16:3e:00:00:01 |' in \
        log.replace('  ', ' ').replace('  ', ' ')
    assert 'root@web-1 (ED25519)' in log and "login as 'cirros' user" in log
    assert log.endswith('web-1 login: ')
    other = console_log.boot_log(_record(uuid='6c1f8a4e-0000-4000-8000-000000000002'))
    assert other != log  # another server, other host keys
    stopped = console_log.boot_log(_record(power_state=4))
    assert stopped.endswith('reboot: Power down') and 'login: ' not in stopped


def test_the_tail_is_nova_s():
    log = 'a\nb\nc'
    assert console_log.tail(log, None) == log
    assert console_log.tail(log, 2) == 'b\nc' and console_log.tail(log, '1') == 'c'
    assert console_log.tail(log, 10) == log and console_log.tail(log, 0) == ''
    assert console_log.tail(log, -1) == 'b\nc'  # Nova's slice: not "all"
