"""Nova's default rules for the network views of servers: a server's addresses and security
groups, and the ``os-networks`` proxy (before 2.36): readers of the project, and admins."""

from oslo_policy import policy

from nova_api.policies import base

IPS_INDEX = 'os_compute_api:ips:index'
IPS_SHOW = 'os_compute_api:ips:show'
SERVER_SECURITY_GROUPS = 'os_compute_api:os-security-groups:list'
NETWORKS_LIST = 'os_compute_api:os-networks:list'
NETWORKS_SHOW = 'os_compute_api:os-networks:show'

#: (name, description, method, path)
_RULES = (
    (IPS_INDEX, 'List IP addresses that are assigned to a server', 'GET',
     '/servers/{server_id}/ips'),
    (IPS_SHOW, 'Show IP addresses details for a network label of a server', 'GET',
     '/servers/{server_id}/ips/{network_label}'),
    (SERVER_SECURITY_GROUPS, 'List security groups of the server', 'GET',
     '/servers/{server_id}/os-security-groups'),
    (NETWORKS_LIST, 'List networks for the project (before 2.36)', 'GET', '/os-networks'),
    (NETWORKS_SHOW, 'Show network details (before 2.36)', 'GET', '/os-networks/{network_id}'),
)

rules = [policy.DocumentedRuleDefault(name=name, check_str=base.PROJECT_READER_OR_ADMIN,
                                      description=description,
                                      operations=[{'method': method, 'path': path}],
                                      scope_types=['project'])
         for name, description, method, path in _RULES]


def list_rules():
    return rules
