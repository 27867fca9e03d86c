"""Nova's image metadata proxy: ``/images/{image_id}/metadata[/{id}]`` (to 2.38).

An image's metadata are its additional properties. Changes follow Nova's
order: the image (404), the ``metadata_items`` quota (403), then Glance's
rule that only the owner (or an admin) changes an image (403).
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import image_metadata as schemas
from nova_api.api.views import images as views

LAST = microversion.LAST_IMAGE_METADATA_PROXY


class ImageMetadataController(controller.Controller):
    """Read and change an image's metadata, until 2.39 removed the proxy."""

    wsgi_wording = {
        exception.ImageNotFound: 'Image not found.',
        # Glance refuses to set its own attributes; Nova words any refusal so.
        exception.ImageAttributeReadOnly: 'Not authorized for image %(image_id)s.',
    }

    @microversion.versioned(max_version=LAST)
    @validation.query_schema(schemas.index_query)
    @controller.expected_errors(403, 404)
    def index(self, req, image_id: str):
        """List an image's metadata. 200; 404 from 2.39."""
        return views.metadata(self.compute.images.get(req.context, image_id).properties)

    @microversion.versioned(max_version=LAST)
    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(403, 404)
    def show(self, req, image_id: str, id: str):
        """Show one metadata item. 200; 404 when the image has no such key."""
        return views.meta(*self.compute.images.metadata_item(req.context, image_id, id))

    @microversion.versioned(max_version=LAST)
    @validation.schema(schemas.create)
    @controller.expected_errors(400, 403, 404)
    def create(self, req, image_id: str, body: dict):
        """Merge items into the metadata; returns all of it. 200; 403 over quota or not owned."""
        return views.metadata(self.compute.images.update_metadata(
            req.context, image_id, body['metadata']))

    @microversion.versioned(max_version=LAST)
    @validation.schema(schemas.update)
    @controller.expected_errors(400, 403, 404)
    def update(self, req, image_id: str, id: str, body: dict):
        """Set the item of the URL (the body's only key); echoes it. 200; 400 on a mismatch."""
        if id not in body['meta']:
            raise exception.MetadataBodyMismatch()
        self.compute.images.update_metadata(req.context, image_id, body['meta'])
        return views.meta(id, body['meta'][id])

    @microversion.versioned(max_version=LAST)
    @validation.schema(schemas.update_all)
    @controller.expected_errors(400, 403, 404)
    def update_all(self, req, image_id: str, body: dict):
        """Replace the whole metadata; returns it. 200."""
        return views.metadata(self.compute.images.update_metadata(
            req.context, image_id, body['metadata'], replace=True))

    @microversion.versioned(max_version=LAST)
    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, image_id: str, id: str):
        """Delete one item. 204; 404 (``Invalid metadata key``) when there is none."""
        self.compute.images.delete_metadata_item(req.context, image_id, id)
