"""A server's metadata: ``/servers/{server_id}/metadata`` and ``/metadata/{id}``.

Another project's server is not found (404) before any rule is asked.
Changes follow Nova's compute API (:mod:`nova_api.compute.server_metadata`):
409 while locked (for non-admins) or outside ACTIVE/PAUSED/SUSPENDED/STOPPED
or during a task, 403 over the ``metadata_items`` quota. The successful
writes answer 200 with the metadata, as Nova's do.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import server_metadata as schemas
from nova_api.api.views import server_metadata as views
from nova_api.policies import server_metadata as policies


class ServerMetadataController(ServerSubresourceController):
    """List, merge, replace, show, set and delete a server's metadata items."""

    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """The server's metadata. 200."""
        return views.metadata(self._server(req, server_id, policies.INDEX).metadata)

    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, server_id: str, id: str):
        """One item. 200; 404 ``Metadata item was not found``."""
        metadata = self._server(req, server_id, policies.SHOW).metadata
        if id not in metadata:
            raise exception.ServerMetadataNotFound()
        return views.meta(id, metadata[id])

    @validation.schema(schemas.create)
    @controller.expected_errors(403, 404, 409)
    def create(self, req, server_id: str, body: dict):
        """Merge items into the metadata; returns all of it. 200."""
        server = self._server(req, server_id, policies.CREATE)
        return views.metadata(self.compute.server_metadata.update(
            req.context, server.uuid, body['metadata']))

    @validation.schema(schemas.update)
    @controller.expected_errors(400, 403, 404, 409)
    def update(self, req, server_id: str, id: str, body: dict):
        """Set the item of the URL (the body's only key); echoes it. 200; 400 on a mismatch."""
        server = self._server(req, server_id, policies.UPDATE)
        if id not in body['meta']:
            raise exception.MetadataBodyMismatch()
        self.compute.server_metadata.update(req.context, server.uuid, body['meta'])
        return views.meta(id, body['meta'][id])

    @validation.schema(schemas.update_all)
    @controller.expected_errors(403, 404, 409)
    def update_all(self, req, server_id: str, body: dict):
        """Replace the whole metadata; returns it. 200."""
        server = self._server(req, server_id, policies.UPDATE_ALL)
        return views.metadata(self.compute.server_metadata.update(
            req.context, server.uuid, body['metadata'], replace=True))

    @controller.response(204)
    @controller.expected_errors(404, 409)
    def delete(self, req, server_id: str, id: str):
        """Delete one item. 204; 404 when there is none (before any 409)."""
        server = self._server(req, server_id, policies.DELETE)
        self.compute.server_metadata.delete(req.context, server.uuid, id)
