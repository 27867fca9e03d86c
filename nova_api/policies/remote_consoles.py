"""Remote consoles (2.6) and the console actions they replaced: members and admins (Nova's default).

As in Nova, the legacy actions ask the rule without a target: it then
checks the caller's own project, and another project's server is in any
case not found.
"""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-remote-consoles'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description="""Generate a URL to access remote server console.

This policy is for ``POST /remote-consoles`` API and below Server actions APIs
are deprecated:

- ``os-getSerialConsole``
- ``os-getSPICEConsole``
- ``os-getVNCConsole``.""",
        operations=[
            {'method': 'POST', 'path': '/servers/{server_id}/action (os-getSerialConsole)'},
            {'method': 'POST', 'path': '/servers/{server_id}/action (os-getSPICEConsole)'},
            {'method': 'POST', 'path': '/servers/{server_id}/action (os-getVNCConsole)'},
            {'method': 'POST', 'path': '/servers/{server_id}/remote-consoles'},
        ],
        scope_types=['project']),
]


def list_rules():
    return rules
