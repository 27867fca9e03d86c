"""Request bodies of flavor create (``POST /flavors``) and update (``PUT /flavors/{id}``)."""

import copy

#: An integer as a JSON number or a string of digits, within the database's int.
flavor_param_positive = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]+$', 'minimum': 1, 'maximum': 0x7FFFFFFF,
}
flavor_param_non_negative = copy.deepcopy(flavor_param_positive)
flavor_param_non_negative['minimum'] = 0

boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'],
}

create = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': {'type': 'string', 'minLength': 1, 'maxLength': 255, 'format': 'name'},
                # No space at either end; null (or absent) means a generated UUID.
                'id': {
                    'type': ['string', 'number', 'null'], 'minLength': 1, 'maxLength': 255,
                    'pattern': '^(?! )[a-zA-Z0-9. _-]+(?<! )$',
                },
                'ram': flavor_param_positive,
                'vcpus': flavor_param_positive,
                'disk': flavor_param_non_negative,
                'OS-FLV-EXT-DATA:ephemeral': flavor_param_non_negative,
                'swap': flavor_param_non_negative,
                'rxtx_factor': {
                    'type': ['number', 'string'], 'pattern': r'^[0-9]+(\.[0-9]+)?$',
                    # A positive single-precision float (the database column).
                    'minimum': 0, 'exclusiveMinimum': True, 'maximum': 3.40282e+38,
                },
                'os-flavor-access:is_public': boolean,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

#: 2.55: a description, up to the TEXT column's 64 KiB, printable characters only.
description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 65535, 'format': 'printable',
}

create_v2_55 = copy.deepcopy(create)
create_v2_55['properties']['flavor']['properties']['description'] = description

update_v2_55 = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {'description': description},
            # The only attribute that can change, so it must be there.
            'required': ['description'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}
