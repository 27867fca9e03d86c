"""A server's tags (2.26; 404 before): ``/servers/{server_id}/tags`` and ``/tags/{tag}``.

Another project's server is not found (404) before any rule is asked.
Changes are refused with 409 outside ACTIVE/PAUSED/SUSPENDED/STOPPED
(:mod:`nova_api.compute.server_tags`); a server holds at most 50 tags.
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import server_tags as schemas
from nova_api.api.views import server_tags as views
from nova_api.policies import server_tags as policies

FIRST = microversion.FIRST_SERVER_TAGS


class ServerTagsController(ServerSubresourceController):
    """List, replace, check, add and delete the tags of a server."""

    @microversion.versioned(FIRST)
    @validation.query_schema(schemas.query)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """The server's tags, by name. 200."""
        server = self._server(req, server_id, policies.INDEX)
        return views.tags(self.compute.server_tags.list(req.context, server.uuid))

    @microversion.versioned(FIRST)
    @validation.query_schema(schemas.query)
    @controller.response(204)
    @controller.expected_errors(404)
    def show(self, req, server_id: str, id: str):
        """Whether the server has the tag: 204, or 404."""
        server = self._server(req, server_id, policies.SHOW)
        self.compute.server_tags.has(req.context, server.uuid, id)

    @microversion.versioned(FIRST)
    @validation.schema(schemas.update_all, FIRST)
    @controller.expected_errors(404, 409)
    def update_all(self, req, server_id: str, body: dict):
        """Replace every tag; returns the new ones. 200."""
        server = self._server(req, server_id, policies.UPDATE_ALL)
        return views.tags(self.compute.server_tags.replace(req.context, server.uuid, body['tags']))

    @microversion.versioned(FIRST)
    @validation.schema(schemas.update, FIRST)
    @controller.expected_errors(400, 404, 409)
    def update(self, req, server_id: str, id: str, body=None):
        """Add one tag: 201 with ``Location`` when new, 204 when the server had it.

        Nova's order: the state (409), then the tag itself (400), then the
        per-server limit (400, even for a tag the server has).
        """
        ctx = req.context
        server = self._server(req, server_id, policies.UPDATE)
        self.compute.server_tags.check_state(ctx, server.uuid, 'update tag')
        schemas.check_tag(id)
        if not self.compute.server_tags.add(ctx, server.uuid, id):
            return controller.ResponseObject(code=204)
        return controller.ResponseObject(
            code=201, headers={'Location': views.location(req, server.uuid, id)})

    @microversion.versioned(FIRST)
    @controller.response(204)
    @controller.expected_errors(404, 409)
    def delete(self, req, server_id: str, id: str):
        """Delete one tag. 204; 404 when the server has no such tag."""
        server = self._server(req, server_id, policies.DELETE)
        self.compute.server_tags.delete(req.context, server.uuid, id)

    @microversion.versioned(FIRST)
    @controller.response(204)
    @controller.expected_errors(404, 409)
    def delete_all(self, req, server_id: str):
        """Delete every tag. 204."""
        server = self._server(req, server_id, policies.DELETE_ALL)
        self.compute.server_tags.delete_all(req.context, server.uuid)
