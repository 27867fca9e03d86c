"""``/v2.0/{collection}/{id}/tags[/{tag}]`` (standard-attr-tag) for every tagged collection."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.exception import network as net_exc
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base

#: URL collection -> the name Neutron's tag rules give it.
RULE_NAMES = {'networks': 'networks', 'subnets': 'subnets', 'ports': 'ports',
              'security-groups': 'security_groups', 'routers': 'routers',
              'floatingips': 'floatingips'}


class TagsController(base.NetworkController):
    """One controller for every collection: the route names the collection."""

    def _authorize(self, req, action: str, collection: str, resource_id: str) -> None:
        if collection not in RULE_NAMES:
            raise exception.RouteNotFound()
        ctx = req.context
        owner = self.net.tags.owner(ctx, collection, resource_id)
        self.authorize(ctx, '%s_%s_tags' % (action, RULE_NAMES[collection]),
                       {'project_id': owner})

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(403, 404)
    def index(self, req, collection: str, resource_id: str):
        """A resource's tags. 200; 404 for a resource not seen."""
        self._authorize(req, 'get', collection, resource_id)
        return views.tags(self.net.tags.list(req.context, collection, resource_id))

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(403, 404)
    def show(self, req, collection: str, resource_id: str, tag: str):
        """204 when the resource has ``tag``; 404 otherwise."""
        self._authorize(req, 'get', collection, resource_id)
        if tag not in self.net.tags.list(req.context, collection, resource_id):
            raise net_exc.TagNotFound(tag=tag)
        return controller.ResponseObject(None, 204)

    @validation.schema(schemas.tags_update)
    @controller.expected_errors(400, 403, 404)
    def update_all(self, req, collection: str, resource_id: str, body: dict):
        """Replace the tags. 200 with them; 400 for a bad tag."""
        self._authorize(req, 'update', collection, resource_id)
        return views.tags(self.net.tags.replace(req.context, collection, resource_id,
                                                body['tags']))

    @validation.schema(schemas.no_body)
    @controller.expected_errors(400, 403, 404)
    @controller.response(201)
    def update(self, req, collection: str, resource_id: str, tag: str, body: dict | None = None):
        """Add one tag. 201; 400 for a bad tag."""
        self._authorize(req, 'create', collection, resource_id)
        self.net.tags.add(req.context, collection, resource_id, tag)

    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete_all(self, req, collection: str, resource_id: str):
        """Remove every tag. 204."""
        self._authorize(req, 'delete', collection, resource_id)
        self.net.tags.remove_all(req.context, collection, resource_id)

    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, collection: str, resource_id: str, tag: str):
        """Remove one tag. 204; 404 for a tag it does not have."""
        self._authorize(req, 'delete', collection, resource_id)
        self.net.tags.remove(req.context, collection, resource_id, tag)
