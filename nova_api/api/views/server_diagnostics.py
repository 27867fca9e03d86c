"""Bodies of ``GET /servers/{server_id}/diagnostics``: the driver's own dict before 2.48, Nova's
standard format from 2.48."""

from __future__ import annotations

from nova_api.api import microversion
from nova_api.compute.server_diagnostics import Diagnostics

#: Nova's view: the fields of each list's items, in its order (views/server_diagnostics.py).
_CPU_FIELDS = ('id', 'time', 'utilisation')
_NIC_FIELDS = ('mac_address', 'rx_octets', 'rx_errors', 'rx_drop', 'rx_packets', 'rx_rate',
               'tx_octets', 'tx_errors', 'tx_drop', 'tx_packets', 'tx_rate')
_DISK_FIELDS = ('read_bytes', 'read_requests', 'write_bytes', 'write_requests', 'errors_count')
#: The libvirt driver's legacy keys: (suffix, field) per disk and per NIC.
_LEGACY_DISK = (('read_req', 'read_requests'), ('read', 'read_bytes'),
                ('write_req', 'write_requests'), ('write', 'write_bytes'), ('errors', 'errors_count'))
_LEGACY_NIC = (('rx', 'rx_octets'), ('rx_packets', 'rx_packets'), ('rx_errors', 'rx_errors'),
               ('rx_drop', 'rx_drop'), ('tx', 'tx_octets'), ('tx_packets', 'tx_packets'),
               ('tx_errors', 'tx_errors'), ('tx_drop', 'tx_drop'))


def show(req, diagnostics: Diagnostics) -> dict:
    """The body at the request's microversion."""
    if microversion.shows_standard_diagnostics(req):
        return standard(diagnostics)
    return legacy(diagnostics)


def standard(diagnostics: Diagnostics) -> dict:
    """2.48: Nova's ``objects.Diagnostics`` as its view builder lays it out."""
    return {
        'state': diagnostics.state,
        'driver': diagnostics.driver,
        'hypervisor': diagnostics.hypervisor,
        'hypervisor_os': diagnostics.hypervisor_os,
        'uptime': diagnostics.uptime,
        'config_drive': diagnostics.config_drive,
        'num_cpus': len(diagnostics.cpus),
        'num_nics': len(diagnostics.nics),
        'num_disks': len(diagnostics.disks),
        'cpu_details': [_fields(cpu, _CPU_FIELDS) for cpu in diagnostics.cpus],
        'nic_details': [_fields(nic, _NIC_FIELDS) for nic in diagnostics.nics],
        'disk_details': [_fields(disk, _DISK_FIELDS) for disk in diagnostics.disks],
        'memory_details': {'maximum': diagnostics.memory_mb, 'used': diagnostics.memory_used_mb},
    }


def legacy(diagnostics: Diagnostics) -> dict:
    """Before 2.48: the libvirt driver's ``get_diagnostics`` dict, keyed by device
    (``cpu0_time``, ``vda_read``, ``tap<port>_rx``...), its ``memory`` in KiB."""
    body: dict[str, int] = {}
    for cpu in diagnostics.cpus:
        body['cpu%d_time' % cpu.id] = cpu.time
    for disk in diagnostics.disks:
        body.update(('%s_%s' % (disk.device, suffix), getattr(disk, field))
                    for suffix, field in _LEGACY_DISK)
    for nic in diagnostics.nics:
        body.update(('%s_%s' % (nic.device, suffix), getattr(nic, field))
                    for suffix, field in _LEGACY_NIC)
    body['memory'] = diagnostics.memory_mb * 1024
    return body


def _fields(item: object, names: tuple[str, ...]) -> dict:
    return {name: getattr(item, name) for name in names}
