"""What every identity admin area is built on: the identity layer's database, ids, Keystone's booleans."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any
from typing import TypeVar

import sqlalchemy as sa
from oslo_utils import strutils
from sqlalchemy import exc as sa_exc
from sqlalchemy import orm

from nova_api.db import database as db

T = TypeVar('T')

#: Attributes kept in their own columns; whatever else a caller sets goes to ``extra``
#: (Keystone keeps unknown attributes too).
NOT_EXTRA = frozenset(('id', 'name', 'domain_id', 'description', 'enabled', 'parent_id',
                       'is_domain', 'tags', 'password', 'default_project_id', 'links',
                       'explicit_domain_id'))


def new_id() -> str:
    """Keystone's ids: a uuid4 as 32 hex digits."""
    return uuid.uuid4().hex


def as_bool(value: Any, default: bool = True) -> bool:
    """Keystone's permissive boolean (``"true"``, ``"0"``, ``""``...) as a bool; None: ``default``."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return strutils.bool_from_string(value, default=default)


def extra_of(attributes: Mapping[str, Any], current: Mapping[str, Any] | None = None) -> dict:
    """The attributes that have no column of their own, over the current ones."""
    extra = dict(current or {})
    for key, value in attributes.items():
        if key not in NOT_EXTRA:
            extra[key] = value
    return extra


def rename(session: orm.Session, row: Any, attributes: Mapping[str, Any],
           same_name: Callable[[str], sa.ColumnElement[bool]],
           conflict: Callable[[str], Exception]) -> None:
    """Give ``row`` the (stripped) ``name`` of ``attributes``, if any; ``conflict(name)`` when
    another row of its model matches ``same_name(name)`` (a name is unique in its domain)."""
    if 'name' not in attributes:
        return
    name = attributes['name'].strip()
    model = type(row)
    if session.scalar(sa.select(model.id).where(same_name(name), model.id != row.id)) is not None:
        raise conflict(name)
    row.name = name


class AdminAPI:
    """One area's rules, over the database of the identity layer it was built from."""

    def __init__(self, identity: Any) -> None:
        self.identity = identity
        self.conf = identity.conf
        self.database: db.Database = identity.database

    def write_unique(self, conflict: Callable[[], Exception], work: Callable[..., T],
                     *args: Any) -> T:
        """``database.write(work, ...)``, a unique-constraint failure becoming ``conflict()``.

        Uniqueness is the database's to enforce (two concurrent creates
        cannot both win); the look-ups in ``work`` only give the nicer error
        first.
        """
        try:
            return self.database.write(work, *args)
        except sa_exc.IntegrityError as error:
            if db.is_duplicate(error):
                raise conflict() from None
            raise
