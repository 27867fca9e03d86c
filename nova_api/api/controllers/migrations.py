"""``GET /os-migrations``: every move's record, for project managers (their own) and admins."""

from __future__ import annotations

from oslo_utils import timeutils

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion as mv
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import migrations as schemas
from nova_api.api.views import migrations as views
from nova_api.compute.migrations import ListQuery
from nova_api.policies import migrations as policies

#: Nova's filters (the database ignores every other parameter).
FILTERS = ('status', 'host', 'source_compute', 'migration_type', 'instance_uuid', 'hidden',
           'user_id', 'project_id')


def _time(value: str):
    return timeutils.normalize_time(timeutils.parse_isotime(value))


def list_query(req, params: dict[str, str], max_limit: int) -> ListQuery:
    """The filters and page Nova reads at the request's microversion (the last value of each)."""
    filters: dict = {name: params[name] for name in FILTERS if name in params}
    if 'hidden' in filters:
        filters['hidden'] = filters['hidden'].lower() in ('1', 'true', 'yes', 'on')
    if not mv.allows_migration_pages(req):
        # Before 2.59 Nova drops changes-since/before and reads no page.
        return ListQuery(filters=filters)
    limit, marker = pagination.limit_and_marker(params, max_limit)
    since = _time(params['changes-since']) if 'changes-since' in params else None
    before = _time(params['changes-before']) \
        if 'changes-before' in params and mv.allows_changes_before(req) else None
    if since and before and before < since:
        raise exception.InvalidServerRequest(
            reason='The value of changes-since must be less than or equal to changes-before.')
    return ListQuery(filters=filters, limit=limit, marker=marker, changes_since=since,
                     changes_before=before)


class MigrationsController(controller.Controller):
    """``/os-migrations``."""

    @validation.query_schema_windows(schemas.INDEX_QUERY_SCHEMAS)
    @controller.expected_errors(400)
    def index(self, req):
        """The moves, filtered (host, status, instance_uuid, migration_type, source_compute). 200.

        2.23 adds migration_type and links (in-progress live migrations);
        2.59 uuid, limit/marker, changes-since and a next link, newest
        first; 2.66 changes-before; 2.80 user_id/project_id, shown and
        filtered. Another project's (or all) need the all_projects rule;
        the hosts are null without the host rule.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.INDEX)
        params = dict(req.GET.items())
        if params.get('project_id') != ctx.project_id:
            self.policy.authorize(ctx, policies.INDEX_ALL_PROJECTS)
        show_hosts = self.policy.check(ctx, policies.INDEX_HOST)
        query = list_query(req, params, self.compute.conf.api.max_limit)
        migrations = self.compute.migrations.list(ctx, query)
        return views.index(req, migrations, show_hosts, query.limit)
