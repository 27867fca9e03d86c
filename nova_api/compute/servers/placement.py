"""Where a server of a server group may go: Nova's group filters and weighers, as one choice.

Nova's scheduler filters hosts (``ServerGroupAffinityFilter``: a host of
the group's members, any host while there are none;
``ServerGroupAntiAffinityFilter``: a host with fewer than
``max_server_per_host`` members, default 1) and then weighs them (the
soft policies never filter: ``ServerGroupSoftAffinityWeigher`` prefers the
host with most members, the anti-affinity one the host with fewest). Here
the least busy host breaks ties, then the name, so that the choice is
the same on every run.

A :class:`GroupHosts` is shared by the servers of one group in a runner
turn and counts each placement at once, so the second server of a
multiple create sees where the first went.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

AFFINITY = 'affinity'
ANTI_AFFINITY = 'anti-affinity'
SOFT_AFFINITY = 'soft-affinity'
SOFT_ANTI_AFFINITY = 'soft-anti-affinity'
#: The policies 2.1 accepts; 2.15 adds the soft ones.
HARD_POLICIES = (ANTI_AFFINITY, AFFINITY)
POLICIES = HARD_POLICIES + (SOFT_ANTI_AFFINITY, SOFT_AFFINITY)
#: Nova's default of the anti-affinity rule ``max_server_per_host``.
DEFAULT_MAX_SERVER_PER_HOST = 1


@dataclasses.dataclass
class GroupHosts:
    """A group's policy and how many of its live members each host holds."""

    policy: str
    members: dict[str, int] = dataclasses.field(default_factory=dict)
    max_server_per_host: int = DEFAULT_MAX_SERVER_PER_HOST

    @classmethod
    def of(cls, policy: str, rules: Mapping[str, Any], members: Mapping[str, int]) -> GroupHosts:
        limit = int(rules.get('max_server_per_host') or DEFAULT_MAX_SERVER_PER_HOST)
        return cls(policy, dict(members), limit)

    def allowed(self, candidates: Sequence[str]) -> list[str]:
        """The candidates the hard policies leave (the soft ones leave them all)."""
        if self.policy == AFFINITY:
            placed = {host for host, count in self.members.items() if count > 0}
            return [host for host in candidates if host in placed] if placed else list(candidates)
        if self.policy == ANTI_AFFINITY:
            return [host for host in candidates
                    if self.members.get(host, 0) < self.max_server_per_host]
        return list(candidates)

    def choose(self, candidates: Sequence[str], load: Mapping[str, int]) -> str | None:
        """The best allowed host, or None when the policy leaves none."""
        allowed = self.allowed(candidates)
        if not allowed:
            return None
        if self.policy in (AFFINITY, SOFT_AFFINITY):
            return min(allowed, key=lambda host: (-self.members.get(host, 0), load.get(host, 0),
                                                  host))
        if self.policy == SOFT_ANTI_AFFINITY:
            return min(allowed, key=lambda host: (self.members.get(host, 0), load.get(host, 0),
                                                  host))
        return least_loaded(allowed, load)

    def place(self, host: str) -> None:
        self.members[host] = self.members.get(host, 0) + 1


def least_loaded(candidates: Sequence[str], load: Mapping[str, int]) -> str:
    """The host with the fewest live servers (by name among equals)."""
    return min(candidates, key=lambda host: (load.get(host, 0), host))
