"""The networks every cloud starts with, written on first use: a shared ``private`` network
(its subnet is ``[DEFAULT] fixed_range``) and an external ``public`` one for floating IPs.

Ids are derived from the names, as compute's view of ``private`` derives
them (:mod:`nova_api.compute.networks`), so both name the same network. Two
workers seeding at once take turns on a lock; the second finds it done.
"""

from __future__ import annotations

import ipaddress

import sqlalchemy as sa
from oslo_config import cfg
from sqlalchemy import orm

from nova_api.compute import networks as compute_networks
from nova_api.db import database as db
from nova_api.db import models
from nova_api.networking import base
from nova_api.networking import ipam

PRIVATE = compute_networks.PRIVATE
PUBLIC = 'public'
_networks = models.Network.__table__
_subnets = models.Subnet.__table__
_pools = models.SubnetAllocationPool.__table__


def network_id(name: str) -> str:
    return compute_networks.network_id(name)


def subnet_id(name: str) -> str:
    return compute_networks.subnet_id(network_id(name))


def _plan(conf: cfg.ConfigOpts) -> list[tuple[dict, dict]]:
    owner = conf.network.owner_project
    private = ipaddress.ip_network(conf.fixed_range, strict=False)
    public = ipaddress.ip_network(conf.network.public_range, strict=False)
    return [
        ({'name': PRIVATE, 'shared': True, 'external': False, 'project_id': owner},
         {'name': PRIVATE + '-subnet', 'cidr': private, 'enable_dhcp': True}),
        ({'name': PUBLIC, 'shared': False, 'external': True, 'project_id': owner},
         {'name': PUBLIC + '-subnet', 'cidr': public, 'enable_dhcp': False}),
    ]


def seed(session: orm.Session, conf: cfg.ConfigOpts) -> None:
    """Write the seeded networks that are missing (in a write transaction)."""
    wanted = [network_id(PRIVATE), network_id(PUBLIC)]
    if len(set(session.scalars(sa.select(_networks.c.id).where(_networks.c.id.in_(wanted))))) == 2:
        return
    db.lock(session, 'network-seed')
    present = set(session.scalars(sa.select(_networks.c.id).where(_networks.c.id.in_(wanted))))
    for network, subnet in _plan(conf):
        net_id = network_id(network['name'])
        if net_id in present:
            continue
        standard = {'description': '', 'revision_number': 0, 'created_at': base.now(),
                    'updated_at': base.now()}
        session.execute(sa.insert(_networks).values(
            id=net_id, status='ACTIVE', admin_state_up=True, mtu=conf.network.mtu,
            port_security_enabled=True, **network, **standard))
        cidr = subnet.pop('cidr')
        gateway = ipam.first_host(cidr)
        sub_id = compute_networks.subnet_id(net_id)
        session.execute(sa.insert(_subnets).values(
            id=sub_id, network_id=net_id, ip_version=cidr.version, cidr=str(cidr),
            gateway_ip=str(gateway), project_id=network['project_id'], **subnet, **standard))
        session.execute(sa.insert(_pools), [
            {'subnet_id': sub_id, 'first_ip': str(a), 'last_ip': str(b)}
            for a, b in ipam.default_pools(cidr, gateway)])
