"""Networks: a project's own, the shared ones every project sees, the external ones floating IPs
come from. Deleting one takes its subnets along, unless ports are still on it (409)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking import base
from nova_api.networking import listing
from nova_api.networking import tags as tag_store

RESOURCE = 'networks'
_networks = models.Network.__table__
_N = _networks.c
_subnets = models.Subnet.__table__
_ports = models.Port.__table__

SPEC = listing.Spec(RESOURCE, _networks, {
    **listing.standard_columns(_networks),
    'name': (_N.name, listing.to_str), 'status': (_N.status, listing.to_str),
    'admin_state_up': (_N.admin_state_up, listing.to_bool),
    'shared': (_N.shared, listing.to_bool), 'router:external': (_N.external, listing.to_bool),
    'mtu': (_N.mtu, listing.to_int),
    'port_security_enabled': (_N.port_security_enabled, listing.to_bool),
}, ignored=frozenset(('availability_zone_hints', 'availability_zones', 'l2_adjacency',
                      'ipv4_address_scope', 'ipv6_address_scope')))
SPEC = listing.Spec(SPEC.resource, SPEC.table, SPEC.columns, ignored=SPEC.ignored, custom={
    'subnets': lambda ids: _N.id.in_(sa.select(_subnets.c.network_id).where(
        _subnets.c.id.in_(ids)))})

#: Attributes given at create (Neutron's names -> columns).
COLUMNS = {'name': 'name', 'admin_state_up': 'admin_state_up', 'shared': 'shared',
           'router:external': 'external', 'mtu': 'mtu',
           'port_security_enabled': 'port_security_enabled', 'description': 'description'}


def visible(ctx: Any) -> Any:
    """What a project sees: its own networks, the shared and the external ones."""
    if ctx is None or ctx.is_admin:
        return None
    return sa.or_(_N.project_id == ctx.project_id, _N.shared.is_(True), _N.external.is_(True))


def record(row: Any, subnet_ids: list[str], tags: Mapping[str, list[str]]) -> dict[str, Any]:
    return {'id': row.id, 'name': row.name, 'admin_state_up': row.admin_state_up,
            'mtu': row.mtu, 'status': row.status, 'subnets': subnet_ids, 'shared': row.shared,
            'availability_zone_hints': [], 'availability_zones': ['nova'],
            'ipv4_address_scope': None, 'ipv6_address_scope': None,
            'router:external': row.external, 'port_security_enabled': row.port_security_enabled,
            'l2_adjacency': True, **base.standard(row, tags)}


def records(session: orm.Session, rows: list[Any]) -> list[dict[str, Any]]:
    """The networks of ``rows`` with their subnets and tags: one query each for the page."""
    ids = [row.id for row in rows]
    subnets: dict[str, list[str]] = {}
    if ids:
        for sub in session.execute(sa.select(_subnets.c.id, _subnets.c.network_id).where(
                _subnets.c.network_id.in_(ids)).order_by(_subnets.c.created_at, _subnets.c.id)):
            subnets.setdefault(sub.network_id, []).append(sub.id)
    tags = tag_store.of(session, RESOURCE, ids)
    return [record(row, subnets.get(row.id, []), tags) for row in rows]


def row_of(session: orm.Session, ctx: Any, network_id: str) -> Any:
    """The network ``network_id`` as ``ctx`` sees it (None: as it is); NetworkNotFound (404)
    otherwise."""
    condition = visible(ctx)
    statement = sa.select(_networks).where(_N.id == network_id)
    if condition is not None:
        statement = statement.where(condition)
    row = session.execute(statement).first()
    if row is None:
        raise net_exc.NetworkNotFound(net_id=network_id)
    return row


class NetworkAPI(base.NetworkResourceAPI):
    """Create, list, show, update and delete networks."""

    def list(self, ctx: Any, query: listing.ListQuery) -> tuple[list[dict], bool]:
        def read(session):
            rows, more = listing.page(session, SPEC, query, visible(ctx),
                                      lambda m: net_exc.NetworkNotFound(net_id=m))
            return records(session, rows), more
        self.net.ensure_seeded()
        return self.database.read(read)

    def get(self, ctx: Any, network_id: str) -> dict[str, Any]:
        self.net.ensure_seeded()
        return self.database.read(
            lambda session: records(session, [row_of(session, ctx, network_id)])[0])

    def create(self, ctx: Any, values: Mapping[str, Any]) -> dict[str, Any]:
        project_id = base.project_of(ctx, values)
        row = {column: values[name] for name, column in COLUMNS.items() if name in values}
        row.setdefault('mtu', self.conf.network.mtu)
        row.setdefault('name', '')
        standard = base.created(ctx, project_id, row.pop('description', None))

        def write(session):
            self.net.quotas.check(session, project_id, 'network')
            network_id = base.new_id()
            session.execute(sa.insert(_networks).values(
                id=network_id, status='ACTIVE', **{'admin_state_up': True, 'shared': False,
                                                   'external': False,
                                                   'port_security_enabled': True, **row},
                **standard))
            return records(session, [row_of(session, None, network_id)])[0]
        return self.database.write(write)

    def update(self, ctx: Any, network_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        changes = {column: values[name] for name, column in COLUMNS.items() if name in values}

        def write(session):
            current = row_of(session, ctx, network_id)
            if changes.get('shared') is False and current.shared:
                others = session.scalar(sa.select(sa.func.count()).select_from(_ports).where(
                    _ports.c.network_id == network_id, _ports.c.project_id != current.project_id,
                    _ports.c.device_owner.not_in(base.SERVICE_OWNERS)))
                if others:
                    raise net_exc.InvalidSharedSetting(network=current.name or network_id)
            base.bump(session, _networks, network_id, changes)
            return records(session, [row_of(session, ctx, network_id)])[0]
        return self.database.write(write)

    def delete(self, ctx: Any, network_id: str) -> None:
        def write(session):
            row_of(session, ctx, network_id)
            in_use = session.scalar(sa.select(sa.func.count()).select_from(_ports).where(
                _ports.c.network_id == network_id, _ports.c.device_owner != base.DHCP))
            if in_use:
                raise net_exc.NetworkInUse(net_id=network_id)
            subnet_ids = list(session.scalars(sa.select(_subnets.c.id).where(
                _subnets.c.network_id == network_id)))
            session.execute(sa.delete(_ports).where(_ports.c.network_id == network_id))
            session.execute(sa.delete(_subnets).where(_subnets.c.network_id == network_id))
            session.execute(sa.delete(_networks).where(_N.id == network_id))
            tag_store.delete(session, 'subnets', subnet_ids)
            tag_store.delete(session, RESOURCE, [network_id])
        self.database.write(write)
