"""Bodies of rescue/unrescue and of shelve, shelveOffload and unshelve (2.77, 2.91)."""

from __future__ import annotations

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types
from nova_api.api.schemas.server_power_actions import no_arguments

#: null, or an object naming the rescue password and/or image.
rescue = {
    'type': 'object',
    'properties': {
        'rescue': {
            'type': ['object', 'null'],
            'properties': {
                'adminPass': parameter_types.admin_password,
                'rescue_image_ref': parameter_types.image_id,
            },
            'additionalProperties': False,
        },
    },
    'required': ['rescue'],
    'additionalProperties': False,
}

unrescue = no_arguments('unrescue')

shelve = no_arguments('shelve')
shelve_offload = no_arguments('shelveOffload')

#: Before 2.77 the value under "unshelve" is not looked at.
unshelve = no_arguments('unshelve')

#: 2.77: null, or an object that names the zone to unshelve into; ``{}`` is refused.
unshelve_v2_77 = {
    'type': 'object',
    'properties': {
        'unshelve': {
            'type': ['object', 'null'],
            'properties': {'availability_zone': parameter_types.name},
            'required': ['availability_zone'],
            'additionalProperties': False,
        },
    },
    'required': ['unshelve'],
    'additionalProperties': False,
}

#: 2.91: a host too, and a null zone unpins the server. The schema takes ``{}``;
#: which combinations make sense (a host in the zone, the server offloaded...)
#: is the compute layer's business.
unshelve_v2_91 = {
    'type': 'object',
    'properties': {
        'unshelve': {
            'type': ['object', 'null'],
            'properties': {
                'availability_zone': {'type': ['string', 'null']},
                'host': {'type': 'string'},
            },
            'additionalProperties': False,
        },
    },
    'required': ['unshelve'],
    'additionalProperties': False,
}

RESCUE_SCHEMAS: SchemaWindows = ((rescue, '2.1', None),)
UNRESCUE_SCHEMAS: SchemaWindows = ((unrescue, '2.1', None),)
SHELVE_SCHEMAS: SchemaWindows = ((shelve, '2.1', None),)
SHELVE_OFFLOAD_SCHEMAS: SchemaWindows = ((shelve_offload, '2.1', None),)
UNSHELVE_SCHEMAS: SchemaWindows = (
    (unshelve, '2.1', '2.76'),
    (unshelve_v2_77, '2.77', '2.90'),
    (unshelve_v2_91, '2.91', None),
)
