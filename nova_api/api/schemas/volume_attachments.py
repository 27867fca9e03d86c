"""Schemas of ``os-volume_attachments``: attach (2.49 ``tag``, 2.79 ``delete_on_termination``),
update (2.85: the fields a show gives back), the list's ``limit``/``offset``."""

import copy

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types
from nova_api.api.schemas import server_networks

#: Nova's block_device.match_device.
device = {'type': ['string', 'null'], 'pattern': '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'}

index_query = {
    'type': 'object',
    'properties': {
        'limit': parameter_types.multi_params(parameter_types.non_negative_integer),
        'offset': parameter_types.multi_params(parameter_types.non_negative_integer),
    },
    # Unknown parameters are ignored until 2.75 refuses them.
    'additionalProperties': True,
}
index_query_v2_75 = copy.deepcopy(index_query)
index_query_v2_75['additionalProperties'] = False

create = {
    'type': 'object',
    'properties': {
        'volumeAttachment': {
            'type': 'object',
            'properties': {'volumeId': parameter_types.volume_id, 'device': device},
            'required': ['volumeId'],
            'additionalProperties': False,
        },
    },
    'required': ['volumeAttachment'],
    'additionalProperties': False,
}
create_v2_49 = copy.deepcopy(create)
create_v2_49['properties']['volumeAttachment']['properties']['tag'] = parameter_types.tag
create_v2_79 = copy.deepcopy(create_v2_49)
create_v2_79['properties']['volumeAttachment']['properties'][
    'delete_on_termination'] = parameter_types.boolean

update = copy.deepcopy(create)
del update['properties']['volumeAttachment']['properties']['device']
# 2.85: a body like the show's may come back, though only delete_on_termination may change.
update_v2_85 = copy.deepcopy(create_v2_79)
update_v2_85['properties']['volumeAttachment']['properties'].update({
    'serverId': parameter_types.server_id, 'id': {'type': 'string', 'format': 'uuid'}})

INDEX_QUERY_SCHEMAS: SchemaWindows = ((index_query, '2.1', '2.74'), (index_query_v2_75, '2.75', None))
#: Nova's show ignores its query string at every version.
SHOW_QUERY_SCHEMAS: SchemaWindows = server_networks.NETWORKS_QUERY_SCHEMAS
CREATE_SCHEMAS: SchemaWindows = ((create, '2.1', '2.48'), (create_v2_49, '2.49', '2.78'),
                                 (create_v2_79, '2.79', None))
UPDATE_SCHEMAS: SchemaWindows = ((update, '2.1', '2.84'), (update_v2_85, '2.85', None))
