"""/extensions: the fixed list Nova still serves, for clients that look for features in it."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import extension_info as schemas
from nova_api.api.views import extension_info as views
from nova_api.compute import extension_info
from nova_api.policies import extensions as policies


class ExtensionInfoController(controller.Controller):
    """``/extensions`` and ``/extensions/{alias}``; anyone may read them."""

    @validation.query_schema(schemas.index_query, '2.1', '2.101')
    @validation.query_schema(schemas.index_query_v2_102, '2.102')
    @controller.expected_errors()
    def index(self, req):
        """Every extension. 200, the same at every version."""
        self.policy.authorize(req.context, policies.LIST, {})
        return views.index(extension_info.EXTENSIONS)

    @validation.query_schema(schemas.show_query, '2.1', '2.101')
    @validation.query_schema(schemas.show_query_v2_102, '2.102')
    @controller.expected_errors(404)
    def show(self, req, id):
        """The extension of this alias. 200; an unknown alias is a 404."""
        self.policy.authorize(req.context, policies.LIST, {})
        extension = extension_info.BY_ALIAS.get(id)
        if extension is None:
            raise exception.ExtensionNotFound()
        return views.show(extension)
