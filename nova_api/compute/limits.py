"""Limits: a project's effective quota limits with its usage, for ``GET /limits``."""

from __future__ import annotations

from oslo_context import context as oslo_context

from nova_api.compute import quotas


class LimitsAPI:
    """What ``GET /limits`` reports: always the project's limits, never a user's (as Nova)."""

    def __init__(self, compute) -> None:
        self._database = compute.database
        self._engine: quotas.QuotaEngine = compute.quota_engine

    def absolute(self, ctx: oslo_context.RequestContext, project_id: str) -> dict[str, quotas.Usage]:
        """Every resource's limit for ``project_id`` and what the project uses of it."""
        return self._database.read(self._engine.report, project_id)
