"""Which error a 400 reports when a body breaks a schema: Nova's first, in the schema's order."""

from __future__ import annotations

import pytest

from nova_api import exception
from nova_api.api import microversion
from nova_api.api import validation

NETWORKS = {
    'type': 'object',
    'properties': {
        'networks': {'oneOf': [
            {'type': 'array', 'items': {'type': 'object', 'properties': {}, 'additionalProperties': False}},
            {'type': 'string', 'enum': ['none', 'auto']},
        ]},
        'name': {'type': 'string'},
        'count': {'type': 'integer'},
    },
    'required': ['name'],
    'additionalProperties': False,
}


FIELD = 'Invalid input for field/attribute '


@validation.schema(NETWORKS)
def method(req, body):
    return None


def refusal(body) -> str | None:
    try:
        validation.validate_body(method, microversion.MIN_VERSION, body)
    except exception.ValidationError as error:
        return error.format_message()
    return None


@pytest.mark.parametrize('body, message', [
    # A oneOf is blamed as a whole, not one of its branches.
    ({'name': 'a', 'networks': ['auto']},
     FIELD + "networks. Value: ['auto']. ['auto'] is not valid under any of the given schemas"),
    # Of several broken properties, the first the schema lists.
    ({'name': 1, 'count': 'x', 'networks': 'some'},
     FIELD + "networks. Value: some. 'some' is not valid under any of the given schemas"),
    ({'name': 1, 'count': 'x'}, FIELD + "name. Value: 1. 1 is not of type 'string'"),
    # properties come before required and additionalProperties in the schema.
    ({'count': 'x', 'extra': 1}, FIELD + "count. Value: x. 'x' is not of type 'integer'"),
    ({'extra': 1}, "'name' is a required property"),
])
def test_the_first_error_in_schema_order_is_reported(body, message):
    assert refusal(body) == message
