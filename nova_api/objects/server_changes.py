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
from nova_api.db import prepared

_instances = models.Instance.__table__
_I = _instances.c


def utcnow() -> datetime.datetime:
    """Now, as the database keeps times: naive UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def _insert_all(table: sa.Table) -> prepared.Prepared:
    """An INSERT naming every column but the generated primary key, each a parameter."""
    return prepared.Prepared(sa.insert(table).values({
        column.name: sa.bindparam(column.name, type_=column.type)
        for column in table.columns if not (column.primary_key and column.autoincrement is True
                                            or column.name == 'id')}))


_INSERT_INSTANCE = _insert_all(_instances)
_INSERT_METADATA = _insert_all(models.InstanceMetadata.__table__)
_INSERT_TAG = _insert_all(models.Tag.__table__)
_INSERT_BDM = _insert_all(models.BlockDeviceMapping.__table__)
_INSERT_ACTION = _insert_all(models.InstanceAction.__table__)
_ACTION_IDS = prepared.Prepared(
    sa.select(models.InstanceAction.instance_uuid, models.InstanceAction.id)
    .where(models.InstanceAction.instance_uuid.in_(sa.bindparam('uuids', expanding=True)),
           models.InstanceAction.action == sa.bindparam('action')))


def _complete(row: Mapping[str, Any], table: sa.Table) -> dict[str, Any]:
    """Every column of an INSERT given: the missing ones None (their defaults are Python-side)."""
    return {column.name: row.get(column.name) for column in table.columns if column.name != 'id'}


def insert_servers(session: orm.Session, rows: Sequence[Mapping[str, Any]],
                   metadata: Mapping[str, Mapping[str, str]],
                   tags: Mapping[str, Iterable[str]],
                   block_devices: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Insert instance rows (complete) and, by server uuid, their metadata, tags and block devices.

    Every boot writes these: prepared statements, one call per table.
    """
    write = prepared.on_session(session)
    write.execute(_INSERT_INSTANCE, [_complete(row, _instances) for row in rows])
    write.execute(_INSERT_METADATA, [{'instance_uuid': uuid, 'key': key, 'value': value}
                                     for uuid, items in metadata.items()
                                     for key, value in items.items()])
    write.execute(_INSERT_TAG, [{'resource_id': uuid, 'tag': tag}
                                for uuid, values in tags.items() for tag in values])
    bdm_table = models.BlockDeviceMapping.__table__
    write.execute(_INSERT_BDM, [_complete(dict(bdm, instance_uuid=uuid), bdm_table)
                                for uuid, bdms in block_devices.items() for bdm in bdms])


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
                 now: datetime.datetime | None = None, finished: bool = False) -> int:
    """Record an instance action (``os-instance-actions``); returns its id.

    ``finished``: the action was done at once (lock, os-resetState...), so it
    finishes as it starts.
    """
    now = now or utcnow()
    result = session.execute(sa.insert(models.InstanceAction.__table__).values(
        action=action, instance_uuid=uuid, request_id=request_id, user_id=user_id,
        project_id=project_id, start_time=now, created_at=now,
        finish_time=now if finished else None))
    return result.inserted_primary_key[0]


def root_image_id(session: orm.Session, uuid: str) -> str | None:
    """The image a volume-backed server's root disk was made from, as its boot recorded it."""
    bdm = models.BlockDeviceMapping.__table__.c
    return session.scalar(sa.select(bdm.image_id).where(bdm.instance_uuid == uuid,
                                                        bdm.boot_index == 0))


def replace_metadata(session: orm.Session, uuid: str, metadata: Mapping[str, str]) -> None:
    """Make ``metadata`` the server's whole metadata."""
    table = models.InstanceMetadata.__table__
    session.execute(sa.delete(table).where(table.c.instance_uuid == uuid))
    if metadata:
        session.execute(sa.insert(table), [{'instance_uuid': uuid, 'key': key, 'value': value}
                                           for key, value in metadata.items()])


def start_actions(session: orm.Session, rows: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Record one action per server at once (a multiple create); their ids by server uuid."""
    write = prepared.on_session(session)
    table = models.InstanceAction.__table__
    write.execute(_INSERT_ACTION, [_complete(dict(row, updated_at=None, finish_time=None,
                                                  message=None), table) for row in rows])
    found = write(_ACTION_IDS, uuids=[row['instance_uuid'] for row in rows],
                  action=rows[0]['action'])
    return {uuid: action_id for uuid, action_id in found}


# -- what a task runner turn writes, set-based -------------------------------------------

instances = _instances


def servers_per_host(session: orm.Session) -> dict[str, int]:
    """Live servers on each host: the scheduler's load."""
    return dict(session.execute(sa.select(_I.host, sa.func.count()).where(
        _I.host.is_not(None), _I.deleted.is_(False)).group_by(_I.host)).all())


class _Updates:
    """UPDATE statements by the set of columns they write, compiled once each."""

    def __init__(self) -> None:
        self._by_columns: dict[tuple[str, ...], prepared.Prepared] = {}

    def statement(self, columns: tuple[str, ...]) -> prepared.Prepared:
        statement = self._by_columns.get(columns)
        if statement is None:
            values = {name: sa.bindparam(name, type_=_I[name].type) for name in columns}
            statement = self._by_columns[columns] = prepared.Prepared(
                sa.update(_instances).where(
                    _I.uuid == sa.bindparam('w_uuid'), _I.deleted.is_(False),
                    _I.task_state.is_not_distinct_from(sa.bindparam('w_task_state',
                                                                    type_=sa.String)))
                .values(values))
        return statement


_UPDATES = _Updates()


def set_many(session: orm.Session, changes: Mapping[str, tuple[str | None, Mapping[str, Any]]],
             now: datetime.datetime) -> bool:
    """Write each server's columns if its task_state is still the one given; whether all matched.

    The turn has locked the rows (or holds SQLite's write lock), so a
    mismatch means a bug rather than a race; the caller writes task by task then.
    """
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for uuid, (task_state, values) in changes.items():
        row = dict(values, updated_at=now, w_uuid=uuid, w_task_state=task_state)
        groups.setdefault(tuple(sorted(k for k in row if not k.startswith('w_'))), []).append(row)
    write = prepared.on_session(session)
    matched = 0
    for columns, rows in groups.items():
        matched += write.execute(_UPDATES.statement(columns), rows)
    return matched == len(changes)


_INSERT_FAULT = _insert_all(models.InstanceFault.__table__)
_INSERT_EVENT = _insert_all(models.InstanceActionEvent.__table__)
_events = models.InstanceActionEvent.__table__
_FINISH_EVENT = prepared.Prepared(sa.update(_events).where(
    _events.c.action_id == sa.bindparam('w_action_id'), _events.c.event == sa.bindparam('w_event'),
    _events.c.finish_time.is_(None)).values(
    finish_time=sa.bindparam('finish_time', type_=sa.DateTime),
    updated_at=sa.bindparam('updated_at', type_=sa.DateTime),
    result=sa.bindparam('result'), traceback=sa.bindparam('traceback'),
    details=sa.bindparam('details')))
_actions = models.InstanceAction.__table__
_ACTION_IN_ERROR = prepared.Prepared(sa.update(_actions).where(
    _actions.c.id == sa.bindparam('w_id')).values(
    message='Error', updated_at=sa.bindparam('updated_at', type_=sa.DateTime)))
#: Nova's event start and finish both bump their action's updated_at (2.58 shows it,
#: changes-since filters on it).
_ACTION_TOUCHED = prepared.Prepared(sa.update(_actions).where(
    _actions.c.id == sa.bindparam('w_id')).values(
    updated_at=sa.bindparam('updated_at', type_=sa.DateTime)))


def add_faults(session: orm.Session, rows: Sequence[Mapping[str, Any]]) -> None:
    table = models.InstanceFault.__table__
    prepared.on_session(session).execute(_INSERT_FAULT, [
        _complete(dict(row, message=row['message'][:255]), table) for row in rows])


def start_events(session: orm.Session, rows: Sequence[Mapping[str, Any]]) -> None:
    write = prepared.on_session(session)
    write.execute(_INSERT_EVENT, [_complete(row, _events) for row in rows])
    write.execute(_ACTION_TOUCHED, [{'w_id': row['action_id'], 'updated_at': row['start_time']}
                                    for row in rows])


def finish_events(session: orm.Session, rows: Sequence[Mapping[str, Any]],
                  now: datetime.datetime) -> None:
    """Finish open events; a failed one marks its action as in error, as Nova does."""
    write = prepared.on_session(session)
    write.execute(_FINISH_EVENT, [
        {'w_action_id': row['action_id'], 'w_event': row['event'], 'finish_time': now,
         'updated_at': now, 'result': row['result'], 'traceback': row.get('traceback'),
         'details': row.get('details')}
        for row in rows])
    write.execute(_ACTION_IN_ERROR, [{'w_id': row['action_id'], 'updated_at': now}
                                     for row in rows if row['result'] != 'Success'])
    write.execute(_ACTION_TOUCHED, [{'w_id': row['action_id'], 'updated_at': now}
                                    for row in rows if row['result'] == 'Success'])
