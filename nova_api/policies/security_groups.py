"""Nova's default rules for its security group proxies (``os-security-groups`` and
``os-security-group-rules``, before 2.36): anyone, as Nova leaves them (the network service's
own ownership checks still apply); and for ``os-tenant-networks``: readers of the project."""

from nova_api.policies import base

LIST = 'os_compute_api:os-security-groups:get'
SHOW = 'os_compute_api:os-security-groups:show'
CREATE = 'os_compute_api:os-security-groups:create'
UPDATE = 'os_compute_api:os-security-groups:update'
DELETE = 'os_compute_api:os-security-groups:delete'
RULE_CREATE = 'os_compute_api:os-security-groups:rule:create'
RULE_DELETE = 'os_compute_api:os-security-groups:rule:delete'
TENANT_NETWORKS_LIST = 'os_compute_api:os-tenant-networks:list'
TENANT_NETWORKS_SHOW = 'os_compute_api:os-tenant-networks:show'

#: (name, check, description, method, path)
_RULES = (
    (LIST, base.RULE_ANY, 'List security groups (before 2.36)', 'GET', '/os-security-groups'),
    (SHOW, base.RULE_ANY, 'Show security group (before 2.36)', 'GET',
     '/os-security-groups/{security_group_id}'),
    (CREATE, base.RULE_ANY, 'Create security group (before 2.36)', 'POST',
     '/os-security-groups'),
    (UPDATE, base.RULE_ANY, 'Update security group (before 2.36)', 'PUT',
     '/os-security-groups/{security_group_id}'),
    (DELETE, base.RULE_ANY, 'Delete security group (before 2.36)', 'DELETE',
     '/os-security-groups/{security_group_id}'),
    (RULE_CREATE, base.RULE_ANY, 'Create security group Rule (before 2.36)', 'POST',
     '/os-security-group-rules'),
    (RULE_DELETE, base.RULE_ANY, 'Delete security group Rule (before 2.36)', 'DELETE',
     '/os-security-group-rules/{security_group_id}'),
    (TENANT_NETWORKS_LIST, base.PROJECT_READER_OR_ADMIN,
     'List project networks (before 2.36)', 'GET', '/os-tenant-networks'),
    (TENANT_NETWORKS_SHOW, base.PROJECT_READER_OR_ADMIN,
     'Show project network details (before 2.36)', 'GET', '/os-tenant-networks/{network_id}'),
)

rules = base.project_rules(_RULES)


def list_rules():
    return rules
