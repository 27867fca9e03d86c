"""Server writes: new servers with their rows, compare-and-swap state changes, faults and actions.

A state change is one ``UPDATE ... WHERE`` on the states it may start from:
of two concurrent changes of one server, the database lets exactly one
match, and the other learns it lost from the row count.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_instances = models.Instance.__table__
_I = _instances.c


def utcnow() -> datetime.datetime:
    """Now, as the database keeps times: naive UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def insert_servers(session: orm.Session, rows: Sequence[Mapping[str, Any]],
                   metadata: Mapping[str, Mapping[str, str]],
                   tags: Mapping[str, Iterable[str]],
                   block_devices: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Insert instance rows and, by server uuid, their metadata, tags and block devices."""
    session.execute(sa.insert(_instances), list(rows))
    meta_rows = [{'instance_uuid': uuid, 'key': key, 'value': value}
                 for uuid, items in metadata.items() for key, value in items.items()]
    if meta_rows:
        session.execute(sa.insert(models.InstanceMetadata.__table__), meta_rows)
    tag_rows = [{'resource_id': uuid, 'tag': tag} for uuid, values in tags.items() for tag in values]
    if tag_rows:
        session.execute(sa.insert(models.Tag.__table__), tag_rows)
    bdm_rows = [dict(bdm, instance_uuid=uuid) for uuid, bdms in block_devices.items() for bdm in bdms]
    if bdm_rows:
        session.execute(sa.insert(models.BlockDeviceMapping.__table__), bdm_rows)


def _task_state_in(states: Iterable[str | None]) -> sa.ColumnElement[bool]:
    states = set(states)
    named = sorted(state for state in states if state is not None)
    clauses = [_I.task_state.in_(named)] if named else []
    if None in states:
        clauses.append(_I.task_state.is_(None))
    return sa.or_(*clauses) if clauses else sa.false()


def compare_and_swap(session: orm.Session, uuid: str, changes: Mapping[str, Any], *,
                     vm_states: Iterable[str] | None = None,
                     task_states: Iterable[str | None] | None = None,
                     must_have_launched: bool = False, needs_host: bool = False,
                     now: datetime.datetime | None = None) -> bool:
    """Write ``changes`` to the live server ``uuid`` if it is in one of the given states.

    ``None`` for ``vm_states`` or ``task_states`` means any. Returns whether
    the server matched (and was changed); ``updated_at`` is set to ``now``.
    """
    where = [_I.uuid == uuid, _I.deleted.is_(False)]
    if vm_states is not None:
        where.append(_I.vm_state.in_(sorted(vm_states)))
    if task_states is not None:
        where.append(_task_state_in(task_states))
    if must_have_launched:
        where.append(_I.launched_at.is_not(None))
    if needs_host:
        where.append(_I.host.is_not(None))
    values = dict(changes)
    values['updated_at'] = now or utcnow()
    result = session.execute(sa.update(_instances).where(*where).values(values))
    return result.rowcount == 1


def update_server(session: orm.Session, uuid: str, values: Mapping[str, Any]) -> bool:
    """Set plain attributes (name, description, hostname, access addresses) of a live server."""
    result = session.execute(sa.update(_instances).where(_I.uuid == uuid, _I.deleted.is_(False))
                             .values(dict(values, updated_at=utcnow())))
    return result.rowcount == 1


def state_of(session: orm.Session, uuid: str) -> Mapping[str, Any] | None:
    """The state columns of a server (deleted ones too): what a refused change is explained with."""
    row = session.execute(sa.select(
        _I.vm_state, _I.task_state, _I.launched_at, _I.host, _I.locked_by, _I.deleted)
        .where(_I.uuid == uuid)).mappings().first()
    return None if row is None else dict(row)


def add_fault(session: orm.Session, uuid: str, code: int, message: str, details: str | None,
              host: str | None, now: datetime.datetime | None = None) -> None:
    session.execute(sa.insert(models.InstanceFault.__table__).values(
        instance_uuid=uuid, code=code, message=message[:255], details=details, host=host,
        created_at=now or utcnow()))


def start_action(session: orm.Session, uuid: str, action: str, request_id: str | None,
                 user_id: str | None, project_id: str | None,
                 now: datetime.datetime | None = None) -> int:
    """Record an instance action (``os-instance-actions``); returns its id."""
    now = now or utcnow()
    result = session.execute(sa.insert(models.InstanceAction.__table__).values(
        action=action, instance_uuid=uuid, request_id=request_id, user_id=user_id,
        project_id=project_id, start_time=now, created_at=now))
    return result.inserted_primary_key[0]


def start_actions(session: orm.Session, rows: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Record one action per server at once (a multiple create); their ids by server uuid."""
    table = models.InstanceAction.__table__
    found = session.execute(sa.insert(table).returning(table.c.instance_uuid, table.c.id),
                            list(rows))
    return {uuid: action_id for uuid, action_id in found}


def start_event(session: orm.Session, action_id: int, event: str, host: str | None,
                now: datetime.datetime) -> None:
    session.execute(sa.insert(models.InstanceActionEvent.__table__).values(
        action_id=action_id, event=event, start_time=now, host=host, created_at=now))


def finish_event(session: orm.Session, action_id: int, event: str, result: str,
                 now: datetime.datetime, traceback: str | None = None,
                 details: str | None = None) -> None:
    """Finish the open event; a failed one marks its action as in error, as Nova does."""
    table = models.InstanceActionEvent.__table__
    session.execute(sa.update(table).where(
        table.c.action_id == action_id, table.c.event == event, table.c.finish_time.is_(None))
        .values(finish_time=now, result=result, traceback=traceback, details=details,
                updated_at=now))
    if result != 'Success':
        actions = models.InstanceAction.__table__
        session.execute(sa.update(actions).where(actions.c.id == action_id)
                        .values(message='Error', updated_at=now))
