"""Nova's default rules of ``/servers/{server_id}/migrations``: list, show, force complete, abort."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:servers:migrations:%s'
SHOW = POLICY_ROOT % 'show'
FORCE_COMPLETE = POLICY_ROOT % 'force_complete'
DELETE = POLICY_ROOT % 'delete'
INDEX = POLICY_ROOT % 'index'
INDEX_HOST = POLICY_ROOT % 'index:host'

_ONE = '/servers/{server_id}/migrations/{migration_id}'
_ALL = '/servers/{server_id}/migrations'

_RULES = (
    (SHOW, base.ADMIN, 'Show details for an in-progress live migration for a given server',
     [{'method': 'GET', 'path': _ONE}]),
    (FORCE_COMPLETE, base.PROJECT_MANAGER_OR_ADMIN,
     'Force an in-progress live migration for a given server to complete',
     [{'method': 'POST', 'path': _ONE + '/action (force_complete)'}]),
    (DELETE, base.PROJECT_MANAGER_OR_ADMIN,
     'Delete(Abort) an in-progress live migration', [{'method': 'DELETE', 'path': _ONE}]),
    (INDEX, base.PROJECT_MANAGER_OR_ADMIN, 'Lists in-progress live migrations for a given server',
     [{'method': 'GET', 'path': _ALL}]),
    (INDEX_HOST, base.ADMIN,
     'Show the hosts and nodes of a server\'s in-progress live migrations (null for everyone '
     'else)', [{'method': 'GET', 'path': _ALL}]),
)

rules = [policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                      operations=operations, scope_types=['project'])
         for name, check, description, operations in _RULES]


def list_rules():
    return rules
