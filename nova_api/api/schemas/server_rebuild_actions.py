"""Bodies of rebuild, resize (with confirmResize/revertResize) and changePassword.

rebuild gains a field in most of the windows of server create: description
(2.19), key_name (2.54), user_data instead of personality (2.57), trusted
image certificates (2.63), hostname (2.90, an FQDN from 2.94).
"""

from __future__ import annotations

import copy

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types
from nova_api.api.schemas.server_power_actions import no_arguments


def _fields(schema: dict) -> dict:
    return schema['properties']['rebuild']['properties']


rebuild = {
    'type': 'object',
    'properties': {
        'rebuild': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'imageRef': parameter_types.image_id,
                'adminPass': parameter_types.admin_password,
                'metadata': parameter_types.metadata,
                'preserve_ephemeral': parameter_types.boolean,
                'OS-DCF:diskConfig': parameter_types.disk_config,
                'accessIPv4': parameter_types.access_ipv4,
                'accessIPv6': parameter_types.access_ipv6,
                'personality': parameter_types.personality,
            },
            'required': ['imageRef'],
            'additionalProperties': False,
        },
    },
    'required': ['rebuild'],
    'additionalProperties': False,
}

rebuild_v2_19 = copy.deepcopy(rebuild)
_fields(rebuild_v2_19)['description'] = parameter_types.description

#: 2.54: change the key pair; null removes it.
rebuild_v2_54 = copy.deepcopy(rebuild_v2_19)
_fields(rebuild_v2_54)['key_name'] = parameter_types.name_or_none

#: 2.57: personality goes; user_data comes, null removing it.
rebuild_v2_57 = copy.deepcopy(rebuild_v2_54)
del _fields(rebuild_v2_57)['personality']
_fields(rebuild_v2_57)['user_data'] = parameter_types.user_data_or_none

#: 2.63: null resets the trusted certificates.
rebuild_v2_63 = copy.deepcopy(rebuild_v2_57)
_fields(rebuild_v2_63)['trusted_image_certificates'] = parameter_types.trusted_certs

rebuild_v2_90 = copy.deepcopy(rebuild_v2_63)
_fields(rebuild_v2_90)['hostname'] = parameter_types.hostname

rebuild_v2_94 = copy.deepcopy(rebuild_v2_90)
_fields(rebuild_v2_94)['hostname'] = parameter_types.fqdn

resize = {
    'type': 'object',
    'properties': {
        'resize': {
            'type': 'object',
            'properties': {
                'flavorRef': parameter_types.flavor_ref,
                'OS-DCF:diskConfig': parameter_types.disk_config,
            },
            'required': ['flavorRef'],
            'additionalProperties': False,
        },
    },
    'required': ['resize'],
    'additionalProperties': False,
}

confirm_resize = no_arguments('confirmResize')
revert_resize = no_arguments('revertResize')

change_password = {
    'type': 'object',
    'properties': {
        'changePassword': {
            'type': 'object',
            'properties': {'adminPass': parameter_types.admin_password},
            'required': ['adminPass'],
            'additionalProperties': False,
        },
    },
    'required': ['changePassword'],
    'additionalProperties': False,
}

REBUILD_SCHEMAS: SchemaWindows = (
    (rebuild, '2.1', '2.18'),
    (rebuild_v2_19, '2.19', '2.53'),
    (rebuild_v2_54, '2.54', '2.56'),
    (rebuild_v2_57, '2.57', '2.62'),
    (rebuild_v2_63, '2.63', '2.89'),
    (rebuild_v2_90, '2.90', '2.93'),
    (rebuild_v2_94, '2.94', None),
)
RESIZE_SCHEMAS: SchemaWindows = ((resize, '2.1', None),)
CONFIRM_RESIZE_SCHEMAS: SchemaWindows = ((confirm_resize, '2.1', None),)
REVERT_RESIZE_SCHEMAS: SchemaWindows = ((revert_resize, '2.1', None),)
CHANGE_PASSWORD_SCHEMAS: SchemaWindows = ((change_password, '2.1', None),)
