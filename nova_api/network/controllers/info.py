"""``GET /network/`` (versions, no token), ``GET /v2.0/`` (its resources) and the extensions."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.exception import network as net_exc
from nova_api.network import schemas
from nova_api.network import views


class VersionsController(controller.Controller):
    """``GET /network/``: the versions list, without authentication."""

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors()
    def index(self, req):
        """The one version, v2.0. 200."""
        return views.versions(req.application_url)


class ResourcesController(controller.Controller):
    """``GET /v2.0/``."""

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors()
    def index(self, req):
        """The collections of v2.0. 200."""
        return views.resources(req.application_url + '/' + views.VERSION)


class ExtensionsController(controller.Controller):
    """``GET /v2.0/extensions`` and ``/v2.0/extensions/{alias}``."""

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors()
    def index(self, req):
        """The extensions served. 200."""
        return views.extensions()

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One extension by alias. 200; 404 for one not served."""
        for entry in views.EXTENSIONS:
            if entry[0] == id:
                return views.one_extension(*entry)
        raise net_exc.ExtensionNotFound(extension=id)
