"""Nova's default rules for its floating IP proxies (``os-floating-ips`` and
``os-floating-ip-pools`` before 2.36; ``addFloatingIp``/``removeFloatingIp`` before 2.44)."""

from nova_api.policies import base

LIST = 'os_compute_api:os-floating-ips:list'
SHOW = 'os_compute_api:os-floating-ips:show'
CREATE = 'os_compute_api:os-floating-ips:create'
DELETE = 'os_compute_api:os-floating-ips:delete'
ADD = 'os_compute_api:os-floating-ips:add'
REMOVE = 'os_compute_api:os-floating-ips:remove'
POOLS = 'os_compute_api:os-floating-ip-pools'

#: (name, check, description, method, path)
_RULES = (
    (LIST, base.PROJECT_READER_OR_ADMIN, 'List floating IPs (before 2.36)', 'GET',
     '/os-floating-ips'),
    (SHOW, base.PROJECT_READER_OR_ADMIN, 'Show a floating IP (before 2.36)', 'GET',
     '/os-floating-ips/{floating_ip_id}'),
    (CREATE, base.PROJECT_MEMBER_OR_ADMIN, 'Create a floating IP (before 2.36)', 'POST',
     '/os-floating-ips'),
    (DELETE, base.PROJECT_MEMBER_OR_ADMIN, 'Delete a floating IP (before 2.36)', 'DELETE',
     '/os-floating-ips/{floating_ip_id}'),
    (ADD, base.PROJECT_MEMBER_OR_ADMIN, 'Associate a floating IP to a server (before 2.44)',
     'POST', '/servers/{server_id}/action (addFloatingIp)'),
    (REMOVE, base.PROJECT_MEMBER_OR_ADMIN,
     'Disassociate a floating IP from a server (before 2.44)', 'POST',
     '/servers/{server_id}/action (removeFloatingIp)'),
    (POOLS, base.RULE_ANY, 'List floating IP pools (before 2.36)', 'GET',
     '/os-floating-ip-pools'),
)

rules = base.project_rules(_RULES)


def list_rules():
    return rules
