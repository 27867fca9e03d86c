"""Bodies of servers: create, list, detail, show, update and rebuild, per microversion from 2.1 to 2.104."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from collections.abc import Sequence

from nova_api.api import links
from nova_api.api import microversion as mv
from nova_api.api import pagination
from nova_api.api.views import ips
from nova_api.api.views import server_parts as parts
from nova_api.api.views.server_parts import ServerRecord as Server
from nova_api.compute.servers import states

COLLECTION = 'servers'

#: How much of ``host_status`` (2.16) a caller sees: none of it (no key), any
#: status (``os_compute_api:servers:show:host_status``), or only UNKNOWN
#: (``os_compute_api:servers:show:host_status:unknown-only``; other statuses hide the key).
HOST_STATUS_HIDDEN = 'none'
HOST_STATUS_ANY = 'any'
HOST_STATUS_UNKNOWN_ONLY = 'unknown-only'


@dataclasses.dataclass(frozen=True, slots=True)
class ShowOptions:
    """What the caller may see of servers: decided once per request by the controller.

    The views never ask the policy engine; the controller fills this in once
    (for a list, once for the whole page) and every body of the request reads it.
    The defaults show the least (under Nova's default policies a project
    member also sees flavor extra specs; an admin sees everything).
    """

    #: ``OS-EXT-SRV-ATTR:*``: ``os_compute_api:os-extended-server-attributes``.
    extended_attributes: bool = False
    #: One of HOST_STATUS_HIDDEN, HOST_STATUS_ANY, HOST_STATUS_UNKNOWN_ONLY (see :func:`host_status_mode`).
    host_status: str = HOST_STATUS_HIDDEN
    #: ``flavor.extra_specs`` from 2.47: ``os_compute_api:servers:show:flavor-extra-specs``.
    flavor_extra_specs: bool = False
    #: host -> 'UP', 'DOWN', 'MAINTENANCE' or 'UNKNOWN', for the hosts of the servers shown;
    #: a host missing here shows '' (Nova's status of a host without a compute service).
    host_statuses: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: The caller is an admin (``context.is_admin``): only admins see the details of a 500 fault.
    is_admin: bool = False
    #: server uuid -> the uuids of its server groups (2.71); a server missing here is in none.
    server_groups: Mapping[str, Sequence[str]] = dataclasses.field(default_factory=dict)


def host_status_mode(any_status: bool, unknown_only: bool) -> str:
    """The ``host_status`` mode from the two policy checks, the broader one winning."""
    if any_status:
        return HOST_STATUS_ANY
    return HOST_STATUS_UNKNOWN_ONLY if unknown_only else HOST_STATUS_HIDDEN


class _Prefixes:
    """The URL prefixes of a request's links, worked out once: a page shares them."""

    __slots__ = ('self', 'bookmark', 'flavor', 'image')

    def __init__(self, req) -> None:
        project = links.project_segment(req)
        self.self = links.join(req.application_url, project, COLLECTION) + '/'
        # Bookmarks are unversioned: the API's root, then the project when the URL has it.
        bookmarks = links.join(links.root_url(req), project)
        self.bookmark = bookmarks + '/servers/'
        self.flavor = bookmarks + '/flavors/'
        self.image = bookmarks + '/images/'

    def links(self, uuid: str) -> list[dict]:
        return [{'rel': 'self', 'href': self.self + uuid},
                {'rel': 'bookmark', 'href': self.bookmark + uuid}]


class _Plan:
    """Everything a request's server bodies depend on but the servers: versions, options, prefixes.

    ``full`` is what GET shows beyond the core (zone, config drive, usage,
    security groups, states, volumes, extended addresses, extended
    attributes, host status, pinned zone): PUT and rebuild show it from 2.75.
    """

    __slots__ = (
        'prefixes', 'full', 'key_name', 'extended', 'more_extended', 'user_data',
        'delete_on_termination', 'embed_flavor', 'extra_specs', 'locked', 'host_status',
        'host_statuses', 'description', 'tags', 'trusted_certs', 'server_groups', 'groups',
        'locked_reason', 'hostname', 'pinned_az', 'image_properties', 'scheduler_hints',
        'is_admin', '_host_ids')

    def __init__(self, req, options: ShowOptions, *, full: bool, server_groups: bool,
                 key_name: bool, user_data: bool = True) -> None:
        self.prefixes = _Prefixes(req)
        self.full = full
        self.key_name = key_name
        self.extended = full and options.extended_attributes
        self.more_extended = self.extended and mv.shows_more_extended_server_attributes(req)
        self.user_data = user_data
        self.delete_on_termination = mv.shows_volume_delete_on_termination(req)
        self.embed_flavor = mv.embeds_server_flavor(req)
        self.extra_specs = self.embed_flavor and options.flavor_extra_specs
        self.locked = mv.shows_server_locked(req)
        self.host_status = (options.host_status if full and mv.shows_server_host_status(req)
                            else HOST_STATUS_HIDDEN)
        self.host_statuses = options.host_statuses
        self.description = mv.allows_server_description(req)
        self.tags = mv.shows_server_tags(req)
        self.trusted_certs = mv.shows_trusted_image_certificates(req)
        self.server_groups = server_groups
        self.groups = options.server_groups
        self.locked_reason = mv.shows_server_locked_reason(req)
        # 2.90 shows the hostname to everyone; those with the extended attributes have it already.
        self.hostname = mv.shows_server_hostname_to_all(req) and not self.extended
        self.pinned_az = full and mv.shows_pinned_availability_zone(req)
        self.image_properties = mv.shows_server_image_properties(req)
        self.scheduler_hints = mv.shows_server_scheduler_hints(req)
        self.is_admin = options.is_admin
        self._host_ids: dict[tuple[str, str | None], str] = {}

    def host_id(self, server: Server) -> str:
        """``hostId``, hashed once per project and host of the request."""
        key = (server.project_id, server.host)
        value = self._host_ids.get(key)
        if value is None:
            value = self._host_ids[key] = parts.host_id(server.project_id or '', server.host)
        return value


def _body(plan: _Plan, server: Server) -> dict:
    """One server as show, detail, update and rebuild print it, per the plan."""
    status = states.status(server.vm_state, server.task_state, server.deleted)
    prefixes = plan.prefixes
    body = {
        'accessIPv4': server.access_ip_v4 or '',
        'accessIPv6': server.access_ip_v6 or '',
        # A building server's addresses are not settled yet: Nova hides them.
        'addresses': ({} if server.vm_state == states.BUILDING
                      else ips.addresses(server.addresses, plan.full)),
        'created': parts.isotime(server.created_at),
        'flavor': (parts.flavor_embedded(server.flavor, plan.extra_specs) if plan.embed_flavor
                   else parts.flavor_link(server.flavor, prefixes.flavor)),
        'hostId': plan.host_id(server),
        'id': server.uuid,
        'image': _image(plan, server),
        'links': prefixes.links(server.uuid),
        'metadata': dict(server.metadata),
        'name': server.name,
        'status': status,
        'tenant_id': server.project_id or '',
        'user_id': server.user_id or '',
        'updated': parts.isotime(server.updated_at),
        'OS-DCF:diskConfig': 'AUTO' if server.auto_disk_config else 'MANUAL',
    }
    if status in states.FAULT_STATUSES and server.fault is not None:
        body['fault'] = parts.fault(server.fault, plan.is_admin)
    if status in states.PROGRESS_STATUSES:
        body['progress'] = server.progress
    if plan.full:
        _add_full(plan, server, body)
    elif plan.key_name:
        body['key_name'] = server.key_name
    _add_versioned(plan, server, body)
    return body


def _image(plan: _Plan, server: Server) -> dict | str:
    """The image's id and bookmark (and 2.98 properties); '' for a server booted from a volume."""
    if not server.image_ref:
        return ''
    image_id = parts.image_id(server.image_ref)
    image: dict = {'id': image_id, 'links': [{'rel': 'bookmark',
                                              'href': plan.prefixes.image + image_id}]}
    if plan.image_properties:
        image['properties'] = parts.image_properties(server.image_properties)
    return image


def _add_full(plan: _Plan, server: Server, body: dict) -> None:
    """What GET adds to the core: Nova's former extensions (OS-EXT-AZ, OS-SRV-USG, ...)."""
    body['OS-EXT-AZ:availability_zone'] = server.availability_zone or ''
    body['config_drive'] = server.config_drive
    body['key_name'] = server.key_name
    body['OS-SRV-USG:launched_at'] = parts.usage_time(server.launched_at)
    body['OS-SRV-USG:terminated_at'] = parts.usage_time(server.terminated_at)
    if server.security_groups:  # Nova leaves the key out for a server without any
        body['security_groups'] = [{'name': name} for name in server.security_groups]
    if plan.extended:
        body['OS-EXT-SRV-ATTR:host'] = server.host
        body['OS-EXT-SRV-ATTR:instance_name'] = server.instance_name
        body['OS-EXT-SRV-ATTR:hypervisor_hostname'] = server.node
        if plan.more_extended:
            body['OS-EXT-SRV-ATTR:hostname'] = server.hostname
            body['OS-EXT-SRV-ATTR:kernel_id'] = server.kernel_id
            body['OS-EXT-SRV-ATTR:launch_index'] = server.launch_index
            body['OS-EXT-SRV-ATTR:ramdisk_id'] = server.ramdisk_id
            body['OS-EXT-SRV-ATTR:reservation_id'] = server.reservation_id
            body['OS-EXT-SRV-ATTR:root_device_name'] = server.root_device_name
            if plan.user_data:
                body['OS-EXT-SRV-ATTR:user_data'] = server.user_data
    body['OS-EXT-STS:task_state'] = server.task_state
    body['OS-EXT-STS:vm_state'] = server.vm_state
    body['OS-EXT-STS:power_state'] = server.power_state
    body['os-extended-volumes:volumes_attached'] = parts.volumes(
        server.volumes, plan.delete_on_termination)


def _add_versioned(plan: _Plan, server: Server, body: dict) -> None:
    """The keys later microversions added, in the order Nova adds them."""
    if plan.locked:
        body['locked'] = server.locked
    if plan.host_status != HOST_STATUS_HIDDEN:
        host_status = plan.host_statuses.get(server.host, '') if server.host else ''
        if plan.host_status == HOST_STATUS_ANY or host_status == 'UNKNOWN':
            body['host_status'] = host_status
    if plan.description:
        body['description'] = server.description
    if plan.tags:
        body['tags'] = list(server.tags)
    if plan.trusted_certs:
        certs = server.trusted_certs
        body['trusted_image_certificates'] = None if certs is None else list(certs)
    if plan.server_groups:
        body['server_groups'] = list(plan.groups.get(server.uuid, ()))
    if plan.locked_reason:
        body['locked_reason'] = server.locked_reason
    if plan.hostname:
        body['OS-EXT-SRV-ATTR:hostname'] = server.hostname
    if plan.pinned_az:
        body['pinned_availability_zone'] = server.pinned_availability_zone
    if plan.scheduler_hints:
        body['scheduler_hints'] = dict(server.scheduler_hints)


def _uuid(server: Server) -> str:
    return server.uuid


def _page(req, items: list[dict], servers: Sequence[Server], limit: int | None,
          collection: str) -> dict:
    body: dict = {'servers': items}
    next_links = pagination.next_links(req, collection, servers, limit, _uuid)
    if next_links:
        body['servers_links'] = next_links
    return body


# -- the calls ---------------------------------------------------------------------------

def created(req, server: Server, admin_password: str | None,
            security_groups: Sequence[Mapping[str, str]] | None) -> dict:
    """``POST /servers`` (every microversion): id, links, disk config, security groups, adminPass.

    ``security_groups`` are the request's, echoed (``[{"name": "default"}]``
    when it named none); ``admin_password`` is None when ``[api]
    enable_instance_password`` is off, and the body then has no ``adminPass``.
    """
    body = {
        'id': server.uuid,
        'links': _Prefixes(req).links(server.uuid),
        'OS-DCF:diskConfig': 'AUTO' if server.auto_disk_config else 'MANUAL',
        'security_groups': ([{'name': 'default'}] if security_groups is None
                            else [dict(group) for group in security_groups]),
    }
    if admin_password is not None:
        body['adminPass'] = admin_password
    return {'server': body}


def reservation(reservation_id: str) -> dict:
    """``POST /servers`` with ``return_reservation_id`` (every microversion)."""
    return {'reservation_id': reservation_id}


def index(req, servers: Sequence[Server], limit: int | None) -> dict:
    """``GET /servers`` (every microversion): ids, names and links; a next link after a full page."""
    prefixes = _Prefixes(req)
    items = [{'id': server.uuid, 'name': server.name, 'links': prefixes.links(server.uuid)}
             for server in servers]
    return _page(req, items, servers, limit, COLLECTION)


def detail(req, servers: Sequence[Server], limit: int | None, options: ShowOptions) -> dict:
    """``GET /servers/detail``: every server as show has it, except ``server_groups`` (2.71)."""
    plan = _Plan(req, options, full=True, server_groups=False, key_name=True)
    return _page(req, [_body(plan, server) for server in servers], servers, limit,
                 COLLECTION + '/detail')


def show(req, server: Server, options: ShowOptions) -> dict:
    """``GET /servers/{id}``: the whole server; ``server_groups`` from 2.71."""
    plan = _Plan(req, options, full=True, server_groups=mv.shows_server_groups(req), key_name=True)
    return {'server': _body(plan, server)}


def updated(req, server: Server, options: ShowOptions) -> dict:
    """``PUT /servers/{id}``: before 2.75 the core and the versioned keys; from 2.75 all show has.

    ``server_groups`` from 2.71, as show.
    """
    full = mv.shows_all_server_attributes_on_update(req)
    plan = _Plan(req, options, full=full, server_groups=mv.shows_server_groups(req), key_name=full)
    return {'server': _body(plan, server)}


def rebuilt(req, server: Server, options: ShowOptions, admin_password: str | None) -> dict:
    """``POST /servers/{id}/action`` ``rebuild``: as PUT, with ``key_name`` from 2.54.

    ``adminPass`` unless ``admin_password`` is None (``enable_instance_password``
    off); ``user_data`` from 2.57, as a plain key rather than an extended attribute.
    """
    plan = _Plan(req, options, full=mv.shows_all_server_attributes_on_update(req),
                 server_groups=mv.shows_server_groups(req),
                 key_name=mv.shows_rebuilt_server_key_name(req), user_data=False)
    body = _body(plan, server)
    if admin_password is not None:
        body['adminPass'] = admin_password
    if mv.shows_rebuilt_server_user_data(req):
        body['user_data'] = server.user_data
    return {'server': body}
