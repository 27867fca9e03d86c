"""Request bodies of a server's tags (2.26): ``PUT /servers/{server_id}/tags`` and ``.../tags/{tag}``.

At most 50 tags of 1 to 60 characters without '/' or ','. The tag of
``PUT .../tags/{tag}`` is in the URL (checked by :func:`check_tag`); its body
must be empty. Nova's tags API ignores query parameters at every version
(its 2.102 schemas are written but not attached), and so does this one.
"""

import copy

import jsonschema

from nova_api import exception
from nova_api.api.schemas import parameter_types

update_all = {
    'type': 'object',
    'properties': {
        'tags': {'type': 'array', 'items': parameter_types.tag,
                 'maxItems': parameter_types.MAX_TAG_COUNT},
    },
    'required': ['tags'],
    'additionalProperties': False,
}

#: No body, or JSON null.
update = {'type': 'null'}

query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

_tag_validator = jsonschema.Draft4Validator(copy.deepcopy(parameter_types.tag))


def check_tag(tag: str) -> None:
    """``InvalidServerTag`` (400) unless the URL's ``tag`` is a tag, with jsonschema's reason."""
    error = jsonschema.exceptions.best_match(_tag_validator.iter_errors(tag))
    if error is not None:
        raise exception.InvalidServerTag(tag=tag, reason=error.message)
