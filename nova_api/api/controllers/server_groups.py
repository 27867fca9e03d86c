"""os-server-groups: groups of servers that the scheduler places together or apart.

A group belongs to its project: another project's group is not found (404)
for a non-admin, before any policy rule is asked (Nova asks the policy with
the group's project and answers 403). An admin lists every project's
groups with ``all_projects`` (any value, as in Nova; a non-admin asking it
gets their own). Servers join a group at boot (``os:scheduler_hints``
``group``) and leave it when they are deleted.
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import server_groups as schemas
from nova_api.api.views import server_groups as views
from nova_api.policies import server_groups as policies


def _offset_page(req, max_limit: int) -> tuple[int, int]:
    """(limit, offset) as Nova's ``common.limited`` reads them: the last value of each;
    no limit, or 0, is ``[api] max_limit``."""
    limit = int(req.GET.getall('limit')[-1]) if 'limit' in req.GET else 0
    offset = int(req.GET.getall('offset')[-1]) if 'offset' in req.GET else 0
    return min(limit or max_limit, max_limit), offset


class ServerGroupsController(controller.Controller):
    """``/os-server-groups`` and ``/os-server-groups/{id}``."""

    @validation.query_schema(schemas.index_query, '2.1', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def index(self, req):
        """List the project's groups (every project's for an admin's ``all_projects``). 200.

        ``limit`` and ``offset`` slice the list; bodies as show.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.INDEX, {'project_id': ctx.project_id})
        all_projects = 'all_projects' in req.GET and bool(ctx.is_admin)
        if all_projects:
            self.policy.authorize(ctx, policies.INDEX_ALL_PROJECTS, {'project_id': ctx.project_id})
        limit, offset = _offset_page(req, self.compute.conf.api.max_limit)
        groups = self.compute.server_groups.list(ctx, all_projects, limit, offset)
        return views.index(req, groups)

    @validation.query_schema(schemas.show_query, '2.1', '2.101')
    @validation.query_schema(schemas.show_query_v2_102, '2.102')
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """Show a group with its live members. 200; 404 for an unknown or another project's group."""
        group = self.compute.server_groups.get(req.context, id)
        self.policy.authorize(req.context, policies.SHOW, {'project_id': group.project_id})
        return views.detail(req, group)

    @validation.schema(schemas.create, '2.1', '2.14')
    @validation.schema(schemas.create_v2_15, '2.15', '2.63')
    @validation.schema(schemas.create_v2_64, '2.64')
    @controller.expected_errors(400, 403)
    def create(self, req, body):
        """Create a group. 200 with the group.

        ``policies`` (one of them; soft-* from 2.15) before 2.64, ``policy``
        and ``rules`` (anti-affinity's ``max_server_per_host``) from 2.64;
        the ``server_groups`` quota is a 403.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.CREATE, {'project_id': ctx.project_id})
        params = body['server_group']
        if microversion.uses_single_server_group_policy(req):
            policy, rules = params['policy'], params.get('rules')
        else:
            policy, rules = params['policies'][0], None
        group = self.compute.server_groups.create(ctx, params['name'], policy, rules)
        return views.detail(req, group)

    @controller.response(204)
    @controller.expected_errors(404)
    def delete(self, req, id: str):
        """Delete a group. 204; its servers stay, no longer members of it."""
        ctx = req.context
        group = self.compute.server_groups.get(ctx, id)
        self.policy.authorize(ctx, policies.DELETE, {'project_id': group.project_id})
        self.compute.server_groups.delete(ctx, group)
