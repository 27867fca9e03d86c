"""os-aggregates: host aggregates, and through their ``availability_zone`` metadata, the zones.

Nova's rules (its ``AggregateAPI``): names are unique (409); a zone may
not be empty; a host may be in one zone only, so giving an aggregate a zone
that one of its hosts has from another aggregate, or adding a host to an
aggregate whose zone differs from the host's, is refused; so is any change
that would move existing servers to another zone. An aggregate with hosts
cannot be deleted (400). The scheduler and ``os-availability-zone`` read the
zones from here at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping

from oslo_context import context as oslo_context
from sqlalchemy import exc as sa_exc
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import service_registry as registry
from nova_api.db import database as db
from nova_api.objects import aggregates as objects
from nova_api.objects import server_changes
from nova_api.objects.aggregates import Aggregate

__all__ = ['Aggregate', 'AggregatesAPI']

AZ_KEY = objects.AZ_KEY
_LOCK = 'aggregates'
_MOVE_REFUSED = (
    "The host cannot be %s the aggregate as the availability zone of the host would change from "
    "'%s' to '%s' but the host already has %d instance(s). Changing the AZ of an existing instance "
    "is not supported by this action. Move the instances away from this host then try again. If "
    "you need to move the instances between AZs then you can use shelve_offload and unshelve to "
    "achieve this.")


def _zone_of(host: str, aggregates: Iterable[Aggregate], but: int | None = None) -> str | None:
    """The zone the host has from its aggregates (other than ``but``), or None."""
    return next((aggregate.availability_zone for aggregate in aggregates
                 if aggregate.id != but and aggregate.availability_zone), None)


class AggregatesAPI(base.ResourceAPI):
    """The aggregate operations, each one short transaction."""

    # Reads register the configured hosts first: their zones seed aggregates.

    def list(self, ctx: oslo_context.RequestContext) -> list[Aggregate]:
        return registry.read_with(self.database, self.conf,
                                  lambda session, state: objects.list_all(session))

    def get(self, ctx: oslo_context.RequestContext, aggregate_id: int) -> Aggregate:
        return registry.read_with(self.database, self.conf,
                                  lambda session, state: _get(session, aggregate_id))

    def create(self, ctx: oslo_context.RequestContext, name: str, zone: str | None) -> Aggregate:
        """A new aggregate (with ``availability_zone`` metadata when a zone is given)."""
        # Registered first, so that a configured zone's aggregate is seeded before any other.
        return registry.write_with(self.database, self.conf, self._create, name, zone)

    def _create(self, session: orm.Session, state: registry.Registered, name: str,
                zone: str | None) -> Aggregate:
        db.lock(session, _LOCK)
        _check_name_free(session, name)
        try:
            aggregate_id = objects.create(session, name, {AZ_KEY: zone} if zone else {})
        except sa_exc.IntegrityError as error:
            if db.is_duplicate(error):
                raise exception.AggregateNameExists(aggregate_name=name) from None
            raise
        return _get(session, aggregate_id)

    def update(self, ctx: oslo_context.RequestContext, aggregate_id: int,
               values: Mapping[str, str | None]) -> Aggregate:
        """Rename it and/or change its zone (``availability_zone``)."""
        return self.database.write(self._update, aggregate_id, dict(values))

    def _update(self, session: orm.Session, aggregate_id: int, values: dict) -> Aggregate:
        db.lock(session, _LOCK)
        aggregate = _get(session, aggregate_id)
        name = values.pop('name', None)
        if name is not None and name != aggregate.name:
            _check_name_free(session, name)
            objects.rename(session, aggregate_id, name)
        if values:
            self._check_zone_change(session, aggregate, values, exception.InvalidAggregateActionUpdate)
            objects.set_metadata(session, aggregate_id, values)
        objects.touch(session, aggregate_id)
        return _get(session, aggregate_id)

    def set_metadata(self, ctx: oslo_context.RequestContext, aggregate_id: int,
                     metadata: Mapping[str, str | None]) -> Aggregate:
        """Merge ``metadata`` in (a null value removes its key)."""
        return self.database.write(self._set_metadata, aggregate_id, dict(metadata))

    def _set_metadata(self, session: orm.Session, aggregate_id: int, metadata: dict) -> Aggregate:
        db.lock(session, _LOCK)
        aggregate = _get(session, aggregate_id)
        self._check_zone_change(session, aggregate, metadata,
                                exception.InvalidAggregateActionUpdateMeta)
        objects.set_metadata(session, aggregate_id, metadata)
        objects.touch(session, aggregate_id)
        return _get(session, aggregate_id)

    def delete(self, ctx: oslo_context.RequestContext, aggregate_id: int) -> None:
        """Delete an aggregate that has no host (400 otherwise)."""
        self.database.write(self._delete, aggregate_id)

    @staticmethod
    def _delete(session: orm.Session, aggregate_id: int) -> None:
        db.lock(session, _LOCK)
        if _get(session, aggregate_id).hosts:
            raise exception.InvalidAggregateActionDelete(aggregate_id=aggregate_id,
                                                         reason='Host aggregate is not empty')
        objects.delete(session, aggregate_id)

    def add_host(self, ctx: oslo_context.RequestContext, aggregate_id: int, host: str) -> Aggregate:
        """Add a compute host (404 unknown; 409 already there, or in another zone)."""
        return registry.write_with(self.database, self.conf, self._add_host, aggregate_id, host)

    def _add_host(self, session: orm.Session, state: registry.Registered, aggregate_id: int,
                  host: str) -> Aggregate:
        if host not in state.compute():
            raise exception.AdminComputeHostNotFound(host=host)
        db.lock(session, _LOCK)
        aggregate = _get(session, aggregate_id)
        zone = aggregate.availability_zone
        current = objects.by_host(session, host)
        others = sorted({other.availability_zone for other in current
                         if other.availability_zone and other.id != aggregate.id} - {zone})
        if zone and others:
            raise exception.InvalidAggregateActionAddConflict(
                aggregate_id=aggregate_id,
                reason='One or more hosts already in availability zone(s) %s' % others)
        servers = server_changes.servers_per_host(session).get(host, 0)
        old_zone = _zone_of(host, current)
        if servers and zone and old_zone != zone:
            raise exception.InvalidAggregateActionAddConflict(
                aggregate_id=aggregate_id, reason=_MOVE_REFUSED % ('added to', old_zone, zone, servers))
        if host in aggregate.hosts:
            raise exception.AggregateHostExists(aggregate_id=aggregate_id, host=host)
        objects.add_hosts(session, aggregate_id, [host])
        return _get(session, aggregate_id)

    def remove_host(self, ctx: oslo_context.RequestContext, aggregate_id: int,
                    host: str) -> Aggregate:
        """Remove a host (404 unknown or not there; 409 if its servers would change zone)."""
        return registry.write_with(self.database, self.conf, self._remove_host, aggregate_id, host)

    def _remove_host(self, session: orm.Session, state: registry.Registered, aggregate_id: int,
                     host: str) -> Aggregate:
        db.lock(session, _LOCK)
        aggregate = objects.get(session, aggregate_id)
        if host not in state.compute() or aggregate is None or host not in aggregate.hosts:
            raise exception.AggregateHostNotRemovable(host=host, aggregate_id=aggregate_id)
        zone = aggregate.availability_zone
        servers = server_changes.servers_per_host(session).get(host, 0)
        new_zone = _zone_of(host, objects.by_host(session, host), but=aggregate.id)
        if servers and zone and new_zone != zone:
            raise exception.InvalidAggregateActionRemoveConflict(
                aggregate_id=aggregate_id,
                reason=_MOVE_REFUSED % ('removed from', zone, new_zone, servers))
        objects.remove_host(session, aggregate_id, host)
        return _get(session, aggregate_id)

    @staticmethod
    def _check_zone_change(session: orm.Session, aggregate: Aggregate, metadata: Mapping,
                           refusal: type[exception.InvalidAggregateAction]) -> None:
        """Nova's ``is_safe_to_update_az`` for a change of the aggregate's metadata."""
        if AZ_KEY not in metadata:
            return
        zone = metadata[AZ_KEY]
        if not zone:
            raise refusal(aggregate_id=aggregate.id,
                          reason='Aggregate %s does not support empty named availability zone'
                                 % aggregate.name)
        conflicting = [other.availability_zone for host in aggregate.hosts
                       for other in objects.by_host(session, host)
                       if other.availability_zone and other.availability_zone != zone
                       and other.id != aggregate.id]
        if conflicting:
            raise refusal(aggregate_id=aggregate.id,
                          reason='One or more hosts already in availability zone(s) %s'
                                 % sorted(set(conflicting)))
        if aggregate.availability_zone != zone:
            per_host = server_changes.servers_per_host(session)
            if any(per_host.get(host) for host in aggregate.hosts):
                raise refusal(aggregate_id=aggregate.id,
                              reason='One or more hosts contain instances in this zone')


def _get(session: orm.Session, aggregate_id: int) -> Aggregate:
    aggregate = objects.get(session, aggregate_id)
    if aggregate is None:
        raise exception.AggregateNotFound(aggregate_id=aggregate_id)
    return aggregate


def _check_name_free(session: orm.Session, name: str) -> None:
    if objects.id_by_name(session, name) is not None:
        raise exception.AggregateNameExists(aggregate_name=name)
