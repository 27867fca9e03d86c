"""A server's diagnostics from its record: flavor, ports, block devices, power state and uptime."""

from __future__ import annotations

import datetime
import uuid

import pytest
from server_records import FLAVOR
from server_records import make_server

from nova_api import exception
from nova_api.compute import server_diagnostics as diagnostics
from nova_api.compute.servers import boot
from nova_api.compute.servers import states as s
from nova_api.objects import server_changes
from nova_api.objects.server_diagnostics import MappedDevice

CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def admin(caller):
    return caller('admin', 'admin', admin=True)


@pytest.fixture
def big_flavor(compute, admin) -> str:
    """Two vCPUs, 1 GiB, with an ephemeral disk and swap."""
    return compute.flavors.create(admin, {
        'name': 'diag', 'flavorid': 'diag', 'vcpus': 2, 'memory_mb': 1024, 'root_gb': 1,
        'ephemeral_gb': 1, 'swap': 512}).flavorid


def _active(compute, clock, ctx, **fields):
    fields.setdefault('name', 'diag')
    fields.setdefault('flavor_ref', '1')
    fields.setdefault('image_ref', CIRROS)
    server = compute.servers.create(ctx, boot.BootRequest(**fields))[0][0]
    clock.advance(2)
    found = compute.servers.get(ctx, server.uuid)
    assert found.vm_state == s.ACTIVE, found.vm_state
    return found


def test_a_running_server_reports_its_flavor_ports_and_disks(compute, clock, caller, admin,
                                                             big_flavor):
    ctx = caller()
    server = _active(compute, clock, ctx, flavor_ref=big_flavor, config_drive=True)
    volume = str(uuid.uuid4())
    compute.volume_attachments.attach(ctx, server, volume, None, None, False)
    server = compute.servers.get(ctx, server.uuid)

    found = compute.server_diagnostics.get(admin, server, now=server.launched_at + HOUR)

    assert (found.state, found.driver, found.hypervisor, found.hypervisor_os) == (
        'running', 'libvirt', 'fake', 'linux')
    assert found.uptime == 3600 and found.config_drive is True
    assert (found.memory_mb, found.memory_used_mb) == (1024, 1024)
    # 2% of each vCPU for an hour, in nanoseconds.
    assert [(cpu.id, cpu.time, cpu.utilisation) for cpu in found.cpus] == [
        (0, 72 * 10 ** 9, 2), (1, 72 * 10 ** 9, 2)]
    ports = compute.attach_interfaces.list(ctx, server)
    assert [nic.mac_address for nic in found.nics] == [port.mac_addr for port in ports]
    assert {nic.mac_address for nic in found.nics} == {a.mac_address for a in server.addresses}
    assert [nic.device for nic in found.nics] == ['tap' + port.port_id[:11] for port in ports]
    nic = found.nics[0]
    assert (nic.rx_octets, nic.tx_octets, nic.rx_packets, nic.rx_rate) == (
        2048 * 3600, 512 * 3600, 2048 * 3600 // 512, 2048)
    # The volume was named /dev/vdb when it was attached; the flavor's disks take the next ones.
    assert [disk.device for disk in found.disks] == ['vda', 'vdc', 'vdd', 'vdb', 'sda']
    root, ephemeral, swap, attached, config = found.disks
    assert (root.read_bytes, root.write_bytes, root.read_requests) == (
        2048 * 3600, 4096 * 3600, 2048 * 3600 // 4096)
    assert swap.read_bytes == swap.write_bytes == 0
    assert (config.read_bytes, config.write_bytes) == (65536, 0)
    assert attached.write_bytes == 1024 * 3600 and ephemeral.errors_count == 0


def test_the_counters_grow_with_the_uptime_and_agree_within_a_second(compute, clock, caller,
                                                                    admin):
    server = _active(compute, clock, caller())
    at = server.launched_at + datetime.timedelta(seconds=10)
    first = compute.server_diagnostics.get(admin, server, now=at)
    assert first == compute.server_diagnostics.get(admin, server, now=at)
    later = compute.server_diagnostics.get(admin, server, now=at + HOUR)
    assert later.uptime == first.uptime + 3600
    assert later.cpus[0].time > first.cpus[0].time
    assert later.disks[0].read_bytes > first.disks[0].read_bytes
    assert later.nics[0].rx_octets > first.nics[0].rx_octets
    # Read now: the server's launch is in the runner's simulated future, so no time has passed.
    assert compute.server_diagnostics.get(admin, server).uptime >= 0


def test_a_server_without_ports_has_no_nics(compute, clock, caller, admin):
    server = _active(compute, clock, caller(), networks='none')
    found = compute.server_diagnostics.get(admin, server, now=server.launched_at)
    assert found.nics == () and [disk.device for disk in found.disks] == ['vda']


def test_a_server_not_on_a_host_is_not_ready_and_one_not_running_is_refused(
        compute, clock, caller, admin):
    ctx = caller()
    server = compute.servers.create(ctx, boot.BootRequest(
        name='slow', flavor_ref='1', image_ref=CIRROS,
        metadata={'nova_api:build_seconds': '10'}))[0][0]
    with pytest.raises(exception.InstanceNotReady) as raised:
        compute.server_diagnostics.get(admin, server)
    assert raised.value.code == 409
    assert raised.value.format_message() == 'Instance %s is not ready' % server.uuid

    clock.advance(2)  # scheduled to a host, still spawning
    building = compute.servers.get(ctx, server.uuid)
    assert building.host and building.power_state == s.NOSTATE
    with pytest.raises(exception.InstanceInvalidState) as raised:
        compute.server_diagnostics.get(admin, building)
    assert raised.value.format_message() == (
        "Cannot 'get_diagnostics' instance %s while it is in power state pending" % server.uuid)


@pytest.mark.parametrize(('vm_state', 'power_state', 'name'), [
    (s.STOPPED, s.SHUTDOWN, 'shutdown'), (s.PAUSED, s.PAUSED_POWER, 'paused'),
    (s.SUSPENDED, s.SUSPENDED_POWER, 'suspended'), (s.ERROR, s.CRASHED, 'crashed')])
def test_only_a_running_server_has_diagnostics(compute, clock, caller, admin, vm_state,
                                               power_state, name):
    server = _active(compute, clock, caller())
    compute.database.write(lambda session: server_changes.update_server(
        session, server.uuid, {'vm_state': vm_state, 'power_state': power_state}))
    with pytest.raises(exception.InstanceInvalidState, match='while it is in power state %s' % name):
        compute.server_diagnostics.get(admin, compute.servers.get(admin, server.uuid))


def test_the_guest_disks_follow_the_mappings_and_the_flavor():
    server = make_server(root_device_name='/dev/vda', config_drive='',
                         flavor={**FLAVOR, 'ephemeral_gb': 5, 'swap': 0})
    # A volume-backed server with a blank local disk mapped at boot: no flavor ephemeral then.
    mapped = [MappedDevice(None, 0, 'volume', 'volume', None),
              MappedDevice('/dev/vdc', None, 'blank', 'local', None),
              MappedDevice(None, None, 'blank', 'local', 'swap'),
              MappedDevice(None, None, 'volume', 'volume', None)]
    assert diagnostics.guest_disks(server, mapped) == [
        ('vda', 'root'), ('vdc', 'ephemeral'), ('vdb', 'swap'), ('vdd', 'volume')]
    # An old record without a root mapping still has its root disk.
    assert diagnostics.guest_disks(make_server(root_device_name=None), []) == [('vda', 'root')]
