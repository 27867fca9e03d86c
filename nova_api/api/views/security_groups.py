"""Bodies of Nova's ``os-security-groups`` and ``os-security-group-rules`` proxies, in the
format ``GET /servers/{id}/os-security-groups`` shares (server_security_groups.py)."""

from __future__ import annotations

from collections.abc import Sequence

from nova_api.api.views import server_security_groups as formats
from nova_api.api.views.server_security_groups import SecurityGroup
from nova_api.compute.security_group_proxies import NewRule


def _by_id(groups: Sequence[SecurityGroup]) -> dict[str, SecurityGroup]:
    return {group.id: group for group in groups}


def index(groups: Sequence[SecurityGroup], visible: Sequence[SecurityGroup]) -> dict:
    """The page of groups, sorted by project and name as Nova sorts them."""
    by_id = _by_id([*visible, *groups])
    shown = [formats.group_body(group, by_id) for group in groups]
    shown.sort(key=lambda group: (group['tenant_id'], group['name']))
    return {'security_groups': shown}


def show(group: SecurityGroup, visible: Sequence[SecurityGroup]) -> dict:
    return {'security_group': formats.group_body(group, _by_id([*visible, group]))}


def rule(made: NewRule) -> dict:
    """A new rule; its source group named from the group the request gave."""
    by_id = {} if made.source is None else {made.source.id: made.source}
    return {'security_group_rule': formats.rule_body(made.rule, by_id)}
