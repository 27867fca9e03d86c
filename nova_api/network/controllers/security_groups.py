"""``/v2.0/security-groups`` and ``/v2.0/security-group-rules``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base


def _owner(ctx, values: dict) -> dict:
    return {'project_id': values.get('project_id') or values.get('tenant_id') or ctx.project_id}


class SecurityGroupsController(base.NetworkController):
    collection = 'security-groups'

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The caller's groups (its ``default`` one made on first use). 200."""
        query = self.query(req)
        records, more = self.net.security_groups.list(req.context, query)
        return views.page(req, self.collection, records, more, query)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One group with its rules. 200; 404."""
        return views.one(self.collection, self.net.security_groups.get(req.context, id),
                         self.fields(req))

    @validation.schema(schemas.security_group_create)
    @controller.expected_errors(400, 403, 409)
    @controller.response(201)
    def create(self, req, body: dict):
        """A group with egress rules. 201; 409 for another ``default`` or over quota."""
        values = base.body_of(body, 'security_group')
        self.authorize(req.context, 'create_security_group', _owner(req.context, values))
        return views.one(self.collection, self.net.security_groups.create(req.context, values))

    @validation.schema(schemas.security_group_update)
    @controller.expected_errors(400, 403, 404, 409)
    def update(self, req, id: str, body: dict):
        """Rename or describe a group. 200; 409 for renaming ``default``."""
        ctx = req.context
        record = self.net.security_groups.get(ctx, id)
        self.authorize(ctx, 'update_security_group', {'project_id': record['project_id']})
        return views.one(self.collection, self.net.security_groups.update(
            ctx, id, base.body_of(body, 'security_group')))

    @controller.expected_errors(403, 404, 409)
    @controller.response(204)
    def delete(self, req, id: str):
        """Delete a group. 204; 409 for ``default`` or a group ports use."""
        ctx = req.context
        record = self.net.security_groups.get(ctx, id)
        self.authorize(ctx, 'delete_security_group', {'project_id': record['project_id']})
        self.net.security_groups.delete(ctx, id)


class SecurityGroupRulesController(base.NetworkController):
    collection = 'security-group-rules'

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The rules of the caller's groups. 200."""
        query = self.query(req)
        records, more = self.net.security_groups.list_rules(req.context, query)
        return views.page(req, self.collection, records, more, query)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """One rule. 200; 404."""
        return views.one(self.collection, self.net.security_groups.get_rule(req.context, id),
                         self.fields(req))

    @validation.schema(schemas.security_group_rule_create)
    @controller.expected_errors(400, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body: dict):
        """A rule of one of the caller's groups. 201; 400 for what Neutron refuses (protocol,
        ports, ethertype against the prefix); 404 for a group not seen; 409 for a duplicate."""
        values = base.body_of(body, 'security_group_rule')
        ctx = req.context
        group = self.net.security_groups.get(ctx, values['security_group_id'])
        self.authorize(ctx, 'create_security_group_rule', {'project_id': group['project_id']})
        return views.one(self.collection, self.net.security_groups.create_rule(ctx, values))

    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, id: str):
        """Delete a rule. 204; 404."""
        ctx = req.context
        record = self.net.security_groups.get_rule(ctx, id)
        self.authorize(ctx, 'delete_security_group_rule', {'project_id': record['project_id']})
        self.net.security_groups.delete_rule(ctx, id)
