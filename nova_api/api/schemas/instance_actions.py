"""Query strings of ``os-instance-actions``: pages and changes-since from 2.58, changes-before 2.66.

The list ignores any parameter before 2.58 and refuses unknown ones from
then on; the show ignores them until 2.102.
"""

import copy

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types


def _single(schema: dict) -> dict:
    """One value only (Nova's ``single_param``)."""
    return dict(parameter_types.multi_params(schema), maxItems=1)


_date_time = _single({'type': 'string', 'format': 'date-time'})

index_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

index_query_v2_58 = {
    'type': 'object',
    'properties': {
        'limit': _single(parameter_types.non_negative_integer),
        'marker': _single({'type': 'string'}),
        'changes-since': _date_time,
    },
    'additionalProperties': False,
}

index_query_v2_66 = copy.deepcopy(index_query_v2_58)
index_query_v2_66['properties']['changes-before'] = _date_time

INDEX_QUERY_SCHEMAS: SchemaWindows = (
    (index_query, '2.1', '2.57'),
    (index_query_v2_58, '2.58', '2.65'),
    (index_query_v2_66, '2.66', None),
)

show_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
show_query_v2_102 = copy.deepcopy(show_query)
show_query_v2_102['additionalProperties'] = False

SHOW_QUERY_SCHEMAS: SchemaWindows = ((show_query, '2.1', '2.101'), (show_query_v2_102, '2.102', None))
