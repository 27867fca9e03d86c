"""A server's NUMA topology (``GET /servers/{id}/topology``, 2.78), from the flavor it was built with.

Nova computes the topology at boot (and resize) from the flavor and image,
and the compute host's claim pins it;
:mod:`nova_api.compute.numa_topology` does the same from the server's
flavor snapshot and image properties, for the host it is on.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import numa_topology
from nova_api.exception import numa as numa_exc
from nova_api.objects.servers import Server

Topology = numa_topology.Topology


class ServerTopologyAPI(base.ResourceAPI):
    """The NUMA topology of a server the caller has seen."""

    def get(self, server: Server) -> Topology | None:
        """The server's topology; None when its flavor and image ask for none.

        ``InstanceNUMATopologyInvalid`` (409) for a server whose flavor Nova
        would have refused (booted before the boot checked it, or resized to
        it): its topology has no answer.
        """
        try:
            return numa_topology.of_server(server.flavor, server.image_properties,
                                           on_host=bool(server.host))
        except (exception.Invalid, exception.Forbidden) as refused:
            raise numa_exc.InstanceNUMATopologyInvalid(
                instance_uuid=server.uuid, reason=refused.format_message()) from refused
