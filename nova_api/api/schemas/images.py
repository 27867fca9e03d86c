"""Query strings of Nova's image proxy (``GET /images``, ``/images/detail``, ``/images/{id}``).

As in Nova, the filters are passed on unvalidated (the catalogue reads them
with Glance's rules); only the paging parameters are checked here.
"""

from nova_api.api.schemas.flavors import multi_params

positive_integer = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minimum': 1, 'minLength': 1,
}

index_query = {
    'type': 'object',
    'properties': {
        'name': {}, 'status': {}, 'changes-since': {}, 'server': {}, 'type': {},
        'minRam': {}, 'minDisk': {},
        'limit': multi_params(positive_integer),
        'page_size': multi_params(positive_integer),
        'marker': {},
        'offset': multi_params(positive_integer),
    },
    'patternProperties': {'^property-.*$': {}},
    'additionalProperties': True,
}

detail_query = index_query

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
