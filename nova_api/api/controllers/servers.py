"""Servers: ``/servers``, ``/servers/detail`` and ``/servers/{id}`` (list, boot, show, update, delete).

Another project's server is not found (404) for every method, before any
policy rule is asked; an admin reaches every server. Actions on a server
(``POST /servers/{id}/action``) are in :mod:`.server_actions`.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import links
from nova_api.api import microversion
from nova_api.api import server_boot_request
from nova_api.api import server_list_query
from nova_api.api import validation
from nova_api.api.schemas import servers as schemas
from nova_api.api.views import servers as views
from nova_api.compute import crypto
from nova_api.compute.servers import boot
from nova_api.policies import servers as policies


def show_options(req, policy, compute, servers, *, server_groups: bool = True) -> views.ShowOptions:
    """What the caller may see of these servers, decided once per request.

    ``server_groups``: the body shows them from 2.71 (show, update,
    rebuild; never the detail list, which passes False).
    """
    ctx = req.context
    target = {'project_id': servers[0].project_id} if len(servers) == 1 else None
    any_status = policy.check(ctx, policies.SHOW_HOST_STATUS, target)
    host_status = views.host_status_mode(
        any_status, not any_status and policy.check(ctx, policies.SHOW_HOST_STATUS_UNKNOWN_ONLY,
                                                    target))
    return views.ShowOptions(
        extended_attributes=policy.check(ctx, policies.EXTENDED_SERVER_ATTRIBUTES, target),
        host_status=host_status,
        flavor_extra_specs=microversion.embeds_server_flavor(req) and policy.check(
            ctx, policies.SHOW_FLAVOR_EXTRA_SPECS, target),
        host_statuses=compute.servers.host_statuses(servers)
        if host_status != views.HOST_STATUS_HIDDEN else {},
        is_admin=bool(ctx.is_admin),
        server_groups=compute.server_groups.of_servers([server.uuid for server in servers])
        if server_groups and microversion.shows_server_groups(req) else {},
    )


class ServersController(controller.Controller):
    """The servers of the caller's project (every project's for admins, with ``all_tenants``)."""

    def _servers(self, req, detail: bool):
        ctx = req.context
        all_tenants_rule = policies.DETAIL_ALL_TENANTS if detail else policies.INDEX_ALL_TENANTS
        listing = server_list_query.read(
            req, ctx, self.compute.conf.api.max_limit,
            self.policy.check(ctx, policies.ALLOW_ALL_FILTERS),
            lambda: self.policy.authorize(ctx, all_tenants_rule))
        servers = self.compute.servers.list(ctx, listing.query) if listing.query else []
        return servers, listing.limit

    @validation.query_schema_windows(schemas.INDEX_QUERY_SCHEMAS)
    @controller.expected_errors(400, 403)
    def index(self, req):
        """List servers (id, name, links), newest first. 200.

        Nova's filters (a non-admin's cut to those allowed at the version;
        unknown ones refused from 2.75), sort keys, limit/marker with a
        ``servers_links`` next link on a full page; ``all_tenants`` for admins.
        """
        self.policy.authorize(req.context, policies.INDEX)
        servers, limit = self._servers(req, detail=False)
        return views.index(req, servers, limit)

    @validation.query_schema_windows(schemas.INDEX_QUERY_SCHEMAS)
    @controller.expected_errors(400, 403)
    def detail(self, req):
        """List servers in full. 200. Filters and pages as index; bodies as show, per version."""
        self.policy.authorize(req.context, policies.DETAIL)
        servers, limit = self._servers(req, detail=True)
        return views.detail(req, servers, limit,
                            show_options(req, self.policy, self.compute, servers,
                                         server_groups=False))

    @validation.query_schema_windows(schemas.SHOW_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """Show a server. 200; 404 for an unknown id or another project's server."""
        server = self.compute.servers.get(req.context, id)
        self.policy.authorize(req.context, policies.SHOW, {'project_id': server.project_id})
        return views.show(req, server, show_options(req, self.policy, self.compute, [server]))

    @validation.schema_windows(schemas.CREATE_SCHEMAS)
    @controller.response(202)
    @controller.expected_errors(400, 403, 409)
    def create(self, req, body):
        """Boot one server, or min_count to max_count of them. 202 with ``Location``.

        The body is the first server: id, links, diskConfig, security
        groups and (with ``[api] enable_instance_password``) adminPass; with
        ``return_reservation_id`` only the reservation id.
        """
        ctx = req.context
        request, password = server_boot_request.read(req, body)
        self._authorize_create(req, request)
        zero_disk = self.policy.check(ctx, policies.ZERO_DISK_FLAVOR,
                                      {'project_id': ctx.project_id, 'user_id': ctx.user_id})
        servers, reservation_id = self.compute.servers.create(ctx, request, zero_disk)
        if body['server'].get('return_reservation_id'):
            return controller.ResponseObject(views.reservation(reservation_id))
        if not self.compute.conf.api.enable_instance_password:
            password = None
        elif password is None:
            password = crypto.generate_password()
        document = views.created(req, servers[0], password, body['server'].get('security_groups'))
        location = links.resource_links(req, 'servers', servers[0].uuid)[0]['href']
        return controller.ResponseObject(document, headers={'Location': location})

    def _authorize_create(self, req, request) -> None:
        ctx = req.context
        target = {'project_id': ctx.project_id, 'user_id': ctx.user_id,
                  'availability_zone': request.availability_zone}
        self.policy.authorize(ctx, policies.CREATE, target)
        if request.trusted_certs:
            self.policy.authorize(ctx, policies.CREATE_TRUSTED_CERTS, target)
        zone, host, node = boot.parse_zone(request.availability_zone)
        if host or node:
            self.policy.authorize(ctx, policies.CREATE_FORCED_HOST, target)
        if request.host or request.node:
            self.policy.authorize(ctx, policies.REQUESTED_DESTINATION, target)
            if host or node:
                raise exception.InvalidServerRequest(
                    reason='One mechanism with host and/or hypervisor_hostname and another '
                           'mechanism with zone:host:node are mutually exclusive.')
        if request.block_devices:
            self.policy.authorize(ctx, policies.CREATE_ATTACH_VOLUME, target)
        if request.networks != 'none' and request.networks:
            self.policy.authorize(ctx, policies.CREATE_ATTACH_NETWORK, target)

    @validation.schema_windows(schemas.UPDATE_SCHEMAS)
    @controller.expected_errors(400, 404, 409)
    def update(self, req, id: str, body):
        """Change name, description (2.19), hostname (2.90), access addresses. 200 with the server.

        Before 2.75 the body shows fewer attributes than show does; from
        2.75 the same.
        """
        ctx = req.context
        server = self.compute.servers.get(ctx, id)
        self.policy.authorize(ctx, policies.UPDATE, {'user_id': server.user_id,
                                                      'project_id': server.project_id})
        values, pin = server_boot_request.update_values(req, body['server'])
        if pin is not server_boot_request.UNCHANGED:
            self.compute.servers.pin_availability_zone(ctx, server, pin)
        updated = self.compute.servers.update(ctx, server, values)
        return views.updated(req, updated, show_options(req, self.policy, self.compute, [updated]))

    @controller.response(204)
    @controller.expected_errors(404, 409)
    def delete(self, req, id: str):
        """Delete a server. 204; it goes through ``deleting`` (or is soft-deleted first when
        ``reclaim_instance_interval`` is set)."""
        ctx = req.context
        server = self.compute.servers.get(ctx, id)
        self.policy.authorize(ctx, policies.DELETE, {'user_id': server.user_id,
                                                      'project_id': server.project_id})
        self.compute.servers.delete(ctx, server)
