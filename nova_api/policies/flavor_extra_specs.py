"""Nova's default rules for flavor extra specs: project readers read, admins write."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-extra-specs:%s'
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'
CREATE = POLICY_ROOT % 'create'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'

_PATH = '/flavors/{flavor_id}/os-extra_specs'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show an extra spec for a flavor',
        operations=[{'method': 'GET', 'path': _PATH + '/{flavor_extra_spec_key}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.ADMIN, description='Create extra specs for a flavor',
        operations=[{'method': 'POST', 'path': _PATH}], scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE, check_str=base.ADMIN, description='Update an extra spec for a flavor',
        operations=[{'method': 'PUT', 'path': _PATH + '/{flavor_extra_spec_key}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.ADMIN, description='Delete an extra spec for a flavor',
        operations=[{'method': 'DELETE', 'path': _PATH + '/{flavor_extra_spec_key}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.PROJECT_READER_OR_ADMIN,
        description='List extra specs for a flavor. Starting with microversion 2.61, '
                    'extra specs may be returned in responses for the flavor resource.',
        operations=[
            {'method': 'GET', 'path': _PATH},
            {'method': 'GET', 'path': '/flavors/detail'},
            {'method': 'GET', 'path': '/flavors/{flavor_id}'},
            {'method': 'POST', 'path': '/flavors'},
            {'method': 'PUT', 'path': '/flavors/{flavor_id}'},
        ],
        scope_types=['project']),
]


def list_rules():
    return rules
