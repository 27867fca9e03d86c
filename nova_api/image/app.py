"""The Image API's front: Glance's version negotiation, then the authenticated v2 API.

As in Glance, ``/versions`` (200) and any path that names no version served
(300, Multiple Choices) answer the versions list without authentication;
``/v2/...`` and its aliases ``/v2.N/...`` go on to the v2 API.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable

from nova_api.api.resource import Resource
from nova_api.api.router import StaticRoute
from nova_api.image import controllers
from nova_api.image import faults
from nova_api.image import views

#: The path segments that mean the v2 API (Glance's allowed versions).
V2_SEGMENTS = frozenset(['v2'] + ['v' + version for version in views.VERSIONS])


def _split(path: str) -> tuple[str, str]:
    """``'/v2.1/images'`` -> ``('v2.1', '/images')``."""
    stripped = path.lstrip('/')
    cut = stripped.find('/')
    return (stripped, '') if cut < 0 else (stripped[:cut], stripped[cut:])


class VersionNegotiation:
    """Send a request to the v2 API, or answer it with the versions list."""

    def __init__(self, api: Callable):
        self.api = api
        resource = Resource(controllers.VersionsController(), negotiate_version=False,
                            errors=faults.render)
        self.versions = StaticRoute(
            resource, lambda environ: 'versions' if _split(environ.get('PATH_INFO', ''))[0]
            == 'versions' else 'index')

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        segment, rest = _split(environ.get('PATH_INFO', ''))
        if segment in V2_SEGMENTS:
            environ['PATH_INFO'] = '/v2' + rest
            return self.api(environ, start_response)
        return self.versions(environ, start_response)


def negotiation_factory(loader, global_conf: dict, **local_conf: str) -> VersionNegotiation:
    """paste.deploy composite factory: ``v2`` names the (authenticated) v2 API."""
    return VersionNegotiation(loader.get_app(local_conf['v2'], global_conf=global_conf))
