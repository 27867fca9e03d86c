"""Addresses: a subnet's CIDR, gateway and allocation pools checked as Neutron checks them, and
the next free address of a subnet. Pure functions over ``ipaddress`` values.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from collections.abc import Sequence

from nova_api.exception import network as net_exc

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Pool = tuple[IPAddress, IPAddress]

IPV6_MODES = ('slaac', 'dhcpv6-stateful', 'dhcpv6-stateless')
#: Address modes where a port's address is made from its MAC (EUI-64) rather than allocated.
AUTO_ADDRESS_MODES = ('slaac', 'dhcpv6-stateless')


def invalid(message: str) -> net_exc.InvalidInput:
    return net_exc.InvalidInput(error_message=message)


def parse_cidr(text: object, ip_version: int) -> IPNetwork:
    """The subnet of ``text``: Neutron's 400s for a bad CIDR, host bits, or the wrong version."""
    reason = "'%s' is not a valid IP subnet." % (text,)
    if not isinstance(text, str) or '/' not in text:
        raise net_exc.HTTPBadRequest(reason='Invalid input for cidr. Reason: ' + reason)
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise net_exc.HTTPBadRequest(reason='Invalid input for cidr. Reason: ' + reason) from None
    if ipaddress.ip_interface(text).ip != network.network_address:
        raise net_exc.HTTPBadRequest(
            reason="Invalid input for cidr. Reason: '%s' isn't a recognized IP subnet cidr, "
                   "'%s' is recommended." % (text, network))
    if network.version != ip_version:
        raise invalid('Cannot use IPv%d subnet %s with ip_version %d'
                      % (network.version, network, ip_version))
    if (network.version == 4 and network.prefixlen > 30) or network.num_addresses < 4:
        raise invalid('Requested subnet with cidr: %s is too small: it would have no usable '
                      'address' % network)
    return network


def parse_address(text: object, attribute: str) -> IPAddress:
    """An IP address; Neutron's 400 naming ``attribute`` otherwise."""
    try:
        return ipaddress.ip_address(str(text)) if isinstance(text, str) else _bad(text, attribute)
    except ValueError:
        return _bad(text, attribute)


def _bad(text: object, attribute: str):
    raise net_exc.HTTPBadRequest(reason="Invalid input for %s. Reason: '%s' is not a valid IP "
                                        "address." % (attribute, text))


def first_host(network: IPNetwork) -> IPAddress:
    return network.network_address + 1


def last_host(network: IPNetwork) -> IPAddress:
    """The last address a port may have: the broadcast address is not one (IPv4)."""
    return network.broadcast_address - 1 if network.version == 4 else network.broadcast_address


def check_gateway(network: IPNetwork, gateway: IPAddress) -> None:
    """A gateway on the subnet may not be its network or (IPv4) broadcast address."""
    if gateway.version != network.version:
        raise invalid('Gateway IP version inconsistent with allocation pool version')
    if gateway == network.network_address or (
            network.version == 4 and gateway == network.broadcast_address):
        raise invalid('Gateway is not valid on subnet')


def default_pools(network: IPNetwork, gateway: IPAddress | None) -> list[Pool]:
    """The whole host range, without the gateway (split around it if it is inside)."""
    first, last = first_host(network), last_host(network)
    if gateway is None or not first <= gateway <= last:
        return [(first, last)]
    pools = []
    if gateway > first:
        pools.append((first, gateway - 1))
    if gateway < last:
        pools.append((gateway + 1, last))
    return pools


def parse_pools(network: IPNetwork, pools: Iterable[dict]) -> list[Pool]:
    """Given pools, checked: valid addresses of the subnet's version, in order, inside it, apart."""
    parsed: list[Pool] = []
    for pool in pools:
        start = parse_address(pool.get('start'), 'allocation_pools')
        end = parse_address(pool.get('end'), 'allocation_pools')
        text = {'start': pool.get('start'), 'end': pool.get('end')}
        if start.version != network.version or end.version != network.version or start > end:
            raise net_exc.InvalidAllocationPool(pool=text)
        if start not in network or end not in network or start < first_host(network) or \
                end > last_host(network):
            raise net_exc.OutOfBoundsAllocationPool(pool=text, subnet_cidr=str(network))
        parsed.append((start, end))
    ordered = sorted(parsed)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after[0] <= before[1]:
            raise net_exc.OverlappingAllocationPools(
                pool_1=pool_text(before), pool_2=pool_text(after), subnet_cidr=str(network))
    return parsed


def pool_text(pool: Pool) -> str:
    return '%s-%s' % pool


def check_gateway_outside_pools(gateway: IPAddress | None, pools: Sequence[Pool]) -> None:
    if gateway is None:
        return
    for start, end in pools:
        if start <= gateway <= end:
            raise net_exc.GatewayConflictWithAllocationPools(
                ip_address=str(gateway), pool=pool_text((start, end)))


def next_free(pools: Sequence[Pool], taken: set[str]) -> str | None:
    """The lowest address of the pools not in ``taken``, or None when they are full."""
    for start, end in pools:
        address = start
        while address <= end:
            text = str(address)
            if text not in taken:
                return text
            address += 1
    return None


def eui64(network: IPNetwork, mac: str) -> str:
    """The SLAAC address of ``mac`` on a /64 (RFC 4291: flip the U/L bit, insert ff:fe)."""
    octets = [int(part, 16) for part in mac.split(':')]
    octets[0] ^= 0x02
    interface = octets[:3] + [0xff, 0xfe] + octets[3:]
    return str(network.network_address + int.from_bytes(bytes(interface), 'big'))


def in_pools(address: IPAddress, pools: Sequence[Pool]) -> bool:
    return any(start <= address <= end for start, end in pools)
