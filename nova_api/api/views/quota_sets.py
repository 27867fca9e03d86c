"""Bodies of os-quota-sets: a quota set of limits, or of limits with their usage."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api.api import microversion
from nova_api.compute import quotas


def _hidden(req) -> frozenset[str]:
    """The resources this microversion no longer shows."""
    hidden: set[str] = set()
    if microversion.hides_network_quotas(req):
        hidden.update(quotas.NETWORK_RESOURCES)
    if microversion.hides_personality_quotas(req):
        hidden.update(quotas.PERSONALITY_RESOURCES)
    return frozenset(hidden)


def quota_set(req, limits: Mapping[str, int], project_id: str | None = None) -> dict:
    """``{"quota_set": {resource: limit}}``, with ``id`` when a project is named (not on update)."""
    hidden = _hidden(req)
    body: dict = {} if project_id is None else {'id': project_id}
    body.update((name, limit) for name, limit in limits.items() if name not in hidden)
    return {'quota_set': body}


def quota_set_detail(req, project_id: str, report: Mapping[str, quotas.Usage]) -> dict:
    """``{"quota_set": {"id": ..., resource: {"limit", "in_use", "reserved"}}}``.

    Nova counts usage instead of reserving it: ``reserved`` is always 0.
    """
    hidden = _hidden(req)
    body: dict = {'id': project_id}
    body.update((name, {'limit': usage.limit, 'in_use': usage.in_use, 'reserved': 0})
                for name, usage in report.items() if name not in hidden)
    return {'quota_set': body}
