"""Usage rules: a project reads its own usage; only an admin lists every project's."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-simple-tenant-usage:%s'
SHOW = POLICY_ROOT % 'show'
LIST = POLICY_ROOT % 'list'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show usage statistics for a specific tenant',
        operations=[{'method': 'GET', 'path': '/os-simple-tenant-usage/{tenant_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.ADMIN,
        description='List per tenant usage statistics for all tenants',
        operations=[{'method': 'GET', 'path': '/os-simple-tenant-usage'}],
        scope_types=['project']),
]


def list_rules():
    return rules
