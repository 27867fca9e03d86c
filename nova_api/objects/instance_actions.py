"""Instance actions and their events (``os-instance-actions``): pages of a server's actions, newest
first, and one action with its events.

The order is Nova's: ``created_at`` then ``id``, both descending; a page
after a marker continues strictly below the marker's (created_at, id).
"""

from __future__ import annotations

import dataclasses
import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_A = models.InstanceAction.__table__.c
_E = models.InstanceActionEvent.__table__.c


@dataclasses.dataclass(frozen=True, slots=True)
class Action:
    """A request on a server, as recorded when it was accepted."""

    id: int
    action: str
    instance_uuid: str
    request_id: str | None
    user_id: str | None
    project_id: str | None
    start_time: datetime.datetime | None
    finish_time: datetime.datetime | None
    message: str | None
    created_at: datetime.datetime | None
    updated_at: datetime.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """One step the compute side took for an action."""

    event: str
    start_time: datetime.datetime | None
    finish_time: datetime.datetime | None
    result: str | None
    traceback: str | None
    host: str | None
    details: str | None


_ACTION_COLUMNS = (_A.id, _A.action, _A.instance_uuid, _A.request_id, _A.user_id, _A.project_id,
                   _A.start_time, _A.finish_time, _A.message, _A.created_at, _A.updated_at)
_NEWEST_FIRST = (_A.created_at.desc(), _A.id.desc())


def by_request_id(session: orm.Session, uuid: str, request_id: str) -> Action | None:
    """The server's newest action of that request (Nova's ``action_get_by_request_id``)."""
    row = session.execute(sa.select(*_ACTION_COLUMNS).where(
        _A.instance_uuid == uuid, _A.request_id == request_id)
        .order_by(*_NEWEST_FIRST).limit(1)).first()
    return None if row is None else Action(*row)


def page(session: orm.Session, uuid: str, limit: int | None = None, after: Action | None = None,
         changes_since: datetime.datetime | None = None,
         changes_before: datetime.datetime | None = None) -> list[Action]:
    """The server's actions newest first: after ``after``, updated within the window, ``limit``."""
    query = sa.select(*_ACTION_COLUMNS).where(_A.instance_uuid == uuid)
    if changes_since is not None:
        query = query.where(_A.updated_at >= changes_since)
    if changes_before is not None:
        query = query.where(_A.updated_at <= changes_before)
    if after is not None:
        query = query.where(sa.or_(
            _A.created_at < after.created_at,
            sa.and_(_A.created_at == after.created_at, _A.id < after.id)))
    query = query.order_by(*_NEWEST_FIRST)
    if limit is not None:
        query = query.limit(limit)
    return [Action(*row) for row in session.execute(query)]


def events(session: orm.Session, action_id: int) -> list[Event]:
    """The action's events, newest first (Nova's ``action_events_get``)."""
    return [Event(*row) for row in session.execute(
        sa.select(_E.event, _E.start_time, _E.finish_time, _E.result, _E.traceback, _E.host,
                  _E.details)
        .where(_E.action_id == action_id).order_by(_E.created_at.desc(), _E.id.desc()))]
