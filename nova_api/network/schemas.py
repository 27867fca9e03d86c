"""Request bodies of the Network API as JSON schemas: types and Neutron's attribute names.

Values are checked further where Neutron checks them (addresses, CIDRs,
ranges in :mod:`nova_api.networking`), so that the messages are Neutron's.
A body with an attribute Neutron does not know, or one it never lets a
client write (``id``, ``status``...), fails here with a 400.
"""

import copy

#: Every query string is taken apart by nova_api.networking.listing (unknown filters: 400).
list_query = {'type': 'object'}
show_query = {'type': 'object', 'properties': {
    'fields': {'type': 'array', 'items': {'type': 'string'}}}}

_name = {'type': 'string', 'maxLength': 255}
_description = {'type': 'string', 'maxLength': 255}
_bool = {'type': 'boolean'}
_id = {'type': 'string', 'maxLength': 255}
_nullable_id = {'type': ['string', 'null'], 'maxLength': 255}
_project = {'type': 'string', 'maxLength': 255}
_address = {'type': ['string', 'null'], 'maxLength': 64}
_list = {'type': ['array', 'null']}


def _body(key: str, properties: dict, required=()) -> dict:
    inner = {'type': 'object', 'properties': properties, 'additionalProperties': False}
    if required:
        inner['required'] = list(required)
    return {'type': 'object', 'properties': {key: inner}, 'required': [key],
            'additionalProperties': False}


def _update(create: dict, key: str, read_only=()) -> dict:
    """An update body: the create's attributes, none required, fewer writable."""
    update = copy.deepcopy(create)
    inner = update['properties'][key]
    inner.pop('required', None)
    for name in read_only:
        inner['properties'].pop(name, None)
    return update


_standard = {'name': _name, 'description': _description, 'project_id': _project,
             'tenant_id': _project}

network_create = _body('network', {
    **_standard, 'admin_state_up': _bool, 'shared': _bool, 'router:external': _bool,
    'mtu': {'type': 'integer', 'minimum': 68, 'maximum': 65536}, 'port_security_enabled': _bool,
    'availability_zone_hints': {'type': 'array', 'maxItems': 0}})
network_update = _update(network_create, 'network', ('project_id', 'tenant_id',
                                                     'availability_zone_hints'))

_subnet = {
    **_standard, 'network_id': _id, 'ip_version': {'type': 'integer', 'enum': [4, 6]},
    'cidr': {'type': 'string', 'maxLength': 64}, 'gateway_ip': _address,
    'allocation_pools': {'type': ['array', 'null'], 'items': {
        'type': 'object', 'properties': {'start': {'type': 'string'}, 'end': {'type': 'string'}},
        'required': ['start', 'end'], 'additionalProperties': False}},
    'dns_nameservers': {'type': ['array', 'null'], 'items': {'type': 'string'}},
    'host_routes': {'type': ['array', 'null'], 'items': {'type': 'object'}},
    'enable_dhcp': _bool, 'ipv6_ra_mode': {'type': ['string', 'null']},
    'ipv6_address_mode': {'type': ['string', 'null']},
    'subnetpool_id': {'type': 'null'}, 'service_types': {'type': 'array', 'maxItems': 0},
}
subnet_create = _body('subnet', _subnet, ('network_id', 'ip_version', 'cidr'))
# Read-only attributes stay in the update schema: the business layer answers them with
# Neutron's "Cannot update read-only attribute" 400.
subnet_update = _update(subnet_create, 'subnet')

_fixed_ips = {'type': ['array', 'null'], 'items': {'type': 'object'}}
_port = {
    **_standard, 'network_id': _id, 'admin_state_up': _bool,
    'mac_address': {'type': 'string', 'maxLength': 32}, 'fixed_ips': _fixed_ips,
    'device_id': {'type': 'string', 'maxLength': 255},
    'device_owner': {'type': 'string', 'maxLength': 255},
    'security_groups': {'type': ['array', 'null'], 'items': {'type': 'string'}},
    'port_security_enabled': _bool,
    'allowed_address_pairs': {'type': ['array', 'null'], 'items': {'type': 'object'}},
    'binding:host_id': {'type': 'string', 'maxLength': 255},
    'binding:vnic_type': {'type': 'string', 'enum': [
        'normal', 'direct', 'macvtap', 'baremetal', 'direct-physical', 'virtio-forwarder',
        'smart-nic', 'vdpa', 'accelerator-direct', 'accelerator-direct-physical',
        'remote-managed']},
    'binding:profile': {'type': ['object', 'null']},
}
port_create = _body('port', _port, ('network_id',))
port_update = _update(port_create, 'port', ('network_id', 'project_id', 'tenant_id'))

security_group_create = _body('security_group', {**_standard, 'stateful': _bool})
security_group_update = _update(security_group_create, 'security_group',
                                ('project_id', 'tenant_id'))
_port_value = {'type': ['integer', 'string', 'null']}
security_group_rule_create = _body('security_group_rule', {
    **_standard, 'security_group_id': _id, 'direction': {'type': 'string'},
    'ethertype': {'type': ['string', 'null']}, 'protocol': {'type': ['string', 'integer', 'null']},
    'port_range_min': _port_value, 'port_range_max': _port_value,
    'remote_ip_prefix': {'type': ['string', 'null']}, 'remote_group_id': _nullable_id,
    'remote_address_group_id': {'type': 'null'}}, ('security_group_id', 'direction'))

_gateway = {'type': ['object', 'null'], 'properties': {
    'network_id': _id, 'enable_snat': _bool, 'external_fixed_ips': _fixed_ips},
    'additionalProperties': False}
router_create = _body('router', {**_standard, 'admin_state_up': _bool,
                                 'external_gateway_info': _gateway})
router_update = _update(router_create, 'router', ('project_id', 'tenant_id'))
router_interface = {'type': 'object', 'properties': {'subnet_id': _id, 'port_id': _id},
                    'additionalProperties': False}

floatingip_create = _body('floatingip', {
    **_standard, 'floating_network_id': _id, 'floating_ip_address': _address,
    'subnet_id': _nullable_id, 'port_id': _nullable_id, 'fixed_ip_address': _address},
    ('floating_network_id',))
floatingip_update = _body('floatingip', {'description': _description, 'port_id': _nullable_id,
                                         'fixed_ip_address': _address})

#: A limit per resource, and the flags of quota-check-limit: Neutron pops ``force`` and
#: ``check_limit`` off the body before it converts or checks anything, so any value passes.
quota_update = {'type': 'object', 'properties': {'quota': {
    'type': 'object', 'properties': {'force': {}, 'check_limit': {}},
    'additionalProperties': {
        'type': ['integer', 'string'], 'pattern': '^-?[0-9]{1,10}$', 'minimum': -1,
        'maximum': 2 ** 31 - 1}}},
    'required': ['quota'], 'additionalProperties': False}
tags_update = {'type': 'object', 'properties': {'tags': {'type': 'array'}}, 'required': ['tags'],
               'additionalProperties': False}
#: PUT .../tags/{tag} and the DELETEs take no body.
no_body = {'type': ['object', 'null']}
