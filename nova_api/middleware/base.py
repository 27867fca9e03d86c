"""The shape every nova_api filter shares: ``Filter(application, conf)`` plus a paste factory."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from oslo_config import cfg

from nova_api import deploy


class Middleware:
    """A plain WSGI filter. Subclasses implement ``__call__(environ, start_response)``.

    Filters are raw WSGI rather than webob-decorated: they run on every
    request, and the version documents are benchmarked against a bare
    eventlet app (tools/bench).
    """

    def __init__(self, application: Callable, conf: cfg.ConfigOpts):
        self.application = application
        self.conf = conf

    @classmethod
    def factory(cls, global_conf: dict[str, Any], **local_conf: str) -> Callable:
        """paste.deploy filter factory."""
        conf = deploy.conf_from(global_conf)

        def make_filter(application: Callable) -> Middleware:
            return cls(application, conf)
        return make_filter
