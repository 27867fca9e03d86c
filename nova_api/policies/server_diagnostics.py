"""Nova's default rule for ``os-server-diagnostics``: admins only (what a host sees of a guest)."""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-server-diagnostics'
SHOW = BASE_POLICY_NAME

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.ADMIN,
        description='Show the usage data for a server',
        operations=[{'method': 'GET', 'path': '/servers/{server_id}/diagnostics'}],
        scope_types=['project']),
]


def list_rules():
    return rules
