"""Images: the catalogue that servers boot from (the Image API and Nova's image proxy read it)."""

from __future__ import annotations

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.objects import images as image_objects
from nova_api.objects.images import Image

__all__ = ['Image', 'ImageAPI']

ACTIVE = 'active'


class ImageAPI(base.ResourceAPI):
    """Look images up as the caller may see them."""

    def get(self, ctx: nova_context.RequestContext, image_id: str) -> Image:
        """The image, or ``ImageNotFound`` (404) when it does not exist or is not visible."""
        image = self.database.read(image_objects.get, image_id, ctx.project_id, bool(ctx.is_admin))
        if image is None:
            raise exception.ImageNotFound(image_id=image_id)
        return image
