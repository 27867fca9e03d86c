"""A port's addresses: fixed IPs allocated from its network's subnets, or the ones asked for,
and MAC addresses unique on the network. Runs inside the port's write transaction."""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import database as db
from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking import base
from nova_api.networking import ipam
from nova_api.networking import subnets as subnet_rules

#: Neutron's default base_mac.
MAC_PREFIX = 'fa:16:3e'
_MAC_ATTEMPTS = 16

_allocations = models.IPAllocation.__table__
_A = _allocations.c
_subnets = models.Subnet.__table__
_ports = models.Port.__table__


def check_mac(mac: object) -> str:
    text = str(mac).lower() if isinstance(mac, str) else ''
    parts = text.replace('-', ':').split(':')
    if len(parts) != 6 or not all(len(p) == 2 and all(c in '0123456789abcdef' for c in p)
                                  for p in parts) or int(parts[0], 16) & 1:
        raise net_exc.HTTPBadRequest(reason="Invalid input for mac_address. Reason: '%s' is not "
                                            "a valid MAC address." % (mac,))
    return ':'.join(parts)


def mac_for(session: orm.Session, network_id: str, requested: str | None,
            port_id: str | None = None) -> str:
    """``requested`` if no other port of the network has it (409), else a new random one."""
    def taken(mac: str) -> bool:
        statement = sa.select(sa.func.count()).select_from(_ports).where(
            _ports.c.network_id == network_id, _ports.c.mac_address == mac)
        if port_id is not None:
            statement = statement.where(_ports.c.id != port_id)
        return bool(session.scalar(statement))

    if requested is not None:
        mac = check_mac(requested)
        if taken(mac):
            raise net_exc.MacAddressInUse(net_id=network_id, mac=mac)
        return mac
    for _ in range(_MAC_ATTEMPTS):
        mac = '%s:%02x:%02x:%02x' % (MAC_PREFIX, random.randint(0, 255), random.randint(0, 255),
                                     random.randint(0, 255))
        if not taken(mac):
            return mac
    raise net_exc.MacAddressInUse(net_id=network_id, mac=mac)


class Allocation:
    """The subnets of one network, for the addresses of one port."""

    def __init__(self, session: orm.Session, network_id: str):
        self.session = session
        self.network_id = network_id
        self.subnets = list(session.execute(sa.select(_subnets).where(
            _subnets.c.network_id == network_id).order_by(_subnets.c.created_at, _subnets.c.id)))
        self.pools = subnet_rules.pools_of(session, [s.id for s in self.subnets])

    def _subnet(self, subnet_id: str) -> Any:
        for subnet in self.subnets:
            if subnet.id == subnet_id:
                return subnet
        raise ipam.invalid('Failed to create port on network %s, because fixed_ips included '
                           'invalid subnet %s' % (self.network_id, subnet_id))

    def _containing(self, address: ipam.IPAddress) -> Any:
        for subnet in self.subnets:
            if address in ipaddress.ip_network(subnet.cidr):
                return subnet
        raise net_exc.InvalidIpForNetwork(ip_address=str(address))

    def _taken(self, subnet_id: str) -> set[str]:
        db.lock(self.session, 'ipam:%s' % subnet_id)
        return set(self.session.scalars(sa.select(_A.ip_address).where(_A.subnet_id == subnet_id)))

    def _specific(self, subnet: Any, address: ipam.IPAddress, device_owner: str) -> str:
        network = ipaddress.ip_network(subnet.cidr)
        if address not in network or address == network.network_address or (
                network.version == 4 and address == network.broadcast_address):
            raise net_exc.InvalidIpForSubnet(ip_address=str(address))
        text = str(address)
        gateway_taken = text == subnet.gateway_ip and device_owner != base.ROUTER_INTERFACE
        if gateway_taken or text in self._taken(subnet.id):
            raise net_exc.IpAddressAlreadyAllocated(ip=text, subnet_id=subnet.id)
        return text

    def _next(self, subnet: Any, mac: str) -> str:
        if subnet.ipv6_address_mode in ipam.AUTO_ADDRESS_MODES:
            address = ipam.eui64(ipaddress.ip_network(subnet.cidr), mac)
            if address in self._taken(subnet.id):
                raise net_exc.IpAddressAlreadyAllocated(ip=address, subnet_id=subnet.id)
            return address
        address = ipam.next_free(self.pools.get(subnet.id, []), self._taken(subnet.id))
        if address is None:
            raise net_exc.IpAddressGenerationFailure(net_id=self.network_id)
        return address

    def choose(self, requested: Sequence[dict] | None, mac: str,
               device_owner: str = '') -> list[tuple[str, str]]:
        """``[(subnet_id, ip_address)]`` for a port: those asked for, or one per IP version
        (every SLAAC subnet's). An exhausted network is a 409 IpAddressGenerationFailure."""
        if requested is None:
            return self._defaults(mac)
        chosen: list[tuple[str, str]] = []
        for entry in requested:
            if not isinstance(entry, dict) or not set(entry) <= {'subnet_id', 'ip_address'}:
                raise net_exc.HTTPBadRequest(reason="Invalid input for fixed_ips. Reason: "
                                                    "Validation of dictionary's keys failed.")
            address = None
            if entry.get('ip_address') is not None:
                address = ipam.parse_address(entry['ip_address'], 'fixed_ips')
            if entry.get('subnet_id') is not None:
                subnet = self._subnet(entry['subnet_id'])
            elif address is not None:
                subnet = self._containing(address)
            else:
                raise ipam.invalid('IP allocation requires subnet_id or ip_address')
            ip = self._specific(subnet, address, device_owner) if address is not None \
                else self._next(subnet, mac)
            if (subnet.id, ip) in chosen:
                raise net_exc.IpAddressAlreadyAllocated(ip=ip, subnet_id=subnet.id)
            chosen.append((subnet.id, ip))
        return chosen

    def _defaults(self, mac: str) -> list[tuple[str, str]]:
        if not self.subnets:
            return []
        chosen = []
        stateful_done = {4: False, 6: False}
        exhausted = False
        for subnet in self.subnets:
            auto = subnet.ip_version == 6 and subnet.ipv6_address_mode in ipam.AUTO_ADDRESS_MODES
            if not auto and stateful_done[subnet.ip_version]:
                continue
            try:
                chosen.append((subnet.id, self._next(subnet, mac)))
            except net_exc.IpAddressGenerationFailure:
                exhausted = True
                continue
            if not auto:
                stateful_done[subnet.ip_version] = True
        if not chosen and exhausted:
            raise net_exc.IpAddressGenerationFailure(net_id=self.network_id)
        return chosen


def write(session: orm.Session, port_id: str, network_id: str,
          addresses: Sequence[tuple[str, str]]) -> None:
    if addresses:
        session.execute(sa.insert(_allocations), [
            {'port_id': port_id, 'subnet_id': subnet_id, 'ip_address': ip,
             'network_id': network_id} for subnet_id, ip in addresses])


def of(session: orm.Session, port_ids: Sequence[str]) -> dict[str, list[dict[str, str]]]:
    """``{port_id: [{'subnet_id', 'ip_address'}]}`` for a page of ports, in one query."""
    found: dict[str, list[dict[str, str]]] = {}
    if port_ids:
        for row in session.execute(sa.select(_A.port_id, _A.subnet_id, _A.ip_address).where(
                _A.port_id.in_(list(port_ids)))):
            found.setdefault(row.port_id, []).append(
                {'subnet_id': row.subnet_id, 'ip_address': row.ip_address})
    for entries in found.values():
        entries.sort(key=lambda e: (ipaddress.ip_address(e['ip_address']).version,
                                    ipaddress.ip_address(e['ip_address'])))
    return found
