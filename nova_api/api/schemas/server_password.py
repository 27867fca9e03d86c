"""Query strings of ``GET /servers/{server_id}/os-server-password``: ignored until 2.102."""

import copy

from nova_api.api.schemas import SchemaWindows

query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
query_v2_102 = copy.deepcopy(query)
query_v2_102['additionalProperties'] = False

QUERY_SCHEMAS: SchemaWindows = ((query, '2.1', '2.101'), (query_v2_102, '2.102', None))
