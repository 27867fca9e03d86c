"""Nova's default rules for ``os-server-password``: readers of the project show it, members clear it."""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-server-password:%s'
SHOW = BASE_POLICY_NAME % 'show'
CLEAR = BASE_POLICY_NAME % 'clear'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show the encrypted administrative password of a server',
        operations=[{'method': 'GET', 'path': '/servers/{server_id}/os-server-password'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CLEAR, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Clear the encrypted administrative password of a server',
        operations=[{'method': 'DELETE', 'path': '/servers/{server_id}/os-server-password'}],
        scope_types=['project']),
]


def list_rules():
    return rules
