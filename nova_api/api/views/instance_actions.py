"""Bodies of ``os-instance-actions``: actions per microversion, and their events as the caller may
see them.

Times print as Nova's do here (a naive time to the microsecond, no zone).
2.58 adds an action's ``updated_at`` and the list's ``links``; an event
shows its ``traceback`` to those the events rule lets see every detail,
from 2.62 its ``hostId`` to all and its ``host`` to those, from 2.84 its
``details`` to those the details rule allows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api.views import server_parts
from nova_api.compute.instance_actions import Action
from nova_api.compute.instance_actions import Event


@dataclasses.dataclass(frozen=True)
class EventOptions:
    """What of an action's events the caller sees, decided once per request."""

    traceback: bool = False
    host: bool = False
    host_id: bool = False
    details: bool = False


def action(req, record: Action) -> dict:
    body = {
        'action': record.action,
        'instance_uuid': record.instance_uuid,
        'request_id': record.request_id,
        'user_id': record.user_id,
        'project_id': record.project_id,
        'start_time': server_parts.usage_time(record.start_time),
        'message': record.message,
    }
    if microversion.allows_instance_action_pages(req):
        body['updated_at'] = server_parts.usage_time(record.updated_at)
    return body


def event(record: Event, project_id: str, options: EventOptions) -> dict:
    body = {
        'event': record.event,
        'start_time': server_parts.usage_time(record.start_time),
        'finish_time': server_parts.usage_time(record.finish_time),
        'result': record.result,
    }
    if options.traceback:
        body['traceback'] = record.traceback
    if options.host:
        body['host'] = record.host
    if options.host_id:
        body['hostId'] = server_parts.host_id(project_id, record.host)
    if options.details:
        body['details'] = record.details
    return body


def index(req, server_id: str, actions: Sequence[Action], limit: int | None) -> dict:
    """``{"instanceActions": [...]}``, with a ``links`` next link after a full page (2.58)."""
    body: dict = {'instanceActions': [action(req, record) for record in actions]}
    if microversion.allows_instance_action_pages(req):
        next_links = pagination.next_links(req, 'servers/%s/os-instance-actions' % server_id,
                                           actions, limit, lambda record: record.request_id)
        if next_links:
            body['links'] = next_links
    return body


def show(req, record: Action, events: Sequence[Event] | None, server_project_id: str,
         options: EventOptions) -> dict:
    """``{"instanceAction": {...}}``; ``events`` only when the caller may see them (None: not)."""
    body = action(req, record)
    if events is not None:
        # Actions recorded without a project (none are, here) take the server's, as in Nova.
        project_id = record.project_id or server_project_id
        body['events'] = [event(item, project_id, options) for item in events]
    return {'instanceAction': body}
