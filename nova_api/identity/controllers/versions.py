"""``GET /identity`` (300, the versions), ``/identity/v3`` and ``/identity/v2.0``: no token needed."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity import views
from nova_api.identity.controllers import base
from nova_api.identity.schemas import versions as schemas


class VersionsController(base.IdentityController):
    """Keystone's version discovery, as keystoneauth reads it."""

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    @controller.response(300)
    def index(self, req):
        """Every version served, as a choice. 300."""
        return views.versions(views.identity_url(req, self.identity))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def v3(self, req):
        """The v3 document. 200."""
        return views.version_v3(views.identity_url(req, self.identity))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def v2(self, req):
        """The v2.0 document (only ``POST /v2.0/tokens`` is served). 200."""
        return views.version_v2(views.identity_url(req, self.identity))
