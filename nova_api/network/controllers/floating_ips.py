"""``/v2.0/floatingips``: allocate (and associate), list, show, (dis)associate, release."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base


class FloatingIPsController(base.NetworkController):
    collection = 'floatingips'

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The caller's floating IPs. 200."""
        query = self.query(req)
        records, more = self.net.floating_ips.list(req.context, query)
        return views.page(req, self.collection, records, more, query)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One floating IP. 200; 404."""
        return views.one(self.collection, self.net.floating_ips.get(req.context, id),
                         self.fields(req))

    @validation.schema(schemas.floatingip_create)
    @controller.expected_errors(400, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body: dict):
        """An address of an external network, associated with ``port_id`` if given. 201; 400
        for a network that is not external or has no address left; 403 for
        ``floating_ip_address`` but by an admin; 404 for a port (or a router to it) not found."""
        values = base.body_of(body, 'floatingip')
        ctx = req.context
        owner = {'project_id': values.get('project_id') or values.get('tenant_id') or
                 ctx.project_id}
        self.authorize(ctx, 'create_floatingip', owner)
        self.authorize_attributes(ctx, 'create', 'floatingip', values, owner,
                                  ('floating_ip_address',))
        return views.one(self.collection, self.net.floating_ips.create(ctx, values))

    @validation.schema(schemas.floatingip_update)
    @controller.expected_errors(400, 403, 404, 409)
    def update(self, req, id: str, body: dict):
        """Associate (``port_id``) or disassociate (``port_id: null``). 200; 400; 404; 409."""
        ctx = req.context
        self.authorize(ctx, 'update_floatingip',
                       {'project_id': self.net.floating_ips.get(ctx, id)['project_id']})
        return views.one(self.collection, self.net.floating_ips.update(
            ctx, id, base.body_of(body, 'floatingip')))

    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, id: str):
        """Release a floating IP. 204; 404."""
        ctx = req.context
        self.authorize(ctx, 'delete_floatingip',
                       {'project_id': self.net.floating_ips.get(ctx, id)['project_id']})
        self.net.floating_ips.delete(ctx, id)
