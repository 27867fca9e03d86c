"""Schemas of GET /limits: the query string (an admin's tenant_id)."""

import copy

index_query = {
    'type': 'object',
    'properties': {
        'tenant_id': {'type': 'array', 'items': {'type': 'string'}},
    },
    # Unknown parameters (Nova's old ``reserved`` among them) were ignored before 2.75.
    'additionalProperties': True,
}

index_query_v2_75 = copy.deepcopy(index_query)
index_query_v2_75['additionalProperties'] = False
