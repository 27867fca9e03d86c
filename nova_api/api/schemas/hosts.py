"""Schemas of os-hosts (until 2.42): the update body and the queries."""

import copy

from nova_api.api.schemas import parameter_types

_switch = {'type': 'string', 'enum': ['enable', 'disable', 'Enable', 'Disable', 'ENABLE', 'DISABLE']}

update = {
    'type': 'object',
    'properties': {'status': _switch, 'maintenance_mode': _switch},
    'anyOf': [{'required': ['status']}, {'required': ['maintenance_mode']}],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {'zone': parameter_types.common_query_param},
    # Nova removed the API at 2.43 without ever refusing unknown parameters.
    'additionalProperties': True,
}

#: show and the power actions take no parameters and ignore any.
other_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

show_query = copy.deepcopy(other_query)
