"""The Image API's route table, and its router: the Compute framework without project ids,
microversions or Nova faults."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api import deploy
from nova_api import policy
from nova_api.api import router
from nova_api.image import controllers
from nova_api.image import faults
from nova_api.image import image_data
from nova_api.image import image_members
from nova_api.image import image_tags
from nova_api.image import images

#: path -> {HTTP method: (controller name, controller method)}; every other method is a 405.
ROUTES: router.RouteTable = (
    ('/v2/images', {'GET': ('images', 'index'), 'POST': ('images', 'create')}),
    ('/v2/images/{image_id}', {'GET': ('images', 'show'), 'PATCH': ('images', 'update'),
                               'DELETE': ('images', 'delete')}),
    ('/v2/images/{image_id}/file', {'GET': ('image_data', 'download'),
                                    'PUT': ('image_data', 'upload')}),
    ('/v2/images/{image_id}/actions/deactivate', {'POST': ('image_actions', 'deactivate')}),
    ('/v2/images/{image_id}/actions/reactivate', {'POST': ('image_actions', 'reactivate')}),
    ('/v2/images/{image_id}/tags/{tag}', {'PUT': ('image_tags', 'update'),
                                          'DELETE': ('image_tags', 'delete')}),
    ('/v2/images/{image_id}/members', {'GET': ('image_members', 'index'),
                                       'POST': ('image_members', 'create')}),
    ('/v2/images/{image_id}/members/{member_id}', {'GET': ('image_members', 'show'),
                                                   'PUT': ('image_members', 'update'),
                                                   'DELETE': ('image_members', 'delete')}),
    ('/v2/schemas/image', {'GET': ('schemas', 'image')}),
    ('/v2/schemas/images', {'GET': ('schemas', 'images')}),
    ('/v2/schemas/member', {'GET': ('schemas', 'member')}),
    ('/v2/schemas/members', {'GET': ('schemas', 'members')}),
)

CONTROLLERS: Mapping[str, router.Factory] = {
    'images': images.ImagesController,
    'image_actions': images.ImageActionsController,
    'image_data': image_data.ImageDataController,
    'image_tags': image_tags.ImageTagsController,
    'image_members': image_members.ImageMembersController,
    'schemas': controllers.SchemasController,
}


def build(services: router.Services) -> router.APIRouter:
    """The router of :data:`ROUTES`, answering errors in Glance's format."""
    return router.APIRouter(ROUTES, CONTROLLERS, {}, project_id_regex=None, services=services,
                            negotiate_version=False, errors=faults.render)


def app_factory(global_conf: dict, **local_conf: str) -> router.APIRouter:
    """paste.deploy app factory: the v2 API behind authentication."""
    conf = deploy.conf_from(global_conf)
    # Built once per worker (the compute layer is the pipeline's own); the database
    # connects on first use, after the fork.
    return build(router.Services(compute=deploy.compute_from(global_conf),
                                 policy=policy.Enforcer(conf)))
