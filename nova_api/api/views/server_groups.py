"""Bodies of os-server-groups: one group, or a list of them, per microversion.

Before 2.64 a group shows ``policies`` (a list of its one policy) and an
empty ``metadata``; from 2.64 ``policy`` and ``rules``. From 2.13 it shows
its owner (``project_id``, ``user_id``). ``members`` are its live servers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nova_api.api import microversion as mv


def _group(req, group: Any) -> dict:
    body: dict[str, Any] = {'id': group.uuid, 'name': group.name}
    if mv.uses_single_server_group_policy(req):
        body['policy'] = group.policy
        body['rules'] = dict(group.rules)
    else:
        body['policies'] = [group.policy]
        body['metadata'] = {}
    body['members'] = list(group.members)
    if mv.shows_server_group_owner(req):
        body['project_id'] = group.project_id
        body['user_id'] = group.user_id
    return body


def detail(req, group: Any) -> dict:
    """``POST /os-server-groups`` and ``GET /os-server-groups/{id}``: ``{"server_group": {...}}``."""
    return {'server_group': _group(req, group)}


def index(req, groups: Sequence[Any]) -> dict:
    """``GET /os-server-groups``: ``{"server_groups": [...]}`` (no links: pages are by offset)."""
    return {'server_groups': [_group(req, group) for group in groups]}
