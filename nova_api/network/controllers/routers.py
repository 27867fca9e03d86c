"""``/v2.0/routers``, and ``PUT /v2.0/routers/{id}/add_router_interface`` (and remove)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base

ADMIN_ATTRIBUTES = ('external_gateway_info:enable_snat',
                    'external_gateway_info:external_fixed_ips')


class RoutersController(base.NetworkController):
    collection = 'routers'

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The caller's routers. 200."""
        query = self.query(req)
        records, more = self.net.routers.list(req.context, query)
        return views.page(req, self.collection, records, more, query)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One router. 200; 404."""
        return views.one(self.collection, self.net.routers.get(req.context, id), self.fields(req))

    @validation.schema(schemas.router_create)
    @controller.expected_errors(400, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body: dict):
        """A router, with a gateway on an external network if asked. 201; 400 for a network
        that is not external; 403 for ``enable_snat`` or fixed IPs but by an admin; 409."""
        values = base.body_of(body, 'router')
        ctx = req.context
        owner = {'project_id': values.get('project_id') or values.get('tenant_id') or
                 ctx.project_id}
        self.authorize(ctx, 'create_router', owner)
        self.authorize_attributes(ctx, 'create', 'router', values, owner, ADMIN_ATTRIBUTES)
        return views.one(self.collection, self.net.routers.create(ctx, values))

    @validation.schema(schemas.router_update)
    @controller.expected_errors(400, 403, 404, 409)
    def update(self, req, id: str, body: dict):
        """Change a router or its gateway. 200; 409 for a gateway floating IPs need."""
        values = base.body_of(body, 'router')
        ctx = req.context
        owner = {'project_id': self.net.routers.get(ctx, id)['project_id']}
        self.authorize(ctx, 'update_router', owner)
        self.authorize_attributes(ctx, 'update', 'router', values, owner, ADMIN_ATTRIBUTES)
        return views.one(self.collection, self.net.routers.update(ctx, id, values))

    @controller.expected_errors(403, 404, 409)
    @controller.response(204)
    def delete(self, req, id: str):
        """Delete a router. 204; 409 while it has interfaces."""
        ctx = req.context
        self.authorize(ctx, 'delete_router',
                       {'project_id': self.net.routers.get(ctx, id)['project_id']})
        self.net.routers.delete(ctx, id)

    @validation.schema(schemas.router_interface)
    @controller.expected_errors(400, 403, 404, 409)
    def add_router_interface(self, req, id: str, body: dict):
        """An interface on a subnet (its gateway IP) or an unused port. 200; 400; 404; 409."""
        ctx = req.context
        self.authorize(ctx, 'add_router_interface',
                       {'project_id': self.net.routers.get(ctx, id)['project_id']})
        return views.router_interface(self.net.routers.add_interface(ctx, id, body))

    @validation.schema(schemas.router_interface)
    @controller.expected_errors(400, 403, 404, 409)
    def remove_router_interface(self, req, id: str, body: dict):
        """Remove an interface by subnet or port. 200; 404 for none; 409 when floating IPs need
        it."""
        ctx = req.context
        self.authorize(ctx, 'remove_router_interface',
                       {'project_id': self.net.routers.get(ctx, id)['project_id']})
        return views.router_interface(self.net.routers.remove_interface(ctx, id, body))
