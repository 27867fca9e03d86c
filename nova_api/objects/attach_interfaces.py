"""A server's ports: its ``fixed_ips`` rows, grouped by ``port_id`` (``os-interface``).

Until a network service is built in, a port lives as long as it is
attached: its addresses are the rows that share its id (one each today),
and detaching it deletes them, which gives the addresses back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_fixed_ips = models.FixedIP.__table__
_F = _fixed_ips.c
_I = models.Instance.__table__.c


@dataclasses.dataclass(frozen=True)
class Port:
    """A port of a server: its network, MAC, device tag and addresses (in the order given)."""

    id: str
    instance_uuid: str
    network_id: str
    mac_address: str
    tag: str | None
    addresses: tuple[str, ...]


_COLUMNS = (_F.port_id, _F.instance_uuid, _F.network_id, _F.mac_address, _F.tag, _F.address)


def _ports(rows: Sequence[Sequence]) -> list[Port]:
    ports: dict[str, Port] = {}
    for port_id, instance_uuid, network_id, mac, tag, address in rows:
        port = ports.get(port_id)
        addresses = (port.addresses if port else ()) + (address,)
        ports[port_id] = Port(port_id, instance_uuid, network_id, mac, tag, addresses)
    return list(ports.values())


def ports_of(session: orm.Session, instance_uuid: str) -> list[Port]:
    """The server's ports, in the order it got them."""
    return _ports(session.execute(sa.select(*_COLUMNS).where(
        _F.instance_uuid == instance_uuid).order_by(_F.id)).all())


def get(session: orm.Session, port_id: str) -> tuple[Port, str] | None:
    """The port ``port_id`` and the project of its server; None when there is no such port."""
    rows = session.execute(sa.select(*_COLUMNS, _I.project_id)
                           .join(models.Instance.__table__, _I.uuid == _F.instance_uuid)
                           .where(_F.port_id == port_id).order_by(_F.id)).all()
    if not rows:
        return None
    return _ports([row[:-1] for row in rows])[0], rows[0][-1]


def delete(session: orm.Session, instance_uuid: str, port_id: str) -> bool:
    """Detach (and so delete) the server's port; whether it had it."""
    result = session.execute(sa.delete(_fixed_ips).where(
        _F.instance_uuid == instance_uuid, _F.port_id == port_id))
    return result.rowcount > 0
