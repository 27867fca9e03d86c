"""Bodies of ``os-networks``: Nova's nova-network record, of which only id and label are still filled."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_FIELDS = ('id', 'cidr', 'netmask', 'gateway', 'broadcast', 'dns1', 'dns2', 'cidr_v6',
           'gateway_v6', 'label', 'netmask_v6')
#: Shown to admins only.
_ADMIN_FIELDS = ('created_at', 'updated_at', 'deleted_at', 'deleted', 'injected', 'bridge', 'vlan',
                 'vpn_public_address', 'vpn_public_port', 'vpn_private_address', 'dhcp_start',
                 'project_id', 'host', 'bridge_interface', 'multi_host', 'priority', 'rxtx_base',
                 'mtu', 'dhcp_server', 'enable_dhcp', 'share_address')


def _network(req, network: Any) -> dict[str, Any]:
    fields = _FIELDS + (_ADMIN_FIELDS if req.context.is_admin else ())
    body: dict[str, Any] = dict.fromkeys(fields)
    body['id'] = network.id
    body['label'] = network.name
    return body


def index(req, networks: Sequence[Any]) -> dict[str, Any]:
    return {'networks': [_network(req, network) for network in networks]}


def show(req, network: Any) -> dict[str, Any]:
    return {'network': _network(req, network)}
