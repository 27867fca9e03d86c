"""Rules of the extra specs the scheduler reads: ``resources*:``, ``trait*:``,
``aggregate_instance_extra_specs:``, ``capabilities:``, ``pci_passthrough:``,
``accel:`` and the unnamespaced ``group_policy`` and ``hide_hypervisor_id``."""

from __future__ import annotations

from nova_api.compute.extra_specs.base import Spec

#: The optional request group suffix of granular specs: ``resources1:``, ``trait_gpu:``.
GROUP = r'([a-zA-Z0-9_-]{1,64})?'

#: os-resource-classes' standard classes.
RESOURCE_CLASSES = (
    'VCPU', 'MEMORY_MB', 'DISK_GB', 'PCI_DEVICE', 'SRIOV_NET_VF', 'NUMA_SOCKET', 'NUMA_CORE',
    'NUMA_THREAD', 'NUMA_MEMORY_MB', 'IPV4_ADDRESS', 'VGPU', 'VGPU_DISPLAY_HEAD',
    'NET_BW_EGR_KILOBIT_PER_SEC', 'NET_BW_IGR_KILOBIT_PER_SEC', 'PCPU',
    'MEM_ENCRYPTION_CONTEXT', 'FPGA', 'PGPU', 'NET_PACKET_RATE_KILOPACKET_PER_SEC',
    'NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC', 'NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC',
)

#: Nova enumerates os-traits' standard traits; we do not carry that list and
#: accept any name in their grammar (upper case, digits, underscores).
TRAIT_NAME = r'[A-Z][A-Z0-9_]*'

_FLAT_CAPABILITIES = (
    'id', 'uuid', 'service_id', 'host', 'vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
    'memory_mb_used', 'local_gb_used', 'hypervisor_type', 'hypervisor_version',
    'hypervisor_hostname', 'free_ram_mb', 'free_disk_gb', 'current_workload', 'running_vms',
    'disk_available_least', 'host_ip', 'mapped', 'cpu_allocation_ratio',
    'ram_allocation_ratio', 'disk_allocation_ratio', 'total_usable_ram_mb',
    'total_usable_disk_gb', 'disk_mb_used', 'free_disk_mb', 'vcpus_total', 'num_instances',
    'num_io_ops', 'failed_builds', 'aggregates', 'cell_uuid', 'updated',
)
_NESTED_CAPABILITIES = (
    'cpu_info', 'metrics', 'stats', 'numa_topology', 'supported_hv_specs', 'pci_device_pools',
    'nodename', 'pci_stats', 'supported_instances', 'limits', 'instances',
)
_TRAIT_VALUES = ('required', 'forbidden')

SPECS: tuple[Spec, ...] = (
    *(Spec('resources{group}:%s' % rc, int, parameters={'group': GROUP})
      for rc in RESOURCE_CLASSES),
    Spec('resources{group}:CUSTOM_{resource}', int,
         parameters={'group': GROUP, 'resource': r'[A-Z0-9_]+'}),
    Spec('trait{group}:CUSTOM_{trait}', enum=_TRAIT_VALUES,
         parameters={'group': GROUP, 'trait': r'[A-Z0-9_]+'}),
    Spec('trait{group}:{trait}', enum=_TRAIT_VALUES,
         parameters={'group': GROUP, 'trait': TRAIT_NAME}),
    Spec('aggregate_instance_extra_specs:{key}', parameters={'key': r'.+'}),
    *(Spec('capabilities:' + name) for name in _FLAT_CAPABILITIES),
    *(Spec('capabilities:%s{filter}' % name, parameters={'filter': r'(:\w+)*'})
      for name in _NESTED_CAPABILITIES),
    Spec('pci_passthrough:alias', pattern=r'[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*'),
    Spec('accel:device_profile'),
    Spec('group_policy', enum=('isolate', 'none')),
    Spec('hide_hypervisor_id', bool),
)
