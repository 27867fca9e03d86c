"""Schemas of os-quota-sets: the update body per microversion window, and the query strings."""

import copy

from nova_api.compute.quotas import NETWORK_RESOURCES
from nova_api.compute.quotas import PERSONALITY_RESOURCES

#: A limit: an integer or a string of one (Nova accepts both), -1 unlimited.
_limit = {
    'type': ['integer', 'string'],
    'pattern': '^-?[0-9]+$',
    'minimum': -1,
    # The largest integer the database column holds.
    'maximum': 0x7FFFFFFF,
}

#: Nova's boolean: JSON true/false or one of the strings oslo's bool_from_string knows.
boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'],
}

_quota_set = {
    name: _limit for name in (
        'instances', 'cores', 'ram', 'metadata_items', 'key_pairs', 'server_groups',
        'server_group_members', *NETWORK_RESOURCES, *PERSONALITY_RESOURCES,
        # nova-network's; accepted by the schema, always refused (as Nova).
        'networks')
}
_quota_set['force'] = boolean

update = {
    'type': 'object',
    'properties': {
        'quota_set': {
            'type': 'object',
            'properties': _quota_set,
            'additionalProperties': False,
        },
    },
    'required': ['quota_set'],
    'additionalProperties': False,
}

# 2.36: the network proxy APIs are gone, and their quotas with them.
update_v2_36 = copy.deepcopy(update)
for _name in (*NETWORK_RESOURCES, 'networks'):
    del update_v2_36['properties']['quota_set']['properties'][_name]

# 2.57: personality (injected files) is gone.
update_v2_57 = copy.deepcopy(update_v2_36)
for _name in PERSONALITY_RESOURCES:
    del update_v2_57['properties']['quota_set']['properties'][_name]

#: ?user_id=: whose limits, within the project (show, detail, update, delete).
show_query = {
    'type': 'object',
    'properties': {
        'user_id': {'type': 'array', 'items': {'type': 'string'}},
    },
    # Unknown parameters were ignored before 2.75.
    'additionalProperties': True,
}

show_query_v2_75 = copy.deepcopy(show_query)
show_query_v2_75['additionalProperties'] = False

detail_query = copy.deepcopy(show_query)
detail_query_v2_75 = copy.deepcopy(show_query_v2_75)
update_query = copy.deepcopy(show_query)
update_query_v2_75 = copy.deepcopy(show_query_v2_75)
delete_query = copy.deepcopy(show_query)
delete_query_v2_75 = copy.deepcopy(show_query_v2_75)

#: The defaults take no parameters and, as in Nova at every version, ignore any.
defaults_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
