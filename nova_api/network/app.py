"""The Network API's front: Neutron's versions list without authentication, then v2.0.

``GET /network/`` answers the versions (200) without a token, as Neutron's
root does; ``/network/v2.0/...`` goes on to the authenticated API; any other
path is a 404 in Neutron's format. With ``[network] enabled = false`` the
whole of ``/network`` is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable

from nova_api import deploy
from nova_api import exception
from nova_api.api import faults as api_faults
from nova_api.api.resource import Resource
from nova_api.api.router import StaticRoute
from nova_api.network import faults
from nova_api.network.controllers import info
from nova_api.network.views import VERSION


class VersionRouter:
    """Send ``/v2.0...`` to the API, answer the root with the versions, 404 the rest."""

    def __init__(self, api: Callable | None):
        self.api = api
        resource = Resource(info.VersionsController(), negotiate_version=False,
                            errors=faults.render)
        self.versions = StaticRoute(resource, lambda environ: 'index')

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get('PATH_INFO', '')
        if self.api is None:
            return self._not_found(environ, start_response)
        if path in ('', '/'):
            return self.versions(environ, start_response)
        if path == '/' + VERSION or path.startswith('/' + VERSION + '/'):
            return self.api(environ, start_response)
        return self._not_found(environ, start_response)

    @staticmethod
    def _not_found(environ: dict, start_response: Callable) -> Iterable[bytes]:
        return faults.render(environ, exception.RouteNotFound(), api_faults.NO_WORDING)(
            environ, start_response)


def negotiation_factory(loader, global_conf: dict, **local_conf: str) -> VersionRouter:
    """paste.deploy composite factory: ``v2.0`` names the (authenticated) API."""
    conf = deploy.conf_from(global_conf)
    if not conf.network.enabled:
        return VersionRouter(None)
    return VersionRouter(loader.get_app(local_conf['v2.0'], global_conf=global_conf))
