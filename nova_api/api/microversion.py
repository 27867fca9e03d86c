"""The Compute API's microversions: their history, negotiation and named helpers.

This module is the one source of truth for microversions. Code asks named
questions (``microversion.allows_server_description(req)``) instead of
comparing against literal version strings, and the history below says what
each version changed, one line each.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

import microversion_parse

from nova_api import context
from nova_api import exception

SERVICE_TYPE = 'compute'
HEADER = 'OpenStack-API-Version'
LEGACY_HEADER = 'X-OpenStack-Nova-API-Version'
VARY = '%s, %s' % (HEADER, LEGACY_HEADER)

#: What each microversion changed. The last entry is the maximum version.
HISTORY: tuple[tuple[str, str], ...] = (
    ('2.1', 'Initial version, equivalent to the v2.0 API with strict input validation.'),
    ('2.2', 'Keypair type (ssh, x509); keypair create returns 201 and delete 204.'),
    ('2.3', 'More os-extended-server-attributes; delete_on_termination in os-extended-volumes.'),
    ('2.4', 'os-fixed-ips exposes reserved.'),
    ('2.5', 'Non-admins may search servers by ip6.'),
    ('2.6', 'One remote-consoles API for every console type.'),
    ('2.7', 'Adding tenant access checks the flavor is private.'),
    ('2.8', 'mks remote console protocol.'),
    ('2.9', 'Server details expose "locked".'),
    ('2.10', 'Admins may show, create and delete keypairs of any user (user_id).'),
    ('2.11', 'os-services exposes forced_down.'),
    ('2.12', 'os-virtual-interfaces exposes net_id.'),
    ('2.13', 'Server groups expose project_id and user_id.'),
    ('2.14', 'evacuate drops onSharedStorage and adminPass in the response.'),
    ('2.15', 'soft-affinity and soft-anti-affinity server group policies.'),
    ('2.16', 'Server show and detail expose host_status.'),
    ('2.17', 'trigger_crash_dump server action.'),
    ('2.18', 'The project id in the URL is optional.'),
    ('2.19', 'Servers have a description.'),
    ('2.20', 'Volume attach and detach for shelved servers.'),
    ('2.21', 'os-instance-actions reads deleted servers.'),
    ('2.22', 'Force a live migration to complete.'),
    ('2.23', 'Server migrations index/show; migration_type in os-migrations.'),
    ('2.24', 'Abort a running live migration.'),
    ('2.25', 'block_migration "auto"; os-migrateLive drops disk_over_commit.'),
    ('2.26', 'Server tags.'),
    ('2.27', 'The OpenStack-API-Version header, beside the legacy header.'),
    ('2.28', 'Hypervisor cpu_info is an object.'),
    ('2.29', 'evacuate takes force; the scheduler checks the host.'),
    ('2.30', 'os-migrateLive takes force; the scheduler checks the host.'),
    ('2.31', 'os-console-auth-tokens for every console type.'),
    ('2.32', 'Tags on networks and block_device_mapping_v2 at server create.'),
    ('2.33', 'Hypervisor list pagination.'),
    ('2.34', 'Live-migration pre-checks are asynchronous.'),
    ('2.35', 'Keypair list pagination (limit, marker).'),
    ('2.36', 'Proxy APIs to other services (images, networks, ...) and fping removed.'),
    ('2.37', 'Auto-allocated networking ("auto"/"none"); networks uuid must be a UUID.'),
    ('2.38', 'Server list rejects an invalid status with 400.'),
    ('2.39', 'Image-metadata proxy API removed.'),
    ('2.40', 'Simple tenant usage pagination.'),
    ('2.41', 'Aggregates expose uuid.'),
    ('2.42', 'Device tags at server create come back.'),
    ('2.43', 'os-hosts removed.'),
    ('2.44', 'Fixed/floating IP server actions and os-virtual-interfaces removed.'),
    ('2.45', 'createImage and createBackup return image_id in the body, no Location.'),
    ('2.46', 'The request id is returned in X-OpenStack-Request-ID.'),
    ('2.47', 'Server show embeds the flavor instead of a link.'),
    ('2.48', 'Standard server diagnostics.'),
    ('2.49', 'Tagged attach of interfaces and volumes.'),
    ('2.50', 'Quota class sets show server_groups; network quotas hidden.'),
    ('2.51', 'volume-extended external event; non-admins see action event details.'),
    ('2.52', 'Tags at server create.'),
    ('2.53', 'Services and hypervisors are identified by uuid.'),
    ('2.54', 'Rebuild may reset the keypair.'),
    ('2.55', 'Flavors have a description (create, show, update).'),
    ('2.56', 'Cold migrate takes a target host.'),
    ('2.57', 'Personality files removed; rebuild takes user_data.'),
    ('2.58', 'Instance actions pagination and changes-since.'),
    ('2.59', 'Migrations pagination and changes-since; migrations expose uuid.'),
    ('2.60', 'Multiattach volumes.'),
    ('2.61', 'Flavors expose extra_specs.'),
    ('2.62', 'Instance action events expose host and hostId.'),
    ('2.63', 'Trusted image certificates at create and rebuild.'),
    ('2.64', 'Server groups: policy and rules replace policies and metadata.'),
    ('2.65', 'Abort live migrations in queued and preparing status.'),
    ('2.66', 'changes-before filter for servers, instance actions and migrations.'),
    ('2.67', 'volume_type in block_device_mapping_v2.'),
    ('2.68', 'Forced live migration and evacuate removed.'),
    ('2.69', 'Minimal server and service records during infrastructure failures.'),
    ('2.70', 'Volume attachments and interfaces expose device tags.'),
    ('2.71', 'Server show, update and rebuild expose server_groups.'),
    ('2.72', 'Neutron ports with resource requests at server create.'),
    ('2.73', 'Lock with a reason; locked filter and sort key.'),
    ('2.74', 'host and hypervisor_hostname at server create.'),
    ('2.75', 'Unknown query parameters are a 400; flavor swap defaults to 0.'),
    ('2.76', 'power-update external event.'),
    ('2.77', 'Unshelve takes an availability zone.'),
    ('2.78', 'Server NUMA topology API.'),
    ('2.79', 'delete_on_termination for volume attachments.'),
    ('2.80', 'Migrations filter and expose user_id and project_id.'),
    ('2.81', 'Image pre-caching on aggregates.'),
    ('2.82', 'accelerator-request-bound external event.'),
    ('2.83', 'Non-admins may filter servers by more fields.'),
    ('2.84', 'Instance action events expose details.'),
    ('2.85', 'Update delete_on_termination of a volume attachment.'),
    ('2.86', 'Flavor extra specs are validated.'),
    ('2.87', 'Rescue of volume-backed servers.'),
    ('2.88', 'Hypervisors drop usage fields; statistics API removed.'),
    ('2.89', 'Volume attachments expose attachment_id and bdm_uuid, drop id.'),
    ('2.90', 'Server hostname at create, update and rebuild.'),
    ('2.91', 'Unshelve to a host; availability_zone may be null.'),
    ('2.92', 'Keypairs are imported only; names may contain "@" and ".".'),
    ('2.93', 'Rebuild of volume-backed servers.'),
    ('2.94', 'The server hostname may be a fully qualified domain name.'),
    ('2.95', 'Evacuated servers stay stopped.'),
    ('2.96', 'Server show exposes pinned_availability_zone.'),
    ('2.97', 'Server shares (os-server-shares).'),
    ('2.98', 'Server show embeds the image properties.'),
    ('2.99', 'spice-direct consoles.'),
    ('2.100', 'Server show exposes scheduler_hints.'),
    ('2.101', 'Volume attach is asynchronous (202).'),
    ('2.102', 'Flavors drop rxtx_factor and OS-FLV-DISABLED:disabled.'),
    ('2.103', 'The os-volumes_boot alias is removed.'),
    ('2.104', 'Server update may unpin or re-pin pinned_availability_zone.'),
)

_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class APIVersion(NamedTuple):
    """A microversion, ordered like a tuple: ``APIVersion(2, 10) > APIVersion(2, 9)``."""

    major: int
    minor: int

    @classmethod
    def parse(cls, text: str) -> APIVersion:
        """Parse ``"X.Y"``; raise :class:`exception.InvalidAPIVersionString` otherwise."""
        match = _VERSION_RE.match(text.strip())
        if not match:
            raise exception.InvalidAPIVersionString(version=text)
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return '%d.%d' % (self.major, self.minor)


MIN_VERSION = APIVersion.parse(HISTORY[0][0])
MAX_VERSION = APIVersion.parse(HISTORY[-1][0])
DEFAULT_VERSION = MIN_VERSION


def negotiate(headers) -> APIVersion:
    """The version a request asks for, checked against what we serve.

    No header means :data:`DEFAULT_VERSION`; ``latest`` means
    :data:`MAX_VERSION`. A malformed value raises ``InvalidAPIVersionString``
    (400); a well-formed one outside [min, max] raises
    ``InvalidGlobalAPIVersion`` (406).
    """
    try:
        requested = microversion_parse.get_version(
            headers, service_type=SERVICE_TYPE, legacy_headers=[LEGACY_HEADER])
    except ValueError as err:
        raise exception.InvalidAPIVersionString(version=str(err)) from None
    if requested is None:
        return DEFAULT_VERSION
    if requested.strip().lower() == 'latest':
        return MAX_VERSION
    version = APIVersion.parse(requested)
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise exception.InvalidGlobalAPIVersion(
            req_ver=str(version), min_ver=str(MIN_VERSION), max_ver=str(MAX_VERSION))
    return version


#: The WSGI environ keys of the two headers, for the common no-header case.
_ENVIRON_KEYS = ('HTTP_OPENSTACK_API_VERSION', 'HTTP_X_OPENSTACK_NOVA_API_VERSION')


def negotiate_environ(environ: dict) -> APIVersion:
    """:func:`negotiate` for a WSGI environ.

    Most requests send no version header; they skip the header parser.
    """
    if not any(key in environ for key in _ENVIRON_KEYS):
        return DEFAULT_VERSION
    return negotiate(microversion_parse.headers_from_wsgi_environ(environ))


@functools.cache
def response_header_list(version: APIVersion) -> tuple[tuple[str, str], ...]:
    """The headers every compute response carries for ``version``, as WSGI pairs."""
    return (
        (HEADER, '%s %s' % (SERVICE_TYPE, version)),
        (LEGACY_HEADER, str(version)),
        ('Vary', VARY),
    )


def response_headers(version: APIVersion) -> dict[str, str]:
    """:func:`response_header_list` as a dict."""
    return dict(response_header_list(version))


def is_supported(req, min_version: str | None = None, max_version: str | None = None) -> bool:
    """True when the request's version lies in [min_version, max_version]."""
    version = req.api_version
    if min_version and version < APIVersion.parse(min_version):
        return False
    if max_version and version > APIVersion.parse(max_version):
        return False
    return True


def _since(version: str) -> Callable[[object], bool]:
    minimum = APIVersion.parse(version)

    def check(req) -> bool:
        return req.api_version >= minimum
    check.__doc__ = 'True from microversion %s on.' % version
    return check


# Named questions. Add one per behaviour change, next to the history above.
returns_request_id_header = _since('2.46')
hides_network_quotas = _since('2.36')
hides_image_meta_limit = _since('2.39')
hides_personality_quotas = _since('2.57')
allows_server_description = _since('2.19')
allows_flavor_description = _since('2.55')
exposes_flavor_extra_specs = _since('2.61')
rejects_unknown_query_params = _since('2.75')
validates_flavor_extra_specs = _since('2.86')
rejects_access_to_public_flavors = _since('2.7')
shows_flavor_swap_as_integer = _since('2.75')
drops_flavor_rxtx_and_disabled = _since('2.102')
allows_keypair_user_id = _since('2.10')
allows_keypair_type = _since('2.2')
allows_keypair_pagination = _since('2.35')
imports_keypairs_only = _since('2.92')
# What server requests may say (api/server_*_request.py, controllers/servers.py).
allows_ip6_filter = _since('2.5')
allows_server_tags = _since('2.26')
rejects_invalid_status = _since('2.38')
allows_server_create_tags = _since('2.52')
allows_trusted_certs = _since('2.63')
allows_changes_before = _since('2.66')
allows_locked_filter = _since('2.73')
allows_host_at_create = _since('2.74')
allows_more_server_filters = _since('2.83')
allows_server_hostname = _since('2.90')
allows_pinned_az_update = _since('2.104')
# What server actions may do (api/controllers/server_actions/).
allows_lock_reason = _since('2.73')
allows_unshelve_to_zone = _since('2.77')
allows_volume_backed_rescue = _since('2.87')
allows_unshelve_to_host = _since('2.91')
reimages_boot_volume = _since('2.93')
# What server bodies show (api/views/servers.py).
shows_more_extended_server_attributes = _since('2.3')
shows_volume_delete_on_termination = _since('2.3')
shows_server_locked = _since('2.9')
shows_server_host_status = _since('2.16')
shows_server_tags = _since('2.26')
embeds_server_flavor = _since('2.47')
shows_rebuilt_server_key_name = _since('2.54')
shows_rebuilt_server_user_data = _since('2.57')
shows_trusted_image_certificates = _since('2.63')
shows_server_groups = _since('2.71')
shows_server_locked_reason = _since('2.73')
shows_all_server_attributes_on_update = _since('2.75')
shows_server_hostname_to_all = _since('2.90')
shows_pinned_availability_zone = _since('2.96')
shows_server_image_properties = _since('2.98')
shows_server_scheduler_hints = _since('2.100')
# What server group bodies say (api/views/server_groups.py).
shows_server_group_owner = _since('2.13')
uses_single_server_group_policy = _since('2.64')
hides_image_proxy = _since('2.36')
hides_image_metadata_proxy = _since('2.39')
# A server's interfaces and volume attachments (api/controllers/attach_interfaces.py,
# volume_attachments.py).
allows_shelved_volume_changes = _since('2.20')
shows_attachment_tags = _since('2.70')
shows_attachment_delete_on_termination = _since('2.79')
allows_attachment_update = _since('2.85')
shows_attachment_ids = _since('2.89')
attaches_volumes_asynchronously = _since('2.101')

# Server images and consoles (server_actions/images.py and consoles.py, remote_consoles.py,
# console_auth_tokens.py).
returns_snapshot_image_id = _since('2.45')
resolves_every_console_token = _since('2.31')
shows_console_tls_port = _since('2.99')
rejects_unknown_console_token_query = _since('2.99')


def checks_snapshot_metadata_quota(req) -> bool:
    """True before 2.39: createImage and createBackup count their metadata against a quota."""
    return req.api_version < APIVersion(2, 39)


#: The console actions 2.6 replaced with POST /servers/{id}/remote-consoles.
LAST_CONSOLE_ACTIONS = '2.5'
FIRST_REMOTE_CONSOLES = '2.6'
# Server moves and their migration records.
evacuate_drops_shared_storage = _since('2.14')  # and the adminPass of the response
allows_evacuate_force = _since('2.29')
allows_live_migration_force = _since('2.30')
allows_block_migration_auto = _since('2.25')
checks_live_migration_later = _since('2.34')
allows_cold_migrate_host = _since('2.56')
shows_migration_type_and_links = _since('2.23')
allows_migration_pages = _since('2.59')
shows_migration_owner = _since('2.80')
allows_abort_queued_live_migration = _since('2.65')
evacuates_to_stopped = _since('2.95')
#: The first versions of the server-migrations routes: force complete, list/show, abort.
FIRST_FORCE_COMPLETE = '2.22'
FIRST_SERVER_MIGRATIONS = '2.23'
FIRST_MIGRATION_ABORT = '2.24'
# Host administration (os-services, os-hypervisors, os-aggregates, usage, quota classes).
shows_service_forced_down = _since('2.11')
shows_hypervisor_cpu_info_object = _since('2.28')
allows_hypervisor_pagination = _since('2.33')
allows_usage_pagination = _since('2.40')
shows_aggregate_uuid = _since('2.41')
FIRST_AGGREGATE_IMAGE_CACHE = '2.81'
shows_quota_class_server_groups = _since('2.50')
identifies_services_by_uuid = _since('2.53')
identifies_hypervisors_by_uuid = _since('2.53')
shows_empty_hypervisor_servers = _since('2.75')
hides_hypervisor_usage = _since('2.88')
#: The last versions of the host admin APIs Nova removed or moved.
LAST_OS_HOSTS = '2.42'
LAST_LEGACY_SERVICE_UPDATE = '2.52'
LAST_HYPERVISOR_SEARCH = '2.52'
LAST_HYPERVISOR_STATISTICS = '2.87'
# What the instance actions show and take (api/controllers/instance_actions.py).
reads_deleted_server_actions = _since('2.21')
shows_action_events_to_owners = _since('2.51')
allows_instance_action_pages = _since('2.58')
shows_action_event_host = _since('2.62')
shows_action_event_details = _since('2.84')

#: The last versions of the removed proxies, for ``versioned(max_version=...)``: Nova's
#: MAX_PROXY_API_SUPPORT_VERSION (images, networks...), and image metadata's.
LAST_PROXY_API = '2.35'
LAST_IMAGE_PROXY = LAST_PROXY_API
LAST_IMAGE_METADATA_PROXY = '2.38'
#: The last version with addFixedIp/removeFixedIp (os-multinic).
LAST_MULTINIC = '2.43'
#: trigger_crash_dump's first.
FIRST_CRASH_DUMP = '2.17'
#: The first version of the server tags API.
FIRST_SERVER_TAGS = '2.26'
# A server's diagnostics and NUMA topology (api/controllers/server_diagnostics.py,
# server_topology.py).
shows_standard_diagnostics = _since('2.48')
FIRST_SERVER_TOPOLOGY = '2.78'


def versioned(min_version: str | None = None, max_version: str | None = None):
    """Make a controller method exist only in [min_version, max_version].

    Outside the window the request gets 404, as in Nova: the method does not
    exist at that version. Branch on version *inside* a method for smaller
    differences; use this only to gate a whole method.
    """
    minimum = APIVersion.parse(min_version) if min_version else MIN_VERSION
    maximum = APIVersion.parse(max_version) if max_version else MAX_VERSION

    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, req, *args, **kwargs):
            if not minimum <= req.api_version <= maximum:
                raise exception.VersionNotFoundForAPIMethod(version=str(req.api_version))
            return func(self, req, *args, **kwargs)
        wrapper.min_version = minimum
        wrapper.max_version = maximum
        return wrapper
    return decorator


def version_or_default(environ: dict) -> APIVersion:
    """The request's negotiated version or, when it cannot be negotiated, the default.

    Error responses echo a version even when negotiation itself failed (a
    malformed or unsupported header): they were rendered at the default.
    """
    version = environ.get(context.ENV_API_VERSION)
    if version is not None:
        return version
    try:
        return negotiate_environ(environ)
    except exception.NovaAPIException:
        return DEFAULT_VERSION
