"""Bodies of Nova's floating IP proxies: ``{id, ip, fixed_ip, instance_id, pool}`` each."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

_FIELDS = ('id', 'ip', 'fixed_ip', 'instance_id', 'pool')


def _floating_ip(record: Mapping[str, Any]) -> dict[str, Any]:
    return {name: record[name] for name in _FIELDS}


def index(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {'floating_ips': [_floating_ip(record) for record in records]}


def show(record: Mapping[str, Any]) -> dict[str, Any]:
    return {'floating_ip': _floating_ip(record)}


def pools(names: Sequence[str]) -> dict[str, Any]:
    return {'floating_ip_pools': [{'name': name} for name in names]}
