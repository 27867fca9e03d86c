"""Neutron's quotas: a limit per project and resource (the configured default unless set),
checked when a resource is made, under a lock so that two creates cannot both take the last one.

A new limit is checked against what the project already uses unless it is forced, as Neutron
does since 2025.1 (the ``quota-check-limit-default`` extension).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import database as db
from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking import base

_quotas = models.NetworkQuota.__table__
_Q = _quotas.c

#: resource -> the table whose rows of a project count against it.
COUNTED: Mapping[str, sa.Table] = {
    'network': models.Network.__table__,
    'subnet': models.Subnet.__table__,
    'port': models.Port.__table__,
    'router': models.Router.__table__,
    'floatingip': models.FloatingIP.__table__,
    'security_group': models.SecurityGroup.__table__,
    'security_group_rule': models.SecurityGroupRule.__table__,
}
RESOURCES = tuple(COUNTED)
#: A limit that is no limit (Neutron's quota_api.UNLIMITED_QUOTA).
UNLIMITED = -1


def _lock(session: orm.Session, project_id: str, resource: str) -> None:
    db.lock(session, 'network-quota:%s:%s' % (project_id, resource))


class QuotaAPI(base.NetworkResourceAPI):
    """``GET/PUT/DELETE /v2.0/quotas/{project_id}``, and the checks of every create."""

    def defaults(self) -> dict[str, int]:
        return {name: getattr(self.conf.network, 'quota_' + name) for name in RESOURCES}

    def limits(self, session: orm.Session, project_id: str) -> dict[str, int]:
        limits = self.defaults()
        for row in session.execute(sa.select(_Q.resource, _Q.limit).where(
                _Q.project_id == project_id)):
            if row.resource in limits:
                limits[row.resource] = row.limit
        return limits

    @staticmethod
    def used(session: orm.Session, project_id: str, resource: str) -> int:
        """How many ``resource`` the project has: the ``used`` of ``/details`` (no reservations)."""
        table = COUNTED[resource]
        return session.scalar(sa.select(sa.func.count()).select_from(table).where(
            table.c.project_id == project_id)) or 0

    def usage(self, session: orm.Session, project_id: str) -> dict[str, int]:
        return {name: self.used(session, project_id, name) for name in RESOURCES}

    def check(self, session: orm.Session, project_id: str, resource: str, adding: int = 1) -> None:
        """409 OverQuota unless ``project_id`` may have ``adding`` more ``resource``."""
        _lock(session, project_id, resource)
        limit = self.limits(session, project_id)[resource]
        if limit < 0:
            return
        if self.used(session, project_id, resource) + adding > limit:
            raise net_exc.OverQuota(overs=[resource])

    # -- the API ---------------------------------------------------------------

    def show(self, project_id: str) -> dict[str, int]:
        return self.database.read(self.limits, project_id)

    def details(self, project_id: str) -> dict[str, dict[str, int]]:
        def read(session):
            limits = self.limits(session, project_id)
            used = self.usage(session, project_id)
            return {name: {'limit': limits[name], 'used': used[name], 'reserved': 0}
                    for name in RESOURCES}
        return self.database.read(read)

    def update(self, project_id: str, values: Mapping[str, Any],
               force: bool = False) -> dict[str, int]:
        """Set limits (all or none of them); returns the project's limits afterwards.

        400 for a resource not counted (the body's attributes are checked first, as
        Neutron's ``prepare_request_body`` does), for a limit out of range, and, unless
        ``force``, for a limit below what the project already uses (-1, unlimited, is
        always allowed), worded as Neutron's ``QuotaSetsController.update``.
        """
        unknown = sorted(set(values) - set(RESOURCES))
        if unknown:
            raise net_exc.HTTPBadRequest(reason="Unrecognized attribute(s) '%s'"
                                                % ', '.join(unknown))
        for name, limit in values.items():
            if not -1 <= int(limit) <= 2 ** 31 - 1:
                raise net_exc.HTTPBadRequest(reason="Invalid input for %s. Reason: '%s' is too "
                                                    "small - must be at least '-1'." % (name, limit))
        limits = {name: int(limit) for name, limit in values.items()}
        return self.database.write(self._update, project_id, limits, force)

    def _update(self, session: orm.Session, project_id: str, limits: Mapping[str, int],
                force: bool) -> dict[str, int]:
        # Hold the locks the creates' checks take (in one order), so that no create slips in
        # between counting the usage and storing a limit that must cover it.
        for name in sorted(limits):
            _lock(session, project_id, name)
        if not force:
            for name, limit in limits.items():
                if limit == UNLIMITED:
                    continue
                used = self.used(session, project_id, name)
                if used > limit:
                    raise net_exc.HTTPBadRequest(reason=(
                        'Quota limit %(limit)s for %(resource)s must be greater than or equal '
                        'to already used %(resource_usage)s' % {
                            'limit': limit, 'resource': name, 'resource_usage': used}))
        for name, limit in limits.items():
            session.execute(sa.delete(_quotas).where(_Q.project_id == project_id,
                                                     _Q.resource == name))
            session.execute(sa.insert(_quotas).values(project_id=project_id, resource=name,
                                                      limit=limit))
        return self.limits(session, project_id)

    def reset(self, project_id: str) -> None:
        self.database.write(lambda s: s.execute(sa.delete(_quotas).where(
            _Q.project_id == project_id)))

    def projects(self) -> list[tuple[str, dict[str, int]]]:
        """Every project with a limit of its own, and its limits."""
        def read(session):
            ids = sorted(set(session.scalars(sa.select(_Q.project_id))))
            return [(project_id, self.limits(session, project_id)) for project_id in ids]
        return self.database.read(read)
