"""``os-security-groups`` and ``os-security-group-rules``: Nova's proxies of the network
service's security groups, up to 2.35 (404 from 2.36, as in Nova)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import security_groups as schemas
from nova_api.api.views import security_groups as views
from nova_api.policies import security_groups as policies


class _ProxyController(controller.Controller):
    def _authorize(self, req, rule: str) -> None:
        self.policy.authorize(req.context, rule, {'project_id': req.context.project_id})


class SecurityGroupsController(_ProxyController):
    """The project's groups (every project's for an admin with ``all_tenants``)."""

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.INDEX_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req):
        """The groups, Nova's ``limit``/``offset`` applied, sorted by project and name. 200."""
        ctx = req.context
        self._authorize(req, policies.LIST)
        groups = self.compute.security_group_proxies.list(ctx, 'all_tenants' in req.GET)
        offset, limit = pagination.offset_and_limit(req.GET, self.compute.conf.api.max_limit)
        return views.index(groups[offset:offset + limit],
                           self.compute.security_group_proxies.visible(ctx))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(400, 404)
    def show(self, req, id: str):
        """One group with its ingress rules. 200; 400 for an id not a UUID; 404."""
        ctx = req.context
        self._authorize(req, policies.SHOW)
        group = self.compute.security_group_proxies.get(ctx, id)
        return views.show(group, self.compute.security_group_proxies.visible(ctx))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.schema_windows(schemas.GROUP_SCHEMAS)
    @controller.expected_errors(400, 403)
    def create(self, req, body):
        """A new group (with Neutron's egress rules, not shown). 200; 403 over quota or for a
        second ``default``."""
        self._authorize(req, policies.CREATE)
        values = body['security_group']
        group = self.compute.security_group_proxies.create(req.context, values['name'],
                                                           values['description'])
        return views.show(group, [])

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.schema_windows(schemas.GROUP_SCHEMAS)
    @controller.expected_errors(400, 404)
    def update(self, req, id: str, body):
        """Its new name and description. 200; 400 renaming ``default``."""
        ctx = req.context
        self._authorize(req, policies.UPDATE)
        values = body['security_group']
        group = self.compute.security_group_proxies.update(ctx, id, values['name'],
                                                           values['description'])
        return views.show(group, self.compute.security_group_proxies.visible(ctx))

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @controller.response(202)
    @controller.expected_errors(400, 404)
    def delete(self, req, id: str):
        """Delete it. 202; 400 while in use, or for ``default``."""
        self._authorize(req, policies.DELETE)
        self.compute.security_group_proxies.delete(req.context, id)


class SecurityGroupRulesController(_ProxyController):
    """A group's ingress rules, one at a time."""

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @validation.schema_windows(schemas.RULE_SCHEMAS)
    @controller.expected_errors(400, 403, 404)
    def create(self, req, body):
        """A rule from a ``cidr`` or a source ``group_id``. 200; Nova's 400s; 404 for a group
        the caller lacks; 403 over quota."""
        self._authorize(req, policies.RULE_CREATE)
        made = self.compute.security_group_proxies.create_rule(req.context,
                                                               body['security_group_rule'])
        return views.rule(made)

    @microversion.versioned(max_version=microversion.LAST_PROXY_API)
    @controller.response(202)
    @controller.expected_errors(400, 404)
    def delete(self, req, id: str):
        """Delete it. 202; 404 for a rule the caller lacks."""
        self._authorize(req, policies.RULE_DELETE)
        self.compute.security_group_proxies.delete_rule(req.context, id)
