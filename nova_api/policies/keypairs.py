"""Keypair rules: an admin, or the user who owns the keypairs (the target's ``user_id``)."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-keypairs:%s'
INDEX = POLICY_ROOT % 'index'
CREATE = POLICY_ROOT % 'create'
DELETE = POLICY_ROOT % 'delete'
SHOW = POLICY_ROOT % 'show'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.ADMIN_OR_KEYPAIR_OWNER,
        description='List all keypairs',
        operations=[{'path': '/os-keypairs', 'method': 'GET'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.ADMIN_OR_KEYPAIR_OWNER,
        description='Create a keypair',
        operations=[{'path': '/os-keypairs', 'method': 'POST'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.ADMIN_OR_KEYPAIR_OWNER,
        description='Delete a keypair',
        operations=[{'path': '/os-keypairs/{keypair_name}', 'method': 'DELETE'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.ADMIN_OR_KEYPAIR_OWNER,
        description='Show details of a keypair',
        operations=[{'path': '/os-keypairs/{keypair_name}', 'method': 'GET'}],
        scope_types=['project']),
]


def list_rules():
    return rules
