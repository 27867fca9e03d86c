"""Schemas of os-services: the update body before 2.11, to 2.52 (forced_down), from 2.53 (by uuid)."""

import copy

from nova_api.api.schemas import parameter_types

_reason = {'type': 'string', 'minLength': 1, 'maxLength': 255}

#: Before 2.53: ``PUT /os-services/{enable,disable,disable-log-reason}`` names the service in the body.
update = {
    'type': 'object',
    'properties': {
        'host': parameter_types.fqdn,
        'binary': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'disabled_reason': _reason,
    },
    'required': ['host', 'binary'],
    'additionalProperties': False,
}

#: 2.11 adds ``PUT /os-services/force-down`` and its ``forced_down``.
update_v2_11 = copy.deepcopy(update)
update_v2_11['properties']['forced_down'] = parameter_types.boolean

#: 2.53: ``PUT /os-services/{service_id}`` with the changes only (none required, one needed).
update_v2_53 = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
        'disabled_reason': _reason,
        'forced_down': parameter_types.boolean,
    },
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {
        'host': parameter_types.common_query_param,
        'binary': parameter_types.common_query_param,
    },
    'additionalProperties': True,
}

index_query_v2_75 = copy.deepcopy(index_query)
index_query_v2_75['additionalProperties'] = False
