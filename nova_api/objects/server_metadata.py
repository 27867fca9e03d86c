"""A server's metadata rows (``instance_metadata``): read them, and write a new set as a difference.

A change writes only what differs from the rows there: one DELETE for the
keys that go, one UPDATE per changed value (one statement, many parameter
sets), one INSERT for the new keys.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_table = models.InstanceMetadata.__table__
_M = _table.c


def get(session: orm.Session, uuid: str) -> dict[str, str]:
    """The server's metadata, as stored now."""
    return dict(session.execute(sa.select(_M.key, _M.value).where(_M.instance_uuid == uuid)
                                .order_by(_M.id)).all())


def replace(session: orm.Session, uuid: str, old: Mapping[str, str],
            new: Mapping[str, str]) -> None:
    """Make the server's rows ``new``, given that they are ``old`` now (read in this transaction)."""
    gone = sorted(key for key in old if key not in new)
    changed = [{'b_key': key, 'b_value': value} for key, value in new.items()
               if key in old and old[key] != value]
    added = [{'instance_uuid': uuid, 'key': key, 'value': value} for key, value in new.items()
             if key not in old]
    if gone:
        session.execute(sa.delete(_table).where(_M.instance_uuid == uuid, _M.key.in_(gone)))
    if changed:
        session.execute(sa.update(_table).where(_M.instance_uuid == uuid,
                                                _M.key == sa.bindparam('b_key'))
                        .values(value=sa.bindparam('b_value')), changed)
    if added:
        session.execute(sa.insert(_table), added)
