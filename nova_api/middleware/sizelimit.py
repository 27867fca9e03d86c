"""Refuse request bodies over ``[oslo_middleware] max_request_body_size`` with 413.

A declared Content-Length over the limit is refused before the body is
read. A chunked body has no length: it is wrapped in oslo.middleware's
limiting reader, which raises once the limit is passed while the Resource
reads it; the Resource renders that as the same 413 fault.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable

from oslo_config import cfg
from oslo_middleware import sizelimit as oslo_sizelimit

from nova_api import exception
from nova_api.api import faults
from nova_api.middleware import base


class RequestBodySizeLimiter(base.Middleware):

    def __init__(self, application: Callable, conf: cfg.ConfigOpts):
        super().__init__(application, conf)
        self.max_size = conf.oslo_middleware.max_request_body_size

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        length = environ.get('CONTENT_LENGTH')
        if length:
            try:
                too_large = int(length) > self.max_size
            except ValueError:
                return faults.compute_error(
                    environ, exception.Invalid('Invalid Content-Length header.'))(environ, start_response)
            if too_large:
                error = exception.RequestTooLarge(
                    'Request is too large. Larger than max_request_body_size (%d).' % self.max_size)
                return faults.compute_error(environ, error)(environ, start_response)
        elif environ.get('HTTP_TRANSFER_ENCODING', '').lower() == 'chunked':
            environ['wsgi.input'] = oslo_sizelimit.LimitingReader(environ['wsgi.input'], self.max_size)
        return self.application(environ, start_response)
