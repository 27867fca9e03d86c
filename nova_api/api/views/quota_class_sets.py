"""Bodies of os-quota-class-sets: the class's limits, per microversion."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api.api import microversion
from nova_api.compute import quotas

#: Shown only from 2.50.
_SERVER_GROUP_RESOURCES = ('server_groups', 'server_group_members')


def _hidden(req) -> frozenset[str]:
    if microversion.hides_personality_quotas(req):
        return frozenset(quotas.NETWORK_RESOURCES + quotas.PERSONALITY_RESOURCES)
    if microversion.shows_quota_class_server_groups(req):
        return frozenset(quotas.NETWORK_RESOURCES)
    return frozenset(_SERVER_GROUP_RESOURCES)


def quota_class_set(req, limits: Mapping[str, int], class_name: str | None = None) -> dict:
    """``{"quota_class_set": {...}}``, with ``id`` when shown (not on update)."""
    hidden = _hidden(req)
    body: dict = {} if class_name is None else {'id': class_name}
    body.update((name, limit) for name, limit in limits.items() if name not in hidden)
    return {'quota_class_set': body}
