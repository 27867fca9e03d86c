"""Answers of createImage and createBackup: a Location header before 2.45, the image id from 2.45."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import links
from nova_api.api import microversion
from nova_api.api.views import images as image_views


def _answer(req, image_id: str, location: str | None) -> controller.ResponseObject:
    if microversion.returns_snapshot_image_id(req):
        return controller.ResponseObject({'image_id': image_id})
    return controller.ResponseObject(None, headers={'Location': location} if location else {})


def created_image(req, image_id: str) -> controller.ResponseObject:
    """createImage: before 2.45 no body and ``Location`` naming the image in the Image API."""
    return _answer(req, image_id, links.join(links.root_url(req), image_views.IMAGE_API_PATH, 'v2',
                                             image_views.COLLECTION, image_id))


def created_backup(req, image_id: str, rotation: int) -> controller.ResponseObject:
    """createBackup: before 2.45 ``Location`` is Nova's image proxy URL, only when rotation > 0."""
    location = links.join(req.application_url, image_views.COLLECTION, image_id) \
        if rotation > 0 else None
    return _answer(req, image_id, location)
