"""Nova's default rules of cold and live migration: project managers and admins; a named host, admins."""

from oslo_policy import policy

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-migrate-server:%s'
MIGRATE = POLICY_ROOT % 'migrate'
MIGRATE_HOST = POLICY_ROOT % 'migrate:host'
MIGRATE_LIVE = POLICY_ROOT % 'migrate_live'
MIGRATE_LIVE_HOST = POLICY_ROOT % 'migrate_live:host'

_MIGRATE = [{'method': 'POST', 'path': '/servers/{server_id}/action (migrate)'}]
_MIGRATE_LIVE = [{'method': 'POST', 'path': '/servers/{server_id}/action (os-migrateLive)'}]

_RULES = (
    (MIGRATE, base.PROJECT_MANAGER_OR_ADMIN, 'Cold migrate a server without specifying a host',
     _MIGRATE),
    (MIGRATE_HOST, base.ADMIN, 'Cold migrate a server to a specified host', _MIGRATE),
    (MIGRATE_LIVE, base.PROJECT_MANAGER_OR_ADMIN,
     'Live migrate a server to a new host without a reboot without specifying a host.',
     _MIGRATE_LIVE),
    (MIGRATE_LIVE_HOST, base.ADMIN,
     'Live migrate a server to a specified host without a reboot.', _MIGRATE_LIVE),
)

rules = [policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                      operations=operations, scope_types=['project'])
         for name, check, description, operations in _RULES]


def list_rules():
    return rules
