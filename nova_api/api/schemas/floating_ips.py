"""Bodies and queries of Nova's floating IP proxies: ``os-floating-ips`` (allocate from a pool),
``os-floating-ip-pools``, and the addFloatingIp/removeFloatingIp actions."""

from __future__ import annotations

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types

create = {
    'type': ['object', 'null'],
    'properties': {'pool': {'type': ['string', 'null']}},
}

add_floating_ip = {
    'type': 'object',
    'properties': {
        'addFloatingIp': {
            'type': 'object',
            'properties': {'address': parameter_types.ip_address,
                           'fixed_address': parameter_types.ip_address},
            'required': ['address'],
            'additionalProperties': False,
        },
    },
    'required': ['addFloatingIp'],
    'additionalProperties': False,
}

remove_floating_ip = {
    'type': 'object',
    'properties': {
        'removeFloatingIp': {
            'type': 'object',
            'properties': {'address': parameter_types.ip_address},
            'required': ['address'],
            'additionalProperties': False,
        },
    },
    'required': ['removeFloatingIp'],
    'additionalProperties': False,
}

#: Their query strings carry nothing (ignored, as Nova ignores them on these proxies).
query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

CREATE_SCHEMAS: SchemaWindows = ((create, '2.1', None),)
QUERY_SCHEMAS: SchemaWindows = ((query, '2.1', None),)
ADD_FLOATING_IP_SCHEMAS: SchemaWindows = ((add_floating_ip, '2.1', None),)
REMOVE_FLOATING_IP_SCHEMAS: SchemaWindows = ((remove_floating_ip, '2.1', None),)
