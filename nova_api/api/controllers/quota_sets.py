"""os-quota-sets: a project's (or one of its users') quota limits, their usage and defaults."""

from __future__ import annotations

from oslo_utils import strutils

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import quota_sets as schemas
from nova_api.api.views import quota_sets as views
from nova_api.policies import quota_sets as policies


def _user_id(req) -> str | None:
    """``?user_id=``: the first non-empty one given, or None (as Nova's parse_qs reads it)."""
    return next((user_id for user_id in req.GET.getall('user_id') if user_id), None)


def _requested(body: dict) -> tuple[dict[str, int], bool]:
    """The limits to set (as integers: the schema admits numeric strings) and ``force``."""
    values = dict(body['quota_set'])
    force = strutils.bool_from_string(values.pop('force', False))
    return {name: int(value) for name, value in values.items()}, force


class QuotaSetsController(controller.Controller):
    """``/os-quota-sets/{id}``: ``id`` is any project id; it need not exist (no identity lookup)."""

    @validation.query_schema(schemas.show_query, '2.1', '2.74')
    @validation.query_schema(schemas.show_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def show(self, req, id):
        """The effective limits (the user's with ``?user_id=``). 200.

        2.36 drops the network quotas, 2.57 the injected file quotas;
        2.75 rejects unknown query parameters.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.SHOW, {'project_id': id})
        limits = self.compute.quota_sets.limits(ctx, id, _user_id(req))
        return views.quota_set(req, limits, project_id=id)

    @validation.query_schema(schemas.detail_query, '2.1', '2.74')
    @validation.query_schema(schemas.detail_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def detail(self, req, id):
        """Limits with ``in_use`` and ``reserved`` (always 0). 200. Keys as :meth:`show`."""
        ctx = req.context
        self.policy.authorize(ctx, policies.DETAIL, {'project_id': id})
        report = self.compute.quota_sets.detail(ctx, id, _user_id(req))
        return views.quota_set_detail(req, id, report)

    @validation.query_schema(schemas.defaults_query)
    @controller.expected_errors(400)
    def defaults(self, req, id):
        """The configured defaults. 200. Keys as :meth:`show`; any query is ignored."""
        ctx = req.context
        self.policy.authorize(ctx, policies.DEFAULTS, {'project_id': id})
        return views.quota_set(req, self.compute.quota_sets.defaults(ctx), project_id=id)

    @validation.schema(schemas.update, '2.1', '2.35')
    @validation.schema(schemas.update_v2_36, '2.36', '2.56')
    @validation.schema(schemas.update_v2_57, '2.57')
    @validation.query_schema(schemas.update_query, '2.1', '2.74')
    @validation.query_schema(schemas.update_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def update(self, req, id, body):
        """Set limits of the project (or of ``?user_id=``); admin. 200, the limits without ``id``.

        A limit below usage (or, for a user, above what the project has left)
        is a 400 unless ``force``. 2.36 refuses the network quotas, 2.57 the
        injected file quotas (unknown keys).
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.UPDATE, {'project_id': id})
        values, force = _requested(body)
        limits = self.compute.quota_sets.update(ctx, id, _user_id(req), values, force=force)
        return views.quota_set(req, limits)

    @validation.query_schema(schemas.delete_query, '2.1', '2.74')
    @validation.query_schema(schemas.delete_query_v2_75, '2.75')
    @controller.expected_errors()
    @controller.response(202)
    def delete(self, req, id):
        """Revert the project (and its users), or ``?user_id=``, to the defaults; admin. 202."""
        ctx = req.context
        self.policy.authorize(ctx, policies.DELETE, {'project_id': id})
        self.compute.quota_sets.delete(ctx, id, _user_id(req))
