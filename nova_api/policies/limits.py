"""Limits rules: anyone sees their own project's limits; only an admin another project's."""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'os_compute_api:limits'
OTHER_PROJECT = 'os_compute_api:limits:other_project'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.RULE_ANY,
        description='Show rate and absolute limits for the current user project',
        operations=[{'method': 'GET', 'path': '/limits'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=OTHER_PROJECT,
        check_str=base.ADMIN,
        description="""Show rate and absolute limits of other project.

This policy only checks if the user has access to the requested
project limits. And this check is performed only after the check
os_compute_api:limits passes""",
        operations=[{'method': 'GET', 'path': '/limits'}],
        scope_types=['project']),
]


def list_rules():
    return rules
