"""A server's interfaces (``os-interface``): its ports listed, attached and detached.

A port is a server's address on a network with its MAC (see
:mod:`nova_api.objects.attach_interfaces`). Attaching allocates a new
address on the network asked for (``private`` when none is), as Nova's
compute asks Neutron for a port; detaching gives it back; the server's
``addresses`` follow. No port exists apart from a server, so a ``port_id``
to attach is either unknown (404) or already in use (409). Nova's states:
ACTIVE, PAUSED or SHUTOFF with no task, and not locked.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import networks as networks_api
from nova_api.compute import server_holds
from nova_api.compute.servers import states as s
from nova_api.db import models
from nova_api.objects import attach_interfaces as ports
from nova_api.objects.servers import Server

#: Nova's compute API attach_interface and detach_interface.
ATTACH = server_holds.Allowed('attach_interface', frozenset({s.ACTIVE, s.PAUSED, s.STOPPED}))
DETACH = server_holds.Allowed('detach_interface', frozenset({s.ACTIVE, s.PAUSED, s.STOPPED}))
#: What Neutron shows of a port bound to a server.
PORT_STATE = 'ACTIVE'


@dataclasses.dataclass(frozen=True)
class Interface:
    """A port as ``os-interface`` shows it; ``fixed_ips`` are (address, subnet id) pairs."""

    port_id: str
    net_id: str
    mac_addr: str
    port_state: str
    fixed_ips: tuple[tuple[str, str], ...]
    tag: str | None


def _interface(port: ports.Port) -> Interface:
    subnet = networks_api.subnet_id(port.network_id)
    return Interface(port.id, port.network_id, port.mac_address, PORT_STATE,
                     tuple((address, subnet) for address in port.addresses), port.tag)


class InterfaceAPI(base.ResourceAPI):
    """List, show, attach and detach a server's ports."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.networks = compute.servers.networks
        #: The network service whose ports servers have ([network] enabled), or None.
        self.net = compute.servers.net

    def list(self, ctx: nova_context.RequestContext, server: Server) -> list[Interface]:
        if self.net is not None:
            return list(self.database.read(self.net.server_ports.interfaces, server.uuid))
        return [_interface(port) for port in self.database.read(ports.ports_of, server.uuid)]

    def get(self, ctx: nova_context.RequestContext, server: Server, port_id: str) -> Interface:
        """The server's port; 404 for a port that does not exist or is another server's."""
        if self.net is not None:
            return self.database.read(self._port_of, ctx, server, port_id)
        found = self.database.read(ports.get, port_id)
        if found is None or (found[1] != ctx.project_id and not ctx.is_admin):
            # Neutron shows a member no other project's port.
            raise exception.AttachPortNotFound(port_id=port_id)
        if found[0].instance_uuid != server.uuid:
            raise exception.PortNotOnServer(instance=server.uuid, port=port_id)
        return _interface(found[0])

    def _port_of(self, session: orm.Session, ctx: nova_context.RequestContext, server: Server,
                 port_id: str) -> Interface:
        ports_table = models.Port.__table__
        port = session.execute(sa.select(ports_table.c.device_id, ports_table.c.project_id)
                               .where(ports_table.c.id == port_id)).first()
        if port is None or (port.project_id != ctx.project_id and not ctx.is_admin):
            raise exception.AttachPortNotFound(port_id=port_id)
        found = self.net.server_ports.interfaces(session, server.uuid, port_id)
        if not found:
            raise exception.PortNotOnServer(instance=server.uuid, port=port_id)
        return found[0]

    def attach(self, ctx: nova_context.RequestContext, server: Server, net_id: str | None,
               port_id: str | None, address: str | None, tag: str | None) -> Interface:
        """A new port on ``net_id`` (``private`` when None), with ``address`` if given."""
        if self.net is not None:
            self.net.ensure_seeded()
            return self.database.write(self._attach_port, ctx, server, net_id, port_id,
                                       address, tag)
        def work(session: orm.Session) -> Interface:
            state = server_holds.hold(session, ctx, server.uuid, ATTACH)
            action_id = server_holds.record(session, ctx, server.uuid, 'attach_interface', None,
                                            state['host'])
            if port_id is not None:
                # No port exists apart from a server: it is unknown, or it is in use.
                if ports.get(session, port_id) is not None:
                    raise exception.PortInUse(port_id=port_id)
                raise exception.AttachPortNotFound(port_id=port_id)
            row = self._allocate(session, server.uuid, net_id, address, tag)
            server_holds.record_event(session, action_id, 'compute_attach_interface',
                                      state['host'])
            return _interface(ports.Port(row['port_id'], server.uuid, row['network_id'],
                                         row['mac_address'], tag, (row['address'],)))
        return self.database.write(work)

    def _attach_port(self, session: orm.Session, ctx: nova_context.RequestContext,
                     server: Server, net_id: str | None, port_id: str | None,
                     address: str | None, tag: str | None) -> Interface:
        """os-interface on the network service: a port made on ``net_id`` or ``port_id`` bound."""
        state = server_holds.hold(session, ctx, server.uuid, ATTACH)
        action_id = server_holds.record(session, ctx, server.uuid, 'attach_interface', None,
                                        state['host'])
        row = _instance(session, server.uuid)
        rows = self.net.server_ports.attach(session, ctx, row, net_id, port_id, address, tag)
        self.networks.insert(session, rows)
        server_holds.record_event(session, action_id, 'compute_attach_interface', state['host'])
        return self.net.server_ports.interfaces(session, server.uuid, rows[0]['port_id'])[0]

    def _allocate(self, session: orm.Session, server_uuid: str, net_id: str | None,
                  address: str | None, tag: str | None) -> dict:
        try:
            network = self.networks.get(net_id) if net_id else self.networks.private
        except exception.NetworkNotFound:
            raise exception.AttachNetworkNotFound(network_id=net_id) from None
        try:
            row = self.networks.allocator(session, network).take(server_uuid, address, tag)
        except exception.FixedIpInvalid:
            raise exception.InvalidIpForNetwork(address=address, network_id=network.id) from None
        except exception.FixedIpAlreadyInUse:
            raise exception.AttachFixedIpInUse(address=address) from None
        except exception.NoMoreFixedIps:
            raise exception.AttachNoMoreFixedIps(net=network.id) from None
        self.networks.insert(session, [row])
        return row

    def detach(self, ctx: nova_context.RequestContext, server: Server, port_id: str) -> None:
        """Detach the port and give its addresses back.

        As in Nova, where the compute host is told to and the API answers
        202 before it tries, a port the server does not have is no error
        here: the instance action's event records the failure.
        """
        def work(session: orm.Session) -> None:
            state = server_holds.hold(session, ctx, server.uuid, DETACH)
            action_id = server_holds.record(session, ctx, server.uuid, 'detach_interface', None,
                                            state['host'])
            detached = self.net.server_ports.detach(session, _instance(session, server.uuid),
                                                    port_id) if self.net is not None \
                else ports.delete(session, server.uuid, port_id)
            if detached:
                server_holds.record_event(session, action_id, 'compute_detach_interface',
                                          state['host'])
            else:
                server_holds.record_event(
                    session, action_id, 'compute_detach_interface', state['host'], 'Error',
                    traceback='PortNotFound: Port %s is not attached' % port_id)
        self.database.write(work)


def _instance(session: orm.Session, server_uuid: str) -> dict[str, Any]:
    """The server's row (the columns the network service's port calls read)."""
    table = models.Instance.__table__
    return dict(session.execute(sa.select(table).where(table.c.uuid == server_uuid))
                .mappings().one())
