"""The building blocks of every rule: who is an admin, a project member, a project reader.

As in Nova (2023.1 on, with the new defaults): an admin may do anything; a
member of a project may use and change its resources; a reader may only
look. Rules name these check strings rather than repeat them.
"""

from oslo_policy import policy

RULE_ANY = '@'
RULE_NOBODY = '!'
ADMIN = 'rule:context_is_admin'
PROJECT_MEMBER = 'rule:project_member_api'
PROJECT_READER = 'rule:project_reader_api'
PROJECT_MEMBER_OR_ADMIN = 'rule:project_member_or_admin'
PROJECT_READER_OR_ADMIN = 'rule:project_reader_or_admin'
#: Nova's project manager role (2025.1): moves servers within its project.
PROJECT_MANAGER_OR_ADMIN = 'rule:project_manager_or_admin'
#: Keypairs belong to a user, not a project.
ADMIN_OR_KEYPAIR_OWNER = '(rule:context_is_admin) or user_id:%(user_id)s'
#: Service-to-service APIs (external events, volume swap): the service role, and admins
#: still, as Nova allows them until its 2026.2 release.
SERVICE_ROLE = 'rule:service_or_admin'

rules = [
    policy.RuleDefault(
        'context_is_admin', 'role:admin',
        description="Decides what is required for the 'is_admin:True' check to succeed."),
    policy.RuleDefault(
        'project_member_api', 'role:member and project_id:%(project_id)s',
        description='Default rule for Project level non admin APIs.'),
    policy.RuleDefault(
        'project_reader_api', 'role:reader and project_id:%(project_id)s',
        description='Default rule for Project level read only APIs.'),
    policy.RuleDefault(
        'project_manager_api', 'role:manager and project_id:%(project_id)s',
        description='Default rule for Project level management APIs.'),
    policy.RuleDefault(
        'project_manager_or_admin', 'rule:project_manager_api or rule:context_is_admin',
        description='Default rule for Project Manager or admin APIs.'),
    policy.RuleDefault(
        'project_member_or_admin', 'rule:project_member_api or rule:context_is_admin',
        description='Default rule for Project Member or admin APIs.'),
    policy.RuleDefault(
        'project_reader_or_admin', 'rule:project_reader_api or rule:context_is_admin',
        description='Default rule for Project reader or admin APIs.'),
    policy.RuleDefault(
        'service_api', 'role:service',
        description='Default rule for service-to-service APIs.'),
    policy.RuleDefault(
        'service_or_admin', 'rule:service_api or rule:context_is_admin',
        description='Default rule for service or admin APIs.'),
]


def project_rules(table) -> list[policy.DocumentedRuleDefault]:
    """Project-scoped rules from ``(name, check, description, method, path)`` rows, one
    operation each: the table form most policy modules write their rules in."""
    return [policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                         operations=[{'method': method, 'path': path}],
                                         scope_types=['project'])
            for name, check, description, method, path in table]


def list_rules():
    return rules
