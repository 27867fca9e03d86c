"""Flavors: who sees which, the list's filters and pages, and Nova's rules for creating one."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from oslo_utils import strutils

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.objects import flavor_catalogue
from nova_api.objects import flavors as flavor_objects
from nova_api.objects.flavors import Flavor

#: The database's limits (Nova's db constants): a 32-bit integer, a single-precision float.
MAX_INT = 0x7FFFFFFF
SQL_SP_FLOAT_MAX = 3.40282e+38

#: Nova's integer attributes of a flavor: (stored as, named in messages, minimum).
_INTEGER_ATTRIBUTES = (
    ('memory_mb', 'ram', 1),
    ('vcpus', 'vcpus', 1),
    ('root_gb', 'disk', 0),
    ('ephemeral_gb', 'ephemeral', 0),
    ('swap', 'swap', 0),
)


def viewer(ctx: nova_context.RequestContext) -> flavor_objects.Viewer:
    return flavor_objects.Viewer(project_id=ctx.project_id, is_admin=bool(ctx.is_admin))


def get_visible(session, ctx: nova_context.RequestContext, flavorid: str) -> Flavor:
    """The flavor ``flavorid`` as ``ctx`` sees it: another project's private one is a 404."""
    flavor = flavor_objects.get(session, viewer(ctx), flavorid)
    if flavor is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return flavor


def _parse_is_public(value: str | None) -> bool | None:
    """Admins' ``is_public``: absent means public only, ``none`` means all."""
    if value is None:
        return True
    if value.lower() == 'none':
        return None
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.InvalidFlavorFilter(name='is_public', value=value) from None


def _parse_minimum(params: Mapping[str, str], name: str) -> int | None:
    if name not in params:
        return None
    try:
        return int(params[name])
    except ValueError:
        raise exception.InvalidFlavorFilter(name=name, value=params[name]) from None


class FlavorAPI(base.ResourceAPI):
    """List, show, create, describe and delete flavors."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        #: This worker's copy of the flavors, for the list (objects/flavor_catalogue.py).
        self.catalogue = flavor_catalogue.Catalogue(self.database)

    def list_filters(self, ctx: nova_context.RequestContext, params: Mapping[str, str],
                     limit: int, marker: str | None) -> flavor_objects.ListFilters:
        """Nova's reading of the list's query (one value per parameter, the last one given).

        Only admins choose with ``is_public``; everyone else sees enabled
        public flavors and the private ones shared with their project.
        """
        if ctx.is_admin:
            is_public, disabled = _parse_is_public(params.get('is_public')), None
        else:
            is_public, disabled = True, False
        return flavor_objects.ListFilters(
            is_public=is_public, disabled=disabled,
            min_memory_mb=_parse_minimum(params, 'minRam'),
            min_root_gb=_parse_minimum(params, 'minDisk'),
            sort_key=params.get('sort_key') or 'flavorid',
            sort_dir=params.get('sort_dir') or 'asc',
            limit=limit, marker=marker)

    def all(self) -> Sequence[Flavor]:
        """Every flavor as of now: the same object for as long as no flavor changes."""
        return self.catalogue.flavors()

    def list(self, ctx: nova_context.RequestContext,
             filters: flavor_objects.ListFilters) -> Sequence[Flavor]:
        try:
            return self.catalogue.list(viewer(ctx), filters)
        except flavor_objects.MarkerNotFound:
            raise exception.FlavorMarkerNotFound(marker=filters.marker) from None

    def get(self, ctx: nova_context.RequestContext, flavorid: str) -> Flavor:
        return self.database.read(get_visible, ctx, flavorid)

    def create(self, ctx: nova_context.RequestContext, values: Mapping[str, Any]) -> Flavor:
        """Create a flavor from the API's validated values (Nova's names).

        As in Nova (bug 1209101), a private flavor is not shared with the
        project that created it: access is granted with addTenantAccess.
        """
        row = _checked(values)
        try:
            return self.database.write(flavor_objects.create, row)
        except flavor_objects.Duplicate as dup:
            if dup.field == 'flavorid':
                raise exception.FlavorIdExists(flavor_id=row['flavorid']) from None
            raise exception.FlavorExists(name=row['name']) from None

    def update_description(self, ctx: nova_context.RequestContext, flavorid: str,
                           description: str | None) -> Flavor:
        flavor = self.database.write(flavor_objects.set_description, flavorid, description)
        if flavor is None:
            raise exception.FlavorNotFound(flavor_id=flavorid)
        return flavor

    def delete(self, ctx: nova_context.RequestContext, flavorid: str) -> None:
        if not self.database.write(flavor_objects.destroy, flavorid):
            raise exception.FlavorNotFound(flavor_id=flavorid)


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """The row to store, after Nova's checks of what the schema lets through (numeric strings)."""
    flavorid = values.get('flavorid')
    name = values['name']
    row: dict[str, Any] = {
        'name': name.strip() if isinstance(name, str) else name,
        # No id (or Nova's falsy ones) gets a UUID; a JSON number is stored as a string.
        'flavorid': str(flavorid) if flavorid else str(uuid.uuid4()),
        'description': values.get('description'),
        'disabled': False,
    }
    for key, label, minimum in _INTEGER_ATTRIBUTES:
        try:
            row[key] = strutils.validate_integer(values.get(key, 0), label, minimum, MAX_INT)
        except ValueError as err:
            raise exception.InvalidInput(reason=str(err)) from None
    try:
        row['rxtx_factor'] = float(values.get('rxtx_factor', 1.0))
        if not 0 < row['rxtx_factor'] <= SQL_SP_FLOAT_MAX:
            raise ValueError()
    except ValueError:
        raise exception.InvalidInput(
            reason="'rxtx_factor' argument must be a float between 0 and %g"
                   % SQL_SP_FLOAT_MAX) from None
    try:
        row['is_public'] = strutils.bool_from_string(values.get('is_public', True), strict=True)
    except ValueError:
        raise exception.InvalidInput(reason='is_public must be a boolean') from None
    return row
