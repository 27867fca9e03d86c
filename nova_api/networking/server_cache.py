"""Compute's view of a server's ports, refreshed when the Network API changes a port.

A server's body reads its addresses from compute's address cache
(``fixed_ips``, Nova's network info cache) and its groups from the
instance's ``security_groups``: both set-based reads of the server list.
Neutron tells Nova of a port change with a ``network-changed`` event and
Nova rebuilds its cache; here the cache rows are rebuilt in the same
transaction as the port write, so the next server read shows the change.
(Floating IPs need nothing: the list joins them to the cached fixed IPs.)
"""

from __future__ import annotations

from collections.abc import Sequence

import orjson
import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.networking import compute_groups
from nova_api.networking import compute_ports
from nova_api.networking import port_addresses
from nova_api.objects import server_changes

_fixed_ips = models.FixedIP.__table__
_F = _fixed_ips.c
_P = models.Port.__table__.c
_N = models.Network.__table__.c
_I = models.Instance.__table__.c


def _live_servers(session: orm.Session, uuids: Sequence[str]) -> set[str]:
    if not uuids:
        return set()
    return set(session.scalars(sa.select(_I.uuid).where(_I.uuid.in_(list(uuids)),
                                                        _I.deleted.is_(False))))


def refresh_ports(session: orm.Session, port_ids: Sequence[str]) -> None:
    """Rebuild the cache rows of ``port_ids`` that are a live server's (keeping each port's
    device tag), and those servers' group names."""
    ports = list(session.execute(
        sa.select(_P.id, _P.device_id, _P.device_owner, _P.network_id, _P.mac_address,
                  _N.name.label('network_name'))
        .join_from(models.Port.__table__, models.Network.__table__, _N.id == _P.network_id)
        .where(_P.id.in_(list(port_ids)), _P.device_owner.startswith(compute_ports.COMPUTE_OWNER_PREFIX))))
    live = _live_servers(session, [port.device_id for port in ports])
    ports = [port for port in ports if port.device_id in live]
    if not ports:
        return
    ids = [port.id for port in ports]
    tags = dict(session.execute(sa.select(_F.port_id, _F.tag).where(_F.port_id.in_(ids))).all())
    addresses = port_addresses.of(session, ids)
    session.execute(sa.delete(_fixed_ips).where(_F.port_id.in_(ids)))
    rows = []
    for port in ports:
        record = {'id': port.id, 'network_id': port.network_id, 'mac_address': port.mac_address,
                  'fixed_ips': addresses.get(port.id, [])}
        rows.extend(compute_ports.cache_rows(port.device_id, record, port.network_name,
                                             tags.get(port.id)))
    if rows:
        session.execute(sa.insert(_fixed_ips), rows)
    _write_groups(session, {port.device_id for port in ports})  # live servers, checked above


def refresh_groups(session: orm.Session, server_uuids: Sequence[str] | set[str]) -> None:
    """The servers' ``security_groups``: the names of their ports' groups now."""
    _write_groups(session, _live_servers(session, list(server_uuids)))


def _write_groups(session: orm.Session, servers: set[str]) -> None:
    names = compute_groups.ServerGroupsAPI.names_of(session, sorted(servers))
    for uuid in servers:
        server_changes.update_server(session, uuid, {
            'security_groups': orjson.dumps(names.get(uuid, [])).decode()})
