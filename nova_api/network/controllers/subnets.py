"""``/v2.0/subnets``: list, create, show, update, delete."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.exception import network as net_exc
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base


def target(project_id: str, network: dict) -> dict:
    return {'project_id': project_id, 'network:project_id': network['project_id'],
            'network:shared': network['shared']}


class SubnetsController(base.NetworkController):
    collection = 'subnets'

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The subnets the caller sees (its own, those of shared networks). 200."""
        query = self.query(req)
        records, more = self.net.subnets.list(req.context, query)
        return views.page(req, self.collection, records, more, query)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One subnet. 200; 404 when not seen."""
        return views.one(self.collection, self.net.subnets.get(req.context, id), self.fields(req))

    @validation.schema(schemas.subnet_create)
    @controller.expected_errors(400, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body: dict):
        """A subnet of a network the caller owns (or any, for an admin). 201; 400 for a bad
        CIDR, pool, gateway or an overlap; 404 for a network not seen; 409 over quota."""
        values = base.body_of(body, 'subnet')
        ctx = req.context
        network = self.net.networks.get(ctx, values['network_id'])
        project = values.get('project_id') or values.get('tenant_id') or ctx.project_id
        self.authorize(ctx, 'create_subnet', target(project, network))
        return views.one(self.collection, self.net.subnets.create(ctx, values))

    @validation.schema(schemas.subnet_update)
    @controller.expected_errors(400, 403, 404, 409)
    def update(self, req, id: str, body: dict):
        """Change a subnet. 200; 400 for a read-only attribute; 403; 404."""
        ctx = req.context
        record = self.net.subnets.get(ctx, id)
        self.authorize(ctx, 'update_subnet', self._owner_target(ctx, record))
        return views.one(self.collection,
                         self.net.subnets.update(ctx, id, base.body_of(body, 'subnet')))

    @controller.expected_errors(403, 404, 409)
    @controller.response(204)
    def delete(self, req, id: str):
        """Delete a subnet. 204; 409 while ports have addresses of it."""
        ctx = req.context
        self.authorize(ctx, 'delete_subnet', self._owner_target(ctx, self.net.subnets.get(ctx, id)))
        self.net.subnets.delete(ctx, id)

    def _owner_target(self, ctx, record: dict) -> dict:
        try:
            network = self.net.networks.get(ctx, record['network_id'])
        except net_exc.NetworkNotFound:  # a subnet of its own on a network it cannot see
            network = {'project_id': None, 'shared': False}
        return target(record['project_id'], network)
