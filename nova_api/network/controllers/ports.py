"""``/v2.0/ports``: list, create, show, update, delete. The ``binding:`` attributes but
``binding:vnic_type`` are an admin's to read and write."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.exception import network as net_exc
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base
from nova_api.policies import network as network_policies


def target(project_id: str, network: dict, device_owner: str = '') -> dict:
    return {'project_id': project_id, 'network:project_id': network['project_id'],
            'network:shared': network['shared'],
            'network_device': str(device_owner.startswith('network:'))}


class PortsController(base.NetworkController):
    collection = 'ports'

    def _network(self, ctx, network_id: str) -> dict:
        try:
            return self.net.networks.get(ctx, network_id)
        except net_exc.NetworkNotFound:  # its own port on a network it no longer sees
            return {'project_id': None, 'shared': False}

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The caller's ports (every port, for an admin), filtered. 200."""
        query = self.query(req)
        records, more = self.net.ports.list(req.context, query)
        return views.page(req, self.collection, records, more, query,
                          self.hidden_port_attributes(req.context))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One port. 200; 404 when not the caller's."""
        return views.one(self.collection, self.net.ports.get(req.context, id), self.fields(req),
                         self.hidden_port_attributes(req.context))

    @validation.schema(schemas.port_create)
    @controller.expected_errors(400, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body: dict):
        """A port on a network the caller sees. 201; 403 for attributes only the network's
        owner or an admin may set; 404; 409 for an address or MAC in use, no address left, or
        over quota."""
        values = base.body_of(body, 'port')
        ctx = req.context
        network = self.net.networks.get(ctx, values['network_id'])
        wanted = target(values.get('project_id') or values.get('tenant_id') or ctx.project_id,
                        network, values.get('device_owner') or '')
        self.authorize(ctx, 'create_port', wanted)
        self.authorize_attributes(ctx, 'create', 'port', values, wanted,
                                  network_policies.PORT_ATTRIBUTES)
        return views.one(self.collection, self.net.ports.create(ctx, values),
                         hidden=self.hidden_port_attributes(ctx))

    @validation.schema(schemas.port_update)
    @controller.expected_errors(400, 403, 404, 409)
    def update(self, req, id: str, body: dict):
        """Change a port. 200; 403; 404; 409 (addresses, MAC, port security)."""
        values = base.body_of(body, 'port')
        ctx = req.context
        record = self.net.ports.get(ctx, id)
        current = target(record['project_id'], self._network(ctx, record['network_id']),
                         values.get('device_owner', record['device_owner']))
        self.authorize(ctx, 'update_port', current)
        self.authorize_attributes(ctx, 'update', 'port', values, current,
                                  network_policies.PORT_ATTRIBUTES)
        return views.one(self.collection, self.net.ports.update(ctx, id, values),
                         hidden=self.hidden_port_attributes(ctx))

    @controller.expected_errors(403, 404, 409)
    @controller.response(204)
    def delete(self, req, id: str):
        """Delete a port. 204; 409 for a router's or floating IP's port."""
        ctx = req.context
        record = self.net.ports.get(ctx, id)
        self.authorize(ctx, 'delete_port', target(
            record['project_id'], self._network(ctx, record['network_id'])))
        self.net.ports.delete(ctx, id)
