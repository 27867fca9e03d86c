"""Nova's default server rules: members use their project's servers, readers look, admins do the rest.

Every rule is checked against the server's own project (and user, where
Nova names it), so that an admin acting on someone else's server passes
and a member of another project is refused; another project's server is
in any case not found (404) before any rule is asked.
"""

from oslo_policy import policy

from nova_api.policies import base

SERVERS = 'os_compute_api:servers:%s'
INDEX = SERVERS % 'index'
DETAIL = SERVERS % 'detail'
INDEX_ALL_TENANTS = SERVERS % 'index:get_all_tenants'
DETAIL_ALL_TENANTS = SERVERS % 'detail:get_all_tenants'
ALLOW_ALL_FILTERS = SERVERS % 'allow_all_filters'
SHOW = SERVERS % 'show'
SHOW_FLAVOR_EXTRA_SPECS = SERVERS % 'show:flavor-extra-specs'
SHOW_HOST_STATUS = SERVERS % 'show:host_status'
SHOW_HOST_STATUS_UNKNOWN_ONLY = SERVERS % 'show:host_status:unknown-only'
CREATE = SERVERS % 'create'
CREATE_FORCED_HOST = SERVERS % 'create:forced_host'
REQUESTED_DESTINATION = 'compute:servers:create:requested_destination'
CREATE_ATTACH_VOLUME = SERVERS % 'create:attach_volume'
CREATE_ATTACH_NETWORK = SERVERS % 'create:attach_network'
CREATE_TRUSTED_CERTS = SERVERS % 'create:trusted_certs'
ZERO_DISK_FLAVOR = SERVERS % 'create:zero_disk_flavor'
NETWORK_ATTACH_EXTERNAL = 'network:attach_external_network'
DELETE = SERVERS % 'delete'
UPDATE = SERVERS % 'update'
REBOOT = SERVERS % 'reboot'
START = SERVERS % 'start'
STOP = SERVERS % 'stop'
EXTENDED_SERVER_ATTRIBUTES = 'os_compute_api:os-extended-server-attributes'
CREATE_IMAGE = SERVERS % 'create_image'
CREATE_IMAGE_VOLUME_BACKED = SERVERS % 'create_image:allow_volume_backed'
RESIZE = SERVERS % 'resize'
CONFIRM_RESIZE = SERVERS % 'confirm_resize'
REVERT_RESIZE = SERVERS % 'revert_resize'

_LIST = [{'method': 'GET', 'path': '/servers'}]
_DETAIL = [{'method': 'GET', 'path': '/servers/detail'}]
_SHOW = [{'method': 'GET', 'path': '/servers/{server_id}'}]
_CREATE = [{'method': 'POST', 'path': '/servers'}]
_SHOWN_WITH_DETAILS = [
    {'method': 'GET', 'path': '/servers/{server_id}'},
    {'method': 'GET', 'path': '/servers/detail'},
    {'method': 'PUT', 'path': '/servers/{server_id}'},
    {'method': 'POST', 'path': '/servers/{server_id}/action (rebuild)'},
]


def _action(name: str) -> list[dict[str, str]]:
    return [{'method': 'POST', 'path': '/servers/{server_id}/action (%s)' % name}]


#: (name, check string, description, operations)
_RULES = (
    (INDEX, base.PROJECT_READER_OR_ADMIN, 'List all servers', _LIST),
    (DETAIL, base.PROJECT_READER_OR_ADMIN, 'List all servers with detailed information', _DETAIL),
    (INDEX_ALL_TENANTS, base.ADMIN, 'List all servers for all projects', _LIST),
    (DETAIL_ALL_TENANTS, base.ADMIN, 'List all servers with detailed information for all projects',
     _DETAIL),
    (ALLOW_ALL_FILTERS, base.ADMIN,
     'Allow all filters when listing servers (the others are dropped for everyone else)',
     _LIST + _DETAIL),
    (SHOW, base.PROJECT_READER_OR_ADMIN, 'Show a server', _SHOW),
    (SHOW_FLAVOR_EXTRA_SPECS, base.PROJECT_READER_OR_ADMIN,
     'From 2.47, show the extra specs of the flavor embedded in a server', _SHOWN_WITH_DETAILS),
    (SHOW_HOST_STATUS, base.ADMIN,
     'Show a server with its host status (2.16), whatever the status is', _SHOWN_WITH_DETAILS),
    (SHOW_HOST_STATUS_UNKNOWN_ONLY, base.ADMIN,
     'Show a server with its host status only when it is UNKNOWN (asked when the rule '
     'above refuses)', _SHOWN_WITH_DETAILS),
    (CREATE, base.PROJECT_MEMBER_OR_ADMIN, 'Create a server', _CREATE),
    (CREATE_FORCED_HOST, base.ADMIN,
     'Create a server on the host named in availability_zone (zone:host:node)', _CREATE),
    (REQUESTED_DESTINATION, base.ADMIN,
     'Create a server on the host or node named by host or hypervisor_hostname (2.74)', _CREATE),
    (CREATE_ATTACH_VOLUME, base.PROJECT_MEMBER_OR_ADMIN,
     'Create a server with the requested volume attached to it', _CREATE),
    (CREATE_ATTACH_NETWORK, base.PROJECT_MEMBER_OR_ADMIN,
     'Create a server with the requested network attached to it', _CREATE),
    (CREATE_TRUSTED_CERTS, base.PROJECT_MEMBER_OR_ADMIN,
     'Create a server with trusted image certificate IDs (2.63)', _CREATE),
    (ZERO_DISK_FLAVOR, base.ADMIN,
     'Create an image-backed server with a flavor of zero disk (its root disk is then '
     'unbounded)', _CREATE),
    (NETWORK_ATTACH_EXTERNAL, base.ADMIN, 'Attach an unshared external network to a server',
     _CREATE),
    (DELETE, base.PROJECT_MEMBER_OR_ADMIN, 'Delete a server',
     [{'method': 'DELETE', 'path': '/servers/{server_id}'}]),
    (UPDATE, base.PROJECT_MEMBER_OR_ADMIN, 'Update a server',
     [{'method': 'PUT', 'path': '/servers/{server_id}'}]),
    (REBOOT, base.PROJECT_MEMBER_OR_ADMIN, 'Reboot a server', _action('reboot')),
    (START, base.PROJECT_MEMBER_OR_ADMIN, 'Start a server', _action('os-start')),
    (STOP, base.PROJECT_MEMBER_OR_ADMIN, 'Stop a server', _action('os-stop')),
    (EXTENDED_SERVER_ATTRIBUTES, base.ADMIN,
     'Return the extended attributes of a server: OS-EXT-SRV-ATTR:host, instance_name, '
     'hypervisor_hostname and, from 2.3, reservation_id, launch_index, hostname (shown to '
     'everyone from 2.90), kernel_id, ramdisk_id, root_device_name, user_data',
     _SHOWN_WITH_DETAILS),
    (RESIZE, base.PROJECT_MEMBER_OR_ADMIN, 'Resize a server', _action('resize')),
    (CONFIRM_RESIZE, base.PROJECT_MEMBER_OR_ADMIN, 'Confirm a server resize',
     _action('confirmResize')),
    (REVERT_RESIZE, base.PROJECT_MEMBER_OR_ADMIN, 'Revert a server resize',
     _action('revertResize')),
)

_RULES += (
    (CREATE_IMAGE, base.PROJECT_MEMBER_OR_ADMIN, 'Create an image from a server',
     _action('createImage')),
    (CREATE_IMAGE_VOLUME_BACKED, base.PROJECT_MEMBER_OR_ADMIN,
     'Create an image from a volume backed server', _action('createImage')),
)

rules = [policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                      operations=operations, scope_types=['project'])
         for name, check, description, operations in _RULES]


def list_rules():
    return rules
