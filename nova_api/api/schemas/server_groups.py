"""Request schemas of os-server-groups, named by the microversion window they start.

Before 2.64 a group has ``policies``, a list of exactly one policy (2.15
adds the soft ones); from 2.64 a ``policy`` and its ``rules`` (only
``max_server_per_host``, a positive integer; only with anti-affinity, which
the compute layer checks). The list's ``limit``/``offset`` are
non-negative integers; unknown parameters are refused from 2.75 (list)
and 2.102 (show).
"""

import copy

from nova_api.api.schemas import parameter_types
from nova_api.compute.servers import placement

create = {
    'type': 'object',
    'properties': {
        'server_group': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'policies': {
                    # One policy, as a list of one: 2.64 makes it a string.
                    'type': 'array',
                    'items': [{'type': 'string', 'enum': list(placement.HARD_POLICIES)}],
                    'uniqueItems': True,
                    'minItems': 1,
                    'maxItems': 1,
                    'additionalItems': False,
                },
            },
            'required': ['name', 'policies'],
            'additionalProperties': False,
        },
    },
    'required': ['server_group'],
    'additionalProperties': False,
}

create_v2_15 = copy.deepcopy(create)
create_v2_15['properties']['server_group']['properties']['policies']['items'][0]['enum'] = list(
    placement.POLICIES)

create_v2_64 = copy.deepcopy(create_v2_15)
_group = create_v2_64['properties']['server_group']
del _group['properties']['policies']
_group['required'] = ['name', 'policy']
_group['properties']['policy'] = {'type': 'string', 'enum': list(placement.POLICIES)}
_group['properties']['rules'] = {
    'type': 'object',
    'properties': {'max_server_per_host': parameter_types.positive_integer},
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {
        'all_projects': parameter_types.multi_params({'type': 'string'}),
        'limit': parameter_types.multi_params(parameter_types.non_negative_integer),
        'offset': parameter_types.multi_params(parameter_types.non_negative_integer),
    },
    # Before 2.75 unknown parameters are ignored.
    'additionalProperties': True,
}

index_query_v2_75 = copy.deepcopy(index_query)
index_query_v2_75['additionalProperties'] = False

#: A show takes no parameters; before 2.102 it ignores any.
show_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

show_query_v2_102 = copy.deepcopy(show_query)
show_query_v2_102['additionalProperties'] = False
