"""Bodies and queries of Nova's security group proxies (``os-security-groups``,
``os-security-group-rules``) and the reads of ``os-tenant-networks``.

A group's ``name`` and ``description`` are both required strings of up to 255 characters; a
rule's ``parent_group_id`` (and ``group_id``, if given) are UUIDs; its protocol, ports and CIDR
are checked by Nova's rules (compute/security_group_rules.py), not here. Other members are let
through, as Nova lets them.
"""

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types

_text = {'type': 'string', 'minLength': 0, 'maxLength': 255}

group = {
    'type': 'object',
    'properties': {
        'security_group': {
            'type': 'object',
            'properties': {'name': _text, 'description': _text},
            'required': ['name', 'description'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group'],
    'additionalProperties': True,
}

rule = {
    'type': 'object',
    'properties': {
        'security_group_rule': {
            'type': 'object',
            'properties': {
                'parent_group_id': {'type': 'string', 'format': 'uuid'},
                'group_id': {'type': ['string', 'null'], 'format': 'uuid'},
            },
            'required': ['parent_group_id'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group_rule'],
    'additionalProperties': True,
}

index_query = {
    'type': 'object',
    'properties': {
        'limit': parameter_types.multi_params(parameter_types.non_negative_integer),
        'offset': parameter_types.multi_params(parameter_types.non_negative_integer),
        'all_tenants': parameter_types.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}

#: Their other query strings carry nothing (ignored, as Nova ignores them on these proxies).
query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

GROUP_SCHEMAS: SchemaWindows = ((group, '2.1', None),)
RULE_SCHEMAS: SchemaWindows = ((rule, '2.1', None),)
INDEX_QUERY_SCHEMAS: SchemaWindows = ((index_query, '2.1', None),)
QUERY_SCHEMAS: SchemaWindows = ((query, '2.1', None),)
