"""Limits: a project's effective quota limits with its usage, for ``GET /limits``."""

from __future__ import annotations

from oslo_context import context as oslo_context

from nova_api.compute import base
from nova_api.compute import quotas


class LimitsAPI(base.ResourceAPI):
    """What ``GET /limits`` reports: always the project's limits, never a user's (as Nova)."""

    def absolute(self, ctx: oslo_context.RequestContext, project_id: str) -> dict[str, quotas.Usage]:
        """Every resource's limit for ``project_id`` and what the project uses of it.

        Three prepared reads (the default class, the project's limits, the usage)
        without an ORM session, which cost more than the three together. On
        PostgreSQL each is its own snapshot, as Nova's separate queries are.
        """
        return self.database.read_prepared(self.quota_engine.report, project_id)
