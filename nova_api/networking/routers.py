"""Routers: a gateway on an external network (a port of the router's, ``network:router_gateway``)
and interfaces on subnets (``network:router_interface`` ports holding the subnets' gateway IPs).
A floating IP reaches a fixed IP through a router that has both."""

from __future__ import annotations

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
from nova_api.networking import subnets as subnet_rules
from nova_api.networking import tags as tag_store

RESOURCE = 'routers'
_routers = models.Router.__table__
_R = _routers.c
_ports = models.Port.__table__
_allocations = models.IPAllocation.__table__
_floatingips = models.FloatingIP.__table__

SPEC = listing.Spec(RESOURCE, _routers, {
    **listing.standard_columns(_routers), 'name': (_R.name, listing.to_str),
    'status': (_R.status, listing.to_str),
    'admin_state_up': (_R.admin_state_up, listing.to_bool)},
    ignored=frozenset(('external_gateway_info',)))


def bad(msg: str) -> net_exc.BadRequest:
    return net_exc.BadRequest(resource='router', msg=msg)


def records(session: orm.Session, rows: list[Any]) -> list[dict[str, Any]]:
    """Routers with their gateways and tags: one query each for the page."""
    gateway_ids = [row.gw_port_id for row in rows if row.gw_port_id]
    gateways = {row.id: row for row in session.execute(
        sa.select(_ports).where(_ports.c.id.in_(gateway_ids)))} if gateway_ids else {}
    addresses = port_addresses.of(session, gateway_ids)
    tags = tag_store.of(session, RESOURCE, [row.id for row in rows])
    found = []
    for row in rows:
        gateway = gateways.get(row.gw_port_id)
        info = None if gateway is None else {
            'network_id': gateway.network_id, 'enable_snat': row.enable_snat,
            'external_fixed_ips': addresses.get(gateway.id, [])}
        found.append({'id': row.id, 'name': row.name, 'admin_state_up': row.admin_state_up,
                      'status': row.status, 'external_gateway_info': info,
                      **base.standard(row, tags)})
    return found


def row_of(session: orm.Session, ctx: Any, router_id: str) -> Any:
    statement = sa.select(_routers).where(_R.id == router_id)
    condition = None if ctx is None else base.owned_or_admin(ctx, _routers)
    if condition is not None:
        statement = statement.where(condition)
    row = session.execute(statement).first()
    if row is None:
        raise net_exc.RouterNotFound(router_id=router_id)
    return row


def interfaces(session: orm.Session, router_id: str) -> list[Any]:
    return list(session.execute(sa.select(_ports).where(
        _ports.c.device_id == router_id, _ports.c.device_owner == base.ROUTER_INTERFACE)))


class RouterAPI(base.NetworkResourceAPI):
    """Routers, their gateways and their interfaces."""

    def list(self, ctx: Any, query: listing.ListQuery) -> tuple[list[dict], bool]:
        def read(session):
            rows, more = listing.page(session, SPEC, query, base.owned_or_admin(ctx, _routers),
                                      lambda m: net_exc.RouterNotFound(router_id=m))
            return records(session, rows), more
        return self.database.read(read)

    def get(self, ctx: Any, router_id: str) -> dict[str, Any]:
        return self.database.read(lambda s: records(s, [row_of(s, ctx, router_id)])[0])

    def create(self, ctx: Any, values: Mapping[str, Any]) -> dict[str, Any]:
        project_id = base.project_of(ctx, values)
        self.net.ensure_seeded()

        def write(session):
            self.net.quotas.check(session, project_id, 'router')
            router_id = base.new_id()
            session.execute(sa.insert(_routers).values(
                id=router_id, name=values.get('name') or '', status='ACTIVE',
                admin_state_up=values.get('admin_state_up', True), enable_snat=True,
                **base.created(ctx, project_id, values.get('description'))))
            if values.get('external_gateway_info'):
                self._set_gateway(session, ctx, router_id, values['external_gateway_info'])
            return records(session, [row_of(session, None, router_id)])[0]
        return self.database.write(write)

    def _set_gateway(self, session: orm.Session, ctx: Any, router_id: str,
                     info: Mapping[str, Any]) -> None:
        network = network_rules.row_of(session, ctx, info.get('network_id'))
        if not network.external:
            raise bad('Network %s is not an external network' % network.id)
        port = port_rules.PortAPI.create_in(self.net.ports, session, ctx, {
            'network_id': network.id, 'device_id': router_id, 'project_id': '',
            'device_owner': base.ROUTER_GATEWAY, 'fixed_ips': info.get('external_fixed_ips')})
        base.bump(session, _routers, router_id, {
            'gw_port_id': port['id'], 'enable_snat': info.get('enable_snat', True)})

    def _clear_gateway(self, session: orm.Session, row: Any) -> None:
        if row.gw_port_id is None:
            return
        if session.scalar(sa.select(sa.func.count()).select_from(_floatingips).where(
                _floatingips.c.router_id == row.id)):
            network_id = session.scalar(sa.select(_ports.c.network_id).where(
                _ports.c.id == row.gw_port_id))
            raise net_exc.RouterExternalGatewayInUseByFloatingIp(router_id=row.id,
                                                                 net_id=network_id)
        base.bump(session, _routers, row.id, {'gw_port_id': None})
        port_rules.PortAPI.delete_rows(session, [row.gw_port_id])

    def update(self, ctx: Any, router_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        def write(session):
            row = row_of(session, ctx, router_id)
            changes = {name: values[name] for name in ('name', 'description', 'admin_state_up')
                       if name in values}
            base.bump(session, _routers, router_id, changes)
            if 'external_gateway_info' in values:
                info = values['external_gateway_info'] or {}
                current = records(session, [row])[0]['external_gateway_info']
                if not info or current is None or info.get('network_id') != current['network_id'] \
                        or info.get('external_fixed_ips') is not None:
                    self._clear_gateway(session, row)
                    if info:
                        self._set_gateway(session, ctx, router_id, info)
                elif 'enable_snat' in info:
                    base.bump(session, _routers, router_id, {'enable_snat': info['enable_snat']})
            return records(session, [row_of(session, None, router_id)])[0]
        return self.database.write(write)

    def delete(self, ctx: Any, router_id: str) -> None:
        def write(session):
            row = row_of(session, ctx, router_id)
            if interfaces(session, router_id):
                raise net_exc.RouterInUse(router_id=router_id, reason='still has ports')
            self._clear_gateway(session, row)
            session.execute(sa.delete(_routers).where(_R.id == router_id))
            tag_store.delete(session, RESOURCE, [router_id])
        self.database.write(write)

    # -- interfaces --------------------------------------------------------------

    def add_interface(self, ctx: Any, router_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """``PUT /routers/{id}/add_router_interface`` with a subnet_id or a port_id."""
        if body.get('subnet_id') and body.get('port_id'):
            raise bad('Cannot specify both subnet-id and port-id')
        if not body.get('subnet_id') and not body.get('port_id'):
            raise bad('Either subnet_id or port_id must be specified')

        def write(session):
            router = row_of(session, ctx, router_id)
            attached = {a.subnet_id for a in session.execute(sa.select(_allocations.c.subnet_id)
                        .join(_ports, _ports.c.id == _allocations.c.port_id).where(
                            _ports.c.device_id == router_id,
                            _ports.c.device_owner == base.ROUTER_INTERFACE))}
            if body.get('port_id'):
                port = port_rules.row_of(session, ctx, body['port_id'])
                if port.device_id or port.device_owner:
                    raise net_exc.PortInUse(port_id=port.id, net_id=port.network_id,
                                            device_id=port.device_id)
                fixed = port_addresses.of(session, [port.id]).get(port.id, [])
                if not fixed:
                    raise bad('Router port must have at least one fixed IP')
                for entry in fixed:
                    if entry['subnet_id'] in attached:
                        raise bad('Router already has a port on subnet %s' % entry['subnet_id'])
                base.bump(session, _ports, port.id, {
                    'device_id': router_id, 'device_owner': base.ROUTER_INTERFACE,
                    'status': 'ACTIVE'})
                port_id, subnet_ids, network_id = port.id, [e['subnet_id'] for e in fixed], \
                    port.network_id
            else:
                subnet = subnet_rules.row_of(session, ctx, body['subnet_id'])
                if not subnet.gateway_ip:
                    raise bad('Subnet %s does not have a gateway IP' % subnet.id)
                if subnet.id in attached:
                    raise bad('Router already has a port on subnet %s' % subnet.id)
                port = port_rules.PortAPI.create_in(self.net.ports, session, ctx, {
                    'network_id': subnet.network_id, 'device_id': router_id,
                    'device_owner': base.ROUTER_INTERFACE, 'project_id': router.project_id,
                    'fixed_ips': [{'subnet_id': subnet.id, 'ip_address': subnet.gateway_ip}]})
                port_id, subnet_ids, network_id = port['id'], [subnet.id], subnet.network_id
            base.bump(session, _routers, router_id, {})
            return _interface_info(router, port_id, subnet_ids, network_id)
        return self.database.write(write)

    def remove_interface(self, ctx: Any, router_id: str,
                         body: Mapping[str, Any]) -> dict[str, Any]:
        """``PUT /routers/{id}/remove_router_interface`` by subnet_id or port_id."""
        if not body.get('subnet_id') and not body.get('port_id'):
            raise bad('Either subnet_id or port_id must be specified')

        def write(session):
            router = row_of(session, ctx, router_id)
            ports = interfaces(session, router_id)
            fixed = port_addresses.of(session, [p.id for p in ports])
            if body.get('port_id'):
                port = next((p for p in ports if p.id == body['port_id']), None)
                if port is None:
                    raise net_exc.RouterInterfaceNotFound(router_id=router_id,
                                                          port_id=body['port_id'])
                if body.get('subnet_id') and body['subnet_id'] not in [
                        e['subnet_id'] for e in fixed.get(port.id, [])]:
                    raise net_exc.RouterInterfaceNotFoundForSubnet(router_id=router_id,
                                                                   subnet_id=body['subnet_id'])
            else:
                port = next((p for p in ports if body['subnet_id'] in [
                    e['subnet_id'] for e in fixed.get(p.id, [])]), None)
                if port is None:
                    raise net_exc.RouterInterfaceNotFoundForSubnet(router_id=router_id,
                                                                   subnet_id=body['subnet_id'])
            subnet_ids = [e['subnet_id'] for e in fixed.get(port.id, [])]
            self._check_unused(session, router_id, subnet_ids)
            port_rules.PortAPI.delete_rows(session, [port.id])
            base.bump(session, _routers, router_id, {})
            return _interface_info(router, port.id, subnet_ids, port.network_id)
        return self.database.write(write)

    @staticmethod
    def _check_unused(session: orm.Session, router_id: str, subnet_ids: list[str]) -> None:
        for fip in session.execute(sa.select(_floatingips).where(
                _floatingips.c.router_id == router_id)):
            subnet = session.scalar(sa.select(_allocations.c.subnet_id).where(
                _allocations.c.port_id == fip.fixed_port_id,
                _allocations.c.ip_address == fip.fixed_ip_address))
            if subnet in subnet_ids:
                raise net_exc.RouterInterfaceInUseByFloatingIP(router_id=router_id,
                                                               subnet_id=subnet)

    @staticmethod
    def router_for(session: orm.Session, external_network_id: str, subnet_id: str) -> str | None:
        """A router with a gateway on the external network and an interface on ``subnet_id``."""
        gateway = _ports.alias('gateway')
        statement = sa.select(_R.id).join(gateway, gateway.c.id == _R.gw_port_id).where(
            gateway.c.network_id == external_network_id,
            _R.id.in_(sa.select(_ports.c.device_id).join(
                _allocations, _allocations.c.port_id == _ports.c.id).where(
                _ports.c.device_owner == base.ROUTER_INTERFACE,
                _allocations.c.subnet_id == subnet_id))).order_by(_R.created_at).limit(1)
        return session.scalar(statement)


def _interface_info(router: Any, port_id: str, subnet_ids: list[str],
                    network_id: str) -> dict[str, Any]:
    return {'id': router.id, 'tenant_id': router.project_id, 'project_id': router.project_id,
            'port_id': port_id, 'subnet_id': subnet_ids[0] if subnet_ids else None,
            'subnet_ids': subnet_ids, 'network_id': network_id, 'tags': []}
