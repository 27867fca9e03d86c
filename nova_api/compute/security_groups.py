"""Security groups as servers show them, until a network service keeps them for real.

A server records the names it was booted with (``default`` when it named
none). Each project has a ``default`` group, with Neutron's default
ingress rules (traffic from the group's own members); other names are
shown as groups with no rules. Ids are stable: derived from the project
and the name.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence

DEFAULT = 'default'
_NAMESPACE = uuid.UUID('0b0c0a7d-1a0e-4f5c-9d52-6b1e3f7c2a11')


@dataclasses.dataclass(frozen=True)
class Rule:
    """One ingress rule, in Nova's proxy terms; ``group_id`` is the remote group, if any."""

    id: str
    parent_group_id: str
    protocol: str | None
    from_port: int | None
    to_port: int | None
    cidr: str | None
    group_id: str | None


@dataclasses.dataclass(frozen=True)
class SecurityGroup:
    id: str
    name: str
    description: str
    project_id: str
    rules: tuple[Rule, ...]


def group_id(project_id: str, name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, '%s/%s' % (project_id, name)))


def groups_of(project_id: str, names: Sequence[str]) -> list[SecurityGroup]:
    """The groups of a server of ``project_id`` booted with ``names``."""
    groups = []
    for name in names:
        gid = group_id(project_id, name)
        rules: tuple[Rule, ...] = ()
        description = ''
        if name == DEFAULT:
            description = 'Default security group'
            rules = tuple(Rule(id=str(uuid.uuid5(_NAMESPACE, '%s/%s' % (gid, ethertype))),
                               parent_group_id=gid, protocol=None, from_port=None,
                               to_port=None, cidr=None, group_id=gid)
                          for ethertype in ('IPv4', 'IPv6'))
        groups.append(SecurityGroup(gid, name, description, project_id, rules))
    return groups
