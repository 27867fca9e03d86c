"""Image data: the upload that takes an image from ``queued`` through ``saving`` to ``active``,
and the download.

An upload first moves the image ``queued`` -> ``saving`` (compare-and-swap:
of two concurrent uploads the second gets Glance's 409), then streams the
body to a temporary file (:mod:`nova_api.compute.image_store`), renames it
into place and moves the image ``saving`` -> ``active`` with its size and
hashes. Whatever stops it on the way (a body cut off, one too large, an
error) puts the image back to ``queued`` and leaves no file, as Glance's
``_restore`` does. An image deleted during its upload loses the data too
(410, Glance's words).
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import image_store
from nova_api.compute import images
from nova_api.objects import image_writes
from nova_api.objects import images as image_objects
from nova_api.objects.images import Image

QUEUED, SAVING, ACTIVE, DEACTIVATED = 'queued', 'saving', 'active', 'deactivated'
_SERVABLE = (ACTIVE, DEACTIVATED)


@dataclasses.dataclass(frozen=True)
class Data:
    """An image's data to send: the open file, its size and md5."""

    handle: object
    size: int
    checksum: str | None


class ImageDataAPI(base.ResourceAPI):
    """Upload and download image data."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.images: images.ImageAPI = compute.images
        self.store: image_store.ImageStore = compute.images.store

    def upload(self, ctx: nova_context.RequestContext, image_id: str, read: image_store.Reader,
               size: int | None) -> None:
        """Store the body ``read`` gives (``size`` bytes, or up to its end when None).

        Raises ``ImageNotFound`` (404), ``ImageStatusTransition`` (409) unless
        queued, ``ImageFormatsMissing`` (400), ``ImageTooLarge`` (413),
        ``ImageUploadIncomplete`` (400), ``ImageGoneDuringUpload`` (410).
        """
        self.database.write(self._start, ctx, image_id)
        try:
            if size is not None and size > self.store.max_size:
                raise exception.ImageTooLarge()
            staged = self.store.stage(image_id, read, size)
        except BaseException:
            self.database.write(_restore, image_id)
            raise
        try:
            self.store.commit(staged, image_id)
        except BaseException:
            self.store.discard(staged)
            self.database.write(_restore, image_id)
            raise
        activated = self.database.write(
            image_writes.set_status, image_id, (SAVING,), ACTIVE, size=staged.size,
            checksum=staged.checksum, os_hash_algo=staged.os_hash_algo,
            os_hash_value=staged.os_hash_value)
        if not activated:
            self.store.remove(image_id)
            raise exception.ImageGoneDuringUpload(image_id=image_id)

    def _start(self, session: orm.Session, ctx: nova_context.RequestContext,
               image_id: str) -> None:
        image = image_objects.get_for_update(session, images.viewer(ctx), image_id)
        if image is None:
            raise exception.ImageNotFound(image_id=image_id)
        if image.status != QUEUED:
            raise exception.ImageStatusTransition(current=image.status, new=SAVING)
        missing = [name for name in ('disk_format', 'container_format') if not getattr(image, name)]
        if missing:
            raise exception.ImageFormatsMissing(
                what='Property' if len(missing) == 1 else 'Properties', names=', '.join(missing))
        image_writes.set_status(session, image_id, (QUEUED,), SAVING)

    def data(self, image: Image) -> Data | None:
        """The data of a visible image, or None when it has none (Glance's 204)."""
        if image.status not in _SERVABLE:
            return None
        handle = self.store.open(image.id)
        if handle is None:  # an active image without data: a snapshot of the simulated driver
            return None
        return Data(handle=handle, size=image.size or 0, checksum=image.checksum)


def _restore(session: orm.Session, image_id: str) -> None:
    """Glance's ``_restore``: back to ``queued``, without a size (if it is still saving)."""
    image_writes.set_status(session, image_id, (SAVING,), QUEUED, size=None, virtual_size=None)
