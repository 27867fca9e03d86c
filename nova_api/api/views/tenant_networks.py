"""Bodies of ``os-tenant-networks``: Nova's ``network_dict`` of a Neutron network, whose
``cidr`` Neutron never has (so ``"None"``, as Nova's API samples show it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _network(network: Any) -> dict[str, Any]:
    return {'id': network.id, 'cidr': str(getattr(network, 'cidr', None)), 'label': network.name}


def index(networks: Sequence[Any]) -> dict[str, Any]:
    return {'networks': [_network(network) for network in networks]}


def show(network: Any) -> dict[str, Any]:
    return {'network': _network(network)}
