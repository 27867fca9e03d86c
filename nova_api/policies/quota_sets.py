"""Quota set rules: project readers (or an admin) look; only an admin changes or reverts."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-sets:%s'
SHOW = POLICY_ROOT % 'show'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'
DEFAULTS = POLICY_ROOT % 'defaults'
DETAIL = POLICY_ROOT % 'detail'

rules = [
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.ADMIN,
        description='Update the quotas',
        operations=[{'method': 'PUT', 'path': '/os-quota-sets/{tenant_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DEFAULTS,
        check_str=base.RULE_ANY,
        description='List default quotas',
        operations=[{'method': 'GET', 'path': '/os-quota-sets/{tenant_id}/defaults'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show a quota',
        operations=[{'method': 'GET', 'path': '/os-quota-sets/{tenant_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.ADMIN,
        description='Revert quotas to defaults',
        operations=[{'method': 'DELETE', 'path': '/os-quota-sets/{tenant_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DETAIL,
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show the detail of quota',
        operations=[{'method': 'GET', 'path': '/os-quota-sets/{tenant_id}/detail'}],
        scope_types=['project']),
]


def list_rules():
    return rules
