"""Limits: a project's effective quota limits with its usage, for ``GET /limits``."""

from __future__ import annotations

from typing import Any

from oslo_context import context as oslo_context

from nova_api.compute import base
from nova_api.compute import quotas
from nova_api.db import generations
from nova_api.objects import quota_classes as quota_class_objects

#: Migration 0013's counter of writes to the quota classes.
GENERATION_NAME = 'quota_classes'


class LimitsAPI(base.ResourceAPI):
    """What ``GET /limits`` reports: always the project's limits, never a user's (as Nova)."""

    def __init__(self, compute: Any) -> None:
        super().__init__(compute)
        self._default_class = generations.KeptCopy(compute.database, GENERATION_NAME)

    def absolute(self, ctx: oslo_context.RequestContext, project_id: str) -> dict[str, quotas.Usage]:
        """Every resource's limit for ``project_id`` and what the project uses of it.

        Prepared reads (the project's limits, the usage) without an ORM
        session, which costs more than both together; the default class from
        this worker's copy while the ``quota_classes`` generation stays where
        it was when the copy was read (on PostgreSQL one round trip shared by
        the requests that ask at once, instead of one statement each). On
        PostgreSQL each read is its own snapshot, as Nova's separate queries are.
        """
        current = self._default_class.current()
        return self.database.read_prepared(self._report, project_id, current)

    def _report(self, read: Any, project_id: str,
                default_class: dict[str, int] | None) -> dict[str, quotas.Usage]:
        if default_class is None:
            default_class = self._default_class.load(read, _read_default_class)
        return self.quota_engine.report(read, project_id, default_class=default_class)


def _read_default_class(read: Any) -> dict[str, int]:
    return quota_class_objects.class_limits(read, quotas.DEFAULT_CLASS)
