"""What a server's diagnostics read of its block devices: every mapping with a device, in order."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_B = models.BlockDeviceMapping.__table__.c


@dataclasses.dataclass(frozen=True)
class MappedDevice:
    """One ``block_device_mapping`` row that gives the guest a disk (``no_device`` ones do not)."""

    device_name: str | None
    boot_index: int | None
    source_type: str | None
    destination_type: str | None
    guest_format: str | None


def devices_of(session: orm.Session, instance_uuid: str) -> list[MappedDevice]:
    """The server's mapped devices, in the order they were made (root first at boot)."""
    rows = session.execute(
        sa.select(_B.device_name, _B.boot_index, _B.source_type, _B.destination_type,
                  _B.guest_format)
        .where(_B.instance_uuid == instance_uuid, _B.no_device == sa.false())
        .order_by(_B.id)).all()
    return [MappedDevice(*row) for row in rows]
