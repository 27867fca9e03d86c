"""Schemas of os-aggregates: create, update, the actions' bodies, and the (unchecked) queries."""

import copy

from nova_api.api.schemas import parameter_types

_zone = {'oneOf': [{'type': 'string', 'format': 'az_name', 'minLength': 1, 'maxLength': 255},
                   {'type': 'null'}]}

create = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'availability_zone': _zone,
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}

update = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': {'type': 'string', 'format': 'name_with_leading_trailing_spaces',
                         'minLength': 1, 'maxLength': 255},
                'availability_zone': _zone,
            },
            'additionalProperties': False,
            'anyOf': [{'required': ['name']}, {'required': ['availability_zone']}],
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}


def _host_action(name: str) -> dict:
    return {
        'type': 'object',
        'properties': {
            name: {
                'type': 'object',
                'properties': {'host': parameter_types.fqdn},
                'required': ['host'],
                'additionalProperties': False,
            },
        },
        'required': [name],
        'additionalProperties': False,
    }


add_host = _host_action('add_host')
remove_host = _host_action('remove_host')

#: Keys as server metadata; a null value removes the key.
_metadata_with_null = copy.deepcopy(parameter_types.metadata)
_metadata_with_null['patternProperties']['^[a-zA-Z0-9-_:. ]{1,255}$']['type'] = ['string', 'null']

set_metadata = {
    'type': 'object',
    'properties': {
        'set_metadata': {
            'type': 'object',
            'properties': {'metadata': _metadata_with_null},
            'required': ['metadata'],
            'additionalProperties': False,
        },
    },
    'required': ['set_metadata'],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

#: 2.102: no query parameter is taken any more.
index_query_v2_102 = copy.deepcopy(index_query)
index_query_v2_102['additionalProperties'] = False

show_query = copy.deepcopy(index_query)
show_query_v2_102 = copy.deepcopy(index_query_v2_102)

#: 2.81: ``POST /os-aggregates/{id}/images``, images to pre-cache on the aggregate's hosts.
images = {
    'type': 'object',
    'properties': {
        'cache': {
            'type': ['array'],
            'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {'id': parameter_types.image_id},
                'additionalProperties': False,
                'required': ['id'],
            },
        },
    },
    'required': ['cache'],
    'additionalProperties': False,
}
