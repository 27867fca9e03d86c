"""A guest NUMA topology Nova refuses: the flavor's (and image's) ``hw:`` requests that do not fit.

Imported from here (not re-exported from :mod:`nova_api.exception`): they
are raised only by :mod:`nova_api.compute.numa_topology`. The classes,
codes and messages are Nova's (``nova/exception.py``), where a boot or a
resize with such a flavor is refused; :class:`InstanceNUMATopologyInvalid`
is what a read of a server built with one answers instead.
"""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid


class InvalidNUMANodesNumber(Invalid):
    msg_fmt = ("The property 'numa_nodes' cannot be '%(nodes)s'. It must be a number greater "
               "than 0")


class ImageNUMATopologyIncomplete(Invalid):
    msg_fmt = 'CPU and memory allocation must be provided for all NUMA nodes'


class ImageNUMATopologyForbidden(Forbidden):
    msg_fmt = ("Image property '%(name)s' is not permitted to override NUMA configuration set "
               "against the flavor")


class ImageNUMATopologyAsymmetric(Invalid):
    msg_fmt = ('Instance CPUs and/or memory cannot be evenly distributed across instance NUMA '
               'nodes. Explicit assignment of CPUs and memory to nodes is required')


class ImageNUMATopologyCPUOutOfRange(Invalid):
    msg_fmt = 'CPU number %(cpunum)d is larger than max %(cpumax)d'


class ImageNUMATopologyCPUDuplicates(Invalid):
    msg_fmt = 'CPU number %(cpunum)d is assigned to two nodes'


class ImageNUMATopologyCPUsUnassigned(Invalid):
    msg_fmt = 'CPU number %(cpuset)s is not assigned to any node'


class ImageNUMATopologyMemoryOutOfRange(Invalid):
    msg_fmt = '%(memsize)d MB of memory assigned, but expected %(memtotal)d MB'


class MemoryPageSizeInvalid(Invalid):
    msg_fmt = "Invalid memory page size '%(pagesize)s'"


class MemoryPageSizeForbidden(Invalid):
    msg_fmt = "Page size %(pagesize)s forbidden against '%(against)s'"


class MemoryPageSizeNotSupported(Invalid):
    msg_fmt = 'Page size %(pagesize)s is not supported by the host.'


class ImageCPUPinningForbidden(Forbidden):
    msg_fmt = ("Image property 'hw_cpu_policy' is not permitted to override CPU pinning policy "
               "set against the flavor")


class InvalidCPUAllocationPolicy(Invalid):
    msg_fmt = ("CPU policy requested from '%(source)s' is invalid, given: '%(requested)s', "
               "available: '%(available)s'.")


class RequiredMixedInstancePolicy(Invalid):
    msg_fmt = "Cannot specify 'hw:cpu_dedicated_mask' without the 'mixed' policy."


class RequiredMixedOrRealtimeCPUMask(Invalid):
    msg_fmt = ("Dedicated CPU set can be specified from either 'hw:cpu_dedicated_mask' or "
               "'hw:cpu_realtime_mask' when using 'mixed' CPU policy. 'hw:cpu_dedicated_mask' "
               "and 'hw:cpu_realtime_mask' can not be specified at the same time, or be "
               "specified with none of them.")


class InvalidMixedInstanceDedicatedMask(Invalid):
    msg_fmt = ("Mixed instance must have at least 1 pinned vCPU and 1 unpinned vCPU. See "
               "'hw:cpu_dedicated_mask'.")


class InvalidCPUSpec(Invalid):
    """A CPU list (``hw:numa_cpus.N``, ``hw:cpu_dedicated_mask``) Nova's parse_cpu_spec refuses."""

    msg_fmt = 'Invalid %(kind)s expression %(rule)r'


class InstanceNUMATopologyInvalid(Conflict):
    """A server whose flavor asks for a topology Nova would have refused at boot (400 there).

    nova_api's boot does not check these extra specs, so such a server
    exists; its topology cannot be derived, and reading it says why.
    """

    msg_fmt = 'The NUMA topology of instance %(instance_uuid)s is invalid: %(reason)s'
