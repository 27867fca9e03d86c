"""The services of the simulated cloud as the database holds them, and the zones of its hosts.

The configuration says which hosts exist (``[DEFAULT] compute_hosts``: a
``nova-compute`` each; ``host``: this node's ``nova-conductor`` and
``nova-scheduler``). The first time a host is seen its services are
*registered* (a row each, as a starting service registers in Nova), and a
compute host configured as ``name:zone`` is put in the aggregate named after
its zone (created with that ``availability_zone`` metadata): the
configuration seeds the zones, the aggregates decide them afterwards, as in
Nova. An administrator's changes to a service (disabled, forced down,
deleted) are kept in its row; a deleted service stays deleted.

A compute host's zone is the ``availability_zone`` of an aggregate it is
in, else ``default_availability_zone``; control services are in
``internal_service_availability_zone``. Everything here runs inside a
caller's transaction and reads set-based: one statement for the services,
one for the zones.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from oslo_config import cfg
from sqlalchemy import orm

from nova_api.conf import compute as compute_conf
from nova_api.db import database as db
from nova_api.objects import aggregates as aggregate_objects
from nova_api.objects import services as service_objects
from nova_api.objects.services import ServiceRow

COMPUTE_BINARY = 'nova-compute'
#: The control services every API node reports, with their RPC topics.
CONTROL_SERVICES = (('nova-conductor', 'conductor'), ('nova-scheduler', 'scheduler'))
_LOCK = 'services:register'


@dataclasses.dataclass(frozen=True)
class Registered:
    """The live services (configured hosts only for nova-compute) and each compute host's zone."""

    services: tuple[ServiceRow, ...]
    zones: dict[str, str]

    def zone_of(self, service: ServiceRow, conf: cfg.ConfigOpts) -> str:
        if service.binary == COMPUTE_BINARY:
            return self.zones[service.host]
        return conf.internal_service_availability_zone

    def compute(self) -> dict[str, ServiceRow]:
        """The live nova-compute services by host."""
        return {row.host: row for row in self.services if row.binary == COMPUTE_BINARY}


def expected(conf: cfg.ConfigOpts) -> list[tuple[str, str, str]]:
    """(host, binary, topic) of every service the configuration implies."""
    entries = [(host, COMPUTE_BINARY, 'compute') for host in compute_conf.compute_hosts(conf)]
    entries.extend((conf.host, binary, topic) for binary, topic in CONTROL_SERVICES)
    return entries


def _missing(rows: Iterable[ServiceRow], conf: cfg.ConfigOpts) -> list[tuple[str, str, str]]:
    known = {(row.host, row.binary) for row in rows}
    return [entry for entry in expected(conf) if entry[:2] not in known]


def register(session: orm.Session, conf: cfg.ConfigOpts) -> list[ServiceRow]:
    """Register the configured services that have no row; every row afterwards. In a write."""
    rows = service_objects.all_rows(session)
    if not _missing(rows, conf):
        return rows
    # Two workers starting at once: the second waits, then finds the rows there.
    db.lock(session, _LOCK)
    rows = service_objects.all_rows(session)
    missing = _missing(rows, conf)
    service_objects.insert(session, missing)
    zones = compute_conf.compute_hosts(conf)
    for host, binary, _ in missing:
        if binary == COMPUTE_BINARY and zones[host] != conf.default_availability_zone:
            _seed_zone(session, host, zones[host])
    return service_objects.all_rows(session)


def _seed_zone(session: orm.Session, host: str, zone: str) -> None:
    """Put a new host in the aggregate named after its configured zone (made if need be)."""
    aggregate_id = aggregate_objects.id_by_name(session, zone)
    if aggregate_id is None:
        # Under the registration lock; an administrator's aggregates are read, not raced.
        aggregate_id = aggregate_objects.create(session, zone, {aggregate_objects.AZ_KEY: zone})
    if host not in aggregate_objects.get(session, aggregate_id).hosts:
        aggregate_objects.add_hosts(session, aggregate_id, [host])


def live(rows: Iterable[ServiceRow], conf: cfg.ConfigOpts) -> tuple[ServiceRow, ...]:
    """The services shown: not deleted, and a nova-compute only on a configured host."""
    hosts = compute_conf.compute_hosts(conf)
    return tuple(row for row in rows if not row.deleted
                 and (row.binary != COMPUTE_BINARY or row.host in hosts))


def host_zones(session: orm.Session, conf: cfg.ConfigOpts,
               rows: Iterable[ServiceRow] | None = None) -> dict[str, str]:
    """``{host: zone}`` of the configured compute hosts, from the aggregates.

    A host not registered yet has the zone its registration will seed (the
    configured one), so that a read transaction sees what a write would.
    """
    rows = service_objects.all_rows(session) if rows is None else rows
    seen = {row.host for row in rows if row.binary == COMPUTE_BINARY}
    zoned = aggregate_objects.host_zones(session)
    return {host: zoned.get(host, conf.default_availability_zone) if host in seen else zone
            for host, zone in compute_conf.compute_hosts(conf).items()}


def read(session: orm.Session, conf: cfg.ConfigOpts, rows: list[ServiceRow] | None = None) -> Registered:
    """The live services and the zones of their compute hosts (rows already read may be passed)."""
    rows = service_objects.all_rows(session) if rows is None else rows
    return Registered(live(rows, conf), host_zones(session, conf, rows))


def registered(session: orm.Session, conf: cfg.ConfigOpts) -> Registered:
    """:func:`register` then :func:`read`, in a write transaction (the scheduler's, a boot's)."""
    return read(session, conf, register(session, conf))


def schedulable(session: orm.Session, conf: cfg.ConfigOpts) -> dict[str, str]:
    """``{host: zone}`` of the compute hosts the scheduler may choose: enabled and up."""
    state = registered(session, conf)
    return {host: state.zones[host] for host, row in state.compute().items()
            if not row.disabled and not row.forced_down}


_UNREGISTERED = object()


def read_with(database: db.Database, conf: cfg.ConfigOpts, work, *args):
    """Run ``work(session, registered, *args)`` in a read transaction, registering first if need be.

    A configured service without a row (a new host, a fresh database) is
    registered in a write transaction of its own, then the read runs again.
    """
    def attempt(session: orm.Session):
        rows = service_objects.all_rows(session)
        if _missing(rows, conf):
            return _UNREGISTERED
        return work(session, read(session, conf, rows), *args)

    result = database.read(attempt)
    if result is _UNREGISTERED:
        database.write(register, conf)
        result = database.read(attempt)
    return result


def write_with(database: db.Database, conf: cfg.ConfigOpts, work, *args):
    """Run ``work(session, registered, *args)`` in a write transaction, registered first."""
    def run(session: orm.Session):
        db.lock(session, _LOCK)
        return work(session, registered(session, conf), *args)
    return database.write(run)
