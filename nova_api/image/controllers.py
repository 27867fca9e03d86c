"""Controllers of the Image API: the versions list, images (index, show) and their schemas.

Each method: path args -> context -> one call into ``compute.images`` -> view.
Who sees an image is the catalogue's rule (Glance's); Glance's default
policies let every project member read, so there is no policy check here.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.image import schemas
from nova_api.image import views


class VersionsController(controller.Controller):
    """``GET /image``: 300 Multiple Choices; ``GET /image/versions``: 200. No authentication."""

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    @controller.response(300)
    def index(self, req):
        """The versions, as a choice (300), for the API root and any version not served."""
        return views.versions(req.application_url)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def versions(self, req):
        """The versions, asked for explicitly. 200."""
        return views.versions(req.application_url)


class ImagesController(controller.Controller):
    """``GET /v2/images`` and ``/v2/images/{image_id}``; writes are not served (405)."""

    wsgi_wording = {
        exception.ImageNotFound: 'No image found with ID %(image_id)s',
        exception.ImageMarkerNotFound: 'No image found with ID %(marker)s',
    }

    @validation.query_schema(schemas.index_query)
    @controller.expected_errors(400)
    def index(self, req):
        """A page of images (25 by default, at most 1000) with Glance's filters. 200; 400 for a
        filter, sort, limit or marker Glance refuses."""
        return views.index(req, self.compute.images.list(req.context, req.GET.items()))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, image_id: str):
        """One image. 200; 404 when it does not exist or is another project's."""
        return views.image(self.compute.images.get(req.context, image_id))


class SchemasController(controller.Controller):
    """``GET /v2/schemas/image`` and ``/v2/schemas/images``."""

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def image(self, req):
        """The schema of an image. 200."""
        return schemas.image

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def images(self, req):
        """The schema of a page of images. 200."""
        return schemas.images
