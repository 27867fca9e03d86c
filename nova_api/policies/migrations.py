"""Nova's default rules of ``GET /os-migrations``: managers list their own, admins all, hosts."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-migrations:%s'
INDEX = POLICY_ROOT % 'index'
INDEX_ALL_PROJECTS = POLICY_ROOT % 'index:all_projects'
INDEX_HOST = POLICY_ROOT % 'index:host'

_INDEX = [{'method': 'GET', 'path': '/os-migrations'}]

_RULES = (
    (INDEX, base.PROJECT_MANAGER_OR_ADMIN,
     'List migrations in a project (with project_id) or, with the rule below, in all projects',
     _INDEX),
    (INDEX_ALL_PROJECTS, base.ADMIN,
     'List the migrations of all projects, or of another project than the caller\'s', _INDEX),
    (INDEX_HOST, base.ADMIN,
     'Show the hosts and nodes of migrations (null for everyone else)', _INDEX),
)

rules = [policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                      operations=operations, scope_types=['project'])
         for name, check, description, operations in _RULES]


def list_rules():
    return rules
