"""os-getConsoleOutput: members of the server's project, and admins (Nova's default)."""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-console-output'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Show console output for a server',
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/action (os-getConsoleOutput)'}],
        scope_types=['project']),
]


def list_rules():
    return rules
