"""Request schemas of os-keypairs, named by the microversion window they start.

Names are Nova's ``name`` (printable, no surrounding whitespace) and, in
the same ``allOf``, the keypair-safe characters: letters, digits, ``_``,
``-`` and space; ``@`` and ``.`` too from 2.92, which also requires a
``public_key`` (keys are no longer generated).
"""

import copy

_name = {'type': 'string', 'minLength': 1, 'maxLength': 255, 'format': 'name'}

keypair_name = {'allOf': [_name, {
    'type': 'string', 'minLength': 1, 'maxLength': 255, 'format': 'keypair_name_20'}]}

keypair_name_v2_92 = {'allOf': [_name, {
    'type': 'string', 'minLength': 1, 'maxLength': 255, 'format': 'keypair_name_292'}]}

create = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': keypair_name,
                'public_key': {'type': 'string'},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}

create_v2_2 = copy.deepcopy(create)
create_v2_2['properties']['keypair']['properties']['type'] = {
    'type': 'string', 'enum': ['ssh', 'x509']}

create_v2_10 = copy.deepcopy(create_v2_2)
create_v2_10['properties']['keypair']['properties']['user_id'] = {'type': 'string'}

create_v2_92 = copy.deepcopy(create_v2_10)
create_v2_92['properties']['keypair']['properties']['name'] = keypair_name_v2_92
create_v2_92['properties']['keypair']['required'] = ['name', 'public_key']


def _multi(schema: dict) -> dict:
    return {'type': 'array', 'items': schema}


_non_negative_integer = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minLength': 1}

#: Before 2.10 any query parameter is ignored.
query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

#: An admin may name another user's keypairs (the first ``user_id`` counts).
query_v2_10 = copy.deepcopy(query)
query_v2_10['properties']['user_id'] = _multi({'type': 'string'})

#: From 2.75 unknown parameters are refused.
query_v2_75 = copy.deepcopy(query_v2_10)
query_v2_75['additionalProperties'] = False

index_query_v2_35 = copy.deepcopy(query_v2_10)
index_query_v2_35['properties'].update({
    'limit': _multi(_non_negative_integer),
    'marker': _multi({'type': 'string'}),
})

index_query_v2_75 = copy.deepcopy(index_query_v2_35)
index_query_v2_75['additionalProperties'] = False
