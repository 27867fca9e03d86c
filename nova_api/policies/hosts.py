"""os-hosts rules (the API ends at 2.42): only an admin."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-hosts:%s'
LIST = POLICY_ROOT % 'list'
SHOW = POLICY_ROOT % 'show'
UPDATE = POLICY_ROOT % 'update'
REBOOT = POLICY_ROOT % 'reboot'
SHUTDOWN = POLICY_ROOT % 'shutdown'
START = POLICY_ROOT % 'start'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.ADMIN,
        description='List physical hosts.',
        operations=[{'method': 'GET', 'path': '/os-hosts'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHOW,
        check_str=base.ADMIN,
        description='Show physical host.',
        operations=[{'method': 'GET', 'path': '/os-hosts/{host_name}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=UPDATE,
        check_str=base.ADMIN,
        description='Update physical host.',
        operations=[{'method': 'PUT', 'path': '/os-hosts/{host_name}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=REBOOT,
        check_str=base.ADMIN,
        description='Reboot physical host.',
        operations=[{'method': 'GET', 'path': '/os-hosts/{host_name}/reboot'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SHUTDOWN,
        check_str=base.ADMIN,
        description='Shutdown physical host.',
        operations=[{'method': 'GET', 'path': '/os-hosts/{host_name}/shutdown'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=START,
        check_str=base.ADMIN,
        description='Start physical host.',
        operations=[{'method': 'GET', 'path': '/os-hosts/{host_name}/startup'}],
        scope_types=['project']),
]


def list_rules():
    return rules
