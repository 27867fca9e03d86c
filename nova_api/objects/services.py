"""Service queries: the services rows, their registration, updates and (soft) deletion."""

from __future__ import annotations

import dataclasses
import datetime
import uuid as uuid_lib
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_S = models.Service


@dataclasses.dataclass(frozen=True)
class ServiceRow:
    """One stored service, as read."""

    id: int
    uuid: str
    host: str
    binary: str
    topic: str
    disabled: bool
    disabled_reason: str | None
    forced_down: bool
    node_uuid: str | None
    deleted: bool
    created_at: datetime.datetime | None
    updated_at: datetime.datetime | None


_COLUMNS = [getattr(_S, field.name) for field in dataclasses.fields(ServiceRow)]


def all_rows(session: orm.Session) -> list[ServiceRow]:
    """Every service row, deleted ones too (registration must not bring those back), by id."""
    return [ServiceRow(*row) for row in session.execute(sa.select(*_COLUMNS).order_by(_S.id))]


def insert(session: orm.Session, entries: Iterable[tuple[str, str, str]]) -> None:
    """Register (host, binary, topic) services; a ``nova-compute`` one gets a compute node id."""
    rows = [{'uuid': str(uuid_lib.uuid4()), 'host': host, 'binary': binary, 'topic': topic,
             'disabled': False, 'forced_down': False, 'deleted': False,
             'node_uuid': str(uuid_lib.uuid4()) if binary == 'nova-compute' else None,
             'created_at': models.utcnow()}
            for host, binary, topic in entries]
    if rows:
        session.execute(sa.insert(_S), rows)


def update(session: orm.Session, service_id: int, values: dict) -> None:
    """Write ``values`` to the live service ``service_id``."""
    session.execute(sa.update(_S).where(_S.id == service_id, _S.deleted.is_(False))
                    .values(updated_at=models.utcnow(), **values))


def soft_delete(session: orm.Session, service_id: int) -> bool:
    """Mark the service deleted; False when it was not live."""
    now = models.utcnow()
    result = session.execute(sa.update(_S).where(_S.id == service_id, _S.deleted.is_(False))
                             .values(deleted=True, deleted_at=now, updated_at=now))
    return result.rowcount > 0
