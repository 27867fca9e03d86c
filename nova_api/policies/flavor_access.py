"""Nova's default rules for flavor access lists: admins only."""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-flavor-access'
POLICY_ROOT = 'os_compute_api:os-flavor-access:%s'
ADD_TENANT_ACCESS = POLICY_ROOT % 'add_tenant_access'
REMOVE_TENANT_ACCESS = POLICY_ROOT % 'remove_tenant_access'

rules = [
    policy.DocumentedRuleDefault(
        name=ADD_TENANT_ACCESS, check_str=base.ADMIN,
        description='Add flavor access to a tenant',
        operations=[{'method': 'POST', 'path': '/flavors/{flavor_id}/action (addTenantAccess)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REMOVE_TENANT_ACCESS, check_str=base.ADMIN,
        description='Remove flavor access from a tenant',
        operations=[{'method': 'POST',
                     'path': '/flavors/{flavor_id}/action (removeTenantAccess)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME, check_str=base.ADMIN,
        description='List flavor access information',
        operations=[{'method': 'GET', 'path': '/flavors/{flavor_id}/os-flavor-access'}],
        scope_types=['project']),
]


def list_rules():
    return rules
