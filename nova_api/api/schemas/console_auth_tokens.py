"""Schemas of GET /os-console-auth-tokens/{token}: its query string (nothing, and from 2.99 strictly)."""

import copy

from nova_api.api.schemas import SchemaWindows

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

#: 2.99: unknown query parameters are refused.
show_query_v2_99 = copy.deepcopy(show_query)
show_query_v2_99['additionalProperties'] = False

SHOW_QUERY_SCHEMAS: SchemaWindows = ((show_query, '2.1', '2.98'), (show_query_v2_99, '2.99', None))
