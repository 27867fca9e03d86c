"""Request bodies of Nova's image metadata proxy (``/images/{image_id}/metadata[/{key}]``)."""

import copy

#: Nova's metadata: keys of its charset, string values of at most 255 characters.
metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

single_metadata = copy.deepcopy(metadata)
single_metadata.update({'minProperties': 1, 'maxProperties': 1})

create = {
    'type': 'object',
    'properties': {'metadata': metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

update = {
    'type': 'object',
    'properties': {'meta': single_metadata},
    'required': ['meta'],
    'additionalProperties': False,
}

update_all = create

#: The GETs take no parameters and ignore any.
index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

show_query = index_query
