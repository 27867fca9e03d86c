"""Bodies of the administrators' actions: os-resetState, injectNetworkInfo, migrate,
os-migrateLive (2.25, 2.30, 2.68) and evacuate (2.14, 2.29, 2.68, 2.95).
"""

from __future__ import annotations

import copy

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types
from nova_api.api.schemas.server_power_actions import no_arguments

reset_state = {
    'type': 'object',
    'properties': {
        'os-resetState': {
            'type': 'object',
            'properties': {'state': {'type': 'string', 'enum': ['active', 'error']}},
            'required': ['state'],
            'additionalProperties': False,
        },
    },
    'required': ['os-resetState'],
    'additionalProperties': False,
}

inject_network_info = no_arguments('injectNetworkInfo')

#: Gone since Nova 23.0.0 (a Xen-only action): any body, answered 410.
reset_network: dict = {}

#: A destination host, or null to let the scheduler pick.
_host = copy.deepcopy(parameter_types.fqdn)
_host['type'] = ['string', 'null']

#: From 2.56 (before it Nova checks no migrate body): null, or an optional host.
migrate_v2_56 = {
    'type': 'object',
    'properties': {
        'migrate': {
            'type': ['object', 'null'],
            'properties': {'host': _host},
            'additionalProperties': False,
        },
    },
    'required': ['migrate'],
    'additionalProperties': False,
}

#: Every field is required, host being null for the scheduler's choice.
migrate_live = {
    'type': 'object',
    'properties': {
        'os-migrateLive': {
            'type': 'object',
            'properties': {
                'block_migration': parameter_types.boolean,
                'disk_over_commit': parameter_types.boolean,
                'host': _host,
            },
            'required': ['block_migration', 'disk_over_commit', 'host'],
            'additionalProperties': False,
        },
    },
    'required': ['os-migrateLive'],
    'additionalProperties': False,
}

#: 2.25: disk_over_commit goes; block_migration may be 'auto'.
migrate_live_v2_25 = copy.deepcopy(migrate_live)
_live = migrate_live_v2_25['properties']['os-migrateLive']
del _live['properties']['disk_over_commit']
_live['properties']['block_migration']['enum'].append('auto')
_live['required'] = ['block_migration', 'host']

#: 2.30: force skips the scheduler's checks of the named host.
migrate_live_v2_30 = copy.deepcopy(migrate_live_v2_25)
migrate_live_v2_30['properties']['os-migrateLive']['properties']['force'] = parameter_types.boolean

#: 2.68 removes force again: the 2.25 body.
migrate_live_v2_68 = copy.deepcopy(migrate_live_v2_25)

#: Before 2.14: whether the disks are on shared storage, required.
evacuate = {
    'type': 'object',
    'properties': {
        'evacuate': {
            'type': 'object',
            'properties': {
                'host': parameter_types.fqdn,
                'onSharedStorage': parameter_types.boolean,
                'adminPass': parameter_types.admin_password,
            },
            'required': ['onSharedStorage'],
            'additionalProperties': False,
        },
    },
    'required': ['evacuate'],
    'additionalProperties': False,
}

#: 2.14: the service finds out about shared storage itself.
evacuate_v2_14 = copy.deepcopy(evacuate)
del evacuate_v2_14['properties']['evacuate']['properties']['onSharedStorage']
del evacuate_v2_14['properties']['evacuate']['required']

evacuate_v2_29 = copy.deepcopy(evacuate_v2_14)
evacuate_v2_29['properties']['evacuate']['properties']['force'] = parameter_types.boolean

#: 2.68 removes force: the 2.14 body.
evacuate_v2_68 = copy.deepcopy(evacuate_v2_14)

#: 2.95: the same body; the evacuated server now arrives stopped.
evacuate_v2_95 = copy.deepcopy(evacuate_v2_68)

RESET_STATE_SCHEMAS: SchemaWindows = ((reset_state, '2.1', None),)
INJECT_NETWORK_INFO_SCHEMAS: SchemaWindows = ((inject_network_info, '2.1', None),)
RESET_NETWORK_SCHEMAS: SchemaWindows = ((reset_network, '2.1', None),)
MIGRATE_SCHEMAS: SchemaWindows = ((migrate_v2_56, '2.56', None),)
MIGRATE_LIVE_SCHEMAS: SchemaWindows = (
    (migrate_live, '2.1', '2.24'),
    (migrate_live_v2_25, '2.25', '2.29'),
    (migrate_live_v2_30, '2.30', '2.67'),
    (migrate_live_v2_68, '2.68', None),
)
EVACUATE_SCHEMAS: SchemaWindows = (
    (evacuate, '2.1', '2.13'),
    (evacuate_v2_14, '2.14', '2.28'),
    (evacuate_v2_29, '2.29', '2.67'),
    (evacuate_v2_68, '2.68', '2.94'),
    (evacuate_v2_95, '2.95', None),
)
