"""``/servers/{server_id}/migrations``: the force_complete body; queries free until 2.102 closes them."""

from __future__ import annotations

import copy

force_complete = {
    'type': 'object',
    'properties': {'force_complete': {'type': 'null'}},
    'required': ['force_complete'],
    'additionalProperties': False,
}

query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

#: 2.102: unknown query parameters are refused.
query_v2_102 = copy.deepcopy(query)
query_v2_102['additionalProperties'] = False

QUERY_SCHEMAS = ((query, '2.1', '2.101'), (query_v2_102, '2.102', None))
FORCE_COMPLETE_SCHEMAS = ((force_complete, '2.1', None),)
