"""A server's ports on the network service: checked at boot, made or bound by the build, given
back at delete, as Nova's network API asks Neutron for them.

The API side (:meth:`ServerPortsAPI.check_boot`, in boot's read
transaction) applies Nova's ``validate_networks``: known and visible
networks with a subnet, free ports with an address, free addresses inside
the network's subnets. The runner's networking step
(:meth:`ServerPortsAPI.allocate`) creates the ports (``device_id`` the
server, ``device_owner`` ``compute:<zone>``, ``binding:host_id`` its host)
or binds the ports the user passed, in the turn's transaction, and returns
the rows of compute's address cache (``fixed_ips``, Nova's network info
cache), which every server read uses. Deleting the server deletes the ports
Nova made and unbinds those it was given (:meth:`ServerPortsAPI.release`).
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import exception
from nova_api.db import models
from nova_api.exception import server_ports as port_exc
from nova_api.networking import base
from nova_api.networking import networks as network_rules
from nova_api.networking import port_addresses
from nova_api.networking import ports as port_rules

_ports = models.Port.__table__
_P = _ports.c
_networks = models.Network.__table__
_N = _networks.c
_subnets = models.Subnet.__table__
_allocations = models.IPAllocation.__table__
_A = _allocations.c
_fixed_ips = models.FixedIP.__table__
_F = _fixed_ips.c
_instances = models.Instance.__table__
#: What Nova's ports are owned by: ``compute:<availability zone>``.
COMPUTE_OWNER_PREFIX = 'compute:'


@dataclasses.dataclass(frozen=True)
class Caller:
    """Whom the build acts for: the server's project, with the rights of Nova's own client."""

    project_id: str
    is_admin: bool = True


@dataclasses.dataclass(frozen=True)
class Interface:
    """A port as ``os-interface`` shows it; ``fixed_ips`` are (address, subnet id) pairs."""

    port_id: str
    net_id: str
    mac_addr: str
    port_state: str
    fixed_ips: tuple[tuple[str, str], ...]
    tag: str | None


def cache_rows(server_uuid: str, port: Mapping[str, Any], network_name: str,
               tag: str | None) -> list[dict[str, Any]]:
    """The address cache's rows of one port: one per fixed IP (``host_index`` unused here)."""
    return [{'instance_uuid': server_uuid, 'network_id': port['network_id'],
             'network_name': network_name, 'address': entry['ip_address'], 'host_index': 0,
             'version': ipaddress.ip_address(entry['ip_address']).version,
             'mac_address': port['mac_address'], 'port_id': port['id'], 'tag': tag}
            for entry in port['fixed_ips']]


def passed_ports(requested_networks: str | None) -> set[str]:
    """The ports the user gave the server (boot's ``port`` entries, os-interface's ``port_id``)."""
    requested = orjson.loads(requested_networks) if requested_networks else None
    if not isinstance(requested, list):
        return set()
    return {entry['port'] for entry in requested if isinstance(entry, dict) and entry.get('port')}


class ServerPortsAPI(base.NetworkResourceAPI):
    """Nova's side of Neutron's ports, for compute."""

    # -- boot's checks (the API's read transaction) -----------------------------------

    def check_boot(self, session: orm.Session, ctx: Any, requested: Any) -> Any:
        """``'none'`` or the entries to build: ``{uuid, fixed_ip, port, tag}`` each."""
        if requested == 'none':
            return 'none'
        if requested == 'auto' or not requested:
            network = self.auto_network(session, ctx)
            return 'none' if network is None else [
                {'uuid': network.id, 'fixed_ip': None, 'port': None, 'tag': None}]
        checked = []
        for entry in requested:
            if entry.get('port'):
                port = self._free_port(session, ctx, entry['port'])
                checked.append({'uuid': port.network_id, 'fixed_ip': None, 'port': port.id,
                                'tag': entry.get('tag')})
                continue
            network = self.network_for_server(session, ctx, entry['uuid'],
                                              exception.NetworkNotFound)
            fixed_ip = entry.get('fixed_ip')
            if fixed_ip is not None:
                self.check_address(session, network.id, fixed_ip)
            checked.append({'uuid': network.id, 'fixed_ip': fixed_ip, 'port': None,
                            'tag': entry.get('tag')})
        return checked

    @staticmethod
    def auto_network(session: orm.Session, ctx: Any) -> Any:
        """The project's own network if it has one, else the shared one; None when there is
        none; Nova's 409 NetworkAmbiguous when there are several to choose from."""
        own = list(session.execute(sa.select(_networks).where(
            _N.project_id == ctx.project_id, _N.shared.is_(False), _N.external.is_(False),
            _N.admin_state_up.is_(True))))
        if not own:
            own = list(session.execute(sa.select(_networks).where(
                _N.shared.is_(True), _N.admin_state_up.is_(True))))
        if len(own) > 1:
            raise port_exc.NetworkAmbiguous()
        return own[0] if own else None

    @staticmethod
    def visible_networks(session: orm.Session, ctx: Any,
                         network_id: str | None = None) -> list[Any]:
        """The networks ``ctx`` sees (Nova's os-networks proxy), oldest first."""
        statement = sa.select(_N.id, _N.name).order_by(_N.created_at, _N.id)
        condition = network_rules.visible(ctx)
        if condition is not None:
            statement = statement.where(condition)
        if network_id is not None:
            statement = statement.where(_N.id == network_id)
        return list(session.execute(statement))

    @staticmethod
    def network_for_server(session: orm.Session, ctx: Any, network_id: str,
                           not_found: type[Exception]) -> Any:
        """A network ``ctx`` may put a server on: visible, with a subnet, not external."""
        condition = network_rules.visible(ctx)
        statement = sa.select(_networks).where(_N.id == network_id)
        if condition is not None:
            statement = statement.where(condition)
        network = session.execute(statement).first()
        if network is None:
            raise not_found(network_id=network_id)
        if network.external and not network.shared and not ctx.is_admin:
            raise port_exc.ExternalNetworkAttachForbidden(network_uuid=network_id)
        if session.scalar(sa.select(sa.func.count()).select_from(_subnets).where(
                _subnets.c.network_id == network_id)) == 0:
            raise port_exc.NetworkRequiresSubnet(network_uuid=network_id)
        return network

    @staticmethod
    def check_address(session: orm.Session, network_id: str, address: str) -> None:
        """400 for an address outside the network's subnets, 400 for one already held."""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            raise exception.FixedIpInvalid(address=address, network_id=network_id) from None
        inside = False
        for cidr in session.scalars(sa.select(_subnets.c.cidr).where(
                _subnets.c.network_id == network_id)):
            net = ipaddress.ip_network(cidr)
            if ip in net and ip != net.network_address and (
                    net.version == 6 or ip != net.broadcast_address):
                inside = True
        if not inside:
            raise exception.FixedIpInvalid(address=address, network_id=network_id)
        holder = session.execute(sa.select(_P.id, _P.device_id).join(
            _allocations, _A.port_id == _P.id).where(
            _A.network_id == network_id, _A.ip_address == str(ip))).first()
        if holder is not None:
            raise exception.FixedIpAlreadyInUse(address=address,
                                                instance_uuid=holder.device_id or holder.id)

    @staticmethod
    def _free_port(session: orm.Session, ctx: Any, port_id: str) -> Any:
        """A port of the caller's (any, for an admin) bound to no device, with an address."""
        statement = sa.select(_ports).where(_P.id == port_id)
        condition = port_rules.visible(ctx)
        if condition is not None:
            statement = statement.where(condition)
        port = session.execute(statement).first()
        if port is None:
            raise exception.PortNotFound(port_id=port_id)
        if port.device_id:
            raise exception.PortInUse(port_id=port_id)
        if session.scalar(sa.select(sa.func.count()).select_from(_allocations).where(
                _A.port_id == port_id)) == 0:
            raise port_exc.PortRequiresFixedIP(port_id=port_id)
        return port

    # -- the build (the runner's transaction) ------------------------------------------

    def allocate(self, session: orm.Session, server: Mapping[str, Any],
                 entries: Sequence[Mapping[str, Any]], group_names: Sequence[str],
                 zone: str) -> list[dict[str, Any]]:
        """Make or bind the server's ports; the address cache's rows of them.

        Neutron's errors (an address taken since the API checked, a pool
        run dry, a port bound meanwhile) propagate: the step fails the build.
        """
        caller = Caller(server['project_id'])
        binding = {'device_id': server['uuid'], 'device_owner': COMPUTE_OWNER_PREFIX + zone,
                   'binding:host_id': server['host'] or ''}
        group_ids: list[str] | None = None
        rows: list[dict[str, Any]] = []
        for entry in entries:
            if entry.get('port'):
                port = self.bind(session, entry['port'], binding)
                network = network_rules.row_of(session, None, port['network_id'])
            else:
                network = network_rules.row_of(session, None, entry['uuid'])
                values: dict[str, Any] = {'network_id': network.id,
                                          'project_id': server['project_id'], **binding}
                if entry.get('fixed_ip'):
                    values['fixed_ips'] = [{'ip_address': entry['fixed_ip']}]
                if network.port_security_enabled:
                    if group_ids is None:
                        group_ids = self.net.compute_groups.ids_for(
                            session, server['project_id'], group_names)
                    values['security_groups'] = group_ids
                port = self.net.ports.create_in(session, caller, values)
            rows.extend(cache_rows(server['uuid'], port, network.name, entry.get('tag')))
        return rows

    @staticmethod
    def bind(session: orm.Session, port_id: str, binding: Mapping[str, str]) -> dict[str, Any]:
        """Bind a user's port to the server (409 PortInUse if another device has it)."""
        row = port_rules.row_of(session, None, port_id)
        if row.device_id and row.device_id != binding['device_id']:
            raise exception.PortInUse(port_id=port_id)
        base.bump(session, _ports, port_id, {
            'device_id': binding['device_id'], 'device_owner': binding['device_owner'],
            'binding_host_id': binding['binding:host_id'], 'status': 'ACTIVE'})
        return port_rules.records(session, [port_rules.row_of(session, None, port_id)])[0]

    def release(self, session: orm.Session, server_uuids: Sequence[str]) -> None:
        """Deleted servers: Nova's ports deleted (their floating IPs disassociated), the
        user's ports unbound; their cache rows go with compute's."""
        if not server_uuids:
            return
        uuids = list(server_uuids)
        kept: set[str] = set()
        for requested in session.scalars(sa.select(_instances.c.requested_networks).where(
                _instances.c.uuid.in_(uuids))):
            kept |= passed_ports(requested)
        owned = list(session.scalars(sa.select(_P.id).where(
            _P.device_id.in_(uuids), _P.device_owner.startswith(COMPUTE_OWNER_PREFIX))))
        self.unbind(session, [port for port in owned if port in kept])
        self.net.ports.delete_rows(session, [port for port in owned if port not in kept])

    @staticmethod
    def unbind(session: orm.Session, port_ids: Sequence[str]) -> None:
        """Ports back to no device (Neutron keeps their addresses and floating IPs)."""
        if port_ids:
            session.execute(sa.update(_ports).where(_P.id.in_(list(port_ids))).values(
                device_id='', device_owner='', binding_host_id='', status='DOWN',
                updated_at=base.now(), revision_number=_P.revision_number + 1))

    # -- os-interface and os-multinic -------------------------------------------------

    def interfaces(self, session: orm.Session, server_uuid: str,
                   port_id: str | None = None) -> list[Interface]:
        """The server's ports as ``os-interface`` shows them (tags from the cache)."""
        statement = sa.select(_ports).where(_P.device_id == server_uuid)
        if port_id is not None:
            statement = statement.where(_P.id == port_id)
        rows = list(session.execute(statement.order_by(_P.created_at, _P.id)))
        if not rows:
            return []
        tags = dict(session.execute(sa.select(_F.port_id, _F.tag).where(
            _F.instance_uuid == server_uuid)).all())
        addresses = port_addresses.of(session, [row.id for row in rows])
        return [Interface(row.id, row.network_id, row.mac_address, row.status,
                          tuple((entry['ip_address'], entry['subnet_id'])
                                for entry in addresses.get(row.id, [])), tags.get(row.id))
                for row in rows]

    def attach(self, session: orm.Session, ctx: Any, server: Mapping[str, Any],
               net_id: str | None, port_id: str | None, address: str | None,
               tag: str | None) -> list[dict[str, Any]]:
        """A port for a running server: ``port_id`` bound, or a new one on ``net_id`` (the
        project's network when None); the cache rows of it."""
        zone = server['availability_zone'] or self.conf.default_availability_zone
        if port_id is not None:
            try:
                self._free_port(session, ctx, port_id)
            except exception.PortNotFound:
                raise exception.AttachPortNotFound(port_id=port_id) from None
            rows = self.allocate(session, server, [{'port': port_id, 'tag': tag}], (), zone)
            requested = orjson.loads(server['requested_networks'] or 'null')
            entries = requested if isinstance(requested, list) else []
            session.execute(sa.update(_instances).where(_instances.c.uuid == server['uuid'])
                            .values(requested_networks=orjson.dumps(
                                [*entries, {'port': port_id}]).decode()))
            return rows
        if net_id is None:
            network = self.auto_network(session, ctx)
            if network is None:
                raise exception.AttachNetworkNotFound(network_id=None)
            net_id = network.id
        self.network_for_server(session, ctx, net_id, exception.AttachNetworkNotFound)
        if address is not None:
            try:
                self.check_address(session, net_id, address)
            except exception.FixedIpInvalid:
                raise exception.InvalidIpForNetwork(address=address, network_id=net_id) from None
            except exception.FixedIpAlreadyInUse:
                raise exception.AttachFixedIpInUse(address=address) from None
        groups = orjson.loads(server['security_groups'] or '[]') or ['default']
        return self.allocate(session, server, [{'uuid': net_id, 'fixed_ip': address,
                                                'tag': tag}], groups, zone)

    def detach(self, session: orm.Session, server: Mapping[str, Any], port_id: str) -> bool:
        """Detach the port (deleted if Nova made it, unbound if it was given); whether the
        server had it."""
        found = session.scalar(sa.select(_P.id).where(_P.id == port_id,
                                                      _P.device_id == server['uuid']))
        if found is None:
            return False
        session.execute(sa.delete(_fixed_ips).where(_F.instance_uuid == server['uuid'],
                                                    _F.port_id == port_id))
        if port_id in passed_ports(server['requested_networks']):
            self.unbind(session, [port_id])
        else:
            self.net.ports.delete_rows(session, [port_id])
        return True

    def add_fixed_ip(self, session: orm.Session, server_uuid: str,
                     network_id: str) -> list[dict[str, Any]]:
        """Another address on the server's port on ``network_id``; its cache row."""
        cached = session.execute(sa.select(_fixed_ips).where(
            _F.instance_uuid == server_uuid, _F.network_id == network_id).order_by(_F.id)).first()
        if cached is None:
            raise exception.NetworkNotFound(network_id=network_id)
        subnet = session.scalar(sa.select(_A.subnet_id).where(_A.port_id == cached.port_id))
        allocation = port_addresses.Allocation(session, network_id)
        try:
            chosen = allocation.choose([{'subnet_id': subnet}] if subnet else None,
                                       cached.mac_address)
        except exception.NovaAPIException:
            raise port_exc.NoMoreFixedIpsOnNetwork(net=network_id) from None
        if not chosen:
            raise port_exc.NoMoreFixedIpsOnNetwork(net=network_id)
        port_addresses.write(session, cached.port_id, network_id, chosen)
        base.bump(session, _ports, cached.port_id, {})
        return [{'instance_uuid': server_uuid, 'network_id': network_id,
                 'network_name': cached.network_name, 'address': ip, 'host_index': 0,
                 'version': ipaddress.ip_address(ip).version, 'mac_address': cached.mac_address,
                 'port_id': cached.port_id, 'tag': cached.tag} for _, ip in chosen]

    @staticmethod
    def remove_fixed_ip(session: orm.Session, server_uuid: str, address: str) -> bool:
        """Give one address of the server's ports back; whether it had it."""
        cached = session.execute(sa.select(_fixed_ips).where(
            _F.instance_uuid == server_uuid, _F.address == address)).first()
        if cached is None:
            return False
        session.execute(sa.delete(_allocations).where(_A.port_id == cached.port_id,
                                                      _A.ip_address == address))
        session.execute(sa.delete(_fixed_ips).where(_F.id == cached.id))
        base.bump(session, _ports, cached.port_id, {})
        return True
