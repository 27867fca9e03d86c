"""Version discovery: the versions list, the 300 choices and the v2.x documents."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import versions as schemas
from nova_api.api.views import versions as views


class VersionsController(controller.Controller):
    """``GET /`` and every path outside a version: no authentication needed."""

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def index(self, req):
        """List the API versions. 200."""
        return views.versions_list(req)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    @controller.response(300)
    def multi(self, req):
        """A path that is in no version: where it would be in each. 300."""
        return views.choices(req)


class VersionController(controller.Controller):
    """``GET /v2.1/`` (and ``/v2/``): the version document."""

    def __init__(self, version_id: str) -> None:
        super().__init__()
        self.version_id = version_id

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors()
    def show(self, req):
        """Show this API version: its microversion range, links, media types. 200."""
        return views.version_document(req, self.version_id)
