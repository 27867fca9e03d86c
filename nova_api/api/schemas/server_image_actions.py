"""Bodies of the actions that make images of a server: createImage and createBackup."""

from __future__ import annotations

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types

create_image = {
    'type': 'object',
    'properties': {
        'createImage': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'metadata': parameter_types.metadata,
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['createImage'],
    'additionalProperties': False,
}

#: backup_type is free text ('daily', 'weekly', ...); rotation is how many to keep.
create_backup = {
    'type': 'object',
    'properties': {
        'createBackup': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'backup_type': {'type': 'string'},
                'rotation': parameter_types.non_negative_integer,
                'metadata': parameter_types.metadata,
            },
            'required': ['name', 'backup_type', 'rotation'],
            'additionalProperties': False,
        },
    },
    'required': ['createBackup'],
    'additionalProperties': False,
}

CREATE_IMAGE_SCHEMAS: SchemaWindows = ((create_image, '2.1', None),)
CREATE_BACKUP_SCHEMAS: SchemaWindows = ((create_backup, '2.1', None),)
