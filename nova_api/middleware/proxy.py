"""oslo.middleware's HTTPProxyToWSGI, configured from our ConfigOpts."""

from __future__ import annotations

from collections.abc import Callable

from oslo_config import cfg
from oslo_middleware import http_proxy_to_wsgi

from nova_api.middleware import base


class HTTPProxyToWSGI(base.Middleware):
    """Delegate to oslo's filter; only the construction differs (conf passed in)."""

    def __init__(self, application: Callable, conf: cfg.ConfigOpts):
        super().__init__(application, conf)
        self._enabled = conf.oslo_middleware.enable_proxy_headers_parsing
        self._proxy = http_proxy_to_wsgi.HTTPProxyToWSGI(application, conf)

    def __call__(self, environ, start_response):
        if not self._enabled:  # the common case costs one attribute check
            return self.application(environ, start_response)
        return self._proxy(environ, start_response)
