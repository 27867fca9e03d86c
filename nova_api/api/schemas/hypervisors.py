"""Schemas of os-hypervisors: the list queries per window (2.33 pages, 2.53 pattern and servers)."""

import copy

from nova_api.api.schemas import parameter_types

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

index_query_v2_33 = {
    'type': 'object',
    'properties': copy.deepcopy(parameter_types.pagination_parameters),
    'additionalProperties': True,
}


def _single(schema: dict) -> dict:
    """One value only (Nova's single_param)."""
    return {'type': 'array', 'items': schema, 'maxItems': 1}


index_query_v2_53 = {
    'type': 'object',
    'properties': {
        'limit': _single(parameter_types.non_negative_integer),
        'marker': _single({'type': 'string'}),
        'hypervisor_hostname_pattern': _single(parameter_types.fqdn),
        'with_servers': _single(parameter_types.boolean),
    },
    'additionalProperties': False,
}

show_query = copy.deepcopy(index_query)

show_query_v2_53 = {
    'type': 'object',
    'properties': {'with_servers': _single(parameter_types.boolean)},
    'additionalProperties': False,
}

#: statistics, uptime, search and servers take no parameters and ignore any.
other_query = copy.deepcopy(index_query)
