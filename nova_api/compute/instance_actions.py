"""A server's instance actions (``os-instance-actions``): what was asked of it, and what happened.

The records are written where operations are accepted
(:mod:`nova_api.compute.servers.api`) and by the task runner (the
events); here they are read, as Nova's ``InstanceActionAPI`` reads them.
From 2.21 the actions of a deleted server stay readable.
"""

from __future__ import annotations

import dataclasses
import datetime

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.objects import instance_actions as action_objects
from nova_api.objects import servers as server_objects
from nova_api.objects.instance_actions import Action
from nova_api.objects.instance_actions import Event
from nova_api.objects.servers import Server

__all__ = ['Action', 'ActionQuery', 'Event', 'InstanceActionsAPI']


@dataclasses.dataclass(frozen=True)
class ActionQuery:
    """A page of actions (2.58): at most ``limit``, after the action of request ``marker``,
    updated within [``changes_since``, ``changes_before``] (2.66)."""

    limit: int | None = None
    marker: str | None = None
    changes_since: datetime.datetime | None = None
    changes_before: datetime.datetime | None = None


class InstanceActionsAPI(base.ResourceAPI):
    """Read a server's actions and their events."""

    def server(self, ctx: nova_context.RequestContext, server_id: str,
               read_deleted: bool = False) -> Server:
        """The server as ``ctx`` may see it, deleted ones too when asked; else ``InstanceNotFound``."""
        project = None if ctx.is_admin else ctx.project_id
        server = self.database.read_prepared(server_objects.get, server_id, project, read_deleted)
        if server is None:
            raise exception.InstanceNotFound(instance_id=server_id)
        return server

    def list(self, server: Server, query: ActionQuery = ActionQuery()) -> list[Action]:
        """The server's actions, newest first; ``MarkerNotFound`` (400) for an unknown marker."""
        if query.limit == 0:
            return []
        if (query.changes_since and query.changes_before
                and query.changes_before < query.changes_since):
            raise exception.InvalidChangesWindow()

        def work(session: orm.Session) -> list[Action]:
            after = None
            if query.marker is not None:
                after = action_objects.by_request_id(session, server.uuid, query.marker)
                if after is None:
                    raise exception.MarkerNotFound(marker=query.marker)
            return action_objects.page(session, server.uuid, query.limit, after,
                                       query.changes_since, query.changes_before)
        return self.database.read(work)

    def get(self, server: Server, request_id: str,
            with_events: bool = True) -> tuple[Action, list[Event]]:
        """The server's action of that request and (when asked) its events, newest first;
        ``InstanceActionNotFound`` (404)."""
        def work(session: orm.Session) -> tuple[Action, list[Event]]:
            action = action_objects.by_request_id(session, server.uuid, request_id)
            if action is None:
                raise exception.InstanceActionNotFound(request_id=request_id)
            return action, action_objects.events(session, action.id) if with_events else []
        return self.database.read(work)
