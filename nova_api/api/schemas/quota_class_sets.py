"""Schemas of os-quota-class-sets: the update body per window (2.50 and 2.57 drop quotas)."""

import copy

from nova_api.api.schemas import quota_sets
from nova_api.compute.quotas import NETWORK_RESOURCES
from nova_api.compute.quotas import PERSONALITY_RESOURCES

_limits = copy.deepcopy(quota_sets.update['properties']['quota_set']['properties'])
for _name in ('force', 'networks'):
    del _limits[_name]

update = {
    'type': 'object',
    'properties': {
        'quota_class_set': {
            'type': 'object',
            'properties': _limits,
            'additionalProperties': False,
        },
    },
    'required': ['quota_class_set'],
    'additionalProperties': False,
}

# 2.50: the network quotas are gone.
update_v2_50 = copy.deepcopy(update)
for _name in NETWORK_RESOURCES:
    del update_v2_50['properties']['quota_class_set']['properties'][_name]

# 2.57: so are the injected file quotas.
update_v2_57 = copy.deepcopy(update_v2_50)
for _name in PERSONALITY_RESOURCES:
    del update_v2_57['properties']['quota_class_set']['properties'][_name]

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

show_query_v2_102 = copy.deepcopy(show_query)
show_query_v2_102['additionalProperties'] = False
