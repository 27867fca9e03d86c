"""Schemas of os-simple-tenant-usage: the query strings (2.40 pages, 2.75 nothing else)."""

import copy

from nova_api.api.schemas import parameter_types

index_query = {
    'type': 'object',
    'properties': {
        'start': parameter_types.common_query_param,
        'end': parameter_types.common_query_param,
        'detailed': parameter_types.common_query_param,
    },
    'additionalProperties': True,
}

show_query = {
    'type': 'object',
    'properties': {
        'start': parameter_types.common_query_param,
        'end': parameter_types.common_query_param,
    },
    'additionalProperties': True,
}

index_query_v2_40 = copy.deepcopy(index_query)
index_query_v2_40['properties'].update(copy.deepcopy(parameter_types.pagination_parameters))
show_query_v2_40 = copy.deepcopy(show_query)
show_query_v2_40['properties'].update(copy.deepcopy(parameter_types.pagination_parameters))

index_query_v2_75 = copy.deepcopy(index_query_v2_40)
index_query_v2_75['additionalProperties'] = False
show_query_v2_75 = copy.deepcopy(show_query_v2_40)
show_query_v2_75['additionalProperties'] = False
