"""Nova's image proxy: ``GET /images``, ``/images/detail``, ``GET|DELETE /images/{id}`` (to 2.35).

Like Nova, the proxy passes its filters on in the Image API's words
(``changes-since`` becomes ``updated_at=gte:``, ``server`` the property
``instance_uuid``, ``property-X`` the property X) and the catalogue reads
them with Glance's rules. Nova has no policy rules for these calls.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import images as schemas
from nova_api.api.views import images as views

#: Nova's filter -> the Image API's. minRam and minDisk are minimums, as Nova documents them.
FILTERS = {
    'name': 'name',
    'status': 'status',
    'changes-since': 'updated_at',
    'server': 'instance_uuid',
    'type': 'image_type',
    'minRam': 'min_ram_min',
    'minDisk': 'min_disk_min',
}
PROPERTY_PREFIX = 'property-'


def catalogue_query(params, max_limit: int) -> list[tuple[str, str]]:
    """The Image API query of a proxy query (Nova's ``_get_filters`` and paging)."""
    filters: dict[str, str] = {}
    for name in params:
        if name in FILTERS:
            filters[FILTERS[name]] = params[name]
        elif name.startswith(PROPERTY_PREFIX):
            filters[name[len(PROPERTY_PREFIX):]] = params[name]
    if 'instance_uuid' in filters:
        # A server's link works as well as its id.
        filters['instance_uuid'] = filters['instance_uuid'].rsplit('/', 1)[-1]
    if 'status' in filters:
        filters['status'] = filters['status'].lower()
    if 'updated_at' in filters:
        filters['updated_at'] = 'gte:' + filters['updated_at']
    limit = min(int(params['limit']), max_limit) if 'limit' in params else max_limit
    query = [('limit', str(limit))] + list(filters.items())
    if 'marker' in params:
        query.append(('marker', params['marker']))
    return query


class ImagesController(controller.Controller):
    """The catalogue as Compute API v2.1 showed Glance's images, until 2.36 removed it."""

    wsgi_wording = {
        exception.ImageNotFound: 'Image not found.',
        exception.ImageNotAuthorized: 'You are not allowed to delete the image.',
    }

    def _page(self, req):
        max_limit = self.compute.conf.api.max_limit
        return self.compute.images.list(req.context, catalogue_query(req.GET, max_limit),
                                        default_limit=max_limit, max_limit=max_limit)

    @microversion.versioned(max_version=microversion.LAST_IMAGE_PROXY)
    @validation.query_schema(schemas.index_query)
    @controller.expected_errors(400)
    def index(self, req):
        """List images (id, name, links). 200; ``images_links`` after a full page. 404 from 2.36."""
        return views.index(req, self._page(req))

    @microversion.versioned(max_version=microversion.LAST_IMAGE_PROXY)
    @validation.query_schema(schemas.detail_query)
    @controller.expected_errors(400)
    def detail(self, req):
        """List images in full. 200. As index."""
        return views.detail(req, self._page(req))

    @microversion.versioned(max_version=microversion.LAST_IMAGE_PROXY)
    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """Show one image. 200; 404 unknown or not visible, and from 2.36."""
        return views.show(req, self.compute.images.get(req.context, id))

    @microversion.versioned(max_version=microversion.LAST_IMAGE_PROXY)
    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, id: str):
        """Delete an image. 204; 403 unless the caller owns it (or is an admin) or while it is
        protected; 404 unknown or not visible, and from 2.36."""
        self.compute.images.delete(req.context, id)
