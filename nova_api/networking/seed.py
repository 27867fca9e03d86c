"""The networks every cloud starts with, written on first use: a shared ``private`` network
(its subnet is ``[DEFAULT] fixed_range``), an external ``public`` one for floating IPs, and
``router1`` between them (as devstack seeds it), so that a server on ``private`` can have a
floating IP at once (openstacksdk's ``auto_ip``, ``openstack server add floating ip``).

Ids are derived from the names, as compute's view of ``private`` derives
them (:mod:`nova_api.compute.networks`), so both name the same network. Two
workers seeding at once take turns on a lock; the second finds it done.
"""

from __future__ import annotations

import ipaddress
from typing import Any

import sqlalchemy as sa
from oslo_config import cfg
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api.compute import networks as compute_networks
from nova_api.conf import identity as identity_conf
from nova_api.db import database as db
from nova_api.db import models
from nova_api.db.models import identity as identity_models
from nova_api.networking import base
from nova_api.networking import ipam

PRIVATE = compute_networks.PRIVATE
PUBLIC = 'public'
ROUTER = 'router1'
_networks = models.Network.__table__
_subnets = models.Subnet.__table__
_pools = models.SubnetAllocationPool.__table__
_routers = models.Router.__table__


def network_id(name: str) -> str:
    return compute_networks.network_id(name)


def subnet_id(name: str) -> str:
    return compute_networks.subnet_id(network_id(name))


def owner_project(session: orm.Session, conf: cfg.ConfigOpts) -> str:
    """The project that owns what is seeded: ``[network] owner_project`` as a project id.

    Under the built-in identity (keystone strategy, ``[identity] enabled``)
    projects have generated ids, so a name of one of the default domain's
    projects (the shipped ``admin``: the bootstrap's project) is looked up, as
    devstack gives its networks to the admin project's id. Anything else, and
    under noauth2 (where a project's name is its id), is taken as the id.
    """
    wanted = conf.network.owner_project
    if not identity_conf.is_built_in(conf):
        return wanted
    projects = models.Project.__table__
    found = session.scalar(sa.select(projects.c.id).where(
        projects.c.domain_id == identity_models.DEFAULT_DOMAIN_ID, projects.c.name == wanted))
    return found or wanted


def _plan(conf: cfg.ConfigOpts, owner: str) -> list[tuple[dict, dict]]:
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
    for network, subnet in _plan(conf, owner_project(session, conf)):
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


def router_id() -> str:
    return compute_networks.network_id('router:' + ROUTER)


def seed_router(session: orm.Session, net: Any) -> None:
    """Write ``router1`` (gateway on ``public``, interface on ``private``'s subnet) if missing.

    ``net`` is the process's :class:`~nova_api.networking.Networking`: the
    router's ports are made as any router's are.
    """
    if session.scalar(sa.select(_routers.c.id).where(_routers.c.id == router_id())):
        return
    db.lock(session, 'network-seed-router')
    if session.scalar(sa.select(_routers.c.id).where(_routers.c.id == router_id())):
        return
    owner = owner_project(session, net.conf)
    ctx = nova_context.RequestContext(user_id=None, project_id=owner, roles=['admin'],
                                      is_admin=True)
    session.execute(sa.insert(_routers).values(
        id=router_id(), name=ROUTER, status='ACTIVE', admin_state_up=True, enable_snat=True,
        **base.created(ctx, owner)))
    gateway = net.ports.create_in(session, ctx, {
        'network_id': network_id(PUBLIC), 'device_id': router_id(), 'project_id': '',
        'device_owner': base.ROUTER_GATEWAY})
    base.bump(session, _routers, router_id(), {'gw_port_id': gateway['id']})
    private_subnet = session.execute(sa.select(_subnets.c.id, _subnets.c.gateway_ip).where(
        _subnets.c.id == subnet_id(PRIVATE))).one()
    net.ports.create_in(session, ctx, {
        'network_id': network_id(PRIVATE), 'device_id': router_id(),
        'device_owner': base.ROUTER_INTERFACE, 'project_id': owner,
        'fixed_ips': [{'subnet_id': private_subnet.id,
                       'ip_address': private_subnet.gateway_ip}]})
