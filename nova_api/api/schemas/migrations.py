"""Query strings of ``GET /os-migrations``: free before 2.59, then Nova's closed windows."""

from __future__ import annotations

import copy

from nova_api.api.schemas import parameter_types


def _single(schema: dict) -> dict:
    """A parameter given at most once (Nova's ``single_param``)."""
    return dict(parameter_types.multi_params(schema), maxItems=1)


_date_time = _single({'type': 'string', 'format': 'date-time'})

index_query = {
    'type': 'object',
    'properties': {
        'hidden': parameter_types.common_query_param,
        'host': parameter_types.common_query_param,
        'instance_uuid': parameter_types.common_query_param,
        'source_compute': parameter_types.common_query_param,
        'status': parameter_types.common_query_param,
        'migration_type': parameter_types.common_query_param,
    },
    # Nova let anything through before 2.59 (and ignores what it does not know).
    'additionalProperties': True,
}

#: 2.59: pages (limit, marker: a migration uuid) and changes-since; nothing else.
index_query_v2_59 = copy.deepcopy(index_query)
index_query_v2_59['properties'].update({
    'limit': _single(parameter_types.non_negative_integer),
    'marker': _single({'type': 'string'}),
    'changes-since': _date_time,
})
index_query_v2_59['additionalProperties'] = False

index_query_v2_66 = copy.deepcopy(index_query_v2_59)
index_query_v2_66['properties']['changes-before'] = _date_time

#: 2.80: the owner's user_id and project_id.
index_query_v2_80 = copy.deepcopy(index_query_v2_66)
index_query_v2_80['properties'].update({
    'user_id': _single({'type': 'string'}),
    'project_id': _single({'type': 'string'}),
})

INDEX_QUERY_SCHEMAS = (
    (index_query, '2.1', '2.58'),
    (index_query_v2_59, '2.59', '2.65'),
    (index_query_v2_66, '2.66', '2.79'),
    (index_query_v2_80, '2.80', None),
)
