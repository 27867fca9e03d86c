"""Subnets: an address range of a network, its pools, nameservers and routes. Subnets of one
network may not overlap; a subnet with addresses in use by ports cannot be deleted (409)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking import base
from nova_api.networking import ipam
from nova_api.networking import listing
from nova_api.networking import networks as network_rules
from nova_api.networking import subnet_rules
from nova_api.networking import tags as tag_store

RESOURCE = 'subnets'
_subnets = models.Subnet.__table__
_S = _subnets.c
_networks = models.Network.__table__
_pools = models.SubnetAllocationPool.__table__
_dns = models.SubnetDNSNameServer.__table__
_routes = models.SubnetRoute.__table__
_allocations = models.IPAllocation.__table__

SPEC = listing.Spec(RESOURCE, _subnets, {
    **listing.standard_columns(_subnets),
    'name': (_S.name, listing.to_str), 'network_id': (_S.network_id, listing.to_str),
    'ip_version': (_S.ip_version, listing.to_int), 'cidr': (_S.cidr, listing.to_str),
    'gateway_ip': (_S.gateway_ip, listing.to_nullable),
    'enable_dhcp': (_S.enable_dhcp, listing.to_bool),
    'ipv6_ra_mode': (_S.ipv6_ra_mode, listing.to_nullable),
    'ipv6_address_mode': (_S.ipv6_address_mode, listing.to_nullable),
}, ignored=frozenset(('subnetpool_id', 'allocation_pools', 'host_routes', 'dns_nameservers',
                      'service_types', 'segment_id')))


def visible(ctx: Any) -> Any:
    """A project's own subnets and those of the shared networks."""
    if ctx is None or ctx.is_admin:
        return None
    return sa.or_(_S.project_id == ctx.project_id, _S.network_id.in_(
        sa.select(_networks.c.id).where(_networks.c.shared.is_(True))))


def pools_of(session: orm.Session, ids: list[str]) -> dict[str, list[ipam.Pool]]:
    found: dict[str, list[ipam.Pool]] = {}
    if ids:
        for row in session.execute(sa.select(_pools).where(_pools.c.subnet_id.in_(ids))
                                   .order_by(_pools.c.id)):
            found.setdefault(row.subnet_id, []).append(
                (ipaddress.ip_address(row.first_ip), ipaddress.ip_address(row.last_ip)))
    return found


def records(session: orm.Session, rows: list[Any]) -> list[dict[str, Any]]:
    """The subnets of ``rows`` with pools, nameservers, routes and tags: a query each."""
    ids = [row.id for row in rows]
    pools = pools_of(session, ids)
    dns: dict[str, list[str]] = {}
    routes: dict[str, list[dict]] = {}
    if ids:
        for row in session.execute(sa.select(_dns).where(_dns.c.subnet_id.in_(ids))
                                   .order_by(_dns.c.order)):
            dns.setdefault(row.subnet_id, []).append(row.address)
        for row in session.execute(sa.select(_routes).where(_routes.c.subnet_id.in_(ids))):
            routes.setdefault(row.subnet_id, []).append(
                {'destination': row.destination, 'nexthop': row.nexthop})
    tags = tag_store.of(session, RESOURCE, ids)
    return [{'id': row.id, 'name': row.name, 'network_id': row.network_id,
             'ip_version': row.ip_version, 'subnetpool_id': None,
             'enable_dhcp': row.enable_dhcp, 'ipv6_ra_mode': row.ipv6_ra_mode,
             'ipv6_address_mode': row.ipv6_address_mode, 'gateway_ip': row.gateway_ip,
             'cidr': row.cidr,
             'allocation_pools': [{'start': str(a), 'end': str(b)} for a, b in pools.get(row.id, [])],
             'host_routes': routes.get(row.id, []), 'dns_nameservers': dns.get(row.id, []),
             'service_types': [], **base.standard(row, tags)} for row in rows]


def row_of(session: orm.Session, ctx: Any, subnet_id: str) -> Any:
    statement = sa.select(_subnets).where(_S.id == subnet_id)
    condition = visible(ctx)
    if condition is not None:
        statement = statement.where(condition)
    row = session.execute(statement).first()
    if row is None:
        raise net_exc.SubnetNotFound(subnet_id=subnet_id)
    return row


def _write_children(session: orm.Session, subnet_id: str, plan: subnet_rules.SubnetPlan) -> None:
    if plan.pools is not None:
        session.execute(sa.delete(_pools).where(_pools.c.subnet_id == subnet_id))
        if plan.pools:
            session.execute(sa.insert(_pools), [
                {'subnet_id': subnet_id, 'first_ip': str(a), 'last_ip': str(b)}
                for a, b in plan.pools])
    if plan.nameservers is not None:
        session.execute(sa.delete(_dns).where(_dns.c.subnet_id == subnet_id))
        if plan.nameservers:
            session.execute(sa.insert(_dns), [
                {'subnet_id': subnet_id, 'address': address, 'order': index}
                for index, address in enumerate(plan.nameservers)])
    if plan.routes is not None:
        session.execute(sa.delete(_routes).where(_routes.c.subnet_id == subnet_id))
        if plan.routes:
            session.execute(sa.insert(_routes), [
                {'subnet_id': subnet_id, 'destination': d, 'nexthop': n} for d, n in plan.routes])


def _check_overlap(session: orm.Session, network_id: str, cidr: str) -> None:
    new = ipaddress.ip_network(cidr)
    for other in session.scalars(sa.select(_S.cidr).where(_S.network_id == network_id)):
        if ipaddress.ip_network(other).overlaps(new) if \
                ipaddress.ip_network(other).version == new.version else False:
            raise ipam.invalid('Requested subnet with cidr: %s for network: %s overlaps with '
                               'another subnet' % (cidr, network_id))


class SubnetAPI(base.NetworkResourceAPI):
    """Create, list, show, update and delete subnets."""

    def _limits(self) -> tuple[int, int]:
        return self.conf.network.max_dns_nameservers, self.conf.network.max_subnet_host_routes

    def list(self, ctx: Any, query: listing.ListQuery) -> tuple[list[dict], bool]:
        def read(session):
            rows, more = listing.page(session, SPEC, query, visible(ctx),
                                      lambda m: net_exc.SubnetNotFound(subnet_id=m))
            return records(session, rows), more
        self.net.ensure_seeded()
        return self.database.read(read)

    def get(self, ctx: Any, subnet_id: str) -> dict[str, Any]:
        self.net.ensure_seeded()
        return self.database.read(lambda s: records(s, [row_of(s, ctx, subnet_id)])[0])

    def create(self, ctx: Any, values: Mapping[str, Any]) -> dict[str, Any]:
        """A subnet of ``values['network_id']`` (visible to ``ctx``, 404 otherwise)."""
        subnet_id = base.new_id()
        plan = subnet_rules.new_subnet(values, subnet_id, *self._limits())
        project_id = base.project_of(ctx, values)
        standard = base.created(ctx, project_id, values.get('description'))

        def write(session):
            network = network_rules.row_of(session, ctx, values['network_id'])
            self.net.quotas.check(session, project_id, 'subnet')
            _check_overlap(session, network.id, plan.columns['cidr'])
            session.execute(sa.insert(_subnets).values(
                id=subnet_id, network_id=network.id, **{'name': '', 'enable_dhcp': True,
                                                        **plan.columns}, **standard))
            _write_children(session, subnet_id, plan)
            base.bump(session, _networks, network.id, {})
            return records(session, [row_of(session, None, subnet_id)])[0]
        return self.database.write(write)

    def update(self, ctx: Any, subnet_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        def write(session):
            current = row_of(session, ctx, subnet_id)
            plan = subnet_rules.changed_subnet(
                current._asdict(), pools_of(session, [subnet_id]).get(subnet_id, []), values,
                *self._limits())
            if 'description' in values:
                plan.columns['description'] = values['description']
            base.bump(session, _subnets, subnet_id, plan.columns)
            _write_children(session, subnet_id, plan)
            return records(session, [row_of(session, None, subnet_id)])[0]
        return self.database.write(write)

    def delete(self, ctx: Any, subnet_id: str) -> None:
        def write(session):
            row = row_of(session, ctx, subnet_id)
            ports = models.Port.__table__
            in_use = session.scalar(sa.select(sa.func.count()).select_from(
                _allocations.join(ports, ports.c.id == _allocations.c.port_id)).where(
                _allocations.c.subnet_id == subnet_id, ports.c.device_owner != base.DHCP))
            if in_use:
                raise net_exc.SubnetInUse(subnet_id=subnet_id)
            session.execute(sa.delete(_subnets).where(_S.id == subnet_id))
            base.bump(session, _networks, row.network_id, {})
            tag_store.delete(session, RESOURCE, [subnet_id])
        self.database.write(write)
