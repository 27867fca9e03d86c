"""Glance's image list query: filters, sorting and paging, read with Glance's rules and messages.

``GET /v2/images?name=in:a,b&size_min=1&sort=name:asc&limit=10`` becomes a
:class:`~nova_api.objects.images.ListQuery`. Anything Glance refuses raises
``InvalidImageQuery`` (400) with Glance's message. As in Glance, a parameter
that is neither a known filter nor an image attribute filters on the
additional property of that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from oslo_utils import timeutils

from nova_api import exception
from nova_api.objects.images import Condition
from nova_api.objects.images import ListQuery

#: Glance's defaults ([DEFAULT] limit_param_default, api_limit_max).
DEFAULT_LIMIT = 25
MAX_LIMIT = 1000

SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at',
             'updated_at')
SORT_DIRS = ('asc', 'desc')
DEFAULT_SORT_KEY = 'created_at'
DEFAULT_SORT_DIR = 'desc'
VISIBILITIES = ('community', 'public', 'private', 'shared', 'all')
MEMBER_STATUSES = ('pending', 'accepted', 'rejected', 'all')

#: Filters that take Glance's operators (``in:a,b``; ``eq:`` is the default).
_LIST_FILTERS = ('name', 'id', 'status', 'container_format', 'disk_format')
_TIME_FILTERS = ('created_at', 'updated_at')
_INTEGER_COLUMNS = ('size', 'virtual_size', 'min_ram', 'min_disk')
_STRING_COLUMNS = ('owner', 'checksum', 'os_hash_algo', 'os_hash_value')
#: Never filters: Glance lists live images only and sets ``deleted`` itself.
_IGNORED = ('deleted', 'deleted_at')
_TIME_OPERATORS = ('eq', 'neq', 'gt', 'gte', 'lt', 'lte')


def _invalid(reason: str) -> exception.InvalidImageQuery:
    return exception.InvalidImageQuery(reason=reason)


def _first(params: list[tuple[str, str]], name: str) -> str | None:
    """Take out the first value of ``name`` (Glance pops one; any others stay filters)."""
    for index, (key, value) in enumerate(params):
        if key == name:
            del params[index]
            return value
    return None


def _take_all(params: list[tuple[str, str]], name: str) -> list[str]:
    values = [value for key, value in params if key == name]
    params[:] = [(key, value) for key, value in params if key != name]
    return values


def _last(params: list[tuple[str, str]], name: str) -> str | None:
    """Take out every value of ``name``; the last one counts (webob's ``GET[name]``)."""
    values = _take_all(params, name)
    return values[-1] if values else None


# -- paging and sorting ---------------------------------------------------------------

def _limit(value: str | None, default: int, maximum: int) -> int:
    if value is None:
        return min(default, maximum)
    try:
        limit = int(value)
    except ValueError:
        raise _invalid('limit param must be an integer') from None
    if limit < 0:
        raise _invalid('limit param must be positive')
    return min(limit, maximum)


def _sort_key(key: str) -> str:
    if key not in SORT_KEYS:
        raise _invalid('Invalid sort key: %s. It must be one of the following: %s.'
                       % (key, ', '.join(SORT_KEYS)))
    return key


def _sort_dir(direction: str) -> str:
    if direction not in SORT_DIRS:
        raise _invalid('Invalid sort direction: %s' % direction)
    return direction


def _sorting(params: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """``sort=name:asc,size`` or ``sort_key=name&sort_dir=asc``, then created_at and id."""
    sort = _take_all(params, 'sort')
    keys = [_sort_key(key.strip()) for key in _take_all(params, 'sort_key')]
    dirs = [_sort_dir(direction.strip()) for direction in _take_all(params, 'sort_dir')]
    if sort:
        if keys or dirs:
            raise _invalid('Old and new sorting syntax cannot be combined')
        for item in sort[0].strip().split(','):
            key, _sep, direction = item.partition(':')
            keys.append(_sort_key(key.strip()))
            dirs.append(_sort_dir(direction.strip() or DEFAULT_SORT_DIR))
    elif len(dirs) > 1 and len(dirs) != len(keys):
        raise _invalid('Number of sort dirs does not match the number of sort keys')
    keys = keys or [DEFAULT_SORT_KEY]
    dirs = dirs or [DEFAULT_SORT_DIR]
    # One direction applies to every key, and to the tie-breakers Glance adds.
    default = dirs[0] if len(dirs) == 1 else DEFAULT_SORT_DIR
    if len(dirs) == 1:
        dirs = dirs * len(keys)
    pairs = list(zip(keys, dirs, strict=True))
    pairs.extend((key, default) for key in ('created_at', 'id') if key not in keys)
    return tuple(pairs)


# -- filters ------------------------------------------------------------------------

def _operator(expression: str) -> tuple[str, str]:
    """Glance's ``op:value`` split; a bare ISO 8601 time with colons is an ``eq`` value."""
    left, sep, right = expression.partition(':')
    if not sep:
        return 'eq', left
    try:
        timeutils.parse_isotime(expression)
    except ValueError:
        return left, right
    return 'eq', expression


def _check_quotes(value: str) -> None:
    opened = False
    for index, char in enumerate(value):
        if char != '"' or (index and value[index - 1] == '\\'):
            continue
        if not opened and index and value[index - 1] != ',':
            raise _invalid('Invalid filter value %s. There is no comma before opening '
                           'quotation mark.' % value)
        if opened and index + 1 != len(value) and value[index + 1] != ',':
            raise _invalid('Invalid filter value %s. There is no comma after closing '
                           'quotation mark.' % value)
        opened = not opened
    if opened:
        raise _invalid('Invalid filter value %s. The quote is not closed.' % value)


_IN_ITEM = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)",?|([^,]+),?|,')


def _in_values(value: str) -> tuple[str, ...]:
    """``a,"b, c",d`` -> ``('a', 'b, c', 'd')``: quotes keep commas in a value."""
    _check_quotes(value)
    return tuple(quoted or plain for quoted, plain in _IN_ITEM.findall(value))


def _list_filter(name: str, expression: str) -> Condition:
    op, value = _operator(expression)
    if op == 'in':
        return Condition(name, 'in', _in_values(value))
    if op == 'eq':
        return Condition(name, 'eq', value)
    raise _invalid("Unable to filter by unknown operator '%s'." % op)


def _time_filter(name: str, expression: str) -> Condition:
    op, value = _operator(expression)
    try:
        moment = timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise _invalid('Bad "%s" query filter format. Use ISO 8601 DateTime notation.'
                       % name) from None
    if op not in _TIME_OPERATORS:
        raise _invalid('Unable to filter on a unknown operator.')
    return Condition(name, op, moment)


def _range_filter(name: str, value: str) -> Condition:
    try:
        number = int(value)
    except ValueError:
        raise _invalid('Unable to filter on a range with a non-numeric value.') from None
    return Condition(name[:-4], 'gte' if name.endswith('_min') else 'lte', number)


def _equal(name: str, value: str) -> Condition:
    """An integer attribute equal to a non-number matches nothing, as in SQL."""
    if name in _INTEGER_COLUMNS:
        try:
            return Condition(name, 'eq', int(value))
        except ValueError:
            return Condition('id', 'in', ())
    return Condition(name, 'eq', value)


def _boolean(name: str, value: str) -> Condition:
    if value not in ('true', 'false'):
        raise _invalid("Invalid value '%s' for '%s' filter. Valid values are 'true' or 'false'."
                       % (value, name))
    return Condition(name, 'eq', value == 'true')


def _filters(params: list[tuple[str, str]]) -> tuple[list[Condition], list[tuple[str, str]]]:
    """Image conditions and property equalities of what is left of the query."""
    conditions = [_boolean('os_hidden', (_last(params, 'os_hidden') or 'false').lower())]
    properties = []
    for name, value in params:
        if name == 'changes-since':
            raise _invalid('The "changes-since" filter is no longer available on v2.')
        if name == 'protected':
            conditions.append(_boolean(name, value))
        elif name in _LIST_FILTERS:
            conditions.append(_list_filter(name, value))
        elif name in _TIME_FILTERS:
            conditions.append(_time_filter(name, value))
        elif name[-4:] in ('_min', '_max') and name[:-4] in _INTEGER_COLUMNS:
            conditions.append(_range_filter(name, value))
        elif name in _INTEGER_COLUMNS or name in _STRING_COLUMNS:
            conditions.append(_equal(name, value))
        elif name not in _IGNORED:
            properties.append((name, value))
    return conditions, properties


def parse(query: Iterable[tuple[str, str]], default_limit: int = DEFAULT_LIMIT,
          max_limit: int = MAX_LIMIT) -> ListQuery:
    """The :class:`ListQuery` of a query string's ``(name, value)`` pairs, in their order."""
    params = list(query)
    limit = _limit(_first(params, 'limit'), default_limit, max_limit)
    marker = _first(params, 'marker')
    member_status = _first(params, 'member_status') or 'accepted'
    if member_status not in MEMBER_STATUSES:
        raise _invalid('Invalid status: %s' % member_status)
    tags = tuple(tag.strip() for tag in _take_all(params, 'tag'))
    visibility = _last(params, 'visibility')
    if visibility and visibility not in VISIBILITIES:
        raise _invalid('Invalid visibility value: %s' % visibility)
    sort = _sorting(params)
    conditions, properties = _filters(params)
    return ListQuery(conditions=tuple(conditions), properties=tuple(properties), tags=tags,
                     visibility=visibility, sort=sort, limit=limit, marker=marker,
                     member_status=member_status)

