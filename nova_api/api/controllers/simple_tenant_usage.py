"""os-simple-tenant-usage: every project's usage (admin), or one project's (its readers, admin).

The period is ``start`` to ``end`` (each defaulting to now; the end is
capped at now); ``detailed=1`` lists each project's servers. From 2.40 the
servers counted are paged (``limit``, ``marker``) with next links; before,
a report counts at most ``[api] max_limit`` servers, as Nova's does.
"""

from __future__ import annotations

import datetime
import urllib.parse

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import simple_tenant_usage as schemas
from nova_api.api.views import simple_tenant_usage as views
from nova_api.policies import simple_tenant_usage as policies

_FORMATS = ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f')


def _parse_time(text: str | None) -> datetime.datetime:
    """A period bound as naive UTC; empty is now. Nova's formats only (400 otherwise)."""
    if not text:
        return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    for fmt in _FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise exception.InvalidStrTime(reason='Datetime is in invalid format')


def _period(req) -> tuple[datetime.datetime, datetime.datetime, bool]:
    """(start, end, detailed), read as Nova reads the raw query string (first values, blanks dropped)."""
    params = urllib.parse.parse_qs(req.environ.get('QUERY_STRING', ''))
    start = _parse_time(params.get('start', [None])[0])
    stop = _parse_time(params.get('end', [None])[0])
    if not start < stop:
        raise exception.InvalidUsagePeriod()
    return start, stop, params.get('detailed', ['0'])[0] == '1'


def _page(req, max_limit: int) -> tuple[int, str | None, bool]:
    """(limit, marker, links): from 2.40 the request's; before, ``max_limit`` and no links."""
    if not microversion.allows_usage_pagination(req):
        return max_limit, None, False
    limit, marker = pagination.limit_and_marker(dict(req.GET.items()), max_limit)
    return limit, marker, True


class SimpleTenantUsageController(controller.Controller):
    """``/os-simple-tenant-usage`` and ``/os-simple-tenant-usage/{tenant_id}``."""

    @validation.query_schema(schemas.index_query, '2.1', '2.39')
    @validation.query_schema(schemas.index_query_v2_40, '2.40', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def index(self, req):
        """Every project's usage in the period; admin. 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.LIST)
        start, stop, detailed = _period(req)
        limit, marker, links = _page(req, self.compute.conf.api.max_limit)
        usages, servers = self.compute.simple_tenant_usage.usage(ctx, start, stop, None, limit, marker)
        return views.index(req, usages, servers, detailed, limit, links)

    @validation.query_schema(schemas.show_query, '2.1', '2.39')
    @validation.query_schema(schemas.show_query_v2_40, '2.40', '2.74')
    @validation.query_schema(schemas.show_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def show(self, req, id):
        """One project's usage with its servers; its readers or an admin. 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.SHOW, {'project_id': id})
        start, stop, _ = _period(req)
        limit, marker, links = _page(req, self.compute.conf.api.max_limit)
        usages, servers = self.compute.simple_tenant_usage.usage(ctx, start, stop, id, limit, marker)
        return views.show(req, id, usages, servers, limit, links)
