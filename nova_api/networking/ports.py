"""Ports: a device's attachment to a network, with its fixed IPs, MAC, security groups and
allowed address pairs. Besides the API, compute asks here for a device's ports
(:meth:`PortAPI.create_for_device`, :meth:`PortAPI.device_ports`, :meth:`PortAPI.delete_for_device`).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking import base
from nova_api.networking import listing
from nova_api.networking import networks as network_rules
from nova_api.networking import port_addresses
from nova_api.networking import tags as tag_store

RESOURCE = 'ports'
_ports = models.Port.__table__
_P = _ports.c
_allocations = models.IPAllocation.__table__
_pairs = models.AllowedAddressPair.__table__
_bindings = models.SecurityGroupPortBinding.__table__
_floatingips = models.FloatingIP.__table__


def _fixed_ips_filter(values: tuple[str, ...]) -> Any:
    """``fixed_ips=ip_address=10.0.0.5`` / ``fixed_ips=subnet_id=...`` (Neutron's form)."""
    conditions = []
    for value in values:
        name, _, wanted = value.partition('=')
        if name not in ('ip_address', 'subnet_id', 'ip_address_substr'):
            raise net_exc.HTTPBadRequest(reason='[%s] is invalid attribute for filtering' % value)
        column = _allocations.c.subnet_id if name == 'subnet_id' else _allocations.c.ip_address
        condition = column.contains(wanted) if name == 'ip_address_substr' else column == wanted
        conditions.append(condition)
    return _P.id.in_(sa.select(_allocations.c.port_id).where(sa.and_(*conditions)))


SPEC = listing.Spec(RESOURCE, _ports, {
    **listing.standard_columns(_ports),
    **{name: (getattr(_P, name), listing.to_str) for name in (
        'name', 'network_id', 'mac_address', 'status', 'device_id', 'device_owner')},
    'admin_state_up': (_P.admin_state_up, listing.to_bool),
    'port_security_enabled': (_P.port_security_enabled, listing.to_bool),
    'binding:host_id': (_P.binding_host_id, listing.to_str),
    'binding:vnic_type': (_P.binding_vnic_type, listing.to_str),
}, custom={
    'fixed_ips': _fixed_ips_filter,
    'security_groups': lambda ids: _P.id.in_(sa.select(_bindings.c.port_id).where(
        _bindings.c.security_group_id.in_(ids))),
}, ignored=frozenset(('allowed_address_pairs', 'binding:profile', 'binding:vif_type',
                      'binding:vif_details', 'ip_allocation')))

#: API attribute -> column, of what create and update write as they are.
COLUMNS = {'name': 'name', 'description': 'description', 'admin_state_up': 'admin_state_up',
           'device_id': 'device_id', 'device_owner': 'device_owner',
           'binding:host_id': 'binding_host_id', 'binding:vnic_type': 'binding_vnic_type'}


def status_of(device_id: str, device_owner: str) -> str:
    """Simulated: a port is ACTIVE once a device holds it."""
    return 'ACTIVE' if device_id and device_owner else 'DOWN'


def records(session: orm.Session, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Ports with fixed IPs, address pairs, groups and tags: one query each for the page."""
    ids = [row.id for row in rows]
    addresses = port_addresses.of(session, ids)
    pairs: dict[str, list[dict]] = {}
    groups: dict[str, list[str]] = {}
    if ids:
        for pair in session.execute(sa.select(_pairs).where(_pairs.c.port_id.in_(ids))):
            pairs.setdefault(pair.port_id, []).append(
                {'ip_address': pair.ip_address, 'mac_address': pair.mac_address})
        for binding in session.execute(sa.select(_bindings).where(_bindings.c.port_id.in_(ids))):
            groups.setdefault(binding.port_id, []).append(binding.security_group_id)
    tags = tag_store.of(session, RESOURCE, ids)
    return [{'id': row.id, 'name': row.name, 'network_id': row.network_id,
             'mac_address': row.mac_address, 'admin_state_up': row.admin_state_up,
             'status': row.status, 'device_id': row.device_id, 'device_owner': row.device_owner,
             'fixed_ips': addresses.get(row.id, []),
             'allowed_address_pairs': pairs.get(row.id, []),
             'security_groups': sorted(groups.get(row.id, [])),
             'port_security_enabled': row.port_security_enabled,
             'binding:host_id': row.binding_host_id, 'binding:vnic_type': row.binding_vnic_type,
             'binding:profile': json.loads(row.binding_profile or '{}'),
             'binding:vif_type': 'ovs' if row.binding_host_id else 'unbound',
             'binding:vif_details': {'port_filter': True, 'connectivity': 'l2'}
             if row.binding_host_id else {},
             'ip_allocation': 'immediate', **base.standard(row, tags)} for row in rows]


def visible(ctx: Any) -> Any:
    return base.owned_or_admin(ctx, _ports) if ctx is not None else None


def row_of(session: orm.Session, ctx: Any, port_id: str) -> Any:
    statement = sa.select(_ports).where(_P.id == port_id)
    condition = visible(ctx)
    if condition is not None:
        statement = statement.where(condition)
    row = session.execute(statement).first()
    if row is None:
        raise net_exc.PortNotFound(port_id=port_id)
    return row


def _pairs_of(values: Sequence[Any], mac: str, limit: int) -> list[dict[str, str]]:
    if 0 <= limit < len(values):
        raise net_exc.HTTPBadRequest(reason='Exceeded maximum amount of allowed address pairs '
                                            '%d' % limit)
    pairs: list[dict[str, str]] = []
    for value in values:
        if not isinstance(value, dict) or 'ip_address' not in value or \
                not set(value) <= {'ip_address', 'mac_address'}:
            raise net_exc.HTTPBadRequest(reason="Invalid input for allowed_address_pairs. Reason: "
                                                "Allowed address pairs must be a list of "
                                                "dictionaries with an ip_address.")
        try:
            ip = str(ipaddress.ip_network(str(value['ip_address']), strict=False)) \
                if '/' in str(value['ip_address']) else str(ipaddress.ip_address(value['ip_address']))
        except ValueError:
            raise net_exc.HTTPBadRequest(reason="Invalid input for allowed_address_pairs. Reason: "
                                                "'%s' is not a valid IP address."
                                                % value['ip_address']) from None
        pair = {'ip_address': ip,
                'mac_address': port_addresses.check_mac(value['mac_address'])
                if value.get('mac_address') else mac}
        if pair in pairs:
            raise net_exc.DuplicateAddressPairInRequest(**pair)
        pairs.append(pair)
    return pairs


class PortAPI(base.NetworkResourceAPI):
    """Create, list, show, update and delete ports; a device's ports for compute."""

    def list(self, ctx: Any, query: listing.ListQuery) -> tuple[list[dict], bool]:
        def read(session):
            rows, more = listing.page(session, SPEC, query, visible(ctx),
                                      lambda m: net_exc.PortNotFound(port_id=m))
            return records(session, rows), more
        return self.database.read(read)

    def get(self, ctx: Any, port_id: str) -> dict[str, Any]:
        return self.database.read(lambda s: records(s, [row_of(s, ctx, port_id)])[0])

    def create(self, ctx: Any, values: Mapping[str, Any]) -> dict[str, Any]:
        """A port on ``values['network_id']`` (visible to ``ctx``), in one transaction."""
        self.net.ensure_seeded()
        return self.database.write(self.create_in, ctx, values)

    def create_in(self, session: orm.Session, ctx: Any, values: Mapping[str, Any]) -> dict:
        """:meth:`create` within the caller's write transaction (compute's boot)."""
        network = network_rules.row_of(session, ctx, values['network_id'])
        project_id = base.project_of(ctx, values)
        if project_id:  # a router gateway's or floating IP's port belongs to no project
            self.net.quotas.check(session, project_id, 'port')
        port_id = base.new_id()
        mac = port_addresses.mac_for(session, network.id, values.get('mac_address'))
        owner = values.get('device_owner') or ''
        addresses = port_addresses.Allocation(session, network.id).choose(
            values.get('fixed_ips'), mac, owner)
        security = values.get('port_security_enabled', network.port_security_enabled)
        groups = self._groups(session, ctx, project_id, values, security, owner, addresses)
        pairs = _pairs_of(values.get('allowed_address_pairs') or [], mac,
                          self.conf.network.max_allowed_address_pair)
        if pairs and not security:
            raise net_exc.AddressPairAndPortSecurityRequired()
        row = {column: values[name] for name, column in COLUMNS.items() if name in values}
        standard = base.created(ctx, project_id, row.pop('description', None))
        session.execute(sa.insert(_ports).values(
            id=port_id, network_id=network.id, mac_address=mac, port_security_enabled=security,
            status=status_of(values.get('device_id') or '', owner),
            binding_profile=json.dumps(values.get('binding:profile') or {}),
            **{'name': '', 'device_id': '', 'device_owner': '', **row}, **standard))
        port_addresses.write(session, port_id, network.id, addresses)
        self._write_groups(session, port_id, groups)
        self._write_pairs(session, port_id, pairs)
        return records(session, [row_of(session, None, port_id)])[0]

    def _groups(self, session: orm.Session, ctx: Any, project_id: str, values: Mapping[str, Any],
                security: bool, owner: str, addresses: Sequence[Any]) -> list[str]:
        requested = values.get('security_groups')
        if requested is None:
            if not security or owner.startswith('network:'):
                return []
            return [self.net.security_groups.ensure_default(session, project_id)]
        groups = sorted(set(requested))
        if groups and (not security or not addresses):
            raise net_exc.PortSecurityAndIPRequiredForSecurityGroups()
        self.net.security_groups.check_visible(session, project_id, ctx.is_admin, groups)
        return groups

    @staticmethod
    def _write_groups(session: orm.Session, port_id: str, groups: Sequence[str]) -> None:
        session.execute(sa.delete(_bindings).where(_bindings.c.port_id == port_id))
        if groups:
            session.execute(sa.insert(_bindings), [
                {'port_id': port_id, 'security_group_id': group} for group in groups])

    @staticmethod
    def _write_pairs(session: orm.Session, port_id: str, pairs: Sequence[dict]) -> None:
        session.execute(sa.delete(_pairs).where(_pairs.c.port_id == port_id))
        if pairs:
            session.execute(sa.insert(_pairs), [dict(pair, port_id=port_id) for pair in pairs])

    def update(self, ctx: Any, port_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        def write(session):
            row = row_of(session, ctx, port_id)
            changes = {column: values[name] for name, column in COLUMNS.items() if name in values}
            if 'mac_address' in values:
                changes['mac_address'] = port_addresses.mac_for(
                    session, row.network_id, values['mac_address'], port_id)
            mac = changes.get('mac_address', row.mac_address)
            if 'fixed_ips' in values:
                self._readdress(session, row, values['fixed_ips'] or [], mac)
            addresses = port_addresses.of(session, [port_id]).get(port_id, [])
            security = values.get('port_security_enabled', row.port_security_enabled)
            changes['port_security_enabled'] = security
            current = records(session, [row])[0]
            if 'security_groups' in values:
                groups = self._groups(session, ctx, row.project_id, values, security,
                                      row.device_owner, addresses)
                self._write_groups(session, port_id, groups)
            elif not security and current['security_groups']:
                raise net_exc.PortSecurityPortHasSecurityGroup()
            pairs = current['allowed_address_pairs']
            if 'allowed_address_pairs' in values:
                pairs = _pairs_of(values['allowed_address_pairs'] or [], mac,
                                  self.conf.network.max_allowed_address_pair)
                self._write_pairs(session, port_id, pairs)
            if pairs and not security:
                raise net_exc.AddressPairAndPortSecurityRequired()
            if 'binding:profile' in values:
                changes['binding_profile'] = json.dumps(values['binding:profile'] or {})
            changes['status'] = status_of(changes.get('device_id', row.device_id),
                                          changes.get('device_owner', row.device_owner))
            base.bump(session, _ports, port_id, changes)
            # A server's port: its body shows the new addresses and groups on the next read.
            self.net.refresh_servers(session, [port_id])
            return records(session, [row_of(session, None, port_id)])[0]
        return self.database.write(write)

    @staticmethod
    def _readdress(session: orm.Session, row: Any, requested: Sequence[Any], mac: str) -> None:
        """Keep the addresses still asked for, give back the others, allocate the new ones."""
        current = port_addresses.of(session, [row.id]).get(row.id, [])
        keep = [entry for entry in current if any(
            isinstance(ask, dict) and ask.get('ip_address') == entry['ip_address'] and
            ask.get('subnet_id', entry['subnet_id']) == entry['subnet_id'] for ask in requested)]
        kept = {entry['ip_address'] for entry in keep}
        session.execute(sa.delete(_allocations).where(
            _allocations.c.port_id == row.id, _allocations.c.ip_address.not_in(kept)))
        new = [ask for ask in requested
               if not (isinstance(ask, dict) and ask.get('ip_address') in kept)]
        addresses = port_addresses.Allocation(session, row.network_id).choose(
            new, mac, row.device_owner) if new else []
        port_addresses.write(session, row.id, row.network_id, addresses)

    def delete(self, ctx: Any, port_id: str) -> None:
        def write(session):
            row = row_of(session, ctx, port_id)
            if row.device_owner in (base.ROUTER_INTERFACE, base.ROUTER_GATEWAY,
                                    base.FLOATING_IP):
                raise net_exc.ServicePortInUse(port_id=port_id, reason='has device owner %s'
                                                                       % row.device_owner)
            self.delete_rows(session, [port_id])
            self.net.refresh_server_groups(session, [row.device_id])
        self.database.write(write)

    @staticmethod
    def delete_rows(session: orm.Session, port_ids: Sequence[str]) -> None:
        """Delete ports: their addresses go, their floating IPs are disassociated."""
        if not port_ids:
            return
        session.execute(sa.update(_floatingips).where(
            _floatingips.c.fixed_port_id.in_(list(port_ids))).values(
            fixed_port_id=None, fixed_ip_address=None, router_id=None, status='DOWN',
            updated_at=base.now(), revision_number=_floatingips.c.revision_number + 1))
        session.execute(sa.delete(_ports).where(_P.id.in_(list(port_ids))))
        tag_store.delete(session, RESOURCE, port_ids)
        # compute's address cache (a server's ``addresses``) forgets them too
        session.execute(sa.delete(models.FixedIP.__table__).where(
            models.FixedIP.__table__.c.port_id.in_(list(port_ids))))

    # -- for compute -------------------------------------------------------------

    def create_for_device(self, session: orm.Session, ctx: Any, network_id: str, device_id: str,
                          fixed_ip: str | None = None, device_owner: str = 'compute:nova') -> dict:
        """A port for a server on ``network_id`` (an address of it, or ``fixed_ip``)."""
        values: dict[str, Any] = {'network_id': network_id, 'device_id': device_id,
                                  'device_owner': device_owner}
        if fixed_ip is not None:
            values['fixed_ips'] = [{'ip_address': fixed_ip}]
        return self.create_in(session, ctx, values)

    @staticmethod
    def device_ports(session: orm.Session, device_ids: Sequence[str]) -> dict[str, list[dict]]:
        """``{device_id: [port]}`` for many devices: each port with its fixed IPs and, per fixed
        IP, its floating IP (``floating_ip`` or None). Three queries in all."""
        if not device_ids:
            return {}
        rows = list(session.execute(sa.select(_ports).where(_P.device_id.in_(list(device_ids)))
                                    .order_by(_P.created_at, _P.id)))
        ports = records(session, rows)
        floating = {(f.fixed_port_id, f.fixed_ip_address): f.floating_ip_address
                    for f in session.execute(sa.select(_floatingips).where(
                        _floatingips.c.fixed_port_id.in_([r.id for r in rows])))} if rows else {}
        found: dict[str, list[dict]] = {}
        for port in ports:
            for entry in port['fixed_ips']:
                entry['floating_ip'] = floating.get((port['id'], entry['ip_address']))
            found.setdefault(port['device_id'], []).append(port)
        return found

    def delete_for_device(self, session: orm.Session, device_id: str) -> None:
        """Delete the ports of a deleted server."""
        self.delete_rows(session, list(session.scalars(sa.select(_P.id).where(
            _P.device_id == device_id, _P.device_owner.not_in(base.SERVICE_OWNERS)))))

