"""The base of the per-resource compute APIs: what each one is built from."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nova_api.compute import Compute


class ResourceAPI:
    """One resource's rules, over the configuration, database and quota engine of its ``Compute``."""

    def __init__(self, compute: Compute) -> None:
        self.conf = compute.conf
        self.database = compute.database
        self.quota_engine = compute.quota_engine
