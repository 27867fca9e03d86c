"""Schema of ``POST /os-server-external-events``: the event names each microversion knows."""

import copy

from nova_api.api.schemas import SchemaWindows

#: Nova's InstanceExternalEvent statuses.
STATUSES = ['failed', 'completed', 'in-progress']

create = {
    'type': 'object',
    'properties': {
        'events': {
            'type': 'array',
            'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {
                    'name': {'type': 'string', 'enum': [
                        'network-changed', 'network-vif-plugged', 'network-vif-unplugged',
                        'network-vif-deleted']},
                    'server_uuid': {'type': 'string', 'format': 'uuid'},
                    'status': {'type': 'string', 'enum': STATUSES},
                    'tag': {'type': 'string', 'maxLength': 255},
                },
                'required': ['name', 'server_uuid'],
                'additionalProperties': False,
            },
        },
    },
    'required': ['events'],
    'additionalProperties': False,
}


def _with_event(schema: dict, name: str) -> dict:
    extended = copy.deepcopy(schema)
    extended['properties']['events']['items']['properties']['name']['enum'].append(name)
    return extended


create_v2_51 = _with_event(create, 'volume-extended')
create_v2_76 = _with_event(create_v2_51, 'power-update')
create_v2_82 = _with_event(create_v2_76, 'accelerator-request-bound')
create_v2_93 = _with_event(create_v2_82, 'volume-reimaged')

CREATE_SCHEMAS: SchemaWindows = ((create, '2.1', '2.50'), (create_v2_51, '2.51', '2.75'),
                                 (create_v2_76, '2.76', '2.81'), (create_v2_82, '2.82', '2.92'),
                                 (create_v2_93, '2.93', None))
