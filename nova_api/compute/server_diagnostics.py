"""A server's diagnostics (``GET /servers/{id}/diagnostics``): what its simulated guest reports.

Nova's rules (``compute/api.py`` ``get_instance_diagnostics`` and the
manager's): the server must be on a host (``InstanceNotReady``, 409) and
running (``InstanceInvalidState`` naming its power state, 409).

The shape is the libvirt driver's, as Nova's fake driver also answers
(``driver`` is ``libvirt``: Nova's field takes only its real drivers;
``hypervisor`` is what ``os-hypervisors`` calls the simulated hosts,
``fake``). Everything comes from the server's record:

- one CPU per vCPU of its flavor; its memory; its uptime since
  ``launched_at`` (as libvirt counts it: since the last boot, rebuild,
  resize, move or unshelve);
- one NIC per port, with the port's MAC, named as libvirt names a Neutron
  port's tap device (``tap`` + the first 11 characters of its id);
- one disk per device the guest sees: the root disk, the flavor's
  ephemeral and swap disks (unless a block device mapping gives them),
  the mapped volumes, and the config drive (a SATA cdrom, ``sda``), named
  by their device names or as Nova names them (``vda``, ``vdb``...).

The counters are deterministic functions of the uptime: the simulated
guest is an idle machine with the constant load of :data:`CPU_UTILISATION`,
:data:`DISK_RATES` and :data:`NIC_RATES`, so two reads in the same second
agree and every counter grows while the server runs.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import device_names
from nova_api.compute import hypervisors
from nova_api.compute.servers import states as s
from nova_api.objects import server_changes
from nova_api.objects import server_diagnostics as objects
from nova_api.objects.servers import Server

DRIVER = 'libvirt'
HYPERVISOR = hypervisors.HYPERVISOR_TYPE
HYPERVISOR_OS = 'linux'
#: The config drive: a cdrom on the SATA bus of a q35 guest (Nova's default machine type).
CONFIG_DRIVE_DEVICE = 'sda'

#: Percent of each vCPU the simulated guest keeps busy.
CPU_UTILISATION = 2
#: (bytes read, bytes written) a second, by kind of disk.
DISK_RATES = {'root': (2048, 4096), 'ephemeral': (256, 512), 'swap': (0, 0),
              'volume': (512, 1024), 'config': (0, 0)}
#: The config drive is read once, at boot: cloud-init's look at it.
CONFIG_DRIVE_READ_BYTES = 65536
#: Bytes of one disk request.
DISK_REQUEST_BYTES = 4096
#: (bytes received, bytes sent) a second on each NIC, and the average packet's size.
NIC_RATES = (2048, 512)
PACKET_BYTES = 512
_NANOSECONDS = 10 ** 9


@dataclasses.dataclass(frozen=True)
class Cpu:
    id: int
    time: int  # nanoseconds
    utilisation: int  # percent


@dataclasses.dataclass(frozen=True)
class Nic:
    device: str
    mac_address: str
    rx_octets: int
    rx_errors: int
    rx_drop: int
    rx_packets: int
    rx_rate: int
    tx_octets: int
    tx_errors: int
    tx_drop: int
    tx_packets: int
    tx_rate: int


@dataclasses.dataclass(frozen=True)
class Disk:
    device: str
    read_bytes: int
    read_requests: int
    write_bytes: int
    write_requests: int
    errors_count: int


@dataclasses.dataclass(frozen=True)
class Diagnostics:
    """Nova's ``objects.Diagnostics``, with each device's name (the legacy body's keys)."""

    state: str
    driver: str
    hypervisor: str
    hypervisor_os: str
    uptime: int  # seconds
    config_drive: bool
    memory_mb: int  # provisioned
    memory_used_mb: int
    cpus: tuple[Cpu, ...]
    nics: tuple[Nic, ...]
    disks: tuple[Disk, ...]


def _requests(size: int) -> int:
    return -(-size // DISK_REQUEST_BYTES)


def _disk(device: str, kind: str, uptime: int) -> Disk:
    read_rate, write_rate = DISK_RATES[kind]
    read = read_rate * uptime + (CONFIG_DRIVE_READ_BYTES if kind == 'config' else 0)
    written = write_rate * uptime
    return Disk(device, read, _requests(read), written, _requests(written), 0)


def _nic(port_id: str, mac_address: str, uptime: int) -> Nic:
    rx_rate, tx_rate = NIC_RATES
    rx, tx = rx_rate * uptime, tx_rate * uptime
    return Nic('tap' + port_id[:11], mac_address, rx, 0, 0, rx // PACKET_BYTES, rx_rate,
               tx, 0, 0, tx // PACKET_BYTES, tx_rate)


def _short(device_name: str) -> str:
    return device_name.rsplit('/', 1)[-1]


def _kind(device: objects.MappedDevice) -> str:
    if device.boot_index == 0:
        return 'root'
    if device.destination_type == 'volume':
        return 'volume'
    return 'swap' if device.guest_format == 'swap' else 'ephemeral'


def guest_disks(server: Server, mapped: Sequence[objects.MappedDevice]) -> list[tuple[str, str]]:
    """(device, kind) of every disk the guest sees, in libvirt's order: root, ephemeral, swap,
    volumes, config drive. A device without a name gets the next free letter, as Nova names it."""
    root = server.root_device_name or device_names.ROOT_DEVICE
    by_kind: dict[str, list[str | None]] = {'root': [], 'ephemeral': [], 'swap': [], 'volume': []}
    for device in mapped:
        kind = _kind(device)
        by_kind[kind].append(root if kind == 'root' else device.device_name)
    if not by_kind['root']:
        by_kind['root'].append(root)  # an image-backed server's implicit root disk
    if server.flavor.get('ephemeral_gb') and not by_kind['ephemeral']:
        by_kind['ephemeral'].append(None)
    if server.flavor.get('swap') and not by_kind['swap']:
        by_kind['swap'].append(None)
    used = [name for names in by_kind.values() for name in names if name]
    disks = []
    for kind in ('root', 'ephemeral', 'swap', 'volume'):
        for name in by_kind[kind]:
            if name is None:
                name = device_names.next_device_name(root, used, None)
                used.append(name)
            disks.append((_short(name), kind))
    if server.config_drive:
        disks.append((CONFIG_DRIVE_DEVICE, 'config'))
    return disks


class ServerDiagnosticsAPI(base.ResourceAPI):
    """The diagnostics of a server the caller has seen."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.interfaces = compute.attach_interfaces

    def get(self, ctx: nova_context.RequestContext, server: Server,
            now: datetime.datetime | None = None) -> Diagnostics:
        """The server's diagnostics at ``now`` (the current time by default); Nova's 409s for a
        server without a host or not running."""
        if not server.host:
            raise exception.InstanceNotReady(instance_id=server.uuid)
        if server.power_state != s.RUNNING:
            raise exception.InstanceInvalidState(
                action='get_diagnostics', instance_uuid=server.uuid, attr='power state',
                state=s.POWER_STATE_NAMES.get(server.power_state, server.power_state))
        since = server.launched_at or server.created_at
        now = now or server_changes.utcnow()
        uptime = max(0, int((now - since).total_seconds()))
        ports = self.interfaces.list(ctx, server)
        mapped = self.database.read(objects.devices_of, server.uuid)
        vcpus, memory_mb = int(server.flavor['vcpus']), int(server.flavor['memory_mb'])
        cpu_time = uptime * _NANOSECONDS * CPU_UTILISATION // 100
        return Diagnostics(
            state=s.POWER_STATE_NAMES[server.power_state], driver=DRIVER, hypervisor=HYPERVISOR,
            hypervisor_os=HYPERVISOR_OS, uptime=uptime, config_drive=bool(server.config_drive),
            # No balloon is simulated: the guest holds all its memory, as libvirt then reports.
            memory_mb=memory_mb, memory_used_mb=memory_mb,
            cpus=tuple(Cpu(index, cpu_time, CPU_UTILISATION) for index in range(vcpus)),
            nics=tuple(_nic(port.port_id, port.mac_addr, uptime) for port in ports),
            disks=tuple(_disk(name, kind, uptime) for name, kind in guest_disks(server, mapped)))
