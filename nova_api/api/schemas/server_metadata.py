"""Request bodies and query strings of a server's metadata (``/servers/{server_id}/metadata[/{key}]``).

Keys of 1 to 255 characters of Nova's charset, string values of at most
255; ``PUT .../metadata/{key}`` names exactly one item. The GETs ignore any
query parameter until 2.102, which refuses unknown ones.
"""

import copy

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types

create = {
    'type': 'object',
    'properties': {'metadata': parameter_types.metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

single_metadata = copy.deepcopy(parameter_types.metadata)
single_metadata.update({'minProperties': 1, 'maxProperties': 1})

update = {
    'type': 'object',
    'properties': {'meta': single_metadata},
    'required': ['meta'],
    'additionalProperties': False,
}

update_all = copy.deepcopy(create)

query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
query_v2_102 = copy.deepcopy(query)
query_v2_102['additionalProperties'] = False

QUERY_SCHEMAS: SchemaWindows = ((query, '2.1', '2.101'), (query_v2_102, '2.102', None))
