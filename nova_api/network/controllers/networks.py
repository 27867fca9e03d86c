"""``/v2.0/networks``: list, create, show, update, delete."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.exception import network as net_exc
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base

ADMIN_ATTRIBUTES = ('shared', 'router:external')


def target(record: dict) -> dict:
    return {'project_id': record['project_id'], 'shared': record['shared'],
            'router:external': record['router:external']}


class NetworksController(base.NetworkController):
    collection = 'networks'

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The networks the caller sees (its own, shared, external), filtered. 200."""
        query = self.query(req)
        records, more = self.net.networks.list(req.context, query)
        return views.page(req, self.collection, records, more, query)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One network. 200; 404 when not seen."""
        record = self.net.networks.get(req.context, id)
        self.can_get(req.context, 'get_network', target(record), net_exc.NetworkNotFound(net_id=id))
        return views.one(self.collection, record, self.fields(req))

    @validation.schema(schemas.network_create)
    @controller.expected_errors(400, 403, 409)
    @controller.response(201)
    def create(self, req, body: dict):
        """A network. 201; 403 for shared or router:external but by an admin; 409 over quota."""
        values = base.body_of(body, 'network')
        ctx = req.context
        wanted = {'project_id': values.get('project_id') or values.get('tenant_id') or
                  ctx.project_id, 'shared': values.get('shared', False),
                  'router:external': values.get('router:external', False)}
        self.authorize(ctx, 'create_network', wanted)
        self.authorize_attributes(ctx, 'create', 'network', values, wanted, ADMIN_ATTRIBUTES)
        return views.one(self.collection, self.net.networks.create(ctx, values))

    @validation.schema(schemas.network_update)
    @controller.expected_errors(400, 403, 404, 409)
    def update(self, req, id: str, body: dict):
        """Change a network. 200; 403 (a shared network of another project); 404."""
        values = base.body_of(body, 'network')
        ctx = req.context
        current = target(self.net.networks.get(ctx, id))
        self.authorize(ctx, 'update_network', current)
        self.authorize_attributes(ctx, 'update', 'network', values, current, ADMIN_ATTRIBUTES)
        return views.one(self.collection, self.net.networks.update(ctx, id, values))

    @controller.expected_errors(403, 404, 409)
    @controller.response(204)
    def delete(self, req, id: str):
        """Delete a network and its subnets. 204; 409 while ports are on it."""
        ctx = req.context
        self.authorize(ctx, 'delete_network', target(self.net.networks.get(ctx, id)))
        self.net.networks.delete(ctx, id)
