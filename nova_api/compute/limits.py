"""Limits: a project's effective quota limits with its usage, for ``GET /limits``."""

from __future__ import annotations

from typing import Any

from oslo_context import context as oslo_context

from nova_api.compute import base
from nova_api.compute import quotas
from nova_api.db import generations
from nova_api.objects import quota_classes as quota_class_objects
from nova_api.objects import quotas as quota_objects

#: Migration 0013's counter of writes to the quota classes.
GENERATION_NAME = 'quota_classes'


class LimitsAPI(base.ResourceAPI):
    """What ``GET /limits`` reports: always the project's limits, never a user's (as Nova)."""

    def __init__(self, compute: Any) -> None:
        super().__init__(compute)
        self._default_class = generations.KeptCopy(compute.database, GENERATION_NAME)

    def absolute(self, ctx: oslo_context.RequestContext, project_id: str) -> dict[str, quotas.Usage]:
        """Every resource's limit for ``project_id`` and what the project uses of it.

        One prepared statement, without an ORM session (which costs more than
        the statement): the usage, the project's own limits, and the
        ``quota_classes`` generation that says whether this worker's copy of
        the default class is current. Only when it is not is the class read
        again. On PostgreSQL each statement is its own snapshot, as Nova's
        separate queries are.
        """
        return self.database.read_prepared(self._report, project_id)

    def _report(self, read: Any, project_id: str) -> dict[str, quotas.Usage]:
        counted, own, seen = quota_objects.usage_and_project_limits(read, project_id, GENERATION_NAME)
        default_class = self._default_class.at(seen)
        if default_class is None:
            default_class = self._default_class.load(read, _read_default_class)
        limits = self.quota_engine.project_limits(read, project_id, default_class, own)
        return quotas.usage_report(limits, counted)


def _read_default_class(read: Any) -> dict[str, int]:
    return quota_class_objects.class_limits(read, quotas.DEFAULT_CLASS)
