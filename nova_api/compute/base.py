"""The base of the per-resource compute APIs: what each one is built from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nova_api.db import database
from nova_api.exception import server_ports as port_exc

if TYPE_CHECKING:
    from nova_api.compute import Compute


def is_input_out_of_range(exc: BaseException) -> bool:
    """True when a statement failed on a number from the request that no column holds.

    The database's verdict (``db.database.is_out_of_range``), for the API
    layer's fault translation: the API layer never imports the database.
    """
    return database.is_out_of_range(exc)


class ResourceAPI:
    """One resource's rules, over the configuration, database and quota engine of its ``Compute``."""

    def __init__(self, compute: Compute) -> None:
        self.conf = compute.conf
        self.database = compute.database
        self.quota_engine = compute.quota_engine


class NetworkServiceProxyAPI(ResourceAPI):
    """One of Nova's proxies of the network service (floating IPs, security groups): with
    ``[network] enabled = false`` there is nothing to proxy (404)."""

    def __init__(self, compute: Compute) -> None:
        super().__init__(compute)
        self.net = compute.network
        self.enabled = compute.conf.network.enabled

    def _require_service(self) -> None:
        if not self.enabled:
            raise port_exc.NoNetworkService()
        self.net.ensure_seeded()
