"""Schemas of /extensions: no parameters (ignored until 2.101, refused from 2.102)."""

import copy

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

index_query_v2_102 = copy.deepcopy(index_query)
index_query_v2_102['additionalProperties'] = False

show_query = copy.deepcopy(index_query)
show_query_v2_102 = copy.deepcopy(index_query_v2_102)
