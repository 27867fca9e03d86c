"""A server's instance actions: ``/servers/{server_id}/os-instance-actions[/{request_id}]``.

From 2.21 a deleted server's actions stay readable. The list is newest
first; 2.58 adds ``updated_at``, ``limit``/``marker`` (a request id) and
``changes-since``, 2.66 ``changes-before``. The show has the events for
those the ``events`` rule allows (admins), and from 2.51 for every reader
without their tracebacks; 2.62 adds each event's ``hostId`` (and its
``host`` for admins), 2.84 its ``details`` (``events:details``).
"""

from __future__ import annotations

from oslo_utils import timeutils

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import instance_actions as schemas
from nova_api.api.views import instance_actions as views
from nova_api.compute import instance_actions
from nova_api.policies import instance_actions as policies


def _time(value: str | None):
    """An ISO 8601 time (the schema has checked it) as the database keeps times: naive UTC."""
    return None if value is None else timeutils.normalize_time(timeutils.parse_isotime(value))


class InstanceActionsController(controller.Controller):
    """List a server's actions and show one with its events."""

    def _server(self, req, server_id: str, rule: str):
        server = self.compute.instance_actions.server(
            req.context, server_id, read_deleted=microversion.reads_deleted_server_actions(req))
        self.policy.authorize(req.context, rule, {'project_id': server.project_id})
        return server

    def _query(self, req) -> instance_actions.ActionQuery:
        if not microversion.allows_instance_action_pages(req):
            return instance_actions.ActionQuery()
        params = dict(req.GET.items())
        limit, marker = pagination.limit_and_marker(params, self.compute.conf.api.max_limit)
        return instance_actions.ActionQuery(
            limit=limit, marker=marker, changes_since=_time(params.get('changes-since')),
            changes_before=_time(params.get('changes-before')))

    @validation.query_schema_windows(schemas.INDEX_QUERY_SCHEMAS)
    @controller.expected_errors(400, 404)
    def index(self, req, server_id: str):
        """The server's actions, newest first. 200; 400 for an unknown marker (2.58)."""
        server = self._server(req, server_id, policies.LIST)
        query = self._query(req)
        actions = self.compute.instance_actions.list(server, query)
        return views.index(req, server.uuid, actions, query.limit)

    @validation.query_schema_windows(schemas.SHOW_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, server_id: str, id: str):
        """One action (``id`` is its request id) and, as the caller may see them, its events. 200."""
        ctx = req.context
        server = self._server(req, server_id, policies.SHOW)
        target = {'project_id': server.project_id}
        everything = self.policy.check(ctx, policies.EVENTS, target)
        with_events = everything or microversion.shows_action_events_to_owners(req)
        options = views.EventOptions(
            traceback=everything,
            host=everything and microversion.shows_action_event_host(req),
            host_id=microversion.shows_action_event_host(req),
            details=with_events and microversion.shows_action_event_details(req)
            and self.policy.check(ctx, policies.EVENTS_DETAILS, target))
        action, events = self.compute.instance_actions.get(server, id, with_events)
        return views.show(req, action, events if with_events else None, server.project_id,
                          options)
