"""What every resource of the Network API shares: who may see what, the standard attributes,
the resource ids and a revision's bump."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

if TYPE_CHECKING:
    from nova_api.networking import Networking

#: The device owners of the ports Neutron makes for itself.
ROUTER_INTERFACE = 'network:router_interface'
ROUTER_GATEWAY = 'network:router_gateway'
FLOATING_IP = 'network:floatingip'
DHCP = 'network:dhcp'
SERVICE_OWNERS = (ROUTER_INTERFACE, ROUTER_GATEWAY, FLOATING_IP, DHCP)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime.datetime:
    """Kept to the microsecond (a device's ports are in the order they were made); shown to
    the second, as Neutron shows timestamps."""
    return models.utcnow()


def isotime(moment: datetime.datetime | None) -> str | None:
    return None if moment is None else moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def standard(row: Any, tags: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """Neutron's standard attributes of a row, and the owner under both its names."""
    return {'description': row.description, 'tenant_id': row.project_id,
            'project_id': row.project_id, 'created_at': isotime(row.created_at),
            'updated_at': isotime(row.updated_at), 'revision_number': row.revision_number,
            'tags': sorted((tags or {}).get(row.id, []))}


def created(ctx: Any, project_id: str | None = None, description: str | None = None) -> dict:
    """The standard attributes of a new row."""
    moment = now()
    return {'project_id': ctx.project_id if project_id is None else project_id,
            'description': description or '',
            'revision_number': 0, 'created_at': moment, 'updated_at': moment}


def project_of(ctx: Any, values: Mapping[str, Any]) -> str:
    """The project a new resource belongs to: the one given (an admin's choice), else the caller's."""
    for name in ('project_id', 'tenant_id'):
        if values.get(name) is not None:
            return values[name]
    return ctx.project_id


def bump(session: orm.Session, table: sa.Table, row_id: str, values: Mapping[str, Any]) -> None:
    """Write ``values`` (maybe none) to a row as a new revision."""
    session.execute(sa.update(table).where(table.c.id == row_id).values(
        revision_number=table.c.revision_number + 1, updated_at=now(), **values))


def owned_or_admin(ctx: Any, table: sa.Table) -> Any:
    """The visibility of a project's own resources: None (everything) for an admin, or for
    no caller (the layer itself)."""
    return None if ctx is None or ctx.is_admin else table.c.project_id == ctx.project_id


class NetworkResourceAPI:
    """One resource's rules, over the Network API's bundle (its database and its neighbours)."""

    def __init__(self, net: Networking) -> None:
        self.net = net
        self.conf = net.conf
        self.database = net.database
