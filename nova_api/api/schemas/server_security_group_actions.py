"""Bodies of addSecurityGroup and removeSecurityGroup on POST /servers/{id}/action."""

from __future__ import annotations

from nova_api.api.schemas import SchemaWindows


def _security_group_action(action: str) -> dict:
    return {
        'type': 'object',
        'properties': {
            action: {
                'type': 'object',
                'properties': {'name': {'type': 'string', 'minLength': 1}},
                'required': ['name'],
                'additionalProperties': False,
            },
        },
        'required': [action],
        # Nova's, unlike every other action: keys beside the action are ignored.
        'additionalProperties': True,
    }


add_security_group = _security_group_action('addSecurityGroup')
remove_security_group = _security_group_action('removeSecurityGroup')

ADD_SECURITY_GROUP_SCHEMAS: SchemaWindows = ((add_security_group, '2.1', None),)
REMOVE_SECURITY_GROUP_SCHEMAS: SchemaWindows = ((remove_security_group, '2.1', None),)
