"""Body of ``GET /servers/{server_id}/topology`` (2.78): the guest NUMA nodes, and for those the
``host:index`` rule allows (admins) where each lies on the host."""

from __future__ import annotations

from nova_api.compute.numa_topology import Topology


def show(topology: Topology | None, host_info: bool) -> dict:
    """Nova's body; ``{"nodes": [], "pagesize_kb": null}`` for a server without a topology."""
    if topology is None:
        return {'nodes': [], 'pagesize_kb': None}
    nodes = []
    for cell in topology.cells:
        node: dict = {'vcpu_set': list(cell.vcpu_set),
                      'siblings': [list(group) for group in cell.siblings],
                      'memory_mb': cell.memory_mb}
        if host_info:
            node['host_node'] = cell.host_node
            # JSON object keys: the guest vCPUs as strings, as Nova's serializer writes them.
            node['cpu_pinning'] = {str(vcpu): pcpu for vcpu, pcpu in cell.cpu_pinning.items()}
        nodes.append(node)
    return {'nodes': nodes, 'pagesize_kb': topology.pagesize_kb}
