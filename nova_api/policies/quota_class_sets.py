"""Quota class rules: only an admin reads or changes a quota class."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-class-sets:%s'
SHOW = POLICY_ROOT % 'show'
UPDATE = POLICY_ROOT % 'update'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.ADMIN,
        description='List quotas for specific quota classes',
        operations=[{'method': 'GET', 'path': '/os-quota-class-sets/{quota_class}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.ADMIN,
        description='Update quotas for specific quota class',
        operations=[{'method': 'PUT', 'path': '/os-quota-class-sets/{quota_class}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
