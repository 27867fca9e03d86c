"""Hypervisor rules: only an admin sees the compute nodes."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-hypervisors:%s'
LIST = POLICY_ROOT % 'list'
LIST_DETAIL = POLICY_ROOT % 'list-detail'
STATISTICS = POLICY_ROOT % 'statistics'
SHOW = POLICY_ROOT % 'show'
UPTIME = POLICY_ROOT % 'uptime'
SEARCH = POLICY_ROOT % 'search'
SERVERS = POLICY_ROOT % 'servers'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.ADMIN,
        description='List all hypervisors.',
        operations=[{'method': 'GET', 'path': '/os-hypervisors'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=LIST_DETAIL,
        check_str=base.ADMIN,
        description='List all hypervisors with details',
        operations=[{'method': 'GET', 'path': '/os-hypervisors/details'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=STATISTICS,
        check_str=base.ADMIN,
        description='Show summary statistics for all hypervisors over all compute nodes.',
        operations=[{'method': 'GET', 'path': '/os-hypervisors/statistics'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.ADMIN,
        description='Show details for a hypervisor.',
        operations=[{'method': 'GET', 'path': '/os-hypervisors/{hypervisor_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPTIME,
        check_str=base.ADMIN,
        description='Show the uptime of a hypervisor.',
        operations=[{'method': 'GET', 'path': '/os-hypervisors/{hypervisor_id}/uptime'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SEARCH,
        check_str=base.ADMIN,
        description='Search hypervisor by hypervisor_hostname pattern.',
        operations=[{'method': 'GET', 'path': '/os-hypervisors/{hypervisor_hostname_pattern}/search'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS,
        check_str=base.ADMIN,
        description=('List all servers on hypervisors that can match the provided '
                     'hypervisor_hostname_pattern.'),
        operations=[{'method': 'GET', 'path': '/os-hypervisors/{hypervisor_hostname_pattern}/servers'}],
        scope_types=['project']),
]


def list_rules():
    return rules
