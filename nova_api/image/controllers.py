"""Controllers of the Image API's documents: the versions list and the schemas.

The resources have a module each: :mod:`~nova_api.image.images` (and its
actions), :mod:`~nova_api.image.image_data`, :mod:`~nova_api.image.image_members`,
:mod:`~nova_api.image.image_tags`.
"""

from __future__ import annotations

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


class SchemasController(controller.Controller):
    """``GET /v2/schemas/image``, ``/images``, ``/member`` and ``/members``."""

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

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def member(self, req):
        """The schema of an image member. 200."""
        return schemas.member

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def members(self, req):
        """The schema of a list of image members. 200."""
        return schemas.members
