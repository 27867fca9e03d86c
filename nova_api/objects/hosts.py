"""What the live servers on one host use, per project (``GET /os-hosts/{host}``)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_I = models.Instance.__table__.c


def usage_by_project(session: orm.Session, host: str) -> list[tuple[str, int, int, int]]:
    """(project_id, vcpus, memory_mb, disk_gb) of the live servers on ``host``, by project."""
    query = (sa.select(_I.project_id, sa.func.sum(_I.vcpus), sa.func.sum(_I.memory_mb),
                       sa.func.sum(_I.root_gb + _I.ephemeral_gb))
             .where(_I.host == host, _I.deleted.is_(False))
             .group_by(_I.project_id).order_by(_I.project_id))
    return [(project, int(cpu or 0), int(memory or 0), int(disk or 0))
            for project, cpu, memory, disk in session.execute(query)]
