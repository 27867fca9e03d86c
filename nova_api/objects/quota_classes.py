"""Quota class queries: a class's limits by resource, and setting one."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db import prepared

_QC = models.QuotaClass
_CLASS_LIMITS = prepared.Prepared(
    sa.select(_QC.resource, _QC.hard_limit).where(_QC.class_name == sa.bindparam('class_name')))


def class_limits(session: orm.Session, class_name: str) -> dict[str, int]:
    """The limits stored for ``class_name``. Read by every quota check (the ``default`` class)."""
    rows = prepared.on_session(session)(_CLASS_LIMITS, class_name=class_name)
    return {resource: limit for resource, limit in rows}


def set_class_limit(session: orm.Session, class_name: str, resource: str, limit: int) -> None:
    updated = session.execute(sa.update(_QC).where(_QC.class_name == class_name, _QC.resource == resource)
                              .values(hard_limit=limit, updated_at=models.utcnow()))
    if not updated.rowcount:
        session.add(_QC(class_name=class_name, resource=resource, hard_limit=limit))
