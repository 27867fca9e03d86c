"""The Network API's route table, and its router: the Compute framework without project ids
or microversions, answering errors in Neutron's format."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api import deploy
from nova_api import policy
from nova_api.api import router
from nova_api.network import faults
from nova_api.network.controllers import floating_ips
from nova_api.network.controllers import info
from nova_api.network.controllers import networks
from nova_api.network.controllers import ports
from nova_api.network.controllers import quotas
from nova_api.network.controllers import routers
from nova_api.network.controllers import security_groups
from nova_api.network.controllers import subnets
from nova_api.network.controllers import tags


def _crud(collection: str, name: str) -> router.RouteTable:
    return (
        ('/v2.0/%s' % collection, {'GET': (name, 'index'), 'POST': (name, 'create')}),
        ('/v2.0/%s/{id}' % collection, {'GET': (name, 'show'), 'PUT': (name, 'update'),
                                        'DELETE': (name, 'delete')}),
    )


#: path -> {HTTP method: (controller name, controller method)}; every other method is a 405.
ROUTES: router.RouteTable = (
    ('/v2.0', {'GET': ('resources', 'index')}),
    ('/v2.0/', {'GET': ('resources', 'index')}),
    ('/v2.0/extensions', {'GET': ('extensions', 'index')}),
    ('/v2.0/extensions/{id}', {'GET': ('extensions', 'show')}),
    *_crud('networks', 'networks'),
    *_crud('subnets', 'subnets'),
    *_crud('ports', 'ports'),
    *_crud('security-groups', 'security_groups'),
    ('/v2.0/security-group-rules', {'GET': ('security_group_rules', 'index'),
                                    'POST': ('security_group_rules', 'create')}),
    ('/v2.0/security-group-rules/{id}', {'GET': ('security_group_rules', 'show'),
                                         'DELETE': ('security_group_rules', 'delete')}),
    *_crud('routers', 'routers'),
    ('/v2.0/routers/{id}/add_router_interface', {'PUT': ('routers', 'add_router_interface')}),
    ('/v2.0/routers/{id}/remove_router_interface',
     {'PUT': ('routers', 'remove_router_interface')}),
    *_crud('floatingips', 'floating_ips'),
    ('/v2.0/quotas', {'GET': ('quotas', 'index')}),
    ('/v2.0/quotas/{id}', {'GET': ('quotas', 'show'), 'PUT': ('quotas', 'update'),
                           'DELETE': ('quotas', 'delete')}),
    ('/v2.0/quotas/{id}/default', {'GET': ('quotas', 'defaults')}),
    ('/v2.0/quotas/{id}/details', {'GET': ('quotas', 'details')}),
    # standard-attr-tag, for every collection tags.RULE_NAMES names (others: 404).
    ('/v2.0/{collection}/{resource_id}/tags', {'GET': ('tags', 'index'),
                                               'PUT': ('tags', 'update_all'),
                                               'DELETE': ('tags', 'delete_all')}),
    ('/v2.0/{collection}/{resource_id}/tags/{tag}', {'GET': ('tags', 'show'),
                                                     'PUT': ('tags', 'update'),
                                                     'DELETE': ('tags', 'delete')}),
)

CONTROLLERS: Mapping[str, router.Factory] = {
    'resources': info.ResourcesController,
    'extensions': info.ExtensionsController,
    'networks': networks.NetworksController,
    'subnets': subnets.SubnetsController,
    'ports': ports.PortsController,
    'security_groups': security_groups.SecurityGroupsController,
    'security_group_rules': security_groups.SecurityGroupRulesController,
    'routers': routers.RoutersController,
    'floating_ips': floating_ips.FloatingIPsController,
    'quotas': quotas.QuotasController,
    'tags': tags.TagsController,
}


def build(services: router.Services) -> router.APIRouter:
    """The router of :data:`ROUTES`, answering errors in Neutron's format."""
    return router.APIRouter(ROUTES, CONTROLLERS, {}, project_id_regex=None, services=services,
                            negotiate_version=False, errors=faults.render)


def app_factory(global_conf: dict, **local_conf: str) -> router.APIRouter:
    """paste.deploy app factory: the v2.0 API behind authentication."""
    conf = deploy.conf_from(global_conf)
    # Built once per worker; the database connects on first use, after the fork.
    return build(router.Services(compute=deploy.compute_from(global_conf),
                                 policy=policy.Enforcer(conf)))
