"""Quota sets: show, set and forget the limits of a project or of one of its users.

Nova's rules for a new limit (unless the administrator forces it):

- a project's limit may not go below what the project uses, nor below the
  sum of the limits its users were given;
- a user's limit may not go below what the user uses, nor above what the
  project has left to give (its limit less its users' limits, plus the
  limit this user already has).

-1 is unlimited on both sides of every comparison.
"""

from __future__ import annotations

from collections.abc import Mapping

from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import quotas
from nova_api.db import database as db
from nova_api.objects import quotas as quota_objects

#: The largest limit the database holds (Nova's MAX_INT).
MAX_LIMIT = 0x7FFFFFFF
#: The width of the project_id and user_id columns.
MAX_ID_LENGTH = 255


def _unlimited(value: int) -> float:
    return float('inf') if value == quotas.UNLIMITED else value


class QuotaSetsAPI(base.ResourceAPI):
    """The os-quota-sets API's rules, over the quota engine's limits and counts."""

    def defaults(self, ctx: oslo_context.RequestContext) -> dict[str, int]:
        """The default limits: ``[quota]`` overridden by the ``default`` quota class."""
        return self.database.read(self.quota_engine.defaults)

    def limits(self, ctx: oslo_context.RequestContext, project_id: str,
               user_id: str | None = None) -> dict[str, int]:
        """The effective limits of the project, or of one of its users."""
        return self.database.read(self.quota_engine.limits, project_id, user_id)

    def detail(self, ctx: oslo_context.RequestContext, project_id: str,
               user_id: str | None = None) -> dict[str, quotas.Usage]:
        """The effective limits with what is in use of each."""
        return self.database.read(self.quota_engine.report, project_id, user_id)

    def update(self, ctx: oslo_context.RequestContext, project_id: str, user_id: str | None,
               values: Mapping[str, int], force: bool = False) -> dict[str, int]:
        """Set limits (all or none of them), checked against usage unless ``force``.

        Returns the effective limits afterwards. Raises ``NetworksQuotaRemoved``,
        ``QuotaLimitBelowUsage`` or ``QuotaLimitAboveMaximum`` (400s).
        """
        if 'networks' in values:
            raise exception.NetworksQuotaRemoved()
        _check_owner(project_id, user_id)
        for resource, limit in values.items():
            _check_storable(resource, limit)
        return self.database.write(self._update, project_id, user_id, values, force)

    def delete(self, ctx: oslo_context.RequestContext, project_id: str,
               user_id: str | None = None) -> None:
        """Forget the user's limits, or the project's and all its users': defaults apply again."""
        if user_id:
            self.database.write(quota_objects.delete_user_limits, project_id, user_id)
        else:
            self.database.write(quota_objects.delete_project_limits, project_id)

    # -- in the write transaction ---------------------------------------------

    def _update(self, session: orm.Session, project_id: str, user_id: str | None,
                values: Mapping[str, int], force: bool) -> dict[str, int]:
        # Hold the locks quota checks take, so that no create slips in
        # between counting the usage and storing a limit that must cover it.
        db.lock(session, 'quota:project:%s' % project_id)
        if user_id:
            db.lock(session, 'quota:user:%s' % user_id)
        if not force:
            ranges = self._settable(session, project_id, user_id)
            for resource, limit in values.items():
                minimum, maximum = ranges[resource]
                if _unlimited(limit) < _unlimited(minimum):
                    raise exception.QuotaLimitBelowUsage(limit=limit, resource=resource,
                                                         minimum=minimum)
                if _unlimited(limit) > _unlimited(maximum):
                    raise exception.QuotaLimitAboveMaximum(limit=limit, resource=resource,
                                                           maximum=maximum)
        for resource, limit in values.items():
            if user_id:
                quota_objects.set_user_limit(session, project_id, user_id, resource, limit)
            else:
                quota_objects.set_project_limit(session, project_id, resource, limit)
        session.flush()
        return self.quota_engine.limits(session, project_id, user_id)

    def _settable(self, session: orm.Session, project_id: str,
                  user_id: str | None) -> dict[str, tuple[int, int]]:
        """(minimum, maximum) of a new limit for every resource, as Nova's settable quotas."""
        project_limits = self.quota_engine.project_limits(session, project_id)
        allotted = quota_objects.user_limit_totals(session, project_id)
        used = self.quota_engine.usage(session, project_id, user_id)
        if user_id:
            own = quota_objects.user_limits(session, project_id, user_id)
            ranges = {}
            for name, limit in project_limits.items():
                remains = _remains(limit, allotted.get(name, 0))
                own_limit = own.get(name, 0)
                maximum = (quotas.UNLIMITED if quotas.UNLIMITED in (remains, own_limit)
                           else remains + own_limit)
                ranges[name] = (used.get(name, 0), maximum)
            return ranges
        ranges = {}
        for name, limit in project_limits.items():
            remains = _remains(limit, allotted.get(name, 0))
            given = quotas.UNLIMITED if remains == quotas.UNLIMITED else limit - remains
            ranges[name] = (max(given, used.get(name, 0)), quotas.UNLIMITED)
        return ranges


def _remains(limit: int, allotted: int) -> int:
    """What a project's limit leaves after its users' limits; -1 when unlimited or overdrawn."""
    if limit == quotas.UNLIMITED:
        return quotas.UNLIMITED
    remains = limit - allotted
    return remains if remains >= 0 else quotas.UNLIMITED


def _check_storable(resource: str, limit: int) -> None:
    # The body schema admits numeric strings, to which JSON Schema's minimum
    # and maximum do not apply: bound them here, before the database would.
    if limit < quotas.UNLIMITED:
        raise exception.QuotaLimitBelowUnlimited(limit=limit, resource=resource)
    if limit > MAX_LIMIT:
        raise exception.QuotaLimitAboveMaximum(limit=limit, resource=resource, maximum=MAX_LIMIT)


def _check_owner(project_id: str, user_id: str | None) -> None:
    if len(project_id) > MAX_ID_LENGTH:
        raise exception.InvalidProjectId(project_id=project_id)
    if user_id and len(user_id) > MAX_ID_LENGTH:
        raise exception.InvalidUserId(user_id=user_id)
