"""Value types the servers and server action schemas share, as Nova defines them.

Each is a schema fragment; callers embed them (``'name': parameter_types.name``)
and, where a window changes one, deep-copy before editing. The formats they
name (``name``, ``uuid``, ``base64``, ``regex``, ...) are checked in
``nova_api/api/validation.py``.
"""

import copy

#: Nova's database integers are 32-bit signed.
MAX_INT = 0x7FFFFFFF

#: Tags of servers (and of their NICs and disks): Nova's Tag object limits.
MAX_TAG_LENGTH = 60
MAX_TAG_COUNT = 50


def multi_params(schema: dict) -> dict:
    """A query parameter as validation sees it: the list of its values."""
    return {'type': 'array', 'items': schema}


#: A query parameter whose values are not checked (kept for compatibility, as Nova's).
common_query_param = multi_params({'type': 'string'})
#: A filter matched as a regular expression: it must compile, and not be empty.
common_query_regex_param = multi_params({'type': 'string', 'format': 'regex'})

non_negative_integer = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minimum': 0, 'minLength': 1,
}
positive_integer = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minimum': 1, 'minLength': 1,
}

pagination_parameters = {
    'limit': multi_params(non_negative_integer),
    'marker': multi_params({'type': 'string'}),
}

#: JSON true/false or one of the strings oslo's bool_from_string knows.
boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'],
}

#: Names stored by Nova (servers, images, key pairs named in a request, zones...).
name = {'type': 'string', 'format': 'name', 'minLength': 1, 'maxLength': 255}

name_or_none = {
    'oneOf': [
        {'type': 'string', 'minLength': 1, 'maxLength': 255},
        {'type': 'null'},
    ],
}

#: Printable characters, spaces anywhere, null clears it. Nova spells the same
#: rule as a pattern of every printable character; a failure here reads
#: "is not a 'printable'" instead of quoting that pattern.
description = {
    'type': ['string', 'null'], 'format': 'printable', 'minLength': 0, 'maxLength': 255,
}

#: RFC 952/1123 host label: letters, digits and inner hyphens.
hostname = {
    'type': 'string', 'pattern': '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$',
    'minLength': 2, 'maxLength': 63,
}

#: A host or node name; underscores allowed because real systems have them.
fqdn = {
    'type': 'string', 'pattern': '^[a-zA-Z0-9-._]*$', 'minLength': 1, 'maxLength': 255,
}

server_id = {'type': 'string', 'format': 'uuid'}
image_id = {'type': 'string', 'format': 'uuid'}
volume_id = {'type': 'string', 'format': 'uuid'}

#: Booting from a volume, imageRef may be the empty string (the code then requires a disk).
image_id_or_empty_string = {
    'oneOf': [
        {'type': 'string', 'format': 'uuid'},
        {'type': 'string', 'maxLength': 0},
    ],
}

volume_type = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}

volume_size = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]+$', 'minimum': 1, 'maximum': MAX_INT,
}

#: Never stored, so neither its length nor its characters are limited.
admin_password = {'type': 'string'}

#: A flavor id, or a link whose last segment is one.
flavor_ref = {'type': ['string', 'integer'], 'minLength': 1}

metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

ip_address = {
    'type': 'string',
    'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}],
}

access_ipv4 = {'type': 'string', 'format': 'ipv4'}
access_ipv6 = {'type': 'string', 'format': 'ipv6'}

disk_config = {'type': 'string', 'enum': ['AUTO', 'MANUAL']}

#: Files injected at boot, until 2.57 removed them.
personality = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'path': {'type': 'string'},
            'contents': {'type': 'string', 'format': 'base64'},
        },
        'additionalProperties': False,
    },
}

#: Commas and slashes would break the tag filters and the tag URLs.
tag = {'type': 'string', 'pattern': '^[^,/]*$', 'minLength': 1, 'maxLength': MAX_TAG_LENGTH}

#: Up to 50 certificate ids; null resets them on rebuild.
trusted_certs = {
    'type': ['array', 'null'],
    'minItems': 1,
    'maxItems': 50,
    'uniqueItems': True,
    'items': {'type': 'string', 'minLength': 1},
}

#: base64 that fits the database's TEXT column.
user_data = {'type': 'string', 'format': 'base64', 'maxLength': 65535}

#: 2.57's rebuild: null removes the user data.
user_data_or_none = copy.deepcopy(user_data)
user_data_or_none['type'] = ['string', 'null']
