"""A server's guest NUMA topology from its flavor's extra specs and image properties, as Nova derives it."""

from __future__ import annotations

import pytest

from nova_api.compute import extra_specs
from nova_api.compute import numa_topology as numa
from nova_api.exception import numa as numa_exc


def _specs(vcpus: int = 4, memory_mb: int = 2048, **specs: str) -> dict:
    """A flavor with ``specs`` named as Nova writes them."""
    return {'vcpus': vcpus, 'memory_mb': memory_mb, 'extra_specs': dict(specs)}


def _nodes(topology: numa.Topology | None) -> list[tuple]:
    assert topology is not None
    return [(cell.vcpu_set, cell.memory_mb, cell.host_node, dict(cell.cpu_pinning))
            for cell in topology.cells]


def test_a_flavor_without_numa_requests_has_no_topology():
    assert numa.of_server(_specs(), {}) is None
    assert numa.of_server(_specs(**{'hw:cpu_policy': 'shared', 'hw:cpu_sockets': '2'}), {}) is None
    # A per-node mapping alone asks for nothing (Nova ignores it without a node count).
    assert numa.of_server(_specs(**{'hw:numa_cpus.0': '0-3', 'hw:numa_mem.0': '2048'}), {}) is None


def test_numa_nodes_split_the_vcpus_and_memory_evenly():
    topology = numa.of_server(_specs(**{'hw:numa_nodes': '2'}), {})
    assert _nodes(topology) == [((0, 1), 1024, 0, {}), ((2, 3), 1024, 1, {})]
    assert topology.pagesize_kb is None
    assert all(cell.siblings == () for cell in topology.cells)  # one thread per host core


def test_an_uneven_split_is_novas_asymmetric_400():
    with pytest.raises(numa_exc.ImageNUMATopologyAsymmetric) as raised:
        numa.of_server(_specs(vcpus=3, **{'hw:numa_nodes': '2'}), {})
    assert raised.value.code == 400
    with pytest.raises(numa_exc.ImageNUMATopologyAsymmetric):
        numa.of_server(_specs(memory_mb=1025, **{'hw:numa_nodes': '2'}), {})


@pytest.mark.parametrize('nodes', ['0', '-1', 'two'])
def test_a_bad_node_count_is_refused(nodes):
    with pytest.raises(numa_exc.InvalidNUMANodesNumber, match="cannot be '%s'" % nodes):
        numa.of_server(_specs(**{'hw:numa_nodes': nodes}), {})


def test_numa_cpus_and_mem_place_each_vcpu_and_mebibyte():
    # Nova's sample: two nodes of two vCPUs, 1 GiB and 2 GiB, pinned, in small pages.
    flavor = _specs(memory_mb=3072, **{
        'hw:numa_nodes': '2', 'hw:numa_cpus.0': '0,1', 'hw:numa_cpus.1': '2-3',
        'hw:numa_mem.0': '1024', 'hw:numa_mem.1': '2048', 'hw:cpu_policy': 'dedicated',
        'hw:mem_page_size': 'small'})
    topology = numa.of_server(flavor, {})
    assert _nodes(topology) == [((0, 1), 1024, 0, {0: 0, 1: 1}), ((2, 3), 2048, 1, {2: 2, 3: 3})]
    assert topology.pagesize_kb == 4


def test_the_cpus_of_a_node_need_not_be_contiguous():
    flavor = _specs(**{'hw:numa_nodes': '2', 'hw:numa_cpus.0': '0,2', 'hw:numa_cpus.1': '1,3',
                       'hw:numa_mem.0': '512', 'hw:numa_mem.1': '1536'})
    assert _nodes(numa.of_server(flavor, {})) == [((0, 2), 512, 0, {}), ((1, 3), 1536, 1, {})]


@pytest.mark.parametrize(('specs', 'error', 'message'), [
    ({'hw:numa_cpus.0': '0-1', 'hw:numa_cpus.1': '2-4'}, numa_exc.ImageNUMATopologyCPUOutOfRange,
     'CPU number 4 is larger than max 3'),
    ({'hw:numa_cpus.0': '0-2', 'hw:numa_cpus.1': '2-3'}, numa_exc.ImageNUMATopologyCPUDuplicates,
     'CPU number 2 is assigned to two nodes'),
    ({'hw:numa_cpus.0': '0', 'hw:numa_cpus.1': '1-2'}, numa_exc.ImageNUMATopologyCPUsUnassigned,
     'CPU number {3} is not assigned to any node'),
    ({'hw:numa_cpus.0': '0-1', 'hw:numa_cpus.1': '2-3', 'hw:numa_mem.1': '512'},
     numa_exc.ImageNUMATopologyMemoryOutOfRange, '1536 MB of memory assigned, but expected 2048 MB'),
])
def test_manual_mappings_that_do_not_add_up_are_refused(specs, error, message):
    flavor = _specs(**{'hw:numa_nodes': '2', 'hw:numa_mem.0': '1024', 'hw:numa_mem.1': '1024',
                       **specs})
    with pytest.raises(error, match=message.replace('{', r'\{').replace('}', r'\}')):
        numa.of_server(flavor, {})


@pytest.mark.parametrize('specs', [
    {'hw:numa_cpus.0': '0-1', 'hw:numa_cpus.1': '2-3'},  # no memory mapping
    {'hw:numa_cpus.0': '0-3', 'hw:numa_mem.0': '2048'},  # one node of two mapped
])
def test_a_mapping_for_only_some_nodes_is_incomplete(specs):
    with pytest.raises(numa_exc.ImageNUMATopologyIncomplete):
        numa.of_server(_specs(**{'hw:numa_nodes': '2', **specs}), {})


def test_dedicated_cpus_imply_one_node_pinned_vcpu_by_vcpu():
    topology = numa.of_server(_specs(**{'hw:cpu_policy': 'dedicated'}), {})
    assert _nodes(topology) == [((0, 1, 2, 3), 2048, 0, {0: 0, 1: 1, 2: 2, 3: 3})]
    two = numa.of_server(_specs(**{'hw:cpu_policy': 'dedicated', 'hw:numa_nodes': '2'}), {})
    assert [dict(cell.cpu_pinning) for cell in two.cells] == [{0: 0, 1: 1}, {2: 2, 3: 3}]


def test_the_pinning_is_the_same_at_every_read():
    flavor = _specs(**{'hw:cpu_policy': 'dedicated', 'hw:numa_nodes': '2'})
    assert numa.of_server(flavor, {}) == numa.of_server(flavor, {})


def test_mixed_pins_only_the_dedicated_mask():
    topology = numa.of_server(_specs(**{'hw:cpu_policy': 'mixed',
                                        'hw:cpu_dedicated_mask': '^0'}), {})
    assert _nodes(topology) == [((0, 1, 2, 3), 2048, 0, {1: 1, 2: 2, 3: 3})]
    with pytest.raises(numa_exc.RequiredMixedOrRealtimeCPUMask):
        numa.of_server(_specs(**{'hw:cpu_policy': 'mixed'}), {})
    with pytest.raises(numa_exc.RequiredMixedInstancePolicy):
        numa.of_server(_specs(**{'hw:cpu_policy': 'dedicated', 'hw:cpu_dedicated_mask': '1'}), {})
    with pytest.raises(numa_exc.InvalidMixedInstanceDedicatedMask):
        numa.of_server(_specs(**{'hw:cpu_policy': 'mixed', 'hw:cpu_dedicated_mask': '0-3'}), {})
    with pytest.raises(numa_exc.InvalidMixedInstanceDedicatedMask, match='not a subset'):
        numa.of_server(_specs(**{'hw:cpu_policy': 'mixed', 'hw:cpu_dedicated_mask': '3-5'}), {})


@pytest.mark.parametrize(('size', 'kib'), [
    ('small', 4), ('large', 2048), ('any', 2048), ('4', 4), ('2048', 2048), ('2MB', 2048),
    ('2MiB', 2048), ('4KB', 4)])
def test_a_page_size_implies_one_node_backed_by_pages_of_that_size(size, kib):
    topology = numa.of_server(_specs(**{'hw:mem_page_size': size}), {})
    assert _nodes(topology) == [((0, 1, 2, 3), 2048, 0, {})]
    assert topology.pagesize_kb == kib
    assert [cell.pagesize_kb for cell in topology.cells] == [kib]


def test_any_takes_small_pages_when_huge_ones_do_not_divide_the_memory():
    assert numa.of_server(_specs(memory_mb=1025, **{'hw:mem_page_size': 'any'}), {}).pagesize_kb == 4
    with pytest.raises(numa_exc.MemoryPageSizeNotSupported, match='Page size large'):
        numa.of_server(_specs(memory_mb=1025, **{'hw:mem_page_size': 'large'}), {})


def test_page_sizes_the_hosts_lack_or_nova_cannot_read_are_refused():
    with pytest.raises(numa_exc.MemoryPageSizeNotSupported, match='1048576'):
        numa.of_server(_specs(**{'hw:mem_page_size': '1GB'}), {})
    with pytest.raises(numa_exc.MemoryPageSizeInvalid, match="'huge'"):
        numa.of_server(_specs(**{'hw:mem_page_size': 'huge'}), {})


def test_the_image_asks_where_the_flavor_is_silent_and_may_not_override_it():
    assert _nodes(numa.of_server(_specs(), {'hw_numa_nodes': '2'}))[1][0] == (2, 3)
    assert _nodes(numa.of_server(_specs(), {'hw_cpu_policy': 'dedicated'}))[0][3] == {
        0: 0, 1: 1, 2: 2, 3: 3}
    with pytest.raises(numa_exc.ImageNUMATopologyForbidden) as raised:
        numa.of_server(_specs(**{'hw:numa_nodes': '1'}), {'hw_numa_nodes': '2'})
    assert raised.value.code == 403
    with pytest.raises(numa_exc.ImageCPUPinningForbidden):
        numa.of_server(_specs(**{'hw:cpu_policy': 'shared'}), {'hw_cpu_policy': 'dedicated'})
    with pytest.raises(numa_exc.ImageNUMATopologyForbidden, match='hw_numa_cpus'):
        numa.of_server(_specs(**{'hw:numa_nodes': '1', 'hw:numa_cpus.0': '0-3',
                                 'hw:numa_mem.0': '2048'}), {'hw_numa_cpus.0': '0-3'})


def test_the_image_narrows_a_large_or_any_page_size_only():
    large = _specs(**{'hw:mem_page_size': 'large'})
    assert numa.of_server(large, {'hw_mem_page_size': 'small'}).pagesize_kb == 4
    with pytest.raises(numa_exc.MemoryPageSizeForbidden, match="forbidden against 'small'"):
        numa.of_server(_specs(**{'hw:mem_page_size': 'small'}), {'hw_mem_page_size': 'large'})
    with pytest.raises(numa_exc.MemoryPageSizeForbidden, match="against '<empty>'"):
        numa.of_server(_specs(), {'hw_mem_page_size': 'large'})


def test_an_unknown_cpu_policy_is_refused_with_novas_list():
    with pytest.raises(numa_exc.InvalidCPUAllocationPolicy) as raised:
        numa.of_server(_specs(**{'hw:cpu_policy': 'pinned'}), {})
    assert raised.value.format_message() == (
        "CPU policy requested from 'flavor extra specs' is invalid, given: 'pinned', available: "
        "'('dedicated', 'shared', 'mixed')'.")


def test_the_cpu_policies_are_those_the_extra_spec_validator_knows():
    assert numa.CPU_POLICIES == extra_specs.find('hw:cpu_policy').enum == (
        'dedicated', 'shared', 'mixed')
    for name in ('hw:numa_nodes', 'hw:numa_cpus.0', 'hw:numa_mem.1', 'hw:mem_page_size',
                 'hw:cpu_dedicated_mask'):
        assert extra_specs.find(name) is not None, name


def test_not_on_a_host_the_nodes_are_unpinned_and_the_page_size_as_asked():
    flavor = _specs(**{'hw:cpu_policy': 'dedicated', 'hw:mem_page_size': 'large'})
    topology = numa.of_server(flavor, {}, on_host=False)
    assert _nodes(topology) == [((0, 1, 2, 3), 2048, 0, {})]
    assert topology.pagesize_kb == numa.MEMPAGES_LARGE


@pytest.mark.parametrize(('spec', 'cpus'), [
    ('0-3', {0, 1, 2, 3}), ('0-3,^2', {0, 1, 3}), ('1,3,5', {1, 3, 5}), ('0-5,^1-2', {0, 3, 4, 5}),
    (' 2 , 4 ', {2, 4}), ('0,,1', {0, 1})])
def test_cpu_lists_are_read_as_nova_reads_them(spec, cpus):
    assert numa.parse_cpu_spec(spec) == cpus


@pytest.mark.parametrize(('spec', 'message'), [
    ('3-1', "Invalid range expression '3-1'"), ('a', "Invalid inclusion expression 'a'"),
    ('^x', "Invalid exclusion expression '^x'"), ('1-b', "Invalid range expression '1-b'")])
def test_bad_cpu_lists_are_400(spec, message):
    with pytest.raises(numa_exc.InvalidCPUSpec) as raised:
        numa.parse_cpu_spec(spec)
    assert raised.value.code == 400 and raised.value.format_message() == message
