"""Refuse request bodies over ``[oslo_middleware] max_request_body_size`` with 413.

A declared Content-Length over the limit is refused before the body is
read. A chunked body has no length: it is wrapped in oslo.middleware's
limiting reader, which raises once the limit is passed while the Resource
reads it; the Resource renders that as the same 413 fault.

A route whose body has a bound of its own is exempt: the paste option
``exempt = METHOD PATH-REGEX`` (one per line) names it. The Image API's
upload (``PUT /image/v2/images/{id}/file``) is, bounded by ``[image]
max_image_size`` as it streams (:mod:`nova_api.compute.image_store`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from oslo_config import cfg
from oslo_middleware import sizelimit as oslo_sizelimit

from nova_api import deploy
from nova_api import exception
from nova_api.api import faults
from nova_api.middleware import base

Exemption = tuple[str, re.Pattern]


def parse_exemptions(text: str) -> tuple[Exemption, ...]:
    """``"PUT ^/image/v2/images/[^/]+/file$"`` lines -> ``(method, compiled regex)`` pairs."""
    exemptions = []
    for line in text.splitlines():
        if not line.strip():
            continue
        method, _sep, pattern = line.strip().partition(' ')
        exemptions.append((method.upper(), re.compile(pattern.strip())))
    return tuple(exemptions)


class RequestBodySizeLimiter(base.Middleware):

    def __init__(self, application: Callable, conf: cfg.ConfigOpts,
                 exempt: Sequence[Exemption] = ()):
        super().__init__(application, conf)
        self.max_size = conf.oslo_middleware.max_request_body_size
        self.exempt = tuple(exempt)

    @classmethod
    def factory(cls, global_conf: dict[str, Any], **local_conf: str) -> Callable:
        """paste.deploy filter factory; ``exempt`` lists the routes with bounds of their own."""
        conf = deploy.conf_from(global_conf)
        exempt = parse_exemptions(local_conf.get('exempt', ''))

        def make_filter(application: Callable) -> RequestBodySizeLimiter:
            return cls(application, conf, exempt)
        return make_filter

    def _is_exempt(self, environ: dict) -> bool:
        method = environ.get('REQUEST_METHOD')
        path = environ.get('PATH_INFO', '')
        return any(method == exempt_method and pattern.match(path)
                   for exempt_method, pattern in self.exempt)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.exempt and self._is_exempt(environ):
            return self.application(environ, start_response)
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
