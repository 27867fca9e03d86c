"""Nova's default rule for ``os-server-external-events``: other services (and admins) only."""

from oslo_policy import policy

from nova_api.policies import base

CREATE = 'os_compute_api:os-server-external-events:create'

rules = [
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.SERVICE_ROLE,
        description='Create one or more external events',
        operations=[{'method': 'POST', 'path': '/os-server-external-events'}],
        scope_types=['project']),
]


def list_rules():
    return rules
