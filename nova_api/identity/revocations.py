"""Token revocation: events in the database, and each worker's cache of them.

A revocation event says "tokens issued before T that match these fields are
no longer valid" (Keystone's revoke model): one token (its ``audit_id``), a
token and its rescoped descendants (``audit_chain_id``), everything of a user
(a password change, a disabled or deleted user), of a project or of a domain,
or made from an application credential (deleted: Keystone stops accepting its
tokens).
Whoever changes those things calls :func:`revoke` in the same transaction.

Validation never reads the table: each worker keeps the live events in a
:class:`RevocationCache`, refreshed at most :data:`REFRESH_SECONDS` after the
last look, so a revocation written by any worker of any node is honoured by
all of them within about a second.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Iterable
from typing import Any
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db.models.base import utcnow

#: How stale a worker's view of the revocations may be, in seconds.
REFRESH_SECONDS = 1.0
#: How far back each refresh looks again: events committed late (a long
#: transaction, a node's clock a little behind) are still picked up.
OVERLAP = datetime.timedelta(seconds=30)
#: How often the whole table is read again (to forget events that were pruned).
FULL_RELOAD_SECONDS = 300.0
#: The fields an event may match on, in the order a token is looked up by.
MATCH_FIELDS = ('audit_id', 'audit_chain_id', 'user_id', 'project_id', 'domain_id',
                'application_credential_id')


def revoke(session: orm.Session, *, user_id: str | None = None, project_id: str | None = None,
           domain_id: str | None = None, audit_id: str | None = None,
           audit_chain_id: str | None = None,
           application_credential_id: str | None = None,
           issued_before: datetime.datetime | None = None,
           expires_at: datetime.datetime | None = None) -> None:
    """Revoke, in the caller's transaction, every token issued until now matching all given fields.

    ``revoke(session, user_id=u)``: all of a user's tokens (password change,
    user disabled or deleted); ``project_id=p``: every token scoped to a
    project (project disabled or deleted); ``user_id=u, project_id=p``: a
    user's tokens on one project (a role taken away); ``audit_id=a``: one
    token (``DELETE /v3/auth/tokens``); ``application_credential_id=c``: the
    tokens made from a credential (deleted). ``expires_at``: when the event may be
    pruned (default: never before the longest-lived token it can match).
    """
    fields = {'user_id': user_id, 'project_id': project_id, 'domain_id': domain_id,
              'audit_id': audit_id, 'audit_chain_id': audit_chain_id,
              'application_credential_id': application_credential_id}
    if not any(fields.values()):
        raise ValueError('a revocation event must match on at least one field')
    now = utcnow()
    session.add(models.RevocationEvent(issued_before=issued_before or now, expires_at=expires_at,
                                       revoked_at=now, **fields))


def prune(session: orm.Session, older_than: datetime.datetime) -> int:
    """Delete the events that can no longer match a valid token; how many went."""
    result = session.execute(sa.delete(models.RevocationEvent).where(
        sa.or_(models.RevocationEvent.expires_at < utcnow(),
               sa.and_(models.RevocationEvent.expires_at.is_(None),
                       models.RevocationEvent.issued_before < older_than))))
    return result.rowcount or 0


class Event(NamedTuple):
    """A revocation event as the cache keeps it."""

    id: int
    issued_before: datetime.datetime
    fields: tuple[tuple[str, str], ...]  # the (name, value) pairs it matches on

    def matches(self, token: dict[str, Any], issued_at: datetime.datetime) -> bool:
        return issued_at <= self.issued_before and all(
            value in _values(token.get(name)) for name, value in self.fields)


def _values(value: Any) -> tuple:
    """A token's field as a tuple: one value, or several (a token has a user's and a scope's domain)."""
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _load(session: orm.Session, since: datetime.datetime | None) -> list[Event]:
    table = models.RevocationEvent
    query = sa.select(table.id, table.issued_before, *(getattr(table, f) for f in MATCH_FIELDS))
    if since is not None:
        query = query.where(table.revoked_at >= since)
    events = []
    for row in session.execute(query):
        fields = tuple((name, value) for name, value in zip(MATCH_FIELDS, row[2:], strict=True)
                       if value is not None)
        events.append(Event(row.id, row.issued_before, fields))
    return events


class RevocationCache:
    """One worker's copy of the revocation events, indexed by the first field each matches on."""

    def __init__(self, database: Any, clock: Any = time.monotonic):
        self.database = database
        self.clock = clock
        self._lock = threading.Lock()
        self._index: dict[tuple[str, str], dict[int, Event]] = {}
        self._next_refresh = 0.0
        self._next_full = 0.0
        self._since: datetime.datetime | None = None

    def is_revoked(self, token: Any, keys: Iterable[tuple[str, str]] | None = None) -> bool:
        """Whether an event revokes ``token`` (a :class:`nova_api.identity.tokens.Token`).

        ``keys``: its ``revocation_keys()``, when the caller has them already.
        """
        self.refresh()
        index = self._index
        if not index:
            return False
        fields = None
        for key in (keys if keys is not None else token.revocation_keys()):
            group = index.get(key)
            if group:
                fields = fields or token.revocation_fields()
                for event in tuple(group.values()):
                    if event.matches(fields, token.issued_at):
                        return True
        return False

    def refresh(self, force: bool = False) -> None:
        """Read the events written since the last look, if that was over a second ago."""
        now = self.clock()
        if not force and now < self._next_refresh:
            return
        with self._lock:
            if not force and now < self._next_refresh:
                return  # another green thread did it meanwhile
            full = force or now >= self._next_full
            started = utcnow()
            events = self.database.read(_load, None if full else self._since)
            index = {} if full else {key: dict(group) for key, group in self._index.items()}
            self._add(index, events)
            self._index = index
            self._since = started - OVERLAP
            self._next_refresh = self.clock() + REFRESH_SECONDS
            if full:
                self._next_full = self.clock() + FULL_RELOAD_SECONDS

    @staticmethod
    def _add(index: dict[tuple[str, str], dict[int, Event]], events: Iterable[Event]) -> None:
        for event in events:
            if event.fields:
                index.setdefault(event.fields[0], {})[event.id] = event
