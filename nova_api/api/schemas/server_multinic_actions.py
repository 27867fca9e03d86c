"""Bodies of addFixedIp and removeFixedIp (os-multinic, up to 2.43) on POST /servers/{id}/action."""

from __future__ import annotations

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types

add_fixed_ip = {
    'type': 'object',
    'properties': {
        'addFixedIp': {
            'type': 'object',
            # As long as a network's uuid; Nova took numbers too (nova-network's ids).
            'properties': {'networkId': {'type': ['string', 'number'], 'minLength': 1,
                                         'maxLength': 36}},
            'required': ['networkId'],
            'additionalProperties': False,
        },
    },
    'required': ['addFixedIp'],
    'additionalProperties': False,
}

remove_fixed_ip = {
    'type': 'object',
    'properties': {
        'removeFixedIp': {
            'type': 'object',
            'properties': {'address': parameter_types.ip_address},
            'required': ['address'],
            'additionalProperties': False,
        },
    },
    'required': ['removeFixedIp'],
    'additionalProperties': False,
}

ADD_FIXED_IP_SCHEMAS: SchemaWindows = ((add_fixed_ip, '2.1', None),)
REMOVE_FIXED_IP_SCHEMAS: SchemaWindows = ((remove_fixed_ip, '2.1', None),)
