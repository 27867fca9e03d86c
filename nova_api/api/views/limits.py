"""Body of GET /limits: absolute limits (max*) and usage (total*Used); no rate limits."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api.api import microversion
from nova_api.compute import quotas

#: (resource, name of its limit), in Nova's view builder.
_MAXIMUMS = (
    ('ram', 'maxTotalRAMSize'),
    ('instances', 'maxTotalInstances'),
    ('cores', 'maxTotalCores'),
    ('key_pairs', 'maxTotalKeypairs'),
    ('floating_ips', 'maxTotalFloatingIps'),
    ('metadata_items', 'maxServerMeta'),
    ('metadata_items', 'maxImageMeta'),
    ('injected_files', 'maxPersonality'),
    ('injected_file_content_bytes', 'maxPersonalitySize'),
    ('security_groups', 'maxSecurityGroups'),
    ('security_group_rules', 'maxSecurityGroupRules'),
    ('server_groups', 'maxServerGroups'),
    ('server_group_members', 'maxServerGroupMembers'),
)

#: (resource, name of its usage).
_USED = (
    ('ram', 'totalRAMUsed'),
    ('cores', 'totalCoresUsed'),
    ('instances', 'totalInstancesUsed'),
    ('floating_ips', 'totalFloatingIpsUsed'),
    ('security_groups', 'totalSecurityGroupsUsed'),
    ('server_groups', 'totalServerGroupsUsed'),
)

_HIDDEN_V2_36 = frozenset(('floating_ips', 'security_groups', 'security_group_rules'))
_HIDDEN_V2_57 = _HIDDEN_V2_36 | {'injected_files', 'injected_file_content_bytes'}


def limits(req, report: Mapping[str, quotas.Usage]) -> dict:
    """``{"limits": {"absolute": {...}, "rate": []}}`` with the keys of the request's version."""
    if microversion.hides_personality_quotas(req):
        hidden = _HIDDEN_V2_57
    elif microversion.hides_network_quotas(req):
        hidden = _HIDDEN_V2_36
    else:
        hidden = frozenset()
    skip = {'maxImageMeta'} if microversion.hides_image_meta_limit(req) else set()
    absolute = {name: report[resource].limit for resource, name in _MAXIMUMS
                if resource not in hidden and name not in skip}
    absolute.update((name, report[resource].in_use) for resource, name in _USED
                    if resource not in hidden)
    return {'limits': {'absolute': absolute, 'rate': []}}
