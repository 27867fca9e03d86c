"""Schemas of the token calls, after Keystone's (keystone/auth/schema.py).

The body of ``POST /v3/auth/tokens`` is any JSON object to the controller;
its ``auth`` member is checked against :data:`token_issue_auth` by the
authentication rules (nova_api.identity.authentication), which then check
what a schema does not say (each method's data present, one scope, a name
with its domain), in Keystone's order and words.
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

from nova_api import exception
from nova_api.identity.schemas import versions

#: Any JSON object: the authentication rules check ``auth`` inside it.
issue = {'type': ['object', 'null']}

_string: dict[str, Any] = {'type': 'string'}
_id_or_name: dict[str, Any] = {'type': 'object', 'properties': {'id': _string, 'name': _string}}

#: ``auth`` of a token request: Keystone's ``token_issue``. The application
#: credential's data is an object there too (Keystone reads it without a schema).
token_issue_auth: dict[str, Any] = {
    'type': 'object',
    'properties': {
        'identity': {
            'type': 'object',
            'properties': {
                'methods': {'type': 'array', 'items': _string},
                'password': {'type': 'object', 'properties': {'user': {
                    'type': 'object',
                    'properties': {'id': _string, 'name': _string, 'password': _string,
                                   'domain': _id_or_name},
                }}},
                'token': {'type': 'object', 'properties': {'id': _string}, 'required': ['id']},
                'application_credential': {'type': 'object'},
            },
            'required': ['methods'],
        },
        # A string ('unscoped') too: old keystoneauth clients send one.
        'scope': {
            'type': ['object', 'string'],
            'properties': {
                'project': {'type': 'object', 'properties': {
                    'id': _string, 'name': _string, 'domain': _id_or_name}},
                'domain': _id_or_name,
                'OS-TRUST:trust': {'type': 'object', 'properties': {'id': _string}},
                'system': {'type': 'object', 'properties': {'all': {'type': 'boolean'}}},
            },
        },
    },
    'required': ['identity'],
}


def keystone_error(error: jsonschema.ValidationError) -> exception.IdentitySchemaError:
    """Keystone's SchemaValidationError for a schema violation: the field's path, then what is wrong.

    Keystone appends jsonschema's whole report (the schema it failed, the
    instance); the first line is what a person needs.
    """
    if error.path:
        return exception.IdentitySchemaError(detail="Invalid input for field '%s': %s" % (
            '/'.join(str(step) for step in error.path), error.message))
    return exception.IdentitySchemaError(detail=error.message)


#: ``nocatalog`` and ``allow_expired`` are flags (any value).
token_query = {'type': 'object', 'properties': {
    'nocatalog': {'type': 'array'},
    'allow_expired': {'type': 'array'},
}, 'additionalProperties': True}

issue_query = copy.deepcopy(token_query)
list_query = versions.show_query
