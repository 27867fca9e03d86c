"""A list request's query string, parsed once: filters, tag filters, fields, sorting and paging.

Pure (no database), so that the API side parses and the business layer applies
(:mod:`nova_api.networking.listing`).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from nova_api.exception import network as net_exc

#: Query parameters that are not filters.
CONTROL = frozenset(('fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse'))
TAG_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')
_TRUE = frozenset(('true', '1', 'yes', 'on'))
_FALSE = frozenset(('false', '0', 'no', 'off'))


def to_bool(value: Any) -> bool:
    """Neutron's convert_to_boolean."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise net_exc.InvalidInput(error_message="'%s' cannot be converted to boolean" % value)


def to_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise net_exc.InvalidInput(error_message="'%s' is not an integer" % value) from None


def to_str(value: Any) -> str:
    return str(value)


def to_time(value: Any) -> datetime.datetime:
    """A timestamp as Neutron shows them (``2026-12-02T12:00:00Z``), in UTC without a zone."""
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace('Z', '+00:00'))
    except ValueError:
        raise net_exc.InvalidInput(error_message="'%s' is not a valid timestamp" % value) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment


def to_nullable(value: Any) -> str | None:
    return None if value in ('', 'None', 'null') else str(value)


@dataclasses.dataclass(frozen=True)
class ListQuery:
    """What a list request asks for, parsed from its query string."""

    filters: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    tags: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    fields: tuple[str, ...] = ()
    sorts: tuple[tuple[str, bool], ...] = ()  # (attribute, ascending)
    limit: int | None = None
    marker: str | None = None
    page_reverse: bool = False

    @classmethod
    def parse(cls, params: Iterable[tuple[str, str]]) -> ListQuery:
        filters: dict[str, list[str]] = {}
        tags: dict[str, list[str]] = {}
        fields: list[str] = []
        keys: list[str] = []
        dirs: list[str] = []
        limit = marker = None
        page_reverse = False
        for name, value in params:
            if name == 'fields':
                fields.extend(part for part in value.split(',') if part)
            elif name == 'sort_key':
                keys.append(value)
            elif name == 'sort_dir':
                if value not in ('asc', 'desc'):
                    raise net_exc.HTTPBadRequest(
                        reason="%s is invalid value for sort_dir, valid sort dir values are "
                               "['asc', 'desc']" % value)
                dirs.append(value)
            elif name == 'limit':
                limit = _limit(value)
            elif name == 'marker':
                marker = value
            elif name == 'page_reverse':
                page_reverse = to_bool(value)
            elif name in TAG_FILTERS:
                tags.setdefault(name, []).extend(t for t in value.split(',') if t)
            else:
                filters.setdefault(name, []).append(value)
        if dirs and len(dirs) != len(keys):
            raise net_exc.HTTPBadRequest(reason='The number of sort_keys and sort_dirs must be '
                                                'same')
        sorts = tuple((key, (dirs[i] if dirs else 'asc') == 'asc') for i, key in enumerate(keys))
        return cls(filters={k: tuple(v) for k, v in filters.items()},
                   tags={k: tuple(v) for k, v in tags.items()}, fields=tuple(fields), sorts=sorts,
                   limit=limit, marker=marker, page_reverse=page_reverse)


def _limit(value: str) -> int | None:
    try:
        limit = int(value)
    except ValueError:
        raise net_exc.HTTPBadRequest(reason="Limit must be an integer 0 or greater and not "
                                            "'%s'" % value) from None
    if limit < 0:
        raise net_exc.HTTPBadRequest(reason="Limit must be an integer 0 or greater and not "
                                            "'%s'" % value)
    # 0 is no limit, as in Neutron; past what a database LIMIT takes is as good as none.
    return min(limit, 2 ** 31 - 2) or None
