"""Extension list rules: anyone may read the (fixed) list."""

from oslo_policy import policy

from nova_api.policies import base

LIST = 'os_compute_api:extensions'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST,
        check_str=base.RULE_ANY,
        description='List available extensions and show information for an extension by alias',
        operations=[{'method': 'GET', 'path': '/extensions'},
                    {'method': 'GET', 'path': '/extensions/{alias}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
