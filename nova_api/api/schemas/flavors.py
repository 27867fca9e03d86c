"""Query strings of the flavor list (``GET /flavors``, ``/flavors/detail``) and show."""

import copy

#: Nova's sort keys (``id`` is the internal key, kept for compatibility).
SORT_KEYS = ['created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid', 'id',
             'is_public', 'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap', 'updated_at',
             'vcpu_weight', 'vcpus']


def multi_params(schema: dict) -> dict:
    """A query parameter as the Resource hands it over: a list of its values."""
    return {'type': 'array', 'items': schema}


non_negative_integer = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minimum': 0, 'minLength': 1,
}

index_query = {
    'type': 'object',
    'properties': {
        'limit': multi_params(non_negative_integer),
        'marker': multi_params({'type': 'string'}),
        'is_public': multi_params({'type': 'string'}),
        'minRam': multi_params({'type': 'string'}),
        'minDisk': multi_params({'type': 'string'}),
        'sort_key': multi_params({'type': 'string', 'enum': SORT_KEYS}),
        'sort_dir': multi_params({'type': 'string', 'enum': ['asc', 'desc']}),
    },
    # Before 2.75 unknown parameters are ignored, as they always were.
    'additionalProperties': True,
}

index_query_v2_75 = copy.deepcopy(index_query)
index_query_v2_75['additionalProperties'] = False

#: GETs of one flavor (and its extra specs and access list) take no parameters and ignore any.
show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
