"""Rules of the guest hardware extra specs: ``hw:``, ``hw_rng:``, ``hw_video:``, ``os:``,
``quota:`` and ``vmware:`` (Nova's ``nova/api/validation/extra_specs``)."""

from __future__ import annotations

from nova_api.compute.extra_specs.base import Spec

#: A CPU map such as ``0-3,^2,5``.
CPU_MAP = r'\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'
#: The guest NUMA node of ``hw:numa_cpus.{num}`` and ``hw:numa_mem.{num}``.
NUMA_NODE = {'num': r'\d+'}

_HW_BOOL = ('cpu_realtime', 'hide_hypervisor_id', 'boot_menu', 'mem_encryption', 'pmu',
            'vif_multiqueue_enabled', 'virtio_packed_ring', 'locked_memory',
            'ephemeral_encryption')
_HW_POSITIVE_INT = ('numa_nodes', 'cpu_sockets', 'cpu_cores', 'cpu_threads',
                    'cpu_max_sockets', 'cpu_max_cores', 'cpu_max_threads', 'maxphysaddr_bits')
_HW_ENUM = {
    'cpu_policy': ('dedicated', 'shared', 'mixed'),
    'cpu_thread_policy': ('prefer', 'isolate', 'require'),
    'emulator_threads_policy': ('isolate', 'share'),
    'pci_numa_affinity_policy': ('required', 'preferred', 'legacy', 'socket'),
    'tpm_model': ('tpm-tis', 'tpm-crb'),
    'tpm_version': ('1.2', '2.0'),
    'tpm_secret_security': ('user', 'host', 'deployment'),
    'mem_encryption_model': ('amd-sev', 'amd-sev-es'),
    'watchdog_action': ('none', 'pause', 'poweroff', 'reset', 'disabled'),
    'sound_model': ('sb16', 'es1370', 'pcspk', 'ac97', 'ich6', 'ich9', 'usb', 'virtio'),
    'usb_model': ('none', 'nec-xhci', 'qemu-xhci'),
    'ephemeral_encryption_format': ('plain', 'luks', 'luksv2'),
    'maxphysaddr_mode': ('emulate', 'passthrough'),
    'viommu_model': ('intel', 'smmuv3', 'virtio', 'auto'),
}

HW: tuple[Spec, ...] = (
    *(Spec('hw:' + name, bool) for name in _HW_BOOL),
    *(Spec('hw:' + name, int, min=1) for name in _HW_POSITIVE_INT),
    *(Spec('hw:' + name, enum=values) for name, values in _HW_ENUM.items()),
    Spec('hw:cpu_realtime_mask', pattern=r'(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'),
    Spec('hw:cpu_dedicated_mask', pattern=CPU_MAP),
    Spec('hw:mem_page_size', pattern=r'(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)'),
    Spec('hw:numa_cpus.{num}', pattern=CPU_MAP, parameters=NUMA_NODE),
    Spec('hw:numa_mem.{num}', int, min=1, parameters=NUMA_NODE),
    Spec('hw:pmem', pattern='([a-zA-Z0-9_]+(,)?)+'),
    Spec('hw:serial_port_count', int, min=0),
    Spec('hw:redirected_usb_ports', int, min=0, max=15),
)

HW_DEVICES: tuple[Spec, ...] = (
    Spec('hw_rng:allowed', bool),
    Spec('hw_rng:rate_bytes', int, min=0),
    Spec('hw_rng:rate_period', int, min=0),
    Spec('hw_video:ram_max_mb', int, min=0),
)

OS: tuple[Spec, ...] = (
    Spec('os:secure_boot', enum=('disabled', 'required')),
)


_SHARES_LEVELS = ('custom', 'high', 'normal', 'low')


def _quota_specs() -> tuple[Spec, ...]:
    specs = []
    # VMware: limits, reservations and shares of CPU, memory,
    # disk I/O and VIFs; a 'custom' shares level takes its count from *_shares_share.
    for resource in ('cpu', 'memory', 'disk_io', 'vif'):
        specs += [Spec('quota:%s_limit' % resource, int, min=0),
                  Spec('quota:%s_reservation' % resource, int),
                  Spec('quota:%s_shares_level' % resource, enum=_SHARES_LEVELS),
                  Spec('quota:%s_shares_share' % resource, int, min=0)]
    # libvirt: CPU shares and period; a negative CPU quota means no bandwidth limit.
    specs += [Spec('quota:cpu_shares', int, min=0),
              Spec('quota:cpu_period', int, min=0),
              Spec('quota:cpu_quota', int)]
    # libvirt: disk and VIF throttling.
    specs += [Spec('quota:disk_%s_%s_sec' % (stat, metric), int, min=0)
              for stat in ('read', 'write', 'total') for metric in ('bytes', 'iops')]
    specs += [Spec('quota:vif_%s_%s' % (way, metric), int, min=0)
              for way in ('inbound', 'outbound') for metric in ('average', 'peak', 'burst')]
    return tuple(specs)


QUOTA = _quota_specs()

VMWARE: tuple[Spec, ...] = (
    Spec('vmware:hw_version'),
    Spec('vmware:storage_policy'),
)

SPECS: tuple[Spec, ...] = HW + HW_DEVICES + OS + QUOTA + VMWARE
