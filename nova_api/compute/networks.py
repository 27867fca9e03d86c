"""Networks servers attach to: the configured ``private`` network, and its fixed addresses.

Until a network service is built in, there is one network, ``private``,
whose range is ``[DEFAULT] fixed_range``. A server booted with ``auto``
gets a free address of it (the one after the highest taken, then the gaps
that deleted servers left; never the network, gateway or broadcast
address); ``fixed_ip`` asks for a particular one. An
address belongs to one live server at a time: the database's unique
constraint holds that, and a server gives its addresses back when it is
deleted. The addresses are data only: nothing is reachable at them.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import random
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from oslo_config import cfg
from sqlalchemy import orm

from nova_api import exception
from nova_api.db import database as db
from nova_api.db import models

PRIVATE = 'private'
#: Stable across nodes and restarts: derived from the name.
_NAMESPACE = uuid.UUID('5a2c1e9e-52b7-4bd0-9a40-3f3c5cbb6a1d')
#: Neutron's default base MAC address prefix.
MAC_PREFIX = 'fa:16:3e'
#: The host offsets never given to a server: the network's own address and its gateway.
_FIRST_HOST_INDEX = 2

_fixed_ips = models.FixedIP.__table__
_F = _fixed_ips.c


@dataclasses.dataclass(frozen=True)
class Network:
    """A network servers can be attached to."""

    id: str
    name: str
    cidr: ipaddress.IPv4Network | ipaddress.IPv6Network

    @property
    def gateway(self) -> str:
        return str(self.cidr.network_address + 1)

    @property
    def last_host_index(self) -> int:
        return self.cidr.num_addresses - 2  # the broadcast address is the last


def network_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def subnet_id(network_uuid: str) -> str:
    """The one subnet of a network (its ports' ``fixed_ips`` name it), stable as its id."""
    return str(uuid.uuid5(_NAMESPACE, 'subnet:' + network_uuid))


class NetworkAPI:
    """The networks of one configuration, and address allocation within a transaction."""

    def __init__(self, conf: cfg.ConfigOpts):
        cidr = ipaddress.ip_network(conf.fixed_range, strict=False)
        self.private = Network(id=network_id(PRIVATE), name=PRIVATE, cidr=cidr)
        self._networks = {self.private.id: self.private}

    def list(self) -> list[Network]:
        return list(self._networks.values())

    def get(self, network_uuid: str) -> Network:
        """The network ``network_uuid``; ``NetworkNotFound`` (400 at create) otherwise."""
        try:
            return self._networks[network_uuid]
        except KeyError:
            raise exception.NetworkNotFound(network_id=network_uuid) from None

    def host_index(self, network: Network, address: str) -> int:
        """The offset of ``address`` in ``network``; ``FixedIpInvalid`` outside its host range."""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            raise exception.FixedIpInvalid(address=address, network_id=network.id) from None
        if ip not in network.cidr:
            raise exception.FixedIpInvalid(address=address, network_id=network.id)
        index = int(ip) - int(network.cidr.network_address)
        if not _FIRST_HOST_INDEX <= index <= network.last_host_index:
            raise exception.FixedIpInvalid(address=address, network_id=network.id)
        return index

    @staticmethod
    def holder_of(session: orm.Session, network: Network, address: str) -> str | None:
        """The server holding ``address`` on ``network``, if any."""
        return session.scalar(sa.select(_F.instance_uuid).where(
            _F.network_id == network.id, _F.address == address))

    def allocator(self, session: orm.Session, network: Network) -> Allocator:
        """Addresses on ``network`` for many servers in this transaction (a runner's turn)."""
        db.lock(session, 'fixed_ips:%s' % network.id)
        return Allocator(self, session, network)

    @staticmethod
    def insert(session: orm.Session, rows: Sequence[dict]) -> None:
        """Write the addresses an :class:`Allocator` gave."""
        if rows:
            session.execute(sa.insert(_fixed_ips), list(rows))

    @staticmethod
    def release(session: orm.Session, instance_uuids: Sequence[str]) -> None:
        """Give the addresses of deleted servers back."""
        if instance_uuids:
            session.execute(sa.delete(_fixed_ips).where(_F.instance_uuid.in_(list(instance_uuids))))


    @staticmethod
    def release_address(session: orm.Session, instance_uuid: str, address: str) -> bool:
        """Give back one address of a server; whether it had it."""
        result = session.execute(sa.delete(_fixed_ips).where(
            _F.instance_uuid == instance_uuid, _F.address == address))
        return result.rowcount > 0


class Allocator:
    """Gives the addresses of one network within a transaction that holds its lock.

    It reads the highest taken offset once and counts up from there; at the
    top of the range it reads the taken offsets once and fills the gaps.
    """

    def __init__(self, api: NetworkAPI, session: orm.Session, network: Network):
        self.api = api
        self.session = session
        self.network = network
        highest = session.scalar(sa.select(sa.func.max(_F.host_index))
                                 .where(_F.network_id == network.id))
        self._next = _FIRST_HOST_INDEX if highest is None else highest + 1
        self._taken: set[int] | None = None  # read when the top is reached
        self._given: set[int] = set()

    def take(self, instance_uuid: str, address: str | None = None, tag: str | None = None,
             port_id: str | None = None, mac_address: str | None = None) -> dict:
        """The row of a new address for the server: ``address``, or the next free one.

        Each address is a port of its own (``port_id``, new unless given) with
        its MAC and device ``tag``.
        """
        network = self.network
        if address is not None:
            index = self.api.host_index(network, address)
            holder = self.api.holder_of(self.session, network, address)
            if holder is not None or index in self._given:
                raise exception.FixedIpAlreadyInUse(address=address,
                                                    instance_uuid=holder or instance_uuid)
        else:
            index = self._free()
        self._given.add(index)
        return {'instance_uuid': instance_uuid, 'network_id': network.id,
                'network_name': network.name, 'address': str(network.cidr.network_address + index),
                'host_index': index, 'version': network.cidr.version,
                'mac_address': mac_address or _mac(), 'port_id': port_id or str(uuid.uuid4()),
                'tag': tag}

    def _free(self) -> int:
        while self._next <= self.network.last_host_index:
            index = self._next
            self._next += 1
            if index not in self._given:
                return index
        if self._taken is None:
            self._taken = set(self.session.scalars(sa.select(_F.host_index)
                                                   .where(_F.network_id == self.network.id)))
        for index in range(_FIRST_HOST_INDEX, self.network.last_host_index + 1):
            if index not in self._taken and index not in self._given:
                return index
        raise exception.NoMoreFixedIps(net=self.network.id)


def _mac() -> str:
    return '%s:%02x:%02x:%02x' % (MAC_PREFIX, random.randint(0, 255), random.randint(0, 255),
                                  random.randint(0, 255))
