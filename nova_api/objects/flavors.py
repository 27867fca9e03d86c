"""Flavors, their extra specs and the projects that may use a private one: the queries."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db import prepared

#: Nova's sort keys for the flavor list; ``id`` is the internal key.
SORT_KEYS = ('created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid', 'id',
             'is_public', 'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap', 'updated_at',
             'vcpu_weight', 'vcpus')


@dataclasses.dataclass(frozen=True)
class Flavor:
    """A flavor as the API shows it; ``flavorid`` is its public id."""

    id: int
    flavorid: str
    name: str
    memory_mb: int
    vcpus: int
    root_gb: int
    ephemeral_gb: int
    swap: int
    rxtx_factor: float
    vcpu_weight: int | None
    disabled: bool
    is_public: bool
    description: str | None
    extra_specs: Mapping[str, str]
    projects: tuple[str, ...]
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None


@dataclasses.dataclass(frozen=True)
class Viewer:
    """Who looks: an admin sees every flavor, others public ones and those shared with them."""

    project_id: str | None
    is_admin: bool


@dataclasses.dataclass(frozen=True)
class ListFilters:
    """The flavor list's filters and page, already parsed (Nova's names)."""

    is_public: bool | None = True
    disabled: bool | None = None
    min_memory_mb: int | None = None
    min_root_gb: int | None = None
    sort_key: str = 'flavorid'
    sort_dir: str = 'asc'
    limit: int | None = None
    marker: str | None = None


def _to_flavor(row: models.Flavor) -> Flavor:
    return Flavor(
        id=row.id, flavorid=row.flavorid, name=row.name, memory_mb=row.memory_mb,
        vcpus=row.vcpus, root_gb=row.root_gb, ephemeral_gb=row.ephemeral_gb, swap=row.swap,
        rxtx_factor=row.rxtx_factor, vcpu_weight=row.vcpu_weight, disabled=row.disabled,
        is_public=row.is_public, description=row.description,
        extra_specs={spec.key: spec.value for spec in row.extra_specs},
        projects=tuple(p.project_id for p in sorted(row.projects, key=lambda p: p.id)),
        created_at=row.created_at, updated_at=row.updated_at)


_F = models.Flavor.__table__.c
_SPEC = models.FlavorExtraSpec.__table__.c
_ACCESS = models.FlavorProject.__table__.c
#: A flavor row's columns, as :func:`from_row` reads them.
FLAVOR_COLUMNS = (_F.id, _F.flavorid, _F.name, _F.memory_mb, _F.vcpus, _F.root_gb,
                  _F.ephemeral_gb, _F.swap, _F.rxtx_factor, _F.vcpu_weight, _F.disabled,
                  _F.is_public, _F.description, _F.created_at, _F.updated_at)
_BY_FLAVORID = {admin: prepared.Prepared(sa.select(*FLAVOR_COLUMNS).where(
    _F.flavorid == sa.bindparam('flavorid'),
    sa.true() if admin else sa.or_(
        _F.is_public.is_(True),
        _F.id.in_(sa.select(_ACCESS.flavor_id)
                  .where(_ACCESS.project_id == sa.bindparam('project_id')))))
    .limit(1)) for admin in (False, True)}
#: A flavor's extra specs and access list in one round trip: (kind, key, value, order).
_FLAVOR_DETAILS = prepared.Prepared(sa.union_all(
    sa.select(sa.literal_column("'s'"), _SPEC.key, _SPEC.value, _SPEC.id)
    .where(_SPEC.flavor_id == sa.bindparam('flavor_pk')),
    sa.select(sa.literal_column("'p'"), _ACCESS.project_id, sa.cast(sa.null(), sa.String),
              _ACCESS.id).where(_ACCESS.flavor_id == sa.bindparam('flavor_pk'))))


def get(session: orm.Session, viewer: Viewer, flavorid: str) -> Flavor | None:
    """The flavor ``flavorid`` if ``viewer`` may see it (every boot and show reads it: prepared)."""
    read = prepared.on_session(session)
    params = {'flavorid': flavorid}
    if not viewer.is_admin:
        params['project_id'] = viewer.project_id
    rows = read(_BY_FLAVORID[viewer.is_admin], **params)
    if not rows:
        return None
    row = rows[0]
    details = sorted(read(_FLAVOR_DETAILS, flavor_pk=row[0]), key=lambda item: (item[0], item[3]))
    return from_row(row, {key: value for kind, key, value, _ in details if kind == 's'},
                    tuple(key for kind, key, _, _ in details if kind == 'p'))


def from_row(row: Sequence[Any], extra_specs: dict[str, str], projects: tuple[str, ...]) -> Flavor:
    """A :class:`Flavor` from a row of :data:`FLAVOR_COLUMNS`, its specs and access list."""
    return Flavor(
        id=row[0], flavorid=row[1], name=row[2], memory_mb=row[3], vcpus=row[4], root_gb=row[5],
        ephemeral_gb=row[6], swap=row[7], rxtx_factor=row[8], vcpu_weight=row[9],
        disabled=bool(row[10]), is_public=bool(row[11]), description=row[12],
        extra_specs=extra_specs, projects=projects, created_at=row[13], updated_at=row[14])


class MarkerNotFound(LookupError):
    """The page marker names no flavor the viewer can see."""


# -- changes -------------------------------------------------------------------------

class Duplicate(Exception):
    """A flavor with this name or id exists; ``field`` says which ('flavorid' or 'name')."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


def create(session: orm.Session, values: Mapping) -> Flavor:
    """Add a flavor; raise :class:`Duplicate` when its id or name is taken (the id first)."""
    for field in ('flavorid', 'name'):
        taken = session.scalar(sa.select(models.Flavor.id)
                               .where(getattr(models.Flavor, field) == values[field]))
        if taken is not None:
            raise Duplicate(field)
    row = models.Flavor(**values)
    session.add(row)
    try:
        session.flush()
    except sa.exc.IntegrityError as exc:  # a concurrent create won the race
        raise Duplicate('flavorid' if 'flavorid' in str(exc.orig) else 'name') from None
    session.refresh(row)
    return _to_flavor(row)


def set_description(session: orm.Session, flavorid: str, description: str | None) -> Flavor | None:
    row = session.scalar(sa.select(models.Flavor).where(models.Flavor.flavorid == flavorid))
    if row is None:
        return None
    row.description = description
    session.flush()
    return _to_flavor(row)


def destroy(session: orm.Session, flavorid: str) -> bool:
    """Delete a flavor with its extra specs and access list; False when there is none."""
    row = session.scalar(sa.select(models.Flavor).where(models.Flavor.flavorid == flavorid))
    if row is None:
        return False
    session.delete(row)
    return True


def update_extra_specs(session: orm.Session, flavor_pk: int, specs: Mapping[str, str]) -> None:
    """Set each key to its value, adding the keys that are new."""
    rows = {row.key: row for row in session.scalars(
        sa.select(models.FlavorExtraSpec).where(models.FlavorExtraSpec.flavor_id == flavor_pk,
                                                models.FlavorExtraSpec.key.in_(list(specs))))}
    for key, value in specs.items():
        if key in rows:
            rows[key].value = value
        else:
            session.add(models.FlavorExtraSpec(flavor_id=flavor_pk, key=key, value=value))


def delete_extra_spec(session: orm.Session, flavor_pk: int, key: str) -> bool:
    result = session.execute(sa.delete(models.FlavorExtraSpec).where(
        models.FlavorExtraSpec.flavor_id == flavor_pk, models.FlavorExtraSpec.key == key))
    return bool(result.rowcount)


def add_project(session: orm.Session, flavor_pk: int, project_id: str) -> bool:
    """Share the flavor with a project; False when it already is."""
    model = models.FlavorProject
    exists = session.scalar(sa.select(model.id).where(model.flavor_id == flavor_pk,
                                                      model.project_id == project_id))
    if exists is not None:
        return False
    session.add(model(flavor_id=flavor_pk, project_id=project_id))
    session.flush()
    return True


def remove_project(session: orm.Session, flavor_pk: int, project_id: str) -> bool:
    model = models.FlavorProject
    result = session.execute(sa.delete(model).where(model.flavor_id == flavor_pk,
                                                    model.project_id == project_id))
    return bool(result.rowcount)


def projects(session: orm.Session, flavor_pk: int) -> tuple[str, ...]:
    model = models.FlavorProject
    return tuple(session.scalars(sa.select(model.project_id).where(model.flavor_id == flavor_pk)
                                 .order_by(model.id)))
