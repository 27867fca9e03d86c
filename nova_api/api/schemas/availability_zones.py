"""Schemas of os-availability-zone: the lists take no parameters and, as Nova, ignore any."""

import copy

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

detail_query = copy.deepcopy(index_query)
