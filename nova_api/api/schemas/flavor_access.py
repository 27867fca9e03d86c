"""Bodies of the flavor access actions and the access list's query."""

import copy

add_tenant_access = {
    'type': 'object',
    'properties': {
        'addTenantAccess': {
            'type': 'object',
            'properties': {
                # A project id as stored in flavor_projects.
                'tenant': {'type': 'string', 'minLength': 1, 'maxLength': 255},
            },
            'required': ['tenant'],
            'additionalProperties': False,
        },
    },
    'required': ['addTenantAccess'],
    'additionalProperties': False,
}

remove_tenant_access = {
    'type': 'object',
    'properties': {
        'removeTenantAccess': copy.deepcopy(add_tenant_access['properties']['addTenantAccess']),
    },
    'required': ['removeTenantAccess'],
    'additionalProperties': False,
}

index_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
