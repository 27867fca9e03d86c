"""Request schemas of /servers: create, update, the list and show query strings, per window.

Each schema is named by the microversion that starts it and built from its
predecessor with ``copy.deepcopy``; the ``*_SCHEMAS`` tables give every
window as ``(schema, min_version, max_version)``, exactly Nova's, for the
controller to attach::

    for body_schema, low, high in servers.CREATE_SCHEMAS:
        create = validation.schema(body_schema, low, high)(create)

Nova's 2.0-only variants (names with spaces at the ends, null user_data) are
not here: nova_api serves 2.1 and later. Server actions are in
``server_actions.py``.
"""

from __future__ import annotations

import copy

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import parameter_types


def _fields(schema: dict, key: str = 'server') -> dict:
    """The properties of a body's one top-level object (``{'server': {...}}``)."""
    return schema['properties'][key]['properties']


# -- create: the parts ------------------------------------------------------------

_legacy_block_device_mapping = {
    'type': 'object',
    'properties': {
        'virtual_name': {'type': 'string', 'maxLength': 255},
        'volume_id': parameter_types.volume_id,
        'snapshot_id': parameter_types.image_id,
        'volume_size': parameter_types.volume_size,
        # No empty device names, no spaces (Nova's block_device.validate_device_name).
        'device_name': {
            'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': '^[a-zA-Z0-9._/-]*$',
        },
        'delete_on_termination': parameter_types.boolean,
        'no_device': {},
        # The connection_info column is a MEDIUMTEXT.
        'connection_info': {'type': 'string', 'maxLength': 16777215},
    },
    'additionalProperties': False,
}

#: block_device_mapping_v2 adds these to the legacy fields. The disk is named
#: by source_type + uuid, or by one of volume_id/snapshot_id/image_id.
_block_device_mapping_v2 = copy.deepcopy(_legacy_block_device_mapping)
_block_device_mapping_v2['properties'].update({
    'source_type': {'type': 'string', 'enum': ['volume', 'image', 'snapshot', 'blank']},
    'uuid': {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': '^[a-zA-Z0-9._-]*$'},
    'image_id': parameter_types.image_id,
    'destination_type': {'type': 'string', 'enum': ['local', 'volume']},
    # varchar(255) columns of block_device_mapping.
    'guest_format': {'type': 'string', 'maxLength': 255},
    'device_type': {'type': 'string', 'maxLength': 255},
    'disk_bus': {'type': 'string', 'maxLength': 255},
    # An integer, or a string of one; null stays accepted from the legacy v2 API.
    'boot_index': {'type': ['integer', 'string', 'null'], 'pattern': '^-?[0-9]+$'},
})

#: The hints Nova's scheduler filters know; any other hint is passed through
#: (out-of-tree filters read their own), hence additionalProperties True.
_scheduler_hints = {
    'type': 'object',
    'properties': {
        'group': {'oneOf': [
            {'type': 'array', 'items': {'type': 'string', 'format': 'uuid'}},
            {'type': 'string', 'format': 'uuid'},
        ]},
        # One server as a string, several as a list.
        'different_host': {'oneOf': [
            {'type': 'string', 'format': 'uuid'},
            {'type': 'array', 'items': parameter_types.server_id},
        ]},
        'same_host': {'type': ['string', 'array'], 'items': parameter_types.server_id},
        # JSON text (or an object) for the JsonFilter.
        'query': {'type': ['string', 'object']},
        'target_cell': parameter_types.name,
        'different_cell': {'type': ['string', 'array'], 'items': {'type': 'string'}},
        'build_near_host_ip': parameter_types.ip_address,
        'cidr': {'type': 'string', 'pattern': '^/[0-9a-f.:]+$'},
    },
    'additionalProperties': True,
}

_network = {
    'type': 'object',
    'properties': {
        'fixed_ip': parameter_types.ip_address,
        'port': {'type': ['string', 'null'], 'format': 'uuid'},
        # Not yet a UUID: before 2.37 the controller checks it.
        'uuid': {'type': 'string'},
    },
    'additionalProperties': False,
}

# -- create ---------------------------------------------------------------------

create = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                # The empty string is for booting from a volume; the controller
                # refuses it when no block device mapping is given.
                'imageRef': parameter_types.image_id_or_empty_string,
                'flavorRef': parameter_types.flavor_ref,
                'adminPass': parameter_types.admin_password,
                'metadata': parameter_types.metadata,
                'networks': {'type': 'array', 'items': _network},
                'OS-DCF:diskConfig': parameter_types.disk_config,
                'accessIPv4': parameter_types.access_ipv4,
                'accessIPv6': parameter_types.access_ipv6,
                'personality': parameter_types.personality,
                'availability_zone': parameter_types.name,
                'block_device_mapping': {'type': 'array', 'items': _legacy_block_device_mapping},
                'block_device_mapping_v2': {'type': 'array', 'items': _block_device_mapping_v2},
                'config_drive': parameter_types.boolean,
                'key_name': parameter_types.name,
                'min_count': parameter_types.positive_integer,
                'max_count': parameter_types.positive_integer,
                'return_reservation_id': parameter_types.boolean,
                'security_groups': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        # A security group's name or its UUID: "name" allows both.
                        'properties': {'name': parameter_types.name},
                        'additionalProperties': False,
                    },
                },
                'user_data': parameter_types.user_data,
            },
            'required': ['name', 'flavorRef'],
            'additionalProperties': False,
        },
        # Two spellings of one thing; the controller reads os:scheduler_hints first.
        'os:scheduler_hints': _scheduler_hints,
        'OS-SCH-HNT:scheduler_hints': _scheduler_hints,
    },
    'required': ['server'],
    'additionalProperties': False,
}

create_v2_19 = copy.deepcopy(create)
_fields(create_v2_19)['description'] = parameter_types.description

#: 2.32 alone: tags on NICs and on block devices.
create_v2_32 = copy.deepcopy(create_v2_19)
_fields(create_v2_32)['networks']['items']['properties']['tag'] = parameter_types.tag
_fields(create_v2_32)['block_device_mapping_v2']['items']['properties']['tag'] = parameter_types.tag

#: 2.33-2.36 build on 2.19, not on 2.32: Nova meant device tags for 2.32 and
#: later but shipped them for 2.32 only; NIC tags stayed (2.42 restores disks').
create_v2_33 = copy.deepcopy(create_v2_19)
_fields(create_v2_33)['networks']['items']['properties']['tag'] = parameter_types.tag

#: 2.37: networks required; a list whose uuids are UUIDs, or 'auto' / 'none'.
create_v2_37 = copy.deepcopy(create_v2_33)
create_v2_37['properties']['server']['required'].append('networks')
_network_v2_37 = copy.deepcopy(_network)
_network_v2_37['properties']['uuid'] = {'type': 'string', 'format': 'uuid'}
_fields(create_v2_37)['networks'] = {
    'oneOf': [
        {'type': 'array', 'items': _network_v2_37},
        {'type': 'string', 'enum': ['none', 'auto']},
    ],
}

#: 2.42: device tags again, on NICs and block devices.
create_v2_42 = copy.deepcopy(create_v2_37)
_fields(create_v2_42)['networks']['oneOf'][0]['items']['properties']['tag'] = parameter_types.tag
_fields(create_v2_42)['block_device_mapping_v2']['items']['properties']['tag'] = parameter_types.tag

#: 2.52: server tags at boot.
create_v2_52 = copy.deepcopy(create_v2_42)
_fields(create_v2_52)['tags'] = {
    'type': 'array', 'items': parameter_types.tag, 'maxItems': parameter_types.MAX_TAG_COUNT,
}

#: 2.57: no more personality files (user_data does the job).
create_v2_57 = copy.deepcopy(create_v2_52)
del _fields(create_v2_57)['personality']

create_v2_63 = copy.deepcopy(create_v2_57)
_fields(create_v2_63)['trusted_image_certificates'] = parameter_types.trusted_certs

create_v2_67 = copy.deepcopy(create_v2_63)
_fields(create_v2_67)['block_device_mapping_v2']['items']['properties']['volume_type'] = (
    parameter_types.volume_type)

#: 2.74: ask for a host and/or node (admins, by policy) without the zone:host:node syntax.
create_v2_74 = copy.deepcopy(create_v2_67)
_fields(create_v2_74)['host'] = parameter_types.fqdn
_fields(create_v2_74)['hypervisor_hostname'] = parameter_types.fqdn

create_v2_90 = copy.deepcopy(create_v2_74)
_fields(create_v2_90)['hostname'] = parameter_types.hostname

#: 2.94: the hostname may be a fully qualified domain name.
create_v2_94 = copy.deepcopy(create_v2_90)
_fields(create_v2_94)['hostname'] = parameter_types.fqdn

CREATE_SCHEMAS: SchemaWindows = (
    (create, '2.1', '2.18'),
    (create_v2_19, '2.19', '2.31'),
    (create_v2_32, '2.32', '2.32'),
    (create_v2_33, '2.33', '2.36'),
    (create_v2_37, '2.37', '2.41'),
    (create_v2_42, '2.42', '2.51'),
    (create_v2_52, '2.52', '2.56'),
    (create_v2_57, '2.57', '2.62'),
    (create_v2_63, '2.63', '2.66'),
    (create_v2_67, '2.67', '2.73'),
    (create_v2_74, '2.74', '2.89'),
    (create_v2_90, '2.90', '2.93'),
    (create_v2_94, '2.94', None),
)

# -- update ---------------------------------------------------------------------

update = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'OS-DCF:diskConfig': parameter_types.disk_config,
                'accessIPv4': parameter_types.access_ipv4,
                'accessIPv6': parameter_types.access_ipv6,
            },
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}

update_v2_19 = copy.deepcopy(update)
_fields(update_v2_19)['description'] = parameter_types.description

update_v2_90 = copy.deepcopy(update_v2_19)
_fields(update_v2_90)['hostname'] = parameter_types.hostname

update_v2_94 = copy.deepcopy(update_v2_90)
_fields(update_v2_94)['hostname'] = parameter_types.fqdn

#: 2.104: pin the server to its current zone, or unpin it with null.
update_v2_104 = copy.deepcopy(update_v2_94)
_fields(update_v2_104)['pinned_availability_zone'] = parameter_types.name_or_none

UPDATE_SCHEMAS: SchemaWindows = (
    (update, '2.1', '2.18'),
    (update_v2_19, '2.19', '2.89'),
    (update_v2_90, '2.90', '2.93'),
    (update_v2_94, '2.94', '2.103'),
    (update_v2_104, '2.104', None),
)

# -- list and show query strings -----------------------------------------------------

#: Filters on joined tables: listed in the schema so that they are not ignored
#: as unknown below 2.75, then refused by the controller ("Invalid filter field").
JOINED_TABLE_QUERY_PARAMS_SERVERS = {
    name: parameter_types.common_query_param
    for name in ('block_device_mapping', 'services', 'metadata', 'system_metadata',
                 'info_cache', 'security_groups', 'pci_devices')
}
JOINED_TABLE_QUERY_PARAMS: frozenset[str] = frozenset(JOINED_TABLE_QUERY_PARAMS_SERVERS)

#: Filters whose values are comma-separated tag lists (2.26).
TAG_SEARCH_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')

#: Sort keys that were accepted before schema validation but are bad ones:
#: the controller drops them silently rather than answering 400.
SERVER_LIST_IGNORE_SORT_KEY = (
    'architecture', 'cell_name', 'cleaned', 'default_ephemeral_device',
    'default_swap_device', 'deleted', 'deleted_at', 'disable_terminate',
    'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data', 'launched_on',
    'locked', 'memory_mb', 'os_type', 'reservation_id', 'root_gb',
    'shutdown_terminate', 'user_data', 'vcpus', 'vm_mode',
)
#: From 2.73 'locked' is a real sort key.
SERVER_LIST_IGNORE_SORT_KEY_V273 = tuple(k for k in SERVER_LIST_IGNORE_SORT_KEY if k != 'locked')

_SORTABLE = (
    'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone', 'config_drive',
    'created_at', 'display_description', 'display_name', 'host', 'hostname', 'image_ref',
    'instance_type_id', 'kernel_id', 'key_name', 'launch_index', 'launched_at', 'locked_by',
    'node', 'power_state', 'progress', 'project_id', 'ramdisk_id', 'root_device_name',
    'task_state', 'terminated_at', 'updated_at', 'user_id', 'uuid', 'vm_state',
)
#: The sort_key values each window accepts: the sortable ones plus the ignored
#: ones, which from 2.75 are refused.
SORT_KEYS = _SORTABLE + SERVER_LIST_IGNORE_SORT_KEY
SORT_KEYS_V273 = ('locked',) + _SORTABLE + SERVER_LIST_IGNORE_SORT_KEY_V273
SORT_KEYS_V275 = ('locked',) + _SORTABLE

_q = parameter_types.common_query_param
_regex = parameter_types.common_query_regex_param
_date_time = parameter_types.multi_params({'type': 'string', 'format': 'date-time'})

index_query = {
    'type': 'object',
    'properties': {
        'user_id': _q,
        'project_id': _q,
        'tenant_id': _q,  # alias of project_id
        'launch_index': _q,
        'image_ref': _q,  # alias of image
        'image': _q,
        'kernel_id': _regex,
        'ramdisk_id': _regex,
        'hostname': _regex,
        'key_name': _regex,
        'power_state': _regex,
        'vm_state': _q,
        'task_state': _q,
        'host': _q,
        'node': _regex,
        'flavor': _regex,
        'reservation_id': _regex,
        'launched_at': _regex,
        'terminated_at': _regex,
        'availability_zone': _regex,
        # Matched as a pattern, so no database index helps.
        'name': _regex,
        'display_name': _regex,  # alias of name
        'description': _regex,
        'display_description': _regex,  # alias of description
        'locked_by': _regex,
        'uuid': _q,
        'root_device_name': _regex,
        'config_drive': _regex,
        'access_ip_v4': _regex,
        'access_ip_v6': _regex,
        'auto_disk_config': _regex,
        'progress': _regex,
        'sort_key': parameter_types.multi_params({'type': 'string', 'enum': list(SORT_KEYS)}),
        'sort_dir': _q,
        'all_tenants': _q,
        'soft_deleted': _q,
        'deleted': _q,
        'status': _q,
        'changes-since': _date_time,
        # ip and ip6 are matched in Python, over the addresses.
        'ip': _regex,
        'ip6': _regex,
        'created_at': _regex,
        **JOINED_TABLE_QUERY_PARAMS_SERVERS,
        **parameter_types.pagination_parameters,
    },
    # Below 2.75 unknown parameters are allowed and ignored (the controller
    # keeps only the known ones); 2.75 refuses them.
    'additionalProperties': True,
    # Internal attributes (a leading underscore) are kept, not ignored, so that
    # the controller can refuse them ("Invalid filter field").
    'patternProperties': {'^_': parameter_types.common_query_param},
}

index_query_v2_26 = copy.deepcopy(index_query)
index_query_v2_26['properties'].update({name: _regex for name in TAG_SEARCH_FILTERS})

index_query_v2_66 = copy.deepcopy(index_query_v2_26)
index_query_v2_66['properties']['changes-before'] = _date_time

index_query_v2_73 = copy.deepcopy(index_query_v2_66)
index_query_v2_73['properties']['sort_key'] = parameter_types.multi_params(
    {'type': 'string', 'enum': list(SORT_KEYS_V273)})
index_query_v2_73['properties']['locked'] = _q

index_query_v2_75 = copy.deepcopy(index_query_v2_73)
index_query_v2_75['properties']['sort_key'] = parameter_types.multi_params(
    {'type': 'string', 'enum': list(SORT_KEYS_V275)})
index_query_v2_75['additionalProperties'] = False

#: GET /servers and GET /servers/detail share these windows.
INDEX_QUERY_SCHEMAS: SchemaWindows = (
    (index_query, '2.1', '2.25'),
    (index_query_v2_26, '2.26', '2.65'),
    (index_query_v2_66, '2.66', '2.72'),
    (index_query_v2_73, '2.73', '2.74'),
    (index_query_v2_75, '2.75', None),
)

#: GET /servers/{id} takes no parameters; until 2.102 it ignores any.
show_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

show_query_v2_102 = copy.deepcopy(show_query)
show_query_v2_102['additionalProperties'] = False

SHOW_QUERY_SCHEMAS: SchemaWindows = (
    (show_query, '2.1', '2.101'),
    (show_query_v2_102, '2.102', None),
)
