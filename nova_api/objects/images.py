"""Image queries: the catalogue's images with their properties and tags, by id and page, and their changes.

Reads are set-based Core selects: one query for the images (the page), one
for the properties of all of them, one for their tags. Visibility is
Glance's: an administrator sees every image; anyone else public and
community images, their own project's, and ``shared`` images their project
is a member of (any member status for a look-up; a list shows those of the
asked ``member_status``, ``accepted`` by default).
"""

from __future__ import annotations

import dataclasses
import datetime
import operator
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models
from nova_api.db import prepared

IMAGES = models.Image.__table__
PROPERTIES = models.ImageProperty.__table__
TAGS = models.ImageTag.__table__
MEMBERS = models.ImageMember.__table__

#: The columns an :class:`Image` is read from, in its field order.
FIELDS = ('id', 'name', 'status', 'visibility', 'disk_format', 'container_format', 'size',
          'virtual_size', 'min_disk', 'min_ram', 'checksum', 'os_hash_algo', 'os_hash_value',
          'owner', 'protected', 'os_hidden', 'created_at', 'updated_at')

#: What a NULL sorts and compares as, per nullable column (Glance's defaults: '' and 0).
_NULL_AS = {'name': '', 'disk_format': '', 'container_format': '', 'size': 0,
            'virtual_size': 0, 'checksum': '', 'os_hash_algo': '', 'os_hash_value': '',
            'owner': ''}

_COMPARISONS = {'eq': operator.eq, 'neq': operator.ne, 'gt': operator.gt, 'gte': operator.ge,
                'lt': operator.lt, 'lte': operator.le}
#: The operators a :class:`Condition` may use.
OPERATORS = (*_COMPARISONS, 'in')


@dataclasses.dataclass(frozen=True)
class Image:
    """One image as Glance shows it; ``properties`` are its additional properties."""

    id: str
    name: str | None
    status: str
    visibility: str
    disk_format: str | None
    container_format: str | None
    size: int | None
    virtual_size: int | None
    min_disk: int
    min_ram: int
    checksum: str | None
    os_hash_algo: str | None
    os_hash_value: str | None
    owner: str | None
    protected: bool
    os_hidden: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime | None
    properties: Mapping[str, str]
    tags: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Viewer:
    """Who looks: an administrator sees every image, others what Glance shows them."""

    project_id: str | None
    is_admin: bool


@dataclasses.dataclass(frozen=True)
class Condition:
    """``column <op> value`` on an images column; ``value`` is a tuple for ``in``."""

    column: str
    op: str
    value: Any


@dataclasses.dataclass(frozen=True)
class ListQuery:
    """One page of the catalogue: Glance's filters, already parsed, its order and its page.

    ``visibility`` None is Glance's default: every visible image but other
    projects' community ones; ``'all'`` includes those. ``sort`` is
    ``(column, 'asc' | 'desc')`` pairs and should end with a unique column.
    """

    conditions: tuple[Condition, ...] = ()
    properties: tuple[tuple[str, str], ...] = ()
    tags: tuple[str, ...] = ()
    visibility: str | None = None
    sort: tuple[tuple[str, str], ...] = (('created_at', 'desc'), ('id', 'desc'))
    limit: int | None = None
    marker: str | None = None
    member_status: str = 'accepted'


class MarkerNotFound(LookupError):
    """The page marker names no image the viewer can see."""


# -- expressions -------------------------------------------------------------------

def column(name: str) -> sa.ColumnElement:
    """An images column as filters and sorting see it.

    ``updated_at`` of an image never changed is its ``created_at``, as Glance
    (which sets both at creation) shows it.
    """
    if name == 'updated_at':
        return sa.func.coalesce(IMAGES.c.updated_at, IMAGES.c.created_at)
    return IMAGES.c[name]


def _sort_expression(name: str) -> sa.ColumnElement:
    if name in _NULL_AS:
        return sa.func.coalesce(IMAGES.c[name], _NULL_AS[name])
    return column(name)


def _condition(condition: Condition) -> sa.ColumnElement[bool]:
    target = column(condition.column)
    op, value = condition.op, condition.value
    if op == 'in':
        return target.in_(list(value))
    return _COMPARISONS[op](target, value)


def _shared_with(project_id: Any, statuses: Sequence[str] = ()) -> sa.ColumnElement[bool]:
    """A ``shared`` image with ``project_id`` among its members (of one of ``statuses``, if any)."""
    membership = [MEMBERS.c.image_id == IMAGES.c.id, MEMBERS.c.member == project_id]
    if statuses:
        membership.append(MEMBERS.c.status.in_(list(statuses)))
    return sa.and_(IMAGES.c.visibility == 'shared', sa.exists().where(*membership))


def _visible(viewer: Viewer, member_statuses: Sequence[str] = ()) -> sa.ColumnElement[bool]:
    """Glance's visibility: public and community images, the viewer's project's, and the
    shared images it is a member of."""
    if viewer.is_admin:
        return sa.true()
    public = IMAGES.c.visibility.in_(('public', 'community'))
    if viewer.project_id is None:
        return public
    return sa.or_(public, IMAGES.c.owner == viewer.project_id,
                  _shared_with(viewer.project_id, member_statuses))


def _listed(viewer: Viewer, visibility: str | None) -> sa.ColumnElement[bool]:
    """Glance's list default: no community images but one's own, unless a visibility is asked."""
    if visibility == 'all':
        return sa.true()
    if visibility is not None:
        return IMAGES.c.visibility == visibility
    not_community = IMAGES.c.visibility != 'community'
    if viewer.project_id is None:
        return not_community
    return sa.or_(not_community, IMAGES.c.owner == viewer.project_id)


def _live() -> sa.ColumnElement[bool]:
    return IMAGES.c.deleted.is_(False)


# -- reads -------------------------------------------------------------------------

def _to_images(session: orm.Session, rows: Sequence[sa.Row]) -> list[Image]:
    """Images of ``rows``, with the properties and the tags of all of them in one query each."""
    ids = [row.id for row in rows]
    properties: dict[str, dict[str, str]] = {image_id: {} for image_id in ids}
    tags: dict[str, list[str]] = {image_id: [] for image_id in ids}
    if ids:
        for image_id, name, value in session.execute(
                sa.select(PROPERTIES.c.image_id, PROPERTIES.c.name, PROPERTIES.c.value)
                .where(PROPERTIES.c.image_id.in_(ids)).order_by(PROPERTIES.c.name)):
            properties[image_id][name] = value
        for image_id, value in session.execute(
                sa.select(TAGS.c.image_id, TAGS.c.value).where(TAGS.c.image_id.in_(ids))
                .order_by(TAGS.c.value)):
            tags[image_id].append(value)
    return [Image(**{name: getattr(row, name) for name in FIELDS},
                  properties=properties[row.id], tags=tuple(tags[row.id])) for row in rows]


def _select() -> sa.Select:
    return sa.select(*(IMAGES.c[name] for name in FIELDS))


_BY_ID = {admin: prepared.Prepared(_select().where(
    IMAGES.c.id == sa.bindparam('image_id'), _live(),
    sa.true() if admin else sa.or_(IMAGES.c.visibility.in_(('public', 'community')),
                                   IMAGES.c.owner == sa.bindparam('project_id'),
                                   _shared_with(sa.bindparam('project_id'))))
    .limit(1)) for admin in (False, True)}
#: An image's properties and tags, in one round trip: (kind, name, value).
_DETAILS = prepared.Prepared(sa.union_all(
    sa.select(sa.literal_column("'p'"), PROPERTIES.c.name, PROPERTIES.c.value)
    .where(PROPERTIES.c.image_id == sa.bindparam('image_id')),
    sa.select(sa.literal_column("'t'"), TAGS.c.value, sa.cast(sa.null(), sa.Text))
    .where(TAGS.c.image_id == sa.bindparam('image_id'))))


def get(session: orm.Session, image_id: str, project_id: str | None,
        is_admin: bool) -> Image | None:
    """The image ``image_id`` if it exists, is not deleted and the caller may see it.

    Every boot reads it: prepared statements, two round trips.
    """
    read = prepared.on_session(session)
    params = {'image_id': image_id} if is_admin else {'image_id': image_id, 'project_id': project_id}
    rows = read(_BY_ID[bool(is_admin)], **params)
    if not rows:
        return None
    details = read(_DETAILS, image_id=image_id)
    properties = {name: value for kind, name, value in sorted(details) if kind == 'p'}
    tags = tuple(sorted(name for kind, name, _ in details if kind == 't'))
    return Image(**dict(zip(FIELDS, rows[0], strict=True)), properties=properties, tags=tags)


def get_for_update(session: orm.Session, viewer: Viewer, image_id: str) -> Image | None:
    """:func:`get`, with the image's row locked until the transaction ends (where the database can)."""
    rows = session.execute(_select().where(IMAGES.c.id == image_id, _live(), _visible(viewer))
                           .with_for_update()).all()
    return _to_images(session, rows)[0] if rows else None


def _after(keys: Sequence[tuple[sa.ColumnElement, str]],
           marker: Sequence[Any]) -> sa.ColumnElement[bool]:
    """Rows after the marker's values in the order of ``keys``, compared key by key."""
    clauses = []
    for index, (expression, direction) in enumerate(keys):
        ties = [keys[before][0] == marker[before] for before in range(index)]
        beyond = expression > marker[index] if direction == 'asc' else expression < marker[index]
        clauses.append(sa.and_(*ties, beyond))
    return sa.or_(*clauses)


def list_images(session: orm.Session, viewer: Viewer, query: ListQuery) -> list[Image]:
    """One page of the images ``viewer`` may see, filtered and sorted as Glance does.

    Raises :class:`MarkerNotFound` when the marker is not an image the
    viewer can see.
    """
    statuses = () if query.member_status == 'all' else (query.member_status,)
    where: list[sa.ColumnElement[bool]] = [
        _live(), IMAGES.c.status != 'killed', _visible(viewer, statuses),
        _listed(viewer, query.visibility)]
    where.extend(_condition(condition) for condition in query.conditions)
    where.extend(sa.exists().where(PROPERTIES.c.image_id == IMAGES.c.id, PROPERTIES.c.name == name,
                                   PROPERTIES.c.value == value)
                 for name, value in query.properties)
    where.extend(sa.exists().where(TAGS.c.image_id == IMAGES.c.id, TAGS.c.value == tag)
                 for tag in query.tags)
    keys = [(_sort_expression(name), direction) for name, direction in query.sort]
    if query.marker is not None:
        marker = session.execute(sa.select(*(expression for expression, _ in keys)).where(
            IMAGES.c.id == query.marker, _live(), _visible(viewer))).first()
        if marker is None:
            raise MarkerNotFound(query.marker)
        where.append(_after(keys, tuple(marker)))
    statement = _select().where(*where).order_by(
        *(expression.asc() if direction == 'asc' else expression.desc()
          for expression, direction in keys))
    if query.limit is not None:
        statement = statement.limit(query.limit)
    return _to_images(session, session.execute(statement).all())


# -- changes -----------------------------------------------------------------------

def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def replace_properties(session: orm.Session, image_id: str,
                       properties: Mapping[str, str | None]) -> None:
    """Make ``properties`` the image's whole set: add, change and remove rows as needed."""
    current = dict(session.execute(sa.select(PROPERTIES.c.name, PROPERTIES.c.value)
                                   .where(PROPERTIES.c.image_id == image_id)).all())
    gone = [name for name in current if name not in properties]
    if gone:
        session.execute(sa.delete(PROPERTIES).where(PROPERTIES.c.image_id == image_id,
                                                    PROPERTIES.c.name.in_(gone)))
    for name, value in properties.items():
        if name not in current:
            session.execute(sa.insert(PROPERTIES).values(image_id=image_id, name=name, value=value))
        elif current[name] != value:
            session.execute(sa.update(PROPERTIES).where(
                PROPERTIES.c.image_id == image_id, PROPERTIES.c.name == name).values(value=value))
    session.execute(sa.update(IMAGES).where(IMAGES.c.id == image_id).values(updated_at=_now()))


def mark_deleted(session: orm.Session, image_id: str) -> None:
    """Delete the image as Glance does: the row stays, ``deleted`` and in status ``deleted``."""
    now = _now()
    session.execute(sa.update(IMAGES).where(IMAGES.c.id == image_id).values(
        deleted=True, deleted_at=now, updated_at=now, status='deleted'))


def add(session: orm.Session, values: Mapping[str, Any],
        properties: Mapping[str, str] | None = None, tags: Iterable[str] = ()) -> None:
    """Add an image row with its properties and tags (Glance's defaults for what ``values`` lacks)."""
    row = {'visibility': 'shared', 'min_disk': 0, 'min_ram': 0, 'protected': False,
           'os_hidden': False, 'deleted': False, 'created_at': _now(), **values}
    session.execute(sa.insert(IMAGES).values(**row))
    for name, value in (properties or {}).items():
        session.execute(sa.insert(PROPERTIES).values(image_id=row['id'], name=name, value=value))
    for tag in tags:
        session.execute(sa.insert(TAGS).values(image_id=row['id'], value=tag))
