"""Nova's security group proxies (``os-security-groups``, ``os-security-group-rules``, to 2.35)
over the network service's groups: the same rows ``/network/v2.0/security-groups`` shows, with
Nova's checks of a rule and Nova's wording for what the network service refuses."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import security_group_rules as nova_rules
from nova_api.compute import security_groups as groups
from nova_api.exception import network as net_exc
from nova_api.exception import security_group_proxy as sg_exc


def _checked_id(value: Any) -> str:
    """Nova's ``validate_id``: a group or rule id is a UUID (400 otherwise)."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        raise sg_exc.InvalidGroupId() from None
    return str(value)


@dataclasses.dataclass(frozen=True)
class NewRule:
    """A rule just made, and the group it names as its source (for its ``group`` field)."""

    rule: groups.Rule
    source: groups.SecurityGroup | None


class SecurityGroupProxyAPI(base.NetworkServiceProxyAPI):
    """List, show, create, update and delete groups; create and delete their ingress rules."""

    def list(self, ctx: nova_context.RequestContext,
             all_tenants: bool) -> list[groups.SecurityGroup]:
        """The project's groups (its ``default`` made on first use, as Neutron makes it);
        every project's for an admin asking ``all_tenants``."""
        self._require_service()
        self.net.security_groups.ensure_for(ctx)
        project_id = None if all_tenants and ctx.is_admin else ctx.project_id
        return self.database.read(self.net.compute_groups.proxy_groups, project_id)

    def get(self, ctx: nova_context.RequestContext, group_id: Any) -> groups.SecurityGroup:
        """One group the caller sees (an admin sees all); 400 for an id not a UUID, 404."""
        self._require_service()
        group_id = _checked_id(group_id)
        project_id = None if ctx.is_admin else ctx.project_id
        found = self.database.read(self.net.compute_groups.proxy_groups, project_id, group_id)
        if not found:
            raise sg_exc.GroupNotFound(id=group_id)
        return found[0]

    def visible(self, ctx: nova_context.RequestContext) -> list[groups.SecurityGroup]:
        """The groups rules' sources are named from: the caller's (every one for an admin)."""
        return self.database.read(self.net.compute_groups.proxy_groups,
                                  None if ctx.is_admin else ctx.project_id)

    def create(self, ctx: nova_context.RequestContext, name: str,
               description: str) -> groups.SecurityGroup:
        """A new group; Nova's 403 for what Neutron refuses as a conflict (over quota, a
        second ``default``), 400 for what it finds invalid."""
        self._require_service()
        try:
            made = self.net.security_groups.create(ctx, {'name': name,
                                                         'description': description})
        except exception.Conflict as error:
            raise sg_exc.GroupLimitExceeded(reason=error.format_message()) from None
        except exception.Invalid as error:
            raise sg_exc.GroupRefused(reason=error.format_message()) from None
        return self.get(ctx, made['id'])

    def update(self, ctx: nova_context.RequestContext, group_id: Any, name: str,
               description: str) -> groups.SecurityGroup:
        """Rename it or change its description (``default`` cannot be renamed: 400)."""
        group = self.get(ctx, group_id)
        try:
            self.net.security_groups.update(ctx, group.id, {'name': name,
                                                            'description': description})
        except (exception.Conflict, exception.Invalid) as error:
            raise sg_exc.GroupRefused(reason=error.format_message()) from None
        return self.get(ctx, group.id)

    def delete(self, ctx: nova_context.RequestContext, group_id: Any) -> None:
        """Delete it; 400 while a port uses it, or for ``default`` (but by an admin)."""
        group = self.get(ctx, group_id)
        try:
            self.net.security_groups.delete(ctx, group.id)
        except net_exc.SecurityGroupInUse as error:
            raise sg_exc.GroupInUse(reason=error.format_message()) from None
        except exception.Conflict as error:
            raise sg_exc.GroupRefused(reason=error.format_message()) from None

    def create_rule(self, ctx: nova_context.RequestContext, values: dict[str, Any]) -> NewRule:
        """An ingress rule of ``parent_group_id``, from a ``cidr`` or a source ``group_id``:
        404 for a group the caller lacks, Nova's 400s for the rule, and for one the group has
        already."""
        parent = self.get(ctx, values.get('parent_group_id'))
        source = None
        if values.get('group_id') is not None:
            source = self.get(ctx, values['group_id'])
        rule = nova_rules.new_rule(values.get('ip_protocol'), values.get('from_port'),
                                   values.get('to_port'), values.get('cidr'),
                                   source.id if source else None)
        if any(nova_rules.same(rule, existing) for existing in parent.rules):
            raise sg_exc.RuleExists(group_id=parent.id)
        try:
            made = self.net.security_groups.create_rule(
                ctx, nova_rules.neutron_values(rule, parent.id))
        except net_exc.SecurityGroupRuleExists:
            raise sg_exc.RuleExists(group_id=parent.id) from None
        except exception.Conflict as error:
            raise sg_exc.GroupLimitExceeded(reason=error.format_message()) from None
        except exception.Invalid as error:
            raise sg_exc.GroupRefused(reason=error.format_message()) from None
        return NewRule(nova_rules.of_neutron(
            made['id'], parent.id, made['protocol'], made['port_range_min'],
            made['port_range_max'], made['remote_ip_prefix'], made['remote_group_id']), source)

    def delete_rule(self, ctx: nova_context.RequestContext, rule_id: Any) -> None:
        """Delete one; 404 for a rule (or its group) the caller lacks."""
        self._require_service()
        rule_id = _checked_id(rule_id)
        try:
            rule = self.net.security_groups.get_rule(ctx, rule_id)
        except net_exc.SecurityGroupRuleNotFound:
            raise sg_exc.RuleNotFound(id=rule_id) from None
        self.get(ctx, rule['security_group_id'])
        self.net.security_groups.delete_rule(ctx, rule_id)
