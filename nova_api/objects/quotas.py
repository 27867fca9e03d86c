"""Quota limits stored per project and per user, and the usage counts quotas are checked against."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models


def project_limits(session: orm.Session, project_id: str) -> dict[str, int]:
    """The limits set for ``project_id``, by resource (defaults not included)."""
    rows = session.execute(sa.select(models.Quota.resource, models.Quota.hard_limit)
                           .where(models.Quota.project_id == project_id))
    return {resource: limit for resource, limit in rows}


def user_limits(session: orm.Session, project_id: str, user_id: str) -> dict[str, int]:
    """The limits set for ``user_id`` within ``project_id``, by resource."""
    model = models.ProjectUserQuota
    rows = session.execute(sa.select(model.resource, model.hard_limit)
                           .where(model.project_id == project_id, model.user_id == user_id))
    return {resource: limit for resource, limit in rows}


def user_limit_totals(session: orm.Session, project_id: str) -> dict[str, int]:
    """The sum of the limits set for the users of ``project_id``, by resource."""
    model = models.ProjectUserQuota
    rows = session.execute(sa.select(model.resource, sa.func.sum(model.hard_limit))
                           .where(model.project_id == project_id).group_by(model.resource))
    return {resource: int(total) for resource, total in rows}


def set_project_limit(session: orm.Session, project_id: str, resource: str, limit: int) -> None:
    row = session.scalar(sa.select(models.Quota).where(
        models.Quota.project_id == project_id, models.Quota.resource == resource))
    if row is None:
        session.add(models.Quota(project_id=project_id, resource=resource, hard_limit=limit))
    else:
        row.hard_limit = limit


def set_user_limit(session: orm.Session, project_id: str, user_id: str, resource: str,
                   limit: int) -> None:
    model = models.ProjectUserQuota
    row = session.scalar(sa.select(model).where(
        model.project_id == project_id, model.user_id == user_id, model.resource == resource))
    if row is None:
        session.add(model(project_id=project_id, user_id=user_id, resource=resource,
                          hard_limit=limit))
    else:
        row.hard_limit = limit


def delete_project_limits(session: orm.Session, project_id: str) -> None:
    """Forget every limit of the project and of its users: they revert to the defaults."""
    session.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))
    session.execute(sa.delete(models.ProjectUserQuota)
                    .where(models.ProjectUserQuota.project_id == project_id))


def delete_user_limits(session: orm.Session, project_id: str, user_id: str) -> None:
    model = models.ProjectUserQuota
    session.execute(sa.delete(model).where(model.project_id == project_id,
                                           model.user_id == user_id))


# -- usage ---------------------------------------------------------------------

def count_key_pairs(session: orm.Session, project_id: str, user_id: str | None) -> int:
    """Keypairs belong to users: the count is the user's, whatever the project."""
    if user_id is None:
        return 0
    return session.scalar(sa.select(sa.func.count()).select_from(models.KeyPair)
                          .where(models.KeyPair.user_id == user_id)) or 0
