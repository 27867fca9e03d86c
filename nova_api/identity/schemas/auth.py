"""Schemas of the token calls: the body of ``POST /v3/auth/tokens`` is checked by the
authentication rules themselves (nova_api.identity.authentication), with Keystone's 400s."""

from __future__ import annotations

import copy

from nova_api.identity.schemas import versions

#: Any JSON object: the rules answer Keystone's own words for what is wrong inside.
issue = {'type': ['object', 'null']}

#: ``nocatalog`` and ``allow_expired`` are flags (any value).
token_query = {'type': 'object', 'properties': {
    'nocatalog': {'type': 'array'},
    'allow_expired': {'type': 'array'},
}, 'additionalProperties': True}

issue_query = copy.deepcopy(token_query)
list_query = versions.show_query
