"""``/v2/images/{image_id}/file``: upload (``PUT``, application/octet-stream) and download.

The upload reads ``environ['wsgi.input']`` itself, chunk by chunk, so that
neither webob nor anything else holds the body: with a Content-Length it
reads exactly that many bytes; with ``Transfer-Encoding: chunked`` (which
the server dechunks) or a server-terminated input it reads to the end.
The download is an app_iter over the file. Neither is ever whole in memory.
"""

from __future__ import annotations

from collections.abc import Callable

import webob.byterange

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.compute.image_store import FileChunks
from nova_api.image import policy_words
from nova_api.image import schemas
from nova_api.policies import image as image_policies

OCTET_STREAM = 'application/octet-stream'


def body_reader(environ: dict) -> tuple[Callable[[int], bytes], int | None]:
    """``(read, size)`` of the request body: ``size`` from Content-Length, None when the body
    runs to its end (chunked, or ``wsgi.input_terminated``); no body at all is ``size`` 0."""
    stream = environ['wsgi.input']
    length = environ.get('CONTENT_LENGTH')
    chunked = environ.get('HTTP_TRANSFER_ENCODING', '').lower() == 'chunked'
    if length and not chunked:
        try:
            size = int(length)
        except ValueError:
            raise exception.Invalid('Invalid or missing image size in request headers.') from None
        if size < 0:
            raise exception.Invalid('Invalid or missing image size in request headers.')
        return stream.read, size
    if chunked or environ.get('wsgi.input_terminated'):
        return stream.read, None
    return (lambda _n: b''), 0


class ImageDataController(controller.Controller):
    """Image data: Glance's upload and download."""

    wsgi_wording = {
        **policy_words.WORDING,
        exception.ImageNotFound: 'No image found with ID %(image_id)s',
        exception.BodyMediaTypeNotAllowed: 'Invalid content type %(content_type)s',
    }

    @validation.raw_body(OCTET_STREAM)
    @controller.expected_errors(400, 403, 404, 409, 410, 413, 415)
    @controller.response(204)
    def upload(self, req, image_id: str):
        """Store the image's data: ``queued`` -> ``saving`` -> ``active``. 204; 409 unless
        queued (or while another upload runs); 413 past ``[image] max_image_size``; 400 for
        missing formats or a body cut short (the image is queued again, nothing is kept)."""
        ctx = req.context
        image = self.compute.images.get(ctx, image_id)
        self.policy.authorize(ctx, image_policies.UPLOAD_IMAGE,
                              self.compute.images.policy_target(ctx, image))
        read, size = body_reader(req.environ)
        self.compute.image_data.upload(ctx, image_id, read, size)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(403, 404, 416)
    def download(self, req, image_id: str):
        """The image's data, streamed. 200 (206 for a satisfiable Range) with Content-MD5;
        204 when it has none; 403 when deactivated (but for admins) or by policy."""
        ctx = req.context
        image = self.compute.images.get(ctx, image_id)
        if image.status == 'deactivated' and not ctx.is_admin:
            raise exception.ImageDeactivated()
        self.policy.authorize(ctx, image_policies.DOWNLOAD_IMAGE,
                              self.compute.images.policy_target(ctx, image))
        data = self.compute.image_data.data(image)
        if data is None:
            return controller.ResponseObject(None, code=204)
        start, stop, code = 0, data.size, 200
        headers = {'Content-Type': OCTET_STREAM}
        if req.range is not None:
            span = req.range.range_for_length(data.size)
            if span is None:
                data.handle.close()
                raise exception.RangeNotSatisfiable(size=data.size)
            (start, stop), code = span, 206
            headers['Content-Range'] = str(webob.byterange.ContentRange(start, stop, data.size))
        if data.checksum:
            headers['Content-MD5'] = data.checksum
        headers['Content-Length'] = str(stop - start)
        return controller.StreamedResponse(FileChunks(data.handle, start, stop - start), code,
                                           headers)
