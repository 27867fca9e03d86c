"""Schemas of ``os-interface``: the attach body (2.49 ``tag``) and the list/show query strings."""

import copy

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types
from nova_api.api.schemas import server_networks

create = {
    'type': 'object',
    'properties': {
        'interfaceAttachment': {
            'type': 'object',
            'properties': {
                'net_id': {'type': 'string', 'format': 'uuid'},
                'port_id': {'type': 'string', 'format': 'uuid'},
                'fixed_ips': {
                    'type': 'array', 'minItems': 1, 'maxItems': 1,
                    'items': {
                        'type': 'object',
                        'properties': {'ip_address': parameter_types.ip_address},
                        'required': ['ip_address'],
                        'additionalProperties': False,
                    },
                },
            },
            'additionalProperties': False,
        },
    },
    'additionalProperties': False,
}

create_v2_49 = copy.deepcopy(create)
create_v2_49['properties']['interfaceAttachment']['properties']['tag'] = parameter_types.tag

CREATE_SCHEMAS: SchemaWindows = ((create, '2.1', '2.48'), (create_v2_49, '2.49', None))
#: Anything goes in the query string until 2.102 refuses unknown parameters.
QUERY_SCHEMAS: SchemaWindows = server_networks.SERVER_QUERY_SCHEMAS
