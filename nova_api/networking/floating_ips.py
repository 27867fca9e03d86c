"""Floating IPs: an address of an external network's subnet (a port of its own there), associated
with a port's fixed IP. As in Neutron, the fixed IP's subnet must be on a router whose gateway is
on that external network (404 ExternalGatewayForFloatingIPNotFound otherwise)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking import base
from nova_api.networking import listing
from nova_api.networking import networks as network_rules
from nova_api.networking import port_addresses
from nova_api.networking import ports as port_rules
from nova_api.networking import routers as router_rules
from nova_api.networking import tags as tag_store

RESOURCE = 'floatingips'
_fips = models.FloatingIP.__table__
_F = _fips.c

SPEC = listing.Spec(RESOURCE, _fips, {
    **listing.standard_columns(_fips),
    'floating_ip_address': (_F.floating_ip_address, listing.to_str),
    'floating_network_id': (_F.floating_network_id, listing.to_str),
    'port_id': (_F.fixed_port_id, listing.to_nullable),
    'fixed_ip_address': (_F.fixed_ip_address, listing.to_nullable),
    'router_id': (_F.router_id, listing.to_nullable), 'status': (_F.status, listing.to_str)},
    ignored=frozenset(('port_details',)))


def bad(msg: str) -> net_exc.BadRequest:
    return net_exc.BadRequest(resource='floatingip', msg=msg)


def records(session: orm.Session, rows: list[Any]) -> list[dict[str, Any]]:
    tags = tag_store.of(session, RESOURCE, [row.id for row in rows])
    return [{'id': row.id, 'floating_network_id': row.floating_network_id,
             'floating_ip_address': row.floating_ip_address,
             'fixed_ip_address': row.fixed_ip_address, 'port_id': row.fixed_port_id,
             'router_id': row.router_id, 'status': row.status, **base.standard(row, tags)}
            for row in rows]


def row_of(session: orm.Session, ctx: Any, fip_id: str) -> Any:
    statement = sa.select(_fips).where(_F.id == fip_id)
    condition = base.owned_or_admin(ctx, _fips)
    if condition is not None:
        statement = statement.where(condition)
    row = session.execute(statement).first()
    if row is None:
        raise net_exc.FloatingIPNotFound(floatingip_id=fip_id)
    return row


class FloatingIPAPI(base.NetworkResourceAPI):
    """Allocate, associate, disassociate and release floating IPs."""

    def list(self, ctx: Any, query: listing.ListQuery) -> tuple[list[dict], bool]:
        def read(session):
            rows, more = listing.page(session, SPEC, query, base.owned_or_admin(ctx, _fips),
                                      lambda m: net_exc.FloatingIPNotFound(floatingip_id=m))
            return records(session, rows), more
        return self.database.read(read)

    def get(self, ctx: Any, fip_id: str) -> dict[str, Any]:
        return self.database.read(lambda s: records(s, [row_of(s, ctx, fip_id)])[0])

    def create(self, ctx: Any, values: Mapping[str, Any]) -> dict[str, Any]:
        project_id = base.project_of(ctx, values)
        self.net.ensure_seeded()

        def write(session):
            network = network_rules.row_of(session, ctx, values['floating_network_id'])
            if not network.external:
                raise net_exc.NetworkNotExternal(net_id=network.id)
            self.net.quotas.check(session, project_id, 'floatingip')
            fip_id = base.new_id()
            fixed = None
            if values.get('floating_ip_address') or values.get('subnet_id'):
                fixed = [{key: values[source] for key, source in (
                    ('ip_address', 'floating_ip_address'), ('subnet_id', 'subnet_id'))
                    if values.get(source)}]
            try:
                port = self.net.ports.create_in(session, ctx, {
                    'network_id': network.id, 'device_id': fip_id, 'project_id': '',
                    'device_owner': base.FLOATING_IP, 'fixed_ips': fixed})
            except net_exc.IpAddressGenerationFailure:
                raise net_exc.ExternalIpAddressExhausted(net_id=network.id) from None
            address = [e['ip_address'] for e in port['fixed_ips']
                       if ipaddress.ip_address(e['ip_address']).version == 4]
            if not address:
                raise net_exc.ExternalIpAddressExhausted(net_id=network.id)
            session.execute(sa.insert(_fips).values(
                id=fip_id, floating_ip_address=address[0], floating_network_id=network.id,
                floating_port_id=port['id'], status='DOWN',
                **base.created(ctx, project_id, values.get('description'))))
            if values.get('port_id'):
                self._associate(session, ctx, row_of(session, None, fip_id), values['port_id'],
                                values.get('fixed_ip_address'))
            return records(session, [row_of(session, None, fip_id)])[0]
        return self.database.write(write)

    def _associate(self, session: orm.Session, ctx: Any, fip: Any, port_id: str,
                   fixed_ip: str | None) -> None:
        port = port_rules.row_of(session, ctx, port_id)
        if port.device_owner.startswith('network:'):
            raise bad('Port %s has owner %s and therefore cannot be assigned a floating IP'
                      % (port.id, port.device_owner))
        entries = [e for e in port_addresses.of(session, [port.id]).get(port.id, [])
                   if ipaddress.ip_address(e['ip_address']).version == 4]
        if fixed_ip is not None:
            entries = [e for e in entries if e['ip_address'] == fixed_ip]
            if not entries:
                raise bad('Port %s does not have fixed ip %s' % (port.id, fixed_ip))
        elif not entries:
            raise bad('Port %s does not have any IPv4 address' % port.id)
        elif len(entries) > 1:
            raise bad('Port %s has multiple fixed IPv4 addresses.  Must provide a specific '
                      'IPv4 address when assigning a floating IP' % port.id)
        entry = entries[0]
        other = session.execute(sa.select(_F.id).where(
            _F.floating_network_id == fip.floating_network_id, _F.fixed_port_id == port.id,
            _F.fixed_ip_address == entry['ip_address'], _F.id != fip.id)).first()
        if other is not None:
            raise net_exc.FloatingIPPortAlreadyAssociated(
                floating_ip_address=fip.floating_ip_address, fip_id=fip.id, port_id=port.id,
                fixed_ip=entry['ip_address'], net_id=fip.floating_network_id)
        router_id = router_rules.RouterAPI.router_for(session, fip.floating_network_id,
                                                      entry['subnet_id'])
        if router_id is None:
            raise net_exc.ExternalGatewayForFloatingIPNotFound(
                external_network_id=fip.floating_network_id, subnet_id=entry['subnet_id'],
                port_id=port.id)
        base.bump(session, _fips, fip.id, {'fixed_port_id': port.id,
                                           'fixed_ip_address': entry['ip_address'],
                                           'router_id': router_id, 'status': 'ACTIVE'})

    def update(self, ctx: Any, fip_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        def write(session):
            fip = row_of(session, ctx, fip_id)
            if 'description' in values:
                base.bump(session, _fips, fip_id, {'description': values['description']})
            if 'port_id' in values:
                if values['port_id'] is None:
                    base.bump(session, _fips, fip_id, {
                        'fixed_port_id': None, 'fixed_ip_address': None, 'router_id': None,
                        'status': 'DOWN'})
                else:
                    self._associate(session, ctx, fip, values['port_id'],
                                    values.get('fixed_ip_address'))
            return records(session, [row_of(session, None, fip_id)])[0]
        return self.database.write(write)

    def delete(self, ctx: Any, fip_id: str) -> None:
        def write(session):
            fip = row_of(session, ctx, fip_id)
            session.execute(sa.delete(_fips).where(_F.id == fip_id))
            port_rules.PortAPI.delete_rows(session, [fip.floating_port_id])
            tag_store.delete(session, RESOURCE, [fip_id])
        self.database.write(write)
