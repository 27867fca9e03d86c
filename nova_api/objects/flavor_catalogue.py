"""The flavor list from a per-worker copy of every flavor, kept current by the ``flavors`` generation.

Every flavor list reads the same few rows, which change a few times a
year. A worker keeps all of them (with extra specs and access lists) and
the generation number it read with them (migration 0013: triggers bump it
in the same transaction as any write to the three tables). Each request
reads the number (``db.generations``: a few microseconds) and loads the rows again only
when it moved, so a change made through another worker or node is seen
on the next request. Filtering, sorting and paging then happen in Python,
following the SQL of ``objects.flavors`` (NULLs lowest, ties by id).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from nova_api.db import generations
from nova_api.db import models
from nova_api.db import prepared
from nova_api.objects import flavors as flavor_objects
from nova_api.objects.flavors import Flavor

GENERATION_NAME = 'flavors'

_SPEC = models.FlavorExtraSpec.__table__.c
_ACCESS = models.FlavorProject.__table__.c

_ALL_FLAVORS = prepared.Prepared(sa.select(*flavor_objects.FLAVOR_COLUMNS)
                                 .order_by(models.Flavor.__table__.c.id))
_ALL_SPECS = prepared.Prepared(sa.select(_SPEC.flavor_id, _SPEC.key, _SPEC.value).order_by(_SPEC.id))
_ALL_ACCESS = prepared.Prepared(sa.select(_ACCESS.flavor_id, _ACCESS.project_id).order_by(_ACCESS.id))

Read = Callable[..., list[Sequence]]


def load(read: Read) -> tuple[Flavor, ...]:
    """Every flavor with its extra specs and access list: one statement per table."""
    specs: dict[int, dict[str, str]] = {}
    for flavor_pk, key, value in read(_ALL_SPECS):
        specs.setdefault(flavor_pk, {})[key] = value
    access: dict[int, list[str]] = {}
    for flavor_pk, project_id in read(_ALL_ACCESS):
        access.setdefault(flavor_pk, []).append(project_id)
    return tuple(flavor_objects.from_row(row, specs.get(row[0], {}), tuple(access.get(row[0], ())))
                 for row in read(_ALL_FLAVORS))


class Catalogue:
    """One worker's copy of the flavors, checked against the generation on every request."""

    def __init__(self, database: Any):
        self._database = database
        self._kept = generations.KeptCopy(database, GENERATION_NAME)

    def flavors(self) -> tuple[Flavor, ...]:
        """Every flavor as of now (the copy, or the rows read again when they changed)."""
        flavors = self._kept.current()
        if flavors is not None:
            return flavors
        return self._database.read_prepared(self._reload)

    def _reload(self, read: Read) -> tuple[Flavor, ...]:
        return self._kept.load(read, load)

    def list(self, viewer: flavor_objects.Viewer,
             filters: flavor_objects.ListFilters) -> Sequence[Flavor]:
        """``objects.flavors.list_flavors``'s page, from the copy."""
        return page(self.flavors(), viewer, filters)


def _visible(flavor: Flavor, viewer: flavor_objects.Viewer) -> bool:
    return viewer.is_admin or flavor.is_public or viewer.project_id in flavor.projects


def _matches(flavor: Flavor, viewer: flavor_objects.Viewer,
             filters: flavor_objects.ListFilters) -> bool:
    if not _visible(flavor, viewer):
        return False
    if filters.is_public is not None:
        if filters.is_public and viewer.project_id is not None:
            # Public ones, and the caller's private ones too.
            if not (flavor.is_public or viewer.project_id in flavor.projects):
                return False
        elif flavor.is_public is not filters.is_public:
            return False
    if filters.disabled is not None and flavor.disabled is not filters.disabled:
        return False
    if filters.min_memory_mb is not None and flavor.memory_mb < filters.min_memory_mb:
        return False
    return filters.min_root_gb is None or flavor.root_gb >= filters.min_root_gb


def _sort_key(sort_key: str) -> Callable[[Flavor], tuple]:
    """The SQL order (column, id) ascending, NULLs first; descending is its reverse."""
    def key(flavor: Flavor) -> tuple:
        value = getattr(flavor, sort_key)
        return (value is not None, value, flavor.id)
    return key


def page(flavors: Sequence[Flavor], viewer: flavor_objects.Viewer,
         filters: flavor_objects.ListFilters) -> list[Flavor]:
    """One page of the flavors ``viewer`` may see, filtered and sorted as Nova does."""
    key = _sort_key(filters.sort_key)
    descending = filters.sort_dir != 'asc'
    chosen = sorted((flavor for flavor in flavors if _matches(flavor, viewer, filters)),
                    key=key, reverse=descending)
    if filters.marker is not None:
        marker = next((flavor for flavor in flavors
                       if flavor.flavorid == filters.marker and _visible(flavor, viewer)), None)
        if marker is None:
            raise flavor_objects.MarkerNotFound(filters.marker)
        after = key(marker)
        chosen = [flavor for flavor in chosen
                  if (key(flavor) < after if descending else key(flavor) > after)]
    if filters.limit is not None:
        chosen = chosen[:filters.limit]
    return chosen
