"""Nova's floating IP proxies on the network service (``os-floating-ips``, ``os-floating-ip-pools``,
``addFloatingIp``/``removeFloatingIp``): a project's floating IPs with the server each is on."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.networking import base

_fips = models.FloatingIP.__table__
_F = _fips.c
_ports = models.Port.__table__
_P = _ports.c
_networks = models.Network.__table__
_N = _networks.c

_COLUMNS = (_F.id, _F.floating_ip_address, _F.fixed_ip_address, _P.device_id, _N.name)


def _select(ctx: Any) -> Any:
    statement = sa.select(*_COLUMNS).join_from(
        _fips, _networks, _N.id == _F.floating_network_id).outerjoin(
        _ports, _P.id == _F.fixed_port_id)
    condition = base.owned_or_admin(ctx, _fips)
    return statement if condition is None else statement.where(condition)


def _record(row: Any) -> dict[str, Any]:
    """Nova's view of one: its server is the device of the port it is on."""
    return {'id': row.id, 'ip': row.floating_ip_address, 'fixed_ip': row.fixed_ip_address,
            'instance_id': row.device_id or None, 'pool': row.name}


def floating_ips(session: orm.Session, ctx: Any, fip_id: str | None = None,
                 address: str | None = None) -> list[dict[str, Any]]:
    """The floating IPs ``ctx`` has (one by id or address), oldest first."""
    statement = _select(ctx).order_by(_F.created_at, _F.id)
    if fip_id is not None:
        statement = statement.where(_F.id == fip_id)
    if address is not None:
        statement = statement.where(_F.floating_ip_address == address)
    return [_record(row) for row in session.execute(statement)]


def pools(session: orm.Session) -> list[str]:
    """The external networks' names: the pools floating IPs come from."""
    return list(session.scalars(sa.select(_N.name).where(_N.external.is_(True))
                                .order_by(_N.created_at, _N.id)))


def pool_id(session: orm.Session, name: str) -> str | None:
    return session.scalar(sa.select(_N.id).where(_N.external.is_(True), _N.name == name))


def server_port_for(session: orm.Session, server_uuid: str,
                    fixed_address: str | None) -> tuple[str, str] | None:
    """(port, fixed IP) of the server for a floating IP: ``fixed_address``'s, else the first
    IPv4 one."""
    ip = models.FixedIP.__table__.c
    statement = sa.select(ip.port_id, ip.address).where(
        ip.instance_uuid == server_uuid, ip.version == 4).order_by(ip.id)
    if fixed_address is not None:
        statement = statement.where(ip.address == fixed_address)
    row = session.execute(statement).first()
    return None if row is None else (row.port_id, row.address)
