"""The route table, and the routers that serve it.

:data:`ROUTES` is the whole Compute API as data: path → HTTP method →
(controller name, method name). Every path is reachable with and without a
leading ``/{project_id}``. A known path with an unknown method is a 405 with
``Allow``; an unknown path is a 404. ``POST /{collection}/{id}/action`` routes
to ``action``, which the Resource dispatches by the body's key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import routes

from nova_api import compute
from nova_api import deploy
from nova_api import exception
from nova_api import policy
from nova_api.api import faults
from nova_api.api.controllers import aggregates
from nova_api.api.controllers import attach_interfaces
from nova_api.api.controllers import availability_zones
from nova_api.api.controllers import console_auth_tokens
from nova_api.api.controllers import extension_info
from nova_api.api.controllers import flavor_access
from nova_api.api.controllers import flavor_extra_specs
from nova_api.api.controllers import flavor_manage
from nova_api.api.controllers import flavors
from nova_api.api.controllers import floating_ips
from nova_api.api.controllers import hosts
from nova_api.api.controllers import hypervisors
from nova_api.api.controllers import image_metadata
from nova_api.api.controllers import images
from nova_api.api.controllers import instance_actions
from nova_api.api.controllers import instance_usage_audit_log
from nova_api.api.controllers import ips
from nova_api.api.controllers import keypairs
from nova_api.api.controllers import limits
from nova_api.api.controllers import migrations
from nova_api.api.controllers import networks
from nova_api.api.controllers import quota_class_sets
from nova_api.api.controllers import quota_sets
from nova_api.api.controllers import remote_consoles
from nova_api.api.controllers import security_groups
from nova_api.api.controllers import server_actions
from nova_api.api.controllers import server_diagnostics
from nova_api.api.controllers import server_external_events
from nova_api.api.controllers import server_groups
from nova_api.api.controllers import server_metadata
from nova_api.api.controllers import server_migrations
from nova_api.api.controllers import server_password
from nova_api.api.controllers import server_security_groups
from nova_api.api.controllers import server_tags
from nova_api.api.controllers import server_topology
from nova_api.api.controllers import servers
from nova_api.api.controllers import services
from nova_api.api.controllers import simple_tenant_usage
from nova_api.api.controllers import tenant_networks
from nova_api.api.controllers import versions
from nova_api.api.controllers import volume_attachments
from nova_api.api.controllers.server_actions import admin as admin_actions
from nova_api.api.controllers.server_actions import consoles as console_actions
from nova_api.api.controllers.server_actions import deferred_delete
from nova_api.api.controllers.server_actions import guest
from nova_api.api.controllers.server_actions import images as image_actions
from nova_api.api.controllers.server_actions import lock
from nova_api.api.controllers.server_actions import moves
from nova_api.api.controllers.server_actions import networking
from nova_api.api.controllers.server_actions import power
from nova_api.api.controllers.server_actions import rebuild
from nova_api.api.controllers.server_actions import rescue
from nova_api.api.controllers.server_actions import shelve
from nova_api.api.resource import ROUTING_ARGS
from nova_api.api.resource import Resource

RouteTable = tuple[tuple[str, Mapping[str, tuple[str, str]]], ...]

#: path -> {HTTP method: (controller name, controller method)}
ROUTES: RouteTable = (
    ('', {'GET': ('version', 'show')}),
    ('/', {'GET': ('version', 'show')}),
    # Flavors: /detail before /{id}, which would take "detail" for an id.
    ('/flavors', {'GET': ('flavors', 'index'), 'POST': ('flavor_manage', 'create')}),
    ('/flavors/detail', {'GET': ('flavors', 'detail')}),
    ('/flavors/{id}', {'GET': ('flavors', 'show'), 'PUT': ('flavor_manage', 'update'),
                       'DELETE': ('flavor_manage', 'delete')}),
    ('/flavors/{id}/action', {'POST': ('flavor_actions', 'action')}),
    ('/flavors/{flavor_id}/os-extra_specs', {'GET': ('flavor_extra_specs', 'index'),
                                             'POST': ('flavor_extra_specs', 'create')}),
    ('/flavors/{flavor_id}/os-extra_specs/{id}', {'GET': ('flavor_extra_specs', 'show'),
                                                  'PUT': ('flavor_extra_specs', 'update'),
                                                  'DELETE': ('flavor_extra_specs', 'delete')}),
    ('/flavors/{flavor_id}/os-flavor-access', {'GET': ('flavor_access', 'index')}),
    # Nova's image proxy (to 2.35; its metadata to 2.38): /detail before /{id}.
    ('/images', {'GET': ('images', 'index')}),
    ('/images/detail', {'GET': ('images', 'detail')}),
    ('/images/{id}', {'GET': ('images', 'show'), 'DELETE': ('images', 'delete')}),
    ('/images/{image_id}/metadata', {'GET': ('image_metadata', 'index'),
                                     'POST': ('image_metadata', 'create'),
                                     'PUT': ('image_metadata', 'update_all')}),
    ('/images/{image_id}/metadata/{id}', {'GET': ('image_metadata', 'show'),
                                          'PUT': ('image_metadata', 'update'),
                                          'DELETE': ('image_metadata', 'delete')}),
    ('/os-keypairs', {'GET': ('keypairs', 'index'), 'POST': ('keypairs', 'create')}),
    ('/os-keypairs/{keypair_name}', {'GET': ('keypairs', 'show'),
                                     'DELETE': ('keypairs', 'delete')}),
    ('/os-quota-sets/{id}', {'GET': ('quota_sets', 'show'), 'PUT': ('quota_sets', 'update'),
                             'DELETE': ('quota_sets', 'delete')}),
    ('/os-quota-sets/{id}/defaults', {'GET': ('quota_sets', 'defaults')}),
    ('/os-quota-sets/{id}/detail', {'GET': ('quota_sets', 'detail')}),
    ('/limits', {'GET': ('limits', 'index')}),
    ('/os-availability-zone', {'GET': ('availability_zones', 'index')}),
    ('/os-availability-zone/detail', {'GET': ('availability_zones', 'detail')}),
    # Servers: /detail before /{id}.
    ('/servers', {'GET': ('servers', 'index'), 'POST': ('servers', 'create')}),
    ('/servers/detail', {'GET': ('servers', 'detail')}),
    ('/servers/{id}', {'GET': ('servers', 'show'), 'PUT': ('servers', 'update'),
                       'DELETE': ('servers', 'delete')}),
    ('/servers/{id}/action', {'POST': ('server_actions', 'action')}),
    ('/servers/{server_id}/ips', {'GET': ('ips', 'index')}),
    ('/servers/{server_id}/ips/{id}', {'GET': ('ips', 'show')}),
    ('/servers/{server_id}/os-security-groups', {'GET': ('server_security_groups', 'index')}),
    ('/servers/{server_id}/migrations', {'GET': ('server_migrations', 'index')}),
    ('/servers/{server_id}/migrations/{id}', {'GET': ('server_migrations', 'show'),
                                              'DELETE': ('server_migrations', 'delete')}),
    ('/servers/{server_id}/migrations/{id}/action', {'POST': ('server_migrations', 'action')}),
    ('/os-migrations', {'GET': ('migrations', 'index')}),
    ('/servers/{server_id}/metadata', {'GET': ('server_metadata', 'index'),
                                       'POST': ('server_metadata', 'create'),
                                       'PUT': ('server_metadata', 'update_all')}),
    ('/servers/{server_id}/metadata/{id}', {'GET': ('server_metadata', 'show'),
                                            'PUT': ('server_metadata', 'update'),
                                            'DELETE': ('server_metadata', 'delete')}),
    ('/servers/{server_id}/tags', {'GET': ('server_tags', 'index'),
                                   'PUT': ('server_tags', 'update_all'),
                                   'DELETE': ('server_tags', 'delete_all')}),
    ('/servers/{server_id}/tags/{id}', {'GET': ('server_tags', 'show'),
                                        'PUT': ('server_tags', 'update'),
                                        'DELETE': ('server_tags', 'delete')}),
    ('/servers/{server_id}/os-instance-actions', {'GET': ('instance_actions', 'index')}),
    ('/servers/{server_id}/os-instance-actions/{id}', {'GET': ('instance_actions', 'show')}),
    ('/servers/{server_id}/os-server-password', {'GET': ('server_password', 'index'),
                                                 'DELETE': ('server_password', 'clear')}),
    ('/os-networks', {'GET': ('networks', 'index'), 'POST': ('networks', 'create')}),
    ('/os-networks/add', {'POST': ('networks', 'add')}),
    ('/os-networks/{id}', {'GET': ('networks', 'show'), 'DELETE': ('networks', 'delete')}),
    ('/os-floating-ips', {'GET': ('floating_ips', 'index'), 'POST': ('floating_ips', 'create')}),
    ('/os-floating-ips/{id}', {'GET': ('floating_ips', 'show'),
                               'DELETE': ('floating_ips', 'delete')}),
    ('/os-floating-ip-pools', {'GET': ('floating_ip_pools', 'index')}),
    ('/os-security-groups', {'GET': ('security_groups', 'index'),
                             'POST': ('security_groups', 'create')}),
    ('/os-security-groups/{id}', {'GET': ('security_groups', 'show'),
                                  'PUT': ('security_groups', 'update'),
                                  'DELETE': ('security_groups', 'delete')}),
    ('/os-security-group-rules', {'POST': ('security_group_rules', 'create')}),
    ('/os-security-group-rules/{id}', {'DELETE': ('security_group_rules', 'delete')}),
    ('/os-tenant-networks', {'GET': ('tenant_networks', 'index'),
                             'POST': ('tenant_networks', 'create')}),
    ('/os-tenant-networks/{id}', {'GET': ('tenant_networks', 'show'),
                                  'DELETE': ('tenant_networks', 'delete')}),
    ('/os-server-groups', {'GET': ('server_groups', 'index'), 'POST': ('server_groups', 'create')}),
    ('/os-server-groups/{id}', {'GET': ('server_groups', 'show'),
                                'DELETE': ('server_groups', 'delete')}),
)
ROUTES += (
    ('/servers/{server_id}/remote-consoles', {'POST': ('remote_consoles', 'create')}),
    ('/os-console-auth-tokens/{id}', {'GET': ('console_auth_tokens', 'show')}),
    # Host administration (admin) and usage.
    ('/os-services', {'GET': ('services', 'index')}),
    ('/os-services/{id}', {'PUT': ('services', 'update'), 'DELETE': ('services', 'delete')}),
    # Hypervisors: /detail and /statistics before /{id}.
    ('/os-hypervisors', {'GET': ('hypervisors', 'index')}),
    ('/os-hypervisors/detail', {'GET': ('hypervisors', 'detail')}),
    ('/os-hypervisors/statistics', {'GET': ('hypervisors', 'statistics')}),
    ('/os-hypervisors/{id}', {'GET': ('hypervisors', 'show')}),
    ('/os-hypervisors/{id}/uptime', {'GET': ('hypervisors', 'uptime')}),
    ('/os-hypervisors/{id}/search', {'GET': ('hypervisors', 'search')}),
    ('/os-hypervisors/{id}/servers', {'GET': ('hypervisors', 'servers')}),
    ('/os-aggregates', {'GET': ('aggregates', 'index'), 'POST': ('aggregates', 'create')}),
    ('/os-aggregates/{id}', {'GET': ('aggregates', 'show'), 'PUT': ('aggregates', 'update'),
                             'DELETE': ('aggregates', 'delete')}),
    ('/os-aggregates/{id}/action', {'POST': ('aggregates', 'action')}),
    ('/os-aggregates/{id}/images', {'POST': ('aggregates', 'images')}),
    ('/os-quota-class-sets/{id}', {'GET': ('quota_class_sets', 'show'),
                                   'PUT': ('quota_class_sets', 'update')}),
    ('/os-simple-tenant-usage', {'GET': ('simple_tenant_usage', 'index')}),
    ('/os-simple-tenant-usage/{id}', {'GET': ('simple_tenant_usage', 'show')}),
    ('/os-instance_usage_audit_log', {'GET': ('instance_usage_audit_log', 'index')}),
    ('/os-instance_usage_audit_log/{id}', {'GET': ('instance_usage_audit_log', 'show')}),
    ('/os-hosts', {'GET': ('hosts', 'index')}),
    ('/os-hosts/{id}', {'GET': ('hosts', 'show'), 'PUT': ('hosts', 'update')}),
    ('/os-hosts/{id}/startup', {'GET': ('hosts', 'startup')}),
    ('/os-hosts/{id}/shutdown', {'GET': ('hosts', 'shutdown')}),
    ('/os-hosts/{id}/reboot', {'GET': ('hosts', 'reboot')}),
    ('/extensions', {'GET': ('extension_info', 'index')}),
    ('/extensions/{id}', {'GET': ('extension_info', 'show')}),
    # A server's interfaces and volumes, and the events other services send.
    ('/servers/{server_id}/os-interface', {'GET': ('attach_interfaces', 'index'),
                                           'POST': ('attach_interfaces', 'create')}),
    ('/servers/{server_id}/os-interface/{id}', {'GET': ('attach_interfaces', 'show'),
                                                'DELETE': ('attach_interfaces', 'delete')}),
    ('/servers/{server_id}/os-volume_attachments', {'GET': ('volume_attachments', 'index'),
                                                    'POST': ('volume_attachments', 'create')}),
    ('/servers/{server_id}/os-volume_attachments/{id}', {
        'GET': ('volume_attachments', 'show'), 'PUT': ('volume_attachments', 'update'),
        'DELETE': ('volume_attachments', 'delete')}),
    ('/os-server-external-events', {'POST': ('server_external_events', 'create')}),
    # What a server's guest reports, and its NUMA topology (2.78).
    ('/servers/{server_id}/diagnostics', {'GET': ('server_diagnostics', 'index')}),
    ('/servers/{server_id}/topology', {'GET': ('server_topology', 'index')}),
)


@dataclasses.dataclass(frozen=True)
class Services:
    """What controllers are built with: the compute layer, the policy enforcer and (for the
    built-in identity's controllers) the identity layer, a
    :class:`nova_api.identity.service.Identity`."""

    compute: compute.Compute | None = None
    policy: policy.Enforcer | None = None
    identity: Any = None


Factory = Callable[[Services], Any]

#: controller name -> factory of the controller, given the Services
CONTROLLERS: Mapping[str, Factory] = {
    'version': lambda services: versions.VersionController('v2.1'),
    'flavors': flavors.FlavorsController,
    'flavor_manage': flavor_manage.FlavorManageController,
    'flavor_actions': flavor_access.FlavorActionController,
    'flavor_access': flavor_access.FlavorAccessController,
    'flavor_extra_specs': flavor_extra_specs.FlavorExtraSpecsController,
    'images': images.ImagesController,
    'image_metadata': image_metadata.ImageMetadataController,
    'keypairs': keypairs.KeypairController,
    'quota_sets': quota_sets.QuotaSetsController,
    'limits': limits.LimitsController,
    'availability_zones': availability_zones.AvailabilityZonesController,
    'servers': servers.ServersController,
    'server_actions': server_actions.ServerActionsController,
    'ips': ips.IPsController,
    'server_security_groups': server_security_groups.ServerSecurityGroupsController,
    'networks': networks.NetworksController,
    'floating_ips': floating_ips.FloatingIPsController,
    'floating_ip_pools': floating_ips.FloatingIPPoolsController,
    'security_groups': security_groups.SecurityGroupsController,
    'security_group_rules': security_groups.SecurityGroupRulesController,
    'tenant_networks': tenant_networks.TenantNetworksController,
    'migrations': migrations.MigrationsController,
    'server_migrations': server_migrations.ServerMigrationsController,
    'server_groups': server_groups.ServerGroupsController,
    # Host administration and usage.
    'services': services.ServicesController,
    'hypervisors': hypervisors.HypervisorsController,
    'aggregates': aggregates.AggregatesController,
    'quota_class_sets': quota_class_sets.QuotaClassSetsController,
    'simple_tenant_usage': simple_tenant_usage.SimpleTenantUsageController,
    'instance_usage_audit_log': instance_usage_audit_log.InstanceUsageAuditLogController,
    'hosts': hosts.HostsController,
    'extension_info': extension_info.ExtensionInfoController,
    'attach_interfaces': attach_interfaces.InterfaceAttachmentController,
    'volume_attachments': volume_attachments.VolumeAttachmentController,
    'server_external_events': server_external_events.ServerExternalEventsController,
    'server_metadata': server_metadata.ServerMetadataController,
    'server_tags': server_tags.ServerTagsController,
    'instance_actions': instance_actions.InstanceActionsController,
    'server_password': server_password.ServerPasswordController,
}
CONTROLLERS = {**CONTROLLERS, 'remote_consoles': remote_consoles.RemoteConsolesController,
               'console_auth_tokens': console_auth_tokens.ConsoleAuthTokensController}
CONTROLLERS = {**CONTROLLERS, 'server_diagnostics': server_diagnostics.ServerDiagnosticsController,
               'server_topology': server_topology.ServerTopologyController}

#: controller name -> factories of the extensions registered on it. The
#: server actions: one family of ``@action`` handlers per module.
EXTENSIONS: Mapping[str, tuple[Factory, ...]] = {
    'server_actions': (power.PowerActions, guest.GuestActions, lock.LockActions,
                       rescue.RescueActions, shelve.ShelveActions, rebuild.RebuildActions,
                       admin_actions.AdminActions, deferred_delete.DeferredDeleteActions,
                       networking.NetworkingActions, moves.MoveActions),
}
EXTENSIONS = {**EXTENSIONS, 'server_actions': (
    *EXTENSIONS['server_actions'], image_actions.ImageActions, console_actions.ConsoleActions)}

#: Nova's default: project ids are hex (with dashes), which keeps
#: ``/{project_id}/flavors`` from shadowing routes like ``/flavors/detail``.
DEFAULT_PROJECT_ID_REGEX = r'[0-9a-f\-]+'

_NOT_ALLOWED = '__method_not_allowed__'


class APIRouter:
    """Match a request against the route table and hand it to its Resource.

    The defaults serve the Compute API. Another API built on the framework
    (the Image API, :mod:`nova_api.image.router`) passes its own table and
    controllers, no project id prefix (``project_id_regex=None``), no
    microversions and its own error renderer.
    """

    def __init__(self, route_table: RouteTable = ROUTES,
                 controllers: Mapping[str, Factory] = CONTROLLERS,
                 extensions: Mapping[str, Iterable[Factory]] = EXTENSIONS,
                 project_id_regex: str | None = DEFAULT_PROJECT_ID_REGEX,
                 services: Services | None = None,
                 negotiate_version: bool = True,
                 errors: faults.ErrorRenderer = faults.compute_error):
        services = services if services is not None else Services()
        self.render_error = errors
        self.resources = {
            name: Resource(factory(services), [ext(services) for ext in extensions.get(name, ())],
                           negotiate_version=negotiate_version, errors=errors)
            for name, factory in controllers.items()
        }
        self.route_table = route_table
        self.mapper = routes.Mapper()
        prefixes: list[tuple[str, dict[str, str]]] = [('', {})]
        if project_id_regex is not None:
            prefixes.append(('/{project_id}', {'project_id': project_id_regex}))
        # Every method route before any 405 catch-all: under /{project_id} all
        # routes share one static prefix and are tried in order, so a
        # catch-all must not come before another path's methods.
        for path, methods in route_table:
            for prefix, requirements in prefixes:
                self._connect_methods(prefix + path, methods, requirements)
        for path, methods in route_table:
            for prefix, requirements in prefixes:
                self._connect_not_allowed(prefix + path, methods, requirements)
        self.mapper.create_regs()
        # routes first checks a URL against one expression of every route, calling
        # re.match(pattern, url), and re.match hashes a compiled pattern to look it up
        # in re's cache: 20 us a request for ours (about 19,000 characters), ten times
        # what the matching itself costs. We make that check with pattern.match.
        self._any_route = self.mapper._master_regexp
        self.mapper._master_regexp = None

    def _connect_methods(self, path: str, methods: Mapping[str, tuple[str, str]],
                         requirements: dict[str, str]) -> None:
        for http_method, (name, action) in methods.items():
            self.mapper.connect(path, controller=self.resources[name], action=action,
                                conditions={'method': [http_method]},
                                requirements=requirements)

    def _connect_not_allowed(self, path: str, methods: Mapping[str, tuple[str, str]],
                             requirements: dict[str, str]) -> None:
        self.mapper.connect(path, controller=None, action=_NOT_ALLOWED,
                            allowed=', '.join(sorted(methods)), requirements=requirements)

    @classmethod
    def factory(cls, global_conf: dict, **local_conf: str) -> APIRouter:
        """paste.deploy app factory."""
        conf = deploy.conf_from(global_conf)
        # One per worker; the database connects on first use, after the fork.
        services = Services(compute=deploy.compute_from(global_conf), policy=policy.Enforcer(conf))
        return cls(project_id_regex=conf.api.project_id_regex or DEFAULT_PROJECT_ID_REGEX,
                   services=services)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        any_route = self._any_route
        match = None
        if any_route is None or any_route.match(environ['PATH_INFO']) is not None:
            match = self.mapper.routematch(environ=environ)
        if match is None:
            return self.render_error(environ, exception.RouteNotFound(), faults.NO_WORDING)(
                environ, start_response)
        args = match[0]
        if args['action'] == _NOT_ALLOWED:
            error = exception.MethodNotAllowed(method=environ['REQUEST_METHOD'])
            error.headers = {'Allow': args['allowed']}
            return self.render_error(environ, error, faults.NO_WORDING)(environ, start_response)
        environ[ROUTING_ARGS] = ((), args)
        return args['controller'](environ, start_response)


class StaticRoute:
    """Serve one read-only controller method at a fixed place (the version documents)."""

    ALLOWED = ('GET', 'HEAD')

    def __init__(self, resource: Resource, action: Callable[[dict], str]):
        self.resource = resource
        self.action = action

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ['REQUEST_METHOD'] not in self.ALLOWED:
            error = exception.MethodNotAllowed(method=environ['REQUEST_METHOD'])
            error.headers = {'Allow': ', '.join(self.ALLOWED)}
            return self.resource.render_error(environ, error, faults.NO_WORDING)(
                environ, start_response)
        environ[ROUTING_ARGS] = ((), {'action': self.action(environ)})
        return self.resource(environ, start_response)


def versions_app_factory(global_conf: dict, **local_conf: str) -> StaticRoute:
    """``GET /``: the versions list; any other path outside a version: 300 choices."""
    def action(environ: dict) -> str:
        return 'index' if environ.get('PATH_INFO', '') in ('', '/') else 'multi'
    return StaticRoute(Resource(versions.VersionsController(), negotiate_version=False), action)


def version_app_factory(global_conf: dict, version: str = 'v2.1', **local_conf: str) -> StaticRoute:
    """``GET /v2.1/``: the version document, without authentication.

    Only v2.1 has microversions; the v2.0 document ignores their headers.
    """
    resource = Resource(versions.VersionController(version), negotiate_version=version != 'v2.0')
    return StaticRoute(resource, lambda environ: 'show')


