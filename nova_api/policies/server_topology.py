"""Nova's default rules for a server's NUMA topology (2.78): its project's readers see it; only
admins see where it lies on the host (each node's ``host_node`` and ``cpu_pinning``)."""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'compute:server:topology:%s'
INDEX = BASE_POLICY_NAME % 'index'
HOST_INDEX = BASE_POLICY_NAME % 'host:index'

_OPERATIONS = [{'method': 'GET', 'path': '/servers/{server_id}/topology'}]

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show the NUMA topology data for a server',
        operations=_OPERATIONS, scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=HOST_INDEX, check_str=base.ADMIN,
        description='Show the NUMA topology data for a server with host NUMA ID and CPU pinning '
                    'information',
        operations=_OPERATIONS, scope_types=['project']),
]


def list_rules():
    return rules
