"""Keystone's default rules for the token calls (keystone/common/policies/token.py, auth.py).

Keystone lets a system reader, a service or the token's own user validate a
token; there is no system scope here, so an admin stands for the system
reader. Anyone with a valid token may list where it may be scoped.
"""

from oslo_policy import policy

from nova_api import exception

#: The token's own user (the target's ``token_user_id``).
TOKEN_SUBJECT = 'user_id:%(token_user_id)s'
ADMIN_OR_SERVICE_OR_SUBJECT = 'role:admin or role:service or ' + TOKEN_SUBJECT

CHECK_TOKEN = 'identity:check_token'
VALIDATE_TOKEN = 'identity:validate_token'
REVOKE_TOKEN = 'identity:revoke_token'
GET_AUTH_CATALOG = 'identity:get_auth_catalog'
GET_AUTH_PROJECTS = 'identity:get_auth_projects'
GET_AUTH_DOMAINS = 'identity:get_auth_domains'

rules = [
    policy.DocumentedRuleDefault(
        name=CHECK_TOKEN, check_str=ADMIN_OR_SERVICE_OR_SUBJECT,
        description='Check a token.',
        operations=[{'path': '/v3/auth/tokens', 'method': 'HEAD'}]),
    policy.DocumentedRuleDefault(
        name=VALIDATE_TOKEN, check_str=ADMIN_OR_SERVICE_OR_SUBJECT,
        description='Validate a token.',
        operations=[{'path': '/v3/auth/tokens', 'method': 'GET'}]),
    policy.DocumentedRuleDefault(
        name=REVOKE_TOKEN, check_str=ADMIN_OR_SERVICE_OR_SUBJECT,
        description='Revoke a token.',
        operations=[{'path': '/v3/auth/tokens', 'method': 'DELETE'}]),
    policy.DocumentedRuleDefault(
        name=GET_AUTH_CATALOG, check_str='',
        description='Get the service catalog of the token.',
        operations=[{'path': '/v3/auth/catalog', 'method': 'GET'}]),
    policy.DocumentedRuleDefault(
        name=GET_AUTH_PROJECTS, check_str='',
        description='List the projects a token may be scoped to.',
        operations=[{'path': '/v3/auth/projects', 'method': 'GET'}]),
    policy.DocumentedRuleDefault(
        name=GET_AUTH_DOMAINS, check_str='',
        description='List the domains a token may be scoped to.',
        operations=[{'path': '/v3/auth/domains', 'method': 'GET'}]),
]


def catalog_needs_scope() -> exception.IdentityForbidden:
    return exception.IdentityForbidden('A project-scoped token is required to produce a '
                                       'service catalog.')


def list_rules():
    return rules
