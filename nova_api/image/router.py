"""The Image API's route table, and its router: the Compute framework without project ids,
microversions or Nova faults."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api import compute
from nova_api import deploy
from nova_api.api import router
from nova_api.image import controllers
from nova_api.image import faults

#: path -> {HTTP method: (controller name, controller method)}; every other method is a 405.
ROUTES: router.RouteTable = (
    ('/v2/images', {'GET': ('images', 'index')}),
    ('/v2/images/{image_id}', {'GET': ('images', 'show')}),
    ('/v2/schemas/image', {'GET': ('schemas', 'image')}),
    ('/v2/schemas/images', {'GET': ('schemas', 'images')}),
)

CONTROLLERS: Mapping[str, router.Factory] = {
    'images': controllers.ImagesController,
    'schemas': controllers.SchemasController,
}


def build(services: router.Services) -> router.APIRouter:
    """The router of :data:`ROUTES`, answering errors in Glance's format."""
    return router.APIRouter(ROUTES, CONTROLLERS, {}, project_id_regex=None, services=services,
                            negotiate_version=False, errors=faults.render)


def app_factory(global_conf: dict, **local_conf: str) -> router.APIRouter:
    """paste.deploy app factory: the v2 API behind authentication."""
    conf = deploy.conf_from(global_conf)
    # Built once per worker; the database connects on first use, after the fork.
    return build(router.Services(compute=compute.Compute(conf)))
