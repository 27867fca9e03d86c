"""Instance usage audit log rules: only an admin."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-instance-usage-audit-log:%s'
LIST = POLICY_ROOT % 'list'
SHOW = POLICY_ROOT % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.ADMIN,
        description='List all usage audits.',
        operations=[{'method': 'GET', 'path': '/os-instance_usage_audit_log'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.ADMIN,
        description=('List all usage audits occurred before a specified time for all servers '
                     'on all compute hosts where usage auditing is configured'),
        operations=[{'method': 'GET', 'path': '/os-instance_usage_audit_log/{before_timestamp}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
