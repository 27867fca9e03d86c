"""Request bodies of flavor extra specs: keys of Nova's metadata charset, values strings or numbers."""

import copy

KEY_PATTERN = '^[a-zA-Z0-9-_:. ]{1,255}$'

extra_specs = {
    'type': 'object',
    'patternProperties': {
        KEY_PATTERN: {'type': ['string', 'number'], 'maxLength': 255},
    },
    'additionalProperties': False,
}

#: ``POST .../os-extra_specs``: ``{"extra_specs": {key: value, ...}}``.
create = {
    'type': 'object',
    'properties': {'extra_specs': extra_specs},
    'required': ['extra_specs'],
    'additionalProperties': False,
}

#: ``PUT .../os-extra_specs/{key}``: ``{key: value}``, exactly one.
update = copy.deepcopy(extra_specs)
update.update({'minProperties': 1, 'maxProperties': 1})

#: GETs take no parameters and ignore any.
index_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
show_query = index_query
