"""``/v2.0/{resources}/{id}/tags``: the tags of any resource the caller can see."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from nova_api.networking import base
from nova_api.networking import floating_ips
from nova_api.networking import networks
from nova_api.networking import ports
from nova_api.networking import routers
from nova_api.networking import security_groups
from nova_api.networking import subnets
from nova_api.networking import tags as tag_store

#: collection -> (row_of(session, ctx, id), table)
TAGGED: Mapping[str, Callable] = {
    networks.RESOURCE: networks.row_of,
    subnets.RESOURCE: subnets.row_of,
    ports.RESOURCE: ports.row_of,
    security_groups.RESOURCE: security_groups.row_of,
    routers.RESOURCE: routers.row_of,
    floating_ips.RESOURCE: floating_ips.row_of,
}
TABLES = {networks.RESOURCE: networks._networks, subnets.RESOURCE: subnets._subnets,
          ports.RESOURCE: ports._ports, security_groups.RESOURCE: security_groups._groups,
          routers.RESOURCE: routers._routers, floating_ips.RESOURCE: floating_ips._fips}


class TagAPI(base.NetworkResourceAPI):
    """List, replace, add and remove a resource's tags (404 for a resource not seen)."""

    def owner(self, ctx: Any, resource: str, resource_id: str) -> str:
        """The project of the resource (for the policy's target); its NotFound otherwise."""
        return self.database.read(lambda s: TAGGED[resource](s, ctx, resource_id).project_id)

    def list(self, ctx: Any, resource: str, resource_id: str) -> list[str]:
        def read(session):
            TAGGED[resource](session, ctx, resource_id)
            return tag_store.of(session, resource, [resource_id]).get(resource_id, [])
        return self.database.read(read)

    def _write(self, ctx: Any, resource: str, resource_id: str, change: Callable) -> None:
        def write(session):
            TAGGED[resource](session, ctx, resource_id)
            change(session)
            base.bump(session, TABLES[resource], resource_id, {})
        self.database.write(write)

    def replace(self, ctx: Any, resource: str, resource_id: str,
                tags: Sequence[object]) -> list[str]:
        checked = tag_store.check(tags)
        self._write(ctx, resource, resource_id,
                    lambda s: tag_store.replace(s, resource, resource_id, checked))
        return checked

    def add(self, ctx: Any, resource: str, resource_id: str, tag: str) -> None:
        tag_store.check([tag])
        self._write(ctx, resource, resource_id,
                    lambda s: tag_store.add(s, resource, resource_id, tag))

    def remove(self, ctx: Any, resource: str, resource_id: str, tag: str) -> None:
        self._write(ctx, resource, resource_id,
                    lambda s: tag_store.remove(s, resource, resource_id, tag))

    def remove_all(self, ctx: Any, resource: str, resource_id: str) -> None:
        self._write(ctx, resource, resource_id,
                    lambda s: tag_store.delete(s, resource, [resource_id]))
