"""Body of ``GET /servers/{id}/os-security-groups``: the server's groups in full, with their rules."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from typing import Protocol


class SecurityGroupRule(Protocol):
    """A rule as Nova formats it from Neutron's (an ingress rule; ports already defaulted)."""

    id: str
    parent_group_id: str
    protocol: str | None
    from_port: int | None
    to_port: int | None
    cidr: str | None
    group_id: str | None


class SecurityGroup(Protocol):
    """A security group record: what the network service knows of it."""

    id: str
    name: str
    description: str | None
    project_id: str
    rules: Sequence[SecurityGroupRule]


def index(names: Iterable[str], groups: Sequence[SecurityGroup]) -> dict:
    """``GET /servers/{id}/os-security-groups`` (every microversion).

    ``names`` are the server's groups; ``groups`` the records to find them
    in (the server's project's): every record the server names is shown once,
    sorted by project and name as Nova sorts them. A rule naming another group shows that
    group's name and project when ``groups`` has it; a rule whose group is not
    there is left out, as Nova leaves out a rule whose group has gone.
    """
    wanted = set(names)
    by_id = {group.id: group for group in groups}
    shown = [group_body(group, by_id) for group in groups if group.name in wanted]
    shown.sort(key=lambda group: (group['tenant_id'], group['name']))
    return {'security_groups': shown}


def group_body(group: SecurityGroup, by_id: dict[str, SecurityGroup]) -> dict:
    """One group as Nova formats it; ``by_id`` the groups its rules' sources are named from."""
    rules = []
    for rule in group.rules:
        body = rule_body(rule, by_id)
        if body is not None:
            rules.append(body)
    return {'id': group.id, 'description': group.description, 'name': group.name,
            'tenant_id': group.project_id, 'rules': rules}


def rule_body(rule: SecurityGroupRule, by_id: dict[str, SecurityGroup]) -> dict | None:
    """One rule; None for one whose source group is not in ``by_id`` (Nova leaves it out)."""
    body = {
        'id': rule.id,
        'parent_group_id': rule.parent_group_id,
        'ip_protocol': rule.protocol,
        'from_port': rule.from_port,
        'to_port': rule.to_port,
        'group': {},
        'ip_range': {},
    }
    if rule.group_id:
        source = by_id.get(rule.group_id)
        if source is None:
            return None
        body['group'] = {'name': source.name, 'tenant_id': source.project_id}
    else:
        body['ip_range'] = {'cidr': rule.cidr}
    return body
