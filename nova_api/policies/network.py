"""The Network API's rules: Neutron's default policies (2023.2 on: admin, member, reader) under
Neutron's names, so that a Neutron policy file's overrides mean the same here.

Targets carry the resource's ``project_id``, ``network:project_id`` (the
owner of the network a subnet or port is on), and for networks ``shared``
and ``router:external``. Resources of another project that the caller may
not see are a 404 before any rule is asked.
"""

from oslo_policy import policy

from nova_api.policies import base

ADMIN = base.ADMIN
MEMBER = '(role:member and project_id:%(project_id)s)'
READER = '(role:reader and project_id:%(project_id)s)'
NETWORK_OWNER = '(role:member and project_id:%(network:project_id)s)'
ADMIN_OR_MEMBER = '%s or %s' % (ADMIN, MEMBER)
ADMIN_OR_READER = '%s or %s' % (ADMIN, READER)
ADMIN_OR_NETWORK_OWNER = '%s or %s' % (ADMIN, NETWORK_OWNER)
SHARED = "'True':%(shared)s"
EXTERNAL = "'True':%(router:external)s"
NETWORK_SHARED = "'True':%(network:shared)s"

#: Port attributes only an admin reads.
ADMIN_PORT_ATTRIBUTES = ('binding:vif_type', 'binding:vif_details', 'binding:host_id',
                         'binding:profile')
#: Collections whose resources have tags, as Neutron names their tag rules.
TAGGED = ('networks', 'subnets', 'ports', 'security_groups', 'routers', 'floatingips')


def _rule(name: str, check: str, description: str, method: str, path: str):
    return policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                        operations=[{'method': method, 'path': path}],
                                        scope_types=['project'])


def _crud(resource: str, path: str, create: str, read: str, write: str) -> list:
    item = '%s/{id}' % path
    return [
        _rule('create_%s' % resource, create, 'Create a %s' % resource, 'POST', path),
        _rule('get_%s' % resource, read, 'Get a %s' % resource, 'GET', item),
        _rule('update_%s' % resource, write, 'Update a %s' % resource, 'PUT', item),
        _rule('delete_%s' % resource, write, 'Delete a %s' % resource, 'DELETE', item),
    ]


def _attributes(resource: str, path: str, checks: dict, actions=('create', 'update')) -> list:
    return [_rule('%s_%s:%s' % (action, resource, attribute), check,
                  'Specify ``%s`` when %sing a %s' % (attribute, action[:-1], resource),
                  'POST' if action == 'create' else 'PUT',
                  path if action == 'create' else path + '/{id}')
            for action in actions for attribute, check in checks.items()]


PORT_ATTRIBUTES = {
    'device_owner': '%s or %s' % (ADMIN_OR_NETWORK_OWNER, "'False':%(network_device)s"),
    'mac_address': ADMIN_OR_NETWORK_OWNER,
    'fixed_ips:ip_address': ADMIN_OR_NETWORK_OWNER,
    'fixed_ips:subnet_id': '%s or %s' % (ADMIN_OR_NETWORK_OWNER, NETWORK_SHARED),
    'port_security_enabled': ADMIN_OR_NETWORK_OWNER,
    'allowed_address_pairs': ADMIN_OR_NETWORK_OWNER,
    'binding:host_id': ADMIN,
    'binding:profile': ADMIN,
    'binding:vnic_type': ADMIN_OR_MEMBER,
}

rules = [
    *_crud('network', '/v2.0/networks', ADMIN_OR_MEMBER,
           ' or '.join((ADMIN_OR_READER, SHARED, EXTERNAL)), ADMIN_OR_MEMBER),
    *_attributes('network', '/v2.0/networks', {'shared': ADMIN, 'router:external': ADMIN}),
    *_crud('subnet', '/v2.0/subnets', ADMIN_OR_NETWORK_OWNER,
           '%s or %s' % (ADMIN_OR_READER, NETWORK_SHARED), ADMIN_OR_NETWORK_OWNER),
    *_crud('port', '/v2.0/ports', ADMIN_OR_MEMBER, ADMIN_OR_READER, ADMIN_OR_MEMBER),
    *_attributes('port', '/v2.0/ports', PORT_ATTRIBUTES),
    *[_rule('get_port:%s' % attribute, ADMIN, 'Get ``%s`` of a port' % attribute, 'GET',
            '/v2.0/ports/{id}') for attribute in ADMIN_PORT_ATTRIBUTES],
    *_crud('security_group', '/v2.0/security-groups', ADMIN_OR_MEMBER, ADMIN_OR_READER,
           ADMIN_OR_MEMBER),
    *_crud('security_group_rule', '/v2.0/security-group-rules', ADMIN_OR_MEMBER,
           ADMIN_OR_READER, ADMIN_OR_MEMBER),
    *_crud('router', '/v2.0/routers', ADMIN_OR_MEMBER, ADMIN_OR_READER, ADMIN_OR_MEMBER),
    *_attributes('router', '/v2.0/routers', {
        'external_gateway_info:enable_snat': ADMIN,
        'external_gateway_info:external_fixed_ips': ADMIN}),
    _rule('add_router_interface', ADMIN_OR_MEMBER, 'Add an interface to a router', 'PUT',
          '/v2.0/routers/{id}/add_router_interface'),
    _rule('remove_router_interface', ADMIN_OR_MEMBER, 'Remove an interface from a router',
          'PUT', '/v2.0/routers/{id}/remove_router_interface'),
    *_crud('floatingip', '/v2.0/floatingips', ADMIN_OR_MEMBER, ADMIN_OR_READER, ADMIN_OR_MEMBER),
    *_attributes('floatingip', '/v2.0/floatingips', {'floating_ip_address': ADMIN},
                 actions=('create',)),
    _rule('get_quota', ADMIN_OR_READER, "Get a project's quotas", 'GET', '/v2.0/quotas/{id}'),
    _rule('update_quota', ADMIN, "Update a project's quotas", 'PUT', '/v2.0/quotas/{id}'),
    _rule('delete_quota', ADMIN, "Reset a project's quotas", 'DELETE', '/v2.0/quotas/{id}'),
]
for _collection in TAGGED:
    _path = '/v2.0/%s/{id}/tags' % _collection.replace('_', '-')
    rules += [
        _rule('get_%s_tags' % _collection, ADMIN_OR_READER, 'Get the tags of a resource', 'GET',
              _path),
        _rule('update_%s_tags' % _collection, ADMIN_OR_MEMBER, 'Replace the tags of a resource',
              'PUT', _path),
        _rule('create_%s_tags' % _collection, ADMIN_OR_MEMBER, 'Add a tag to a resource', 'PUT',
              _path + '/{tag}'),
        _rule('delete_%s_tags' % _collection, ADMIN_OR_MEMBER,
              'Remove a tag (or every tag) of a resource', 'DELETE', _path),
    ]


def list_rules():
    return rules
