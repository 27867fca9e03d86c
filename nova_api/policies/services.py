"""Compute service rules: only an admin lists, updates or deletes services."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-services:%s'
LIST = POLICY_ROOT % 'list'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.ADMIN,
        description='List all running Compute services in a region.',
        operations=[{'method': 'GET', 'path': '/os-services'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.ADMIN,
        description='Update a Compute service.',
        operations=[{'method': 'PUT', 'path': '/os-services/{service_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.ADMIN,
        description='Delete a Compute service.',
        operations=[{'method': 'DELETE', 'path': '/os-services/{service_id}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
