"""``/v2/images/{image_id}/tags/{tag}``: tag and untag an image (Glance's ``modify_image``)."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.image import policy_words
from nova_api.image import requests
from nova_api.image import schemas
from nova_api.policies import image as image_policies


class ImageTagsController(controller.Controller):
    """An image's tags, one at a time."""

    wsgi_wording = {**policy_words.WORDING,
                    exception.ImageNotFound: 'Image %(image_id)s not found.'}

    @validation.schema(schemas.tag_update)
    @controller.expected_errors(400, 403, 404, 413)
    @controller.response(204)
    def update(self, req, image_id: str, tag: str, body=None):
        """Add the tag (again is fine). 204; 400 past 255 characters; 413 past the quota."""
        requests.tag(tag)
        self._authorize(req, image_id)
        self.compute.image_writes.add_tag(req.context, image_id, tag)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, image_id: str, tag: str):
        """Remove the tag. 204; 404 when the image has no such tag."""
        self._authorize(req, image_id)
        self.compute.image_writes.delete_tag(req.context, image_id, tag)

    def _authorize(self, req, image_id: str) -> None:
        ctx = req.context
        image = self.compute.images.get(ctx, image_id)
        self.policy.authorize(ctx, image_policies.MODIFY_IMAGE,
                              self.compute.images.policy_target(ctx, image))
