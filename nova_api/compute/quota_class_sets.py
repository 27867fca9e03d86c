"""Quota classes: named sets of limits; only ``default`` matters, as everyone's defaults.

A class's limits are the defaults (``[quota]`` overridden by the
``default`` class) overridden by its own rows. Nova keeps other classes but
applies none of them; so does nova_api. The defaults are read from the
database at each use: a change is seen by every worker at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import quota_sets
from nova_api.objects import quota_classes as objects

MAX_NAME_LENGTH = 255


class QuotaClassSetsAPI(base.ResourceAPI):
    """Show and set a quota class's limits."""

    def limits(self, ctx: oslo_context.RequestContext, class_name: str) -> dict[str, int]:
        return self.database.read(self._limits, class_name)

    def _limits(self, session: orm.Session, class_name: str) -> dict[str, int]:
        limits = self.quota_engine.defaults(session)
        limits.update((name, value) for name, value in objects.class_limits(session, class_name).items()
                      if name in limits)
        return limits

    def update(self, ctx: oslo_context.RequestContext, class_name: str,
               values: Mapping[str, int]) -> dict[str, int]:
        """Set limits of the class; the class's limits afterwards."""
        if len(class_name) > MAX_NAME_LENGTH:
            raise exception.InvalidQuotaClassName(problem='more than 255 characters')
        for resource, limit in values.items():
            quota_sets._check_storable(resource, limit)
        return self.database.write(self._update, class_name, values)

    def _update(self, session: orm.Session, class_name: str, values: Mapping[str, int]) -> dict[str, int]:
        for resource, limit in values.items():
            objects.set_class_limit(session, class_name, resource, limit)
        session.flush()
        return self._limits(session, class_name)
