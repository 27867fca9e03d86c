"""A server's guest NUMA topology: asked for by its flavor (and image), placed on its simulated host.

:func:`constraints` is the essentials of Nova's ``numa_get_constraints``
(``nova/virt/hardware.py``), with its rules and errors: three requests give
a server a NUMA topology —

- ``hw:numa_nodes=N`` (or the image's ``hw_numa_nodes``): N guest nodes,
  the vCPUs and memory split evenly, or as ``hw:numa_cpus.<node>`` (a CPU
  list, ``0-1,^3``) and ``hw:numa_mem.<node>`` (MiB) say for every node;
- ``hw:cpu_policy=dedicated`` (or ``mixed`` with ``hw:cpu_dedicated_mask``):
  pinned vCPUs, one node unless ``hw:numa_nodes`` says more;
- ``hw:mem_page_size`` (``small``, ``large``, ``any``, or a size: ``2048``
  KiB, ``2MB``): one node, backed by pages of that size.

What a server without any of them has is no topology (``None``). The
realtime masks, ``hw:pmem``, the thread policies and ``resources:PCPU``
are not modelled.

:func:`place` is the simulated host's side (Nova's ``numa_fit_instance_to_host``
as a fresh host would answer it): guest node N lands on host node N, each
pinned vCPU on the host CPU of the same number (the simulated hosts keep no
pinning claims, so the answer depends on the server alone and never
changes), with one thread per core as ``os-hypervisors`` reports the hosts
(hence no sibling sets), and pages of 4 KiB or 2 MiB.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from oslo_utils import strutils

from nova_api.compute import extra_specs
from nova_api.exception import numa as numa_exc

DEDICATED = 'dedicated'
SHARED = 'shared'
MIXED = 'mixed'
#: What the extra spec validator takes for ``hw:cpu_policy``: Nova's CPUAllocationPolicy.ALL,
#: in its order (its 400 lists them).
CPU_POLICIES: tuple[str, ...] = extra_specs.find('hw:cpu_policy').enum  # type: ignore[union-attr]

#: Nova's page size requests that are not a size (hardware.MEMPAGES_*).
MEMPAGES_SMALL = -1
MEMPAGES_LARGE = -2
MEMPAGES_ANY = -3
_NAMED_PAGES = {'small': MEMPAGES_SMALL, 'large': MEMPAGES_LARGE, 'any': MEMPAGES_ANY}
#: The page sizes of the simulated hosts (KiB), smallest first: x86's small and huge pages.
HOST_PAGE_SIZES_KB = (4, 2048)
#: Nova's ImageMetaProps.NUMA_NODES_MAX: how far ``hw:numa_cpus.<node>`` is looked for.
NUMA_NODES_MAX = 128


@dataclasses.dataclass(frozen=True)
class Cell:
    """One guest NUMA node as asked for: its shared and dedicated vCPUs, memory and page size."""

    id: int
    cpuset: frozenset[int]
    pcpuset: frozenset[int]
    memory_mb: int
    #: None, one of MEMPAGES_*, or a size in KiB.
    pagesize: int | None = None

    @property
    def total_cpus(self) -> frozenset[int]:
        return self.cpuset | self.pcpuset


@dataclasses.dataclass(frozen=True)
class PlacedCell:
    """One guest NUMA node on the host: what ``GET /servers/{id}/topology`` shows of it."""

    vcpu_set: tuple[int, ...]
    siblings: tuple[tuple[int, ...], ...]
    memory_mb: int
    host_node: int
    #: guest vCPU -> host CPU, for the dedicated vCPUs only.
    cpu_pinning: Mapping[int, int]
    pagesize_kb: int | None


@dataclasses.dataclass(frozen=True)
class Topology:
    """A server's NUMA topology on its host."""

    cells: tuple[PlacedCell, ...]
    pagesize_kb: int | None


# -- what the flavor and the image ask for ---------------------------------------------

def parse_cpu_spec(spec: str) -> set[int]:
    """Nova's ``parse_cpu_spec``: ``"1-4,^3,6"`` -> {1, 2, 4, 6}."""
    wanted: set[int] = set()
    rejected: set[int] = set()
    for rule in (part.strip() for part in spec.split(',')):
        if not rule:
            continue
        reject = rule.startswith('^')
        body = rule[1:] if reject else rule
        try:
            if '-' in body:
                start, end = (int(part.strip()) for part in body.split('-', 1))
                if start > end:
                    raise ValueError(rule)
                cpus = set(range(start, end + 1))
            else:
                cpus = {int(body)}
        except ValueError:
            kind = 'range' if '-' in body else 'exclusion' if reject else 'inclusion'
            raise numa_exc.InvalidCPUSpec(kind=kind, rule=rule) from None
        (rejected if reject else wanted).update(cpus)
    return wanted - rejected


def _both(key: str, specs: Mapping[str, str], image: Mapping[str, Any]) -> tuple[Any, Any]:
    """The flavor's ``hw:<key>`` and the image's ``hw_<key>`` (Nova's _get_flavor_image_meta)."""
    return specs.get('hw:' + key), image.get('hw_' + key)


def _cpu_policy(specs: Mapping[str, str], image: Mapping[str, Any]) -> str | None:
    """Nova's ``get_cpu_policy_constraint``: the flavor's, unless only the image says one."""
    flavor_policy, image_policy = _both('cpu_policy', specs, image)
    for source, policy in (('flavor extra specs', flavor_policy), ('image properties', image_policy)):
        if policy and policy not in CPU_POLICIES:
            raise numa_exc.InvalidCPUAllocationPolicy(source=source, requested=policy,
                                                      available=str(CPU_POLICIES))
    if flavor_policy == DEDICATED:
        return flavor_policy
    if flavor_policy == MIXED:
        if image_policy == DEDICATED:
            raise numa_exc.ImageCPUPinningForbidden()
        return flavor_policy
    if flavor_policy == SHARED:
        if image_policy in (MIXED, DEDICATED):
            raise numa_exc.ImageCPUPinningForbidden()
        return flavor_policy
    return image_policy or None


def _dedicated_mask(specs: Mapping[str, str], vcpus: int) -> set[int] | None:
    """Nova's ``get_dedicated_cpu_constraint``: the pinned vCPUs of a mixed server."""
    mask = specs.get('hw:cpu_dedicated_mask')
    if not mask:
        return None
    if mask.strip().startswith('^'):
        pcpus = parse_cpu_spec('0-%d,%s' % (vcpus - 1, mask))
    else:
        pcpus = parse_cpu_spec(mask)
    cpus = set(range(vcpus))
    if not pcpus or not cpus - pcpus:
        raise numa_exc.InvalidMixedInstanceDedicatedMask()
    if not pcpus <= cpus:
        raise numa_exc.InvalidMixedInstanceDedicatedMask(
            'Mixed instance dedicated vCPU(s) mask is not a subset of vCPUs in the flavor. '
            'See "hw:cpu_dedicated_mask"')
    return pcpus


def _node_count(specs: Mapping[str, str], image: Mapping[str, Any]) -> int | None:
    """Nova's ``_get_numa_node_count_constraint``."""
    flavor_nodes, image_nodes = _both('numa_nodes', specs, image)
    if flavor_nodes and image_nodes:
        raise numa_exc.ImageNUMATopologyForbidden(name='hw_numa_nodes')
    nodes = flavor_nodes or image_nodes
    if nodes is None:
        return None
    if not strutils.is_int_like(nodes) or int(nodes) < 1:
        raise numa_exc.InvalidNUMANodesNumber(nodes=nodes)
    return int(nodes)


def _page_size(request: str) -> int:
    """One ``mem_page_size`` value: MEMPAGES_* or KiB."""
    if request in _NAMED_PAGES:
        return _NAMED_PAGES[request]
    if request.isdigit():
        return int(request)
    try:
        return strutils.string_to_bytes(request, return_int=True) // 1024
    except ValueError:
        raise numa_exc.MemoryPageSizeInvalid(pagesize=request) from None


def _page_size_request(specs: Mapping[str, str], image: Mapping[str, Any]) -> int | None:
    """Nova's ``_get_numa_pagesize_constraint``: the image may only narrow ``large`` or ``any``."""
    flavor_request, image_request = _both('mem_page_size', specs, image)
    if not flavor_request:
        if image_request:
            raise numa_exc.MemoryPageSizeForbidden(pagesize=image_request, against='<empty>')
        return None
    pagesize = _page_size(flavor_request)
    if image_request:
        if pagesize not in (MEMPAGES_ANY, MEMPAGES_LARGE):
            raise numa_exc.MemoryPageSizeForbidden(pagesize=image_request, against=flavor_request)
        return _page_size(image_request)
    return pagesize


def _per_node(values: Mapping[str, Any], key: str, parse) -> list | None:
    """``<key>.0``, ``<key>.1``... up to the first missing node, parsed; None when there is none."""
    found = []
    for node in range(NUMA_NODES_MAX):
        value = values.get('%s.%d' % (key, node))
        if value is None:
            break
        found.append(parse(value))
    return found or None


def _mapping(specs: Mapping[str, str], image: Mapping[str, Any], name: str, parse) -> list | None:
    """Nova's ``_get_numa_cpu_constraint`` / ``_get_numa_mem_constraint``: the flavor's, or the
    image's when the flavor has none."""
    flavor_list = _per_node(specs, 'hw:' + name, parse)
    image_list = _per_node(image, 'hw_' + name, parse)
    if flavor_list is None:
        return image_list
    if image_list is not None:
        raise numa_exc.ImageNUMATopologyForbidden(name='hw_' + name)
    return flavor_list


def _auto_cells(nodes: int, vcpus: int, memory_mb: int, pcpus: set[int]) -> list[Cell]:
    """Nova's ``_get_numa_topology_auto``: vCPUs and memory split evenly, in order."""
    if vcpus % nodes or memory_mb % nodes:
        raise numa_exc.ImageNUMATopologyAsymmetric()
    per_node = vcpus // nodes
    cells = []
    for node in range(nodes):
        cpus = set(range(node * per_node, (node + 1) * per_node))
        cells.append(Cell(node, frozenset(cpus - pcpus), frozenset(cpus & pcpus),
                          memory_mb // nodes))
    return cells


def _manual_cells(vcpus: int, memory_mb: int, pcpus: set[int], cpu_list: list[set[int]],
                  mem_list: list[int]) -> list[Cell]:
    """Nova's ``_get_numa_topology_manual``: every vCPU in one node, the memory adding up."""
    available = set(range(vcpus))
    cells = []
    for node, (cpus, memory) in enumerate(zip(cpu_list, mem_list, strict=True)):
        for cpu in sorted(cpus):
            if cpu > vcpus - 1:
                raise numa_exc.ImageNUMATopologyCPUOutOfRange(cpunum=cpu, cpumax=vcpus - 1)
            if cpu not in available:
                raise numa_exc.ImageNUMATopologyCPUDuplicates(cpunum=cpu)
            available.remove(cpu)
        cells.append(Cell(node, frozenset(cpus - pcpus), frozenset(cpus & pcpus), memory))
    if available:
        raise numa_exc.ImageNUMATopologyCPUsUnassigned(cpuset=str(available))
    total = sum(mem_list)
    if total != memory_mb:
        raise numa_exc.ImageNUMATopologyMemoryOutOfRange(memsize=total, memtotal=memory_mb)
    return cells


def constraints(flavor: Mapping[str, Any], image: Mapping[str, Any]) -> tuple[Cell, ...] | None:
    """The guest NUMA nodes ``flavor`` (Nova's keys: vcpus, memory_mb, extra_specs) and the
    image's properties ask for; None when they ask for none. Nova's 400s (and 403s) for a
    request it refuses."""
    specs = flavor.get('extra_specs') or {}
    vcpus, memory_mb = int(flavor['vcpus']), int(flavor['memory_mb'])
    cpu_policy = _cpu_policy(specs, image)
    dedicated = _dedicated_mask(specs, vcpus)
    if cpu_policy == MIXED:
        if not dedicated:
            raise numa_exc.RequiredMixedOrRealtimeCPUMask()
    elif dedicated:
        raise numa_exc.RequiredMixedInstancePolicy()
    nodes = _node_count(specs, image)
    pagesize = _page_size_request(specs, image)
    if not (nodes or pagesize or cpu_policy in (DEDICATED, MIXED)):
        return None
    pcpus = set(range(vcpus)) if cpu_policy == DEDICATED else (dedicated or set())
    nodes = nodes or 1
    cpu_list = _mapping(specs, image, 'numa_cpus', parse_cpu_spec)
    mem_list = _mapping(specs, image, 'numa_mem', int)
    if cpu_list is None and mem_list is None:
        cells = _auto_cells(nodes, vcpus, memory_mb, pcpus)
    elif cpu_list is not None and mem_list is not None and len(cpu_list) == len(mem_list) == nodes:
        cells = _manual_cells(vcpus, memory_mb, pcpus, cpu_list, mem_list)
    else:
        raise numa_exc.ImageNUMATopologyIncomplete()
    return tuple(dataclasses.replace(cell, pagesize=pagesize) for cell in cells)


# -- where the simulated host puts them -------------------------------------------------

def _host_page_size(cell: Cell) -> int | None:
    """The page size backing the cell: the largest the host has that its memory divides into,
    for ``large`` (huge pages only) and ``any``; the size asked for, if the host has it."""
    request = cell.pagesize
    if request is None:
        return None
    if request == MEMPAGES_SMALL:
        return HOST_PAGE_SIZES_KB[0]
    candidates = {MEMPAGES_LARGE: HOST_PAGE_SIZES_KB[1:],
                  MEMPAGES_ANY: HOST_PAGE_SIZES_KB}.get(request, (request,))
    for size in sorted(candidates, reverse=True):
        if size in HOST_PAGE_SIZES_KB and cell.memory_mb * 1024 % size == 0:
            return size
    shown = {MEMPAGES_LARGE: 'large', MEMPAGES_ANY: 'any'}.get(request, request)
    raise numa_exc.MemoryPageSizeNotSupported(pagesize=shown)


def place(cells: tuple[Cell, ...], on_host: bool = True) -> Topology:
    """The guest nodes on the simulated host (see the module's docstring for how).

    Not ``on_host`` (not yet scheduled, or shelved offloaded), they are as
    Nova keeps them before a host claims them: on the host node of their
    own number, nothing pinned, the page size as asked (``MEMPAGES_*``).
    """
    placed = []
    for cell in cells:
        cpus = sorted(cell.total_cpus)
        pinning = {vcpu: vcpu for vcpu in sorted(cell.pcpuset)} if on_host else {}
        placed.append(PlacedCell(
            # Nova's InstanceNUMACell.siblings groups vCPUs by the host's threads per core: none
            # on the simulated hosts, one thread per core as os-hypervisors' cpu_info says.
            vcpu_set=tuple(cpus), siblings=(), memory_mb=cell.memory_mb,
            host_node=cell.id, cpu_pinning=pinning,
            pagesize_kb=_host_page_size(cell) if on_host else cell.pagesize))
    # Nova shows the page size of its (last) cell that has one; every cell has the same.
    sizes = [cell.pagesize_kb for cell in placed if cell.pagesize_kb]
    return Topology(tuple(placed), sizes[-1] if sizes else None)


def of_server(flavor: Mapping[str, Any], image: Mapping[str, Any],
              on_host: bool = True) -> Topology | None:
    """The topology of a server built with ``flavor`` from an image with these properties."""
    cells = constraints(flavor, image)
    return None if cells is None else place(cells, on_host)
