"""Query strings of ``GET /servers/{server_id}/topology`` (2.78): ignored until 2.102 (Nova's windows)."""

import copy

from nova_api.api.schemas import SchemaWindows

index_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
index_query_v2_102 = copy.deepcopy(index_query)
index_query_v2_102['additionalProperties'] = False

QUERY_SCHEMAS: SchemaWindows = ((index_query, '2.78', '2.101'), (index_query_v2_102, '2.102', None))
