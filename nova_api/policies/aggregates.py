"""Host aggregate rules: only an admin manages aggregates."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-aggregates:%s'
SET_METADATA = POLICY_ROOT % 'set_metadata'
ADD_HOST = POLICY_ROOT % 'add_host'
CREATE = POLICY_ROOT % 'create'
REMOVE_HOST = POLICY_ROOT % 'remove_host'
UPDATE = POLICY_ROOT % 'update'
INDEX = POLICY_ROOT % 'index'
DELETE = POLICY_ROOT % 'delete'
SHOW = POLICY_ROOT % 'show'
IMAGES = 'compute:aggregates:images'

rules = [
    policy.DocumentedRuleDefault(
        name=SET_METADATA,
        check_str=base.ADMIN,
        description='Create or replace metadata for an aggregate',
        operations=[{'method': 'POST', 'path': '/os-aggregates/{aggregate_id}/action (set_metadata)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=ADD_HOST,
        check_str=base.ADMIN,
        description='Add a host to an aggregate',
        operations=[{'method': 'POST', 'path': '/os-aggregates/{aggregate_id}/action (add_host)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=CREATE,
        check_str=base.ADMIN,
        description='Create an aggregate',
        operations=[{'method': 'POST', 'path': '/os-aggregates'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REMOVE_HOST,
        check_str=base.ADMIN,
        description='Remove a host from an aggregate',
        operations=[{'method': 'POST', 'path': '/os-aggregates/{aggregate_id}/action (remove_host)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.ADMIN,
        description='Update name and/or availability zone for an aggregate',
        operations=[{'method': 'PUT', 'path': '/os-aggregates/{aggregate_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=INDEX,
        check_str=base.ADMIN,
        description='List all aggregates',
        operations=[{'method': 'GET', 'path': '/os-aggregates'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=DELETE,
        check_str=base.ADMIN,
        description='Delete an aggregate',
        operations=[{'method': 'DELETE', 'path': '/os-aggregates/{aggregate_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.ADMIN,
        description='Show details for an aggregate',
        operations=[{'method': 'GET', 'path': '/os-aggregates/{aggregate_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=IMAGES,
        check_str=base.ADMIN,
        description='Request image caching for an aggregate',
        operations=[{'method': 'POST', 'path': '/os-aggregates/{aggregate_id}/images'}],
        scope_types=['project']),
]


def list_rules():
    return rules
