"""Keystone's default rules for the built-in identity's admin calls (``identity:...``).

The names and check strings are Keystone's 2023.1-on defaults (admin,
manager, member and reader roles, system/domain/project scopes), so that a
policy file written for Keystone means the same thing here. Two
deliberate adaptations, both about what our credentials hold:

- Keystone's ``token.domain.id`` and ``token.project.domain.id`` are read
  from the token it validated; here the same facts are the context's
  ``domain_id`` (a domain-scoped token) and ``project_domain_id``.
- The target is a flat dict (``target.user.id``, ``target.project.domain_id``,
  and the path's ``user_id`` for the owner rules), as Keystone's enforcer
  flattens it.

In short: an admin may do anything; a reader of a domain may look at
what is in it; a user may read itself, list its own projects and manage its
own application credentials; a member may not create users or projects.
"""

from __future__ import annotations

from oslo_policy import policy

IDENTITY = 'identity:%s'

ADMIN_REQUIRED = 'rule:admin_required'
OWNER = 'rule:owner'
SYSTEM_READER = 'role:reader and system_scope:all'
ADMIN_OR_SYSTEM_READER = ADMIN_REQUIRED + ' or (' + SYSTEM_READER + ')'

# -- rule names, as the controllers ask for them --------------------------------
GET_DOMAIN = IDENTITY % 'get_domain'
LIST_DOMAINS = IDENTITY % 'list_domains'
CREATE_DOMAIN = IDENTITY % 'create_domain'
UPDATE_DOMAIN = IDENTITY % 'update_domain'
DELETE_DOMAIN = IDENTITY % 'delete_domain'
GET_PROJECT = IDENTITY % 'get_project'
LIST_PROJECTS = IDENTITY % 'list_projects'
LIST_USER_PROJECTS = IDENTITY % 'list_user_projects'
CREATE_PROJECT = IDENTITY % 'create_project'
UPDATE_PROJECT = IDENTITY % 'update_project'
DELETE_PROJECT = IDENTITY % 'delete_project'
GET_USER = IDENTITY % 'get_user'
LIST_USERS = IDENTITY % 'list_users'
CREATE_USER = IDENTITY % 'create_user'
UPDATE_USER = IDENTITY % 'update_user'
DELETE_USER = IDENTITY % 'delete_user'
GET_ROLE = IDENTITY % 'get_role'
LIST_ROLES = IDENTITY % 'list_roles'
CREATE_ROLE = IDENTITY % 'create_role'
UPDATE_ROLE = IDENTITY % 'update_role'
DELETE_ROLE = IDENTITY % 'delete_role'
GET_IMPLIED_ROLE = IDENTITY % 'get_implied_role'
LIST_IMPLIED_ROLES = IDENTITY % 'list_implied_roles'
CHECK_IMPLIED_ROLE = IDENTITY % 'check_implied_role'
CREATE_IMPLIED_ROLE = IDENTITY % 'create_implied_role'
DELETE_IMPLIED_ROLE = IDENTITY % 'delete_implied_role'
LIST_ROLE_INFERENCE_RULES = IDENTITY % 'list_role_inference_rules'
CHECK_GRANT = IDENTITY % 'check_grant'
LIST_GRANTS = IDENTITY % 'list_grants'
CREATE_GRANT = IDENTITY % 'create_grant'
REVOKE_GRANT = IDENTITY % 'revoke_grant'
LIST_ROLE_ASSIGNMENTS = IDENTITY % 'list_role_assignments'
GET_APPLICATION_CREDENTIAL = IDENTITY % 'get_application_credential'
LIST_APPLICATION_CREDENTIALS = IDENTITY % 'list_application_credentials'
CREATE_APPLICATION_CREDENTIAL = IDENTITY % 'create_application_credential'
DELETE_APPLICATION_CREDENTIAL = IDENTITY % 'delete_application_credential'

# -- check strings ----------------------------------------------------------------
_PROJECT_IN_DOMAIN = ('domain_id:%(target.project.domain_id)s and '
                      'not None:%(target.project.domain_id)s')
_DOMAIN_USER = ('domain_id:%(target.domain.id)s or '
                'project_domain_id:%(target.domain.id)s')
_GRANT_PAIRS = (('user', 'project'), ('user', 'domain'), ('group', 'project'), ('group', 'domain'))


def _grants_in_domain(role: str) -> str:
    """Keystone's GRANTS_DOMAIN_<ROLE>: ``role`` in the domain of both the actor and the target."""
    clauses = []
    for actor, target in _GRANT_PAIRS:
        target_domain = ('domain_id:%(target.project.domain_id)s' if target == 'project'
                         else 'domain_id:%(target.domain.id)s')
        clauses.append('(role:%s and domain_id:%%(target.%s.domain_id)s and %s)'
                       % (role, actor, target_domain))
    return ' or '.join(clauses)


_ROLE_OF_DOMAIN = 'domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s'
_DOMAIN_MANAGED_ROLE = ("'manager':%(target.role.name)s or 'member':%(target.role.name)s or "
                        "'reader':%(target.role.name)s")

DOMAIN_SHOW = '%s or (%s) or %s' % (ADMIN_REQUIRED, SYSTEM_READER, _DOMAIN_USER)
DOMAIN_LIST = '%s or (role:reader and domain_id:%%(target.domain.id)s)' % ADMIN_OR_SYSTEM_READER
PROJECT_SHOW = ('(%s) or (%s) or (role:reader and %s) or project_id:%%(target.project.id)s'
                % (ADMIN_REQUIRED, SYSTEM_READER, _PROJECT_IN_DOMAIN))
PROJECT_LIST = ('(%s) or (%s) or (role:reader and domain_id:%%(target.domain_id)s)'
                % (ADMIN_REQUIRED, SYSTEM_READER))
USER_PROJECTS = ('(%s) or (%s) or (role:reader and domain_id:%%(target.user.domain_id)s) or '
                 'user_id:%%(target.user.id)s' % (ADMIN_REQUIRED, SYSTEM_READER))
PROJECT_MANAGE = '(%s) or (role:manager and %s)' % (ADMIN_REQUIRED, _PROJECT_IN_DOMAIN)
USER_SHOW = ('(%s) or (%s) or (role:reader and domain_id:%%(target.user.domain_id)s) or '
             'user_id:%%(target.user.id)s' % (ADMIN_REQUIRED, SYSTEM_READER))
USER_LIST = ('(%s) or (%s) or (role:reader and domain_id:%%(target.domain_id)s)'
             % (ADMIN_REQUIRED, SYSTEM_READER))
USER_MANAGE = '(%s) or (role:manager and domain_id:%%(target.user.domain_id)s)' % ADMIN_REQUIRED
ROLE_SHOW = '(%s) or (role:manager and rule:domain_managed_target_role)' % ADMIN_OR_SYSTEM_READER
ROLE_LIST = '(%s) or (role:manager and not domain_id:None)' % ADMIN_OR_SYSTEM_READER
GRANT_READ = ('(%s) or ((%s) or (%s) and (%s))'
              % (ADMIN_REQUIRED, SYSTEM_READER, _grants_in_domain('reader'), _ROLE_OF_DOMAIN))
GRANT_LIST = '(%s) or ((%s) or %s)' % (ADMIN_REQUIRED, SYSTEM_READER, _grants_in_domain('reader'))
GRANT_MANAGE = ('(%s) or (%s) and (%s) or (%s) and rule:domain_managed_target_role'
                % (ADMIN_REQUIRED, _grants_in_domain('admin'), _ROLE_OF_DOMAIN,
                   _grants_in_domain('manager')))
ASSIGNMENT_LIST = ('(%s) or (%s) or (role:reader and domain_id:%%(target.domain_id)s)'
                   % (ADMIN_REQUIRED, SYSTEM_READER))
CREDENTIAL_READ = '(%s) or (%s) or %s' % (ADMIN_REQUIRED, SYSTEM_READER, OWNER)
CREDENTIAL_DELETE = '%s or %s' % (ADMIN_REQUIRED, OWNER)

_ALL_SCOPES = ['system', 'domain', 'project']
_SYSTEM_PROJECT = ['system', 'project']


def _ops(path: str, *methods: str) -> list[dict[str, str]]:
    return [{'path': path, 'method': method} for method in methods]


def _rule(name: str, check_str: str, description: str, operations: list[dict[str, str]],
          scope_types: list[str]) -> policy.DocumentedRuleDefault:
    return policy.DocumentedRuleDefault(name=name, check_str=check_str, description=description,
                                        operations=operations, scope_types=scope_types)


_GRANT_PATHS = ('/v3/projects/{project_id}/users/{user_id}/roles/{role_id}',
                '/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}')
_GRANT_LISTS = ('/v3/projects/{project_id}/users/{user_id}/roles',
                '/v3/domains/{domain_id}/users/{user_id}/roles')
_IMPLIES = '/v3/roles/{prior_role_id}/implies/{implied_role_id}'
_APP_CREDS = '/v3/users/{user_id}/application_credentials'

base_rules = [
    policy.RuleDefault('admin_required', 'role:admin or is_admin:1',
                       description='Who is an identity administrator.'),
    policy.RuleDefault('owner', 'user_id:%(user_id)s',
                       description='The user named in the path is the caller.'),
    policy.RuleDefault('domain_managed_target_role', _DOMAIN_MANAGED_ROLE,
                       description='The roles a domain manager may see and grant.'),
]

domain_rules = [
    _rule(GET_DOMAIN, DOMAIN_SHOW, 'Show domain details.',
          _ops('/v3/domains/{domain_id}', 'GET', 'HEAD'), _ALL_SCOPES),
    _rule(LIST_DOMAINS, DOMAIN_LIST, 'List domains.', _ops('/v3/domains', 'GET', 'HEAD'),
          _ALL_SCOPES),
    _rule(CREATE_DOMAIN, ADMIN_REQUIRED, 'Create domain.', _ops('/v3/domains', 'POST'),
          _SYSTEM_PROJECT),
    _rule(UPDATE_DOMAIN, ADMIN_REQUIRED, 'Update domain.',
          _ops('/v3/domains/{domain_id}', 'PATCH'), _SYSTEM_PROJECT),
    _rule(DELETE_DOMAIN, ADMIN_REQUIRED, 'Delete domain.',
          _ops('/v3/domains/{domain_id}', 'DELETE'), _SYSTEM_PROJECT),
]

project_rules = [
    _rule(GET_PROJECT, PROJECT_SHOW, 'Show project details.',
          _ops('/v3/projects/{project_id}', 'GET', 'HEAD'), _ALL_SCOPES),
    _rule(LIST_PROJECTS, PROJECT_LIST, 'List projects.', _ops('/v3/projects', 'GET', 'HEAD'),
          _ALL_SCOPES),
    _rule(LIST_USER_PROJECTS, USER_PROJECTS, 'List projects for user.',
          _ops('/v3/users/{user_id}/projects', 'GET', 'HEAD'), _ALL_SCOPES),
    _rule(CREATE_PROJECT, PROJECT_MANAGE, 'Create project.', _ops('/v3/projects', 'POST'),
          _ALL_SCOPES),
    _rule(UPDATE_PROJECT, PROJECT_MANAGE, 'Update project.',
          _ops('/v3/projects/{project_id}', 'PATCH'), _ALL_SCOPES),
    _rule(DELETE_PROJECT, PROJECT_MANAGE, 'Delete project.',
          _ops('/v3/projects/{project_id}', 'DELETE'), _ALL_SCOPES),
]

user_rules = [
    _rule(GET_USER, USER_SHOW, 'Show user details.',
          _ops('/v3/users/{user_id}', 'GET', 'HEAD'), _ALL_SCOPES),
    _rule(LIST_USERS, USER_LIST, 'List users.', _ops('/v3/users', 'GET', 'HEAD'), _ALL_SCOPES),
    _rule(CREATE_USER, USER_MANAGE, 'Create a user.', _ops('/v3/users', 'POST'), _ALL_SCOPES),
    _rule(UPDATE_USER, USER_MANAGE, 'Update a user, including administrative password resets.',
          _ops('/v3/users/{user_id}', 'PATCH'), _ALL_SCOPES),
    _rule(DELETE_USER, USER_MANAGE, 'Delete a user.', _ops('/v3/users/{user_id}', 'DELETE'),
          _ALL_SCOPES),
]

role_rules = [
    _rule(GET_ROLE, ROLE_SHOW, 'Show role details.', _ops('/v3/roles/{role_id}', 'GET', 'HEAD'),
          _ALL_SCOPES),
    _rule(LIST_ROLES, ROLE_LIST, 'List roles.', _ops('/v3/roles', 'GET', 'HEAD'), _ALL_SCOPES),
    _rule(CREATE_ROLE, ADMIN_REQUIRED, 'Create role.', _ops('/v3/roles', 'POST'),
          _SYSTEM_PROJECT),
    _rule(UPDATE_ROLE, ADMIN_REQUIRED, 'Update role.', _ops('/v3/roles/{role_id}', 'PATCH'),
          _SYSTEM_PROJECT),
    _rule(DELETE_ROLE, ADMIN_REQUIRED, 'Delete role.', _ops('/v3/roles/{role_id}', 'DELETE'),
          _SYSTEM_PROJECT),
    _rule(GET_IMPLIED_ROLE, ADMIN_OR_SYSTEM_READER,
          'Get information about an association between two roles.', _ops(_IMPLIES, 'GET'),
          _SYSTEM_PROJECT),
    _rule(LIST_IMPLIED_ROLES, ADMIN_OR_SYSTEM_READER,
          'List the roles that a prior role implies.',
          _ops('/v3/roles/{prior_role_id}/implies', 'GET', 'HEAD'), _SYSTEM_PROJECT),
    _rule(CREATE_IMPLIED_ROLE, ADMIN_REQUIRED, 'Create an association between two roles.',
          _ops(_IMPLIES, 'PUT'), _SYSTEM_PROJECT),
    _rule(DELETE_IMPLIED_ROLE, ADMIN_REQUIRED, 'Delete the association between two roles.',
          _ops(_IMPLIES, 'DELETE'), _SYSTEM_PROJECT),
    _rule(LIST_ROLE_INFERENCE_RULES, ADMIN_OR_SYSTEM_READER,
          'List all associations between two roles in the system.',
          _ops('/v3/role_inferences', 'GET', 'HEAD'), _SYSTEM_PROJECT),
    _rule(CHECK_IMPLIED_ROLE, ADMIN_OR_SYSTEM_READER, 'Check an association between two roles.',
          _ops(_IMPLIES, 'HEAD'), _SYSTEM_PROJECT),
]

assignment_rules = [
    _rule(CHECK_GRANT, GRANT_READ, 'Check a role grant between a target and an actor.',
          [op for path in _GRANT_PATHS for op in _ops(path, 'HEAD', 'GET')], _ALL_SCOPES),
    _rule(LIST_GRANTS, GRANT_LIST, 'List roles granted to an actor on a target.',
          [op for path in _GRANT_LISTS for op in _ops(path, 'GET', 'HEAD')], _ALL_SCOPES),
    _rule(CREATE_GRANT, GRANT_MANAGE, 'Create a role grant between a target and an actor.',
          [op for path in _GRANT_PATHS for op in _ops(path, 'PUT')], _ALL_SCOPES),
    _rule(REVOKE_GRANT, GRANT_MANAGE, 'Revoke a role grant between a target and an actor.',
          [op for path in _GRANT_PATHS for op in _ops(path, 'DELETE')], _ALL_SCOPES),
    _rule(LIST_ROLE_ASSIGNMENTS, ASSIGNMENT_LIST, 'List role assignments.',
          _ops('/v3/role_assignments', 'GET', 'HEAD'), _ALL_SCOPES),
]

application_credential_rules = [
    _rule(GET_APPLICATION_CREDENTIAL, CREDENTIAL_READ, 'Show application credential details.',
          _ops(_APP_CREDS + '/{application_credential_id}', 'GET', 'HEAD'), _SYSTEM_PROJECT),
    _rule(LIST_APPLICATION_CREDENTIALS, CREDENTIAL_READ,
          'List application credentials for a user.', _ops(_APP_CREDS, 'GET', 'HEAD'),
          _SYSTEM_PROJECT),
    _rule(CREATE_APPLICATION_CREDENTIAL, OWNER, 'Create an application credential.',
          _ops(_APP_CREDS, 'POST'), ['project']),
    _rule(DELETE_APPLICATION_CREDENTIAL, CREDENTIAL_DELETE, 'Delete an application credential.',
          _ops(_APP_CREDS + '/{application_credential_id}', 'DELETE'), _SYSTEM_PROJECT),
]


def flat_target(**resources: dict | None) -> dict[str, str]:
    """Keystone's flattened target: ``flat_target(user={'id': 'u1'})`` -> ``{'target.user.id': 'u1'}``.

    Only known values go in: oslo.policy compares ``None`` as the text
    ``'None'``, so a missing domain would match a caller without one.
    Strings only (the policy cache keys on the target); a nested dict (a
    project's ``domain``) flattens a level further.
    """
    flat: dict[str, str] = {}

    def add(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                add('%s.%s' % (prefix, key), inner)
        elif value is not None:
            flat[prefix] = value if isinstance(value, str) else str(value)

    for name, value in resources.items():
        if value is not None:
            add('target.' + name, value)
    return flat


def list_rules():
    return (base_rules + domain_rules + project_rules + user_rules + role_rules
            + assignment_rules + application_credential_rules)
