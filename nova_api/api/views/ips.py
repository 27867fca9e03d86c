"""Bodies of a server's addresses: ``GET /servers/{id}/ips``, ``.../ips/{network}``, and the server's own."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence

from nova_api.api.views.server_parts import AddressRecord as Address
from nova_api.api.views.server_parts import ServerRecord as Server


def addresses(server_addresses: Sequence[Address], extended: bool = False) -> dict[str, list[dict]]:
    """``{network: [address, ...]}``: networks in the order the server joined them.

    Within a network the fixed addresses come first and the floating ones
    after them, as Nova chains each network's ``ips`` and ``floating_ips``.
    ``extended`` adds ``OS-EXT-IPS:type`` and ``OS-EXT-IPS-MAC:mac_addr``, as
    server bodies do (the ips resource never does).
    """
    networks: dict[str, list[dict]] = {}
    floating: list[Address] | None = None
    for address in server_addresses:
        if address.type == 'floating':
            # Held back so that it follows the fixed ones; the network keeps its place.
            networks.setdefault(address.network, [])
            if floating is None:
                floating = []
            floating.append(address)
        else:
            networks.setdefault(address.network, []).append(_address(address, extended))
    if floating:
        for address in floating:
            networks[address.network].append(_address(address, extended))
    return networks


def _address(address: Address, extended: bool) -> dict:
    if extended:
        return {'version': address.version, 'addr': address.address,
                'OS-EXT-IPS:type': address.type, 'OS-EXT-IPS-MAC:mac_addr': address.mac_address}
    return {'version': address.version, 'addr': address.address}


def network_names(server: Server) -> set[str]:
    """The networks a server has addresses on: ``GET .../ips/{network}`` is a 404 for any other."""
    return {address.network for address in server.addresses}


def index(server: Server) -> dict:
    """``GET /servers/{id}/ips`` (every microversion): ``{"addresses": {network: [...]}}``."""
    return {'addresses': addresses(server.addresses)}


def show(server: Server, network: str) -> dict:
    """``GET /servers/{id}/ips/{network}`` (every microversion): ``{network: [...]}``.

    The caller has checked that ``network`` is one of :func:`network_names`.
    """
    return {network: addresses(_on(server.addresses, network)).get(network, [])}


def _on(server_addresses: Iterable[Address], network: str) -> list[Address]:
    return [address for address in server_addresses if address.network == network]
