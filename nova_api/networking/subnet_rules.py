"""A subnet's attributes checked as Neutron checks them, without the database: the CIDR, the
gateway, the allocation pools, nameservers, host routes and the IPv6 modes.

:func:`new_subnet` gives the columns and child rows of a subnet to create,
:func:`changed_subnet` those of an update; both raise Neutron's 400s and 409s.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from nova_api.exception import network as net_exc
from nova_api.networking import ipam

#: Attributes a subnet keeps for life (Neutron's allow_put=False).
READ_ONLY = ('network_id', 'ip_version', 'cidr', 'ipv6_ra_mode', 'ipv6_address_mode',
             'subnetpool_id', 'project_id', 'tenant_id')


@dataclasses.dataclass
class SubnetPlan:
    """What to write: the columns (gateway and modes included) and the child rows."""

    columns: dict[str, Any]
    pools: list[ipam.Pool] | None = None
    nameservers: list[str] | None = None
    routes: list[tuple[str, str]] | None = None


def _gateway(network: ipam.IPNetwork, values: Mapping[str, Any]) -> ipam.IPAddress | None:
    if 'gateway_ip' not in values:
        return ipam.first_host(network)
    if values['gateway_ip'] is None:
        return None
    gateway = ipam.parse_address(values['gateway_ip'], 'gateway_ip')
    ipam.check_gateway(network, gateway)
    return gateway


def _modes(ip_version: int, network: ipam.IPNetwork, values: Mapping[str, Any]) -> dict:
    ra_mode = values.get('ipv6_ra_mode')
    address_mode = values.get('ipv6_address_mode')
    for name, mode in (('ipv6_ra_mode', ra_mode), ('ipv6_address_mode', address_mode)):
        if mode is not None and mode not in ipam.IPV6_MODES:
            raise net_exc.HTTPBadRequest(
                reason="Invalid input for %s. Reason: '%s' is not in %s." % (
                    name, mode, list(ipam.IPV6_MODES)))
    if ip_version == 4 and (ra_mode or address_mode):
        raise ipam.invalid('ipv6_ra_mode or ipv6_address_mode cannot be set when ip_version is 4')
    if ra_mode and address_mode and ra_mode != address_mode:
        raise ipam.invalid('ipv6_ra_mode set to \'%s\' with ipv6_address_mode set to \'%s\' is '
                           'not valid. If both attributes are set, they must be the same value'
                           % (ra_mode, address_mode))
    if (address_mode in ipam.AUTO_ADDRESS_MODES or ra_mode in ipam.AUTO_ADDRESS_MODES) and \
            network.prefixlen != 64:
        raise ipam.invalid('Invalid CIDR %s for IPv6 address mode. OpenStack uses the EUI-64 '
                           'address format, which requires the prefix to be /64' % network)
    return {'ipv6_ra_mode': ra_mode, 'ipv6_address_mode': address_mode}


def _nameservers(values: Sequence[Any], limit: int, subnet_id: str) -> list[str]:
    if len(values) > limit:
        raise net_exc.DNSNameServersExhausted(subnet_id=subnet_id, quota=limit)
    seen: list[str] = []
    for value in values:
        address = str(ipam.parse_address(value, 'dns_nameservers'))
        if address in seen:
            raise net_exc.HTTPBadRequest(reason="Invalid input for dns_nameservers. Reason: "
                                                "Duplicate nameserver '%s'." % value)
        seen.append(address)
    return seen


def _routes(values: Sequence[Any], limit: int, subnet_id: str,
            ip_version: int) -> list[tuple[str, str]]:
    if len(values) > limit:
        raise net_exc.HostRoutesExhausted(subnet_id=subnet_id, quota=limit)
    routes: list[tuple[str, str]] = []
    for value in values:
        if not isinstance(value, dict) or set(value) != {'destination', 'nexthop'}:
            raise net_exc.HTTPBadRequest(reason="Invalid input for host_routes. Reason: "
                                                "Validation of dictionary's keys failed.")
        try:
            destination = ipaddress.ip_network(str(value['destination']), strict=False)
        except ValueError:
            raise net_exc.HTTPBadRequest(
                reason="Invalid input for host_routes. Reason: '%s' is not a valid IP subnet."
                % value['destination']) from None
        nexthop = ipam.parse_address(value['nexthop'], 'host_routes')
        if destination.version != ip_version or nexthop.version != ip_version:
            raise ipam.invalid('Host route %s does not match the ip_version %d'
                               % (value, ip_version))
        route = (str(destination), str(nexthop))
        if route in routes:
            raise net_exc.HTTPBadRequest(reason="Invalid input for host_routes. Reason: Duplicate "
                                                "hostroute '%s'." % value)
        routes.append(route)
    return routes


def new_subnet(values: Mapping[str, Any], subnet_id: str, max_nameservers: int,
               max_routes: int) -> SubnetPlan:
    """The subnet ``values`` ask for (``cidr`` and ``ip_version`` given), checked."""
    ip_version = values['ip_version']
    network = ipam.parse_cidr(values['cidr'], ip_version)
    gateway = _gateway(network, values)
    if values.get('allocation_pools') is not None:
        pools = ipam.parse_pools(network, values['allocation_pools'])
        ipam.check_gateway_outside_pools(gateway, pools)
    else:
        pools = ipam.default_pools(network, gateway)
    columns = {'ip_version': ip_version, 'cidr': str(network),
               'gateway_ip': None if gateway is None else str(gateway),
               **_modes(ip_version, network, values)}
    for name in ('name', 'enable_dhcp'):
        if name in values:
            columns[name] = values[name]
    return SubnetPlan(columns, pools,
                      _nameservers(values.get('dns_nameservers') or [], max_nameservers,
                                   subnet_id),
                      _routes(values.get('host_routes') or [], max_routes, subnet_id, ip_version))


def changed_subnet(current: Mapping[str, Any], current_pools: Sequence[ipam.Pool],
                   values: Mapping[str, Any], max_nameservers: int, max_routes: int) -> SubnetPlan:
    """An update of the subnet ``current`` (its columns), checked; read-only attributes 400."""
    for name in READ_ONLY:
        if name in values:
            raise net_exc.HTTPBadRequest(reason='Cannot update read-only attribute %s' % name)
    network = ipaddress.ip_network(current['cidr'])
    plan = SubnetPlan({name: values[name] for name in ('name', 'enable_dhcp') if name in values})
    gateway = ipaddress.ip_address(current['gateway_ip']) if current['gateway_ip'] else None
    if 'gateway_ip' in values:
        gateway = None if values['gateway_ip'] is None else ipam.parse_address(
            values['gateway_ip'], 'gateway_ip')
        if gateway is not None:
            ipam.check_gateway(network, gateway)
        plan.columns['gateway_ip'] = None if gateway is None else str(gateway)
    pools = list(current_pools)
    if values.get('allocation_pools') is not None:
        pools = plan.pools = ipam.parse_pools(network, values['allocation_pools'])
    if 'gateway_ip' in values or plan.pools is not None:
        ipam.check_gateway_outside_pools(gateway, pools)
    if 'dns_nameservers' in values:
        plan.nameservers = _nameservers(values['dns_nameservers'] or [], max_nameservers,
                                        current['id'])
    if 'host_routes' in values:
        plan.routes = _routes(values['host_routes'] or [], max_routes, current['id'],
                              current['ip_version'])
    return plan
