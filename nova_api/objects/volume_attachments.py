"""A server's volume attachments: its ``block_device_mapping`` rows that name a volume."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_bdms = models.BlockDeviceMapping.__table__
_B = _bdms.c
_I = models.Instance.__table__.c


@dataclasses.dataclass(frozen=True)
class BlockDevice:
    """One block device of a server: a volume attachment when ``volume_id`` is set."""

    uuid: str
    instance_uuid: str
    volume_id: str | None
    device_name: str | None
    boot_index: int | None
    tag: str | None
    delete_on_termination: bool
    attachment_id: str | None

    @property
    def is_root(self) -> bool:
        return self.boot_index == 0


_COLUMNS = (_B.uuid, _B.instance_uuid, _B.volume_id, _B.device_name, _B.boot_index, _B.tag,
            _B.delete_on_termination, _B.attachment_id)


def _device(row: Any) -> BlockDevice:
    return BlockDevice(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7])


def devices_of(session: orm.Session, instance_uuid: str) -> list[BlockDevice]:
    """Every block device of the server (volumes or not), in the order they were made."""
    return [_device(row) for row in session.execute(
        sa.select(*_COLUMNS).where(_B.instance_uuid == instance_uuid).order_by(_B.id))]


def get(session: orm.Session, instance_uuid: str, volume_id: str) -> BlockDevice | None:
    """The server's attachment of ``volume_id``, if it has one."""
    row = session.execute(sa.select(*_COLUMNS).where(
        _B.instance_uuid == instance_uuid, _B.volume_id == volume_id).order_by(_B.id)).first()
    return None if row is None else _device(row)


def holders_of(session: orm.Session, volume_id: str) -> list[str]:
    """The live servers ``volume_id`` is attached to."""
    return list(session.scalars(
        sa.select(_B.instance_uuid).join(models.Instance.__table__, _I.uuid == _B.instance_uuid)
        .where(_B.volume_id == volume_id, _I.deleted.is_(False)).order_by(_B.id)))


def insert(session: orm.Session, row: Mapping[str, Any]) -> None:
    session.execute(sa.insert(_bdms).values(dict(row)))


def delete(session: orm.Session, instance_uuid: str, volume_id: str) -> None:
    session.execute(sa.delete(_bdms).where(_B.instance_uuid == instance_uuid,
                                           _B.volume_id == volume_id))


def set_delete_on_termination(session: orm.Session, instance_uuid: str, volume_id: str,
                              value: bool, now: datetime.datetime) -> None:
    session.execute(sa.update(_bdms).where(_B.instance_uuid == instance_uuid,
                                           _B.volume_id == volume_id)
                    .values(delete_on_termination=value, updated_at=now))
