"""Read the server list's query string as Nova does: who may filter by what, statuses, sorting.

Nova's ``ServersController._get_servers`` and the compute API's filter
mapping, in one place: a non-admin's filters are cut to the ones Nova
allows at the request's microversion (the rest is silently dropped; the
query schema has already refused unknown names from 2.75), ``status``
becomes vm and task states, ``all_tenants`` and ``deleted`` are admin
matters, sort keys Nova ignores are dropped and ``host``/``node`` are
admin-only. The result is a :class:`ListQuery` in column terms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from oslo_utils import strutils
from oslo_utils import timeutils

from nova_api import exception
from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api.schemas import servers as schemas
from nova_api.compute.servers import states
from nova_api.compute.servers.api import ListQuery

TAG_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')
PAGING_SORTING_PARAMS = ('sort_key', 'sort_dir', 'limit', 'marker')

#: Query parameter -> column, where they differ (Nova's compute API mapping).
_COLUMN_OF = {'name': 'display_name', 'image': 'image_ref', 'flavor': 'flavor_id',
              'tenant_id': 'project_id', 'description': 'display_description'}
#: Columns matched exactly (Nova's exact_match_filter_names); other columns match as regexes.
_EXACT = frozenset(('project_id', 'user_id', 'image_ref', 'vm_state', 'task_state', 'uuid', 'host',
                    'flavor_id', 'power_state'))
#: Columns anyone may filter on as regexes, when allowed by version; the rest are admins'.
_FILTERABLE_COLUMNS = frozenset((
    'display_name', 'display_description', 'hostname', 'reservation_id', 'availability_zone',
    'config_drive', 'key_name', 'created_at', 'launched_at', 'terminated_at', 'progress', 'node',
    'access_ip_v4', 'access_ip_v6', 'launch_index', 'kernel_id', 'ramdisk_id', 'root_device_name',
    'image_ref', 'flavor_id', 'vm_state', 'task_state', 'power_state', 'user_id', 'project_id',
    'uuid', 'host'))
#: Sort keys that name a column of ours differently, or that only admins may use.
_ADMIN_SORT_KEYS = ('host', 'node')


def allowed_filters(req) -> tuple[str, ...]:
    """The filters a non-admin may use at the request's microversion (Nova's list)."""
    names: tuple[str, ...] = ('reservation_id', 'name', 'status', 'image', 'flavor', 'ip',
                              'changes-since', 'all_tenants')
    if microversion.allows_ip6_filter(req):
        names += ('ip6',)
    if microversion.allows_server_tags(req):
        names += TAG_FILTERS
    if microversion.allows_changes_before(req):
        names += ('changes-before',)
    if microversion.allows_locked_filter(req):
        names += ('locked',)
    if microversion.allows_more_server_filters(req):
        names += ('availability_zone', 'config_drive', 'key_name', 'created_at', 'launched_at',
                  'terminated_at', 'power_state', 'task_state', 'vm_state', 'progress', 'user_id')
    if microversion.allows_server_hostname(req):
        names += ('hostname',)
    return names


@dataclasses.dataclass(frozen=True)
class Listing:
    """What the controller needs besides the query: the page size and whose servers."""

    query: ListQuery | None  # None: the answer is an empty list (an unknown status before 2.38)
    limit: int
    all_tenants: bool


def _bool(name: str, value: str) -> bool:
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError as error:
        raise exception.InvalidInput(reason=str(error)) from None


def _time(name: str, value: str):
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise exception.InvalidServerFilter(name=name) from None


def read(req, ctx, max_limit: int, may_use_all_filters: bool, may_list_all_tenants) -> Listing:
    """The listing a request asks for.

    ``may_use_all_filters``: the caller passes ``allow_all_filters``;
    ``may_list_all_tenants()`` is the all-tenants policy check, made only
    when ``all_tenants`` is asked for.
    """
    options: dict[str, Any] = {key: values[-1] for key, values in req.GET.dict_of_lists().items()}
    if may_use_all_filters:
        for key in PAGING_SORTING_PARAMS:
            options.pop(key, None)
    else:
        allowed = allowed_filters(req)
        options = {key: value for key, value in options.items() if key in allowed}
    for name in options:
        if name in schemas.JOINED_TABLE_QUERY_PARAMS_SERVERS or name.startswith('_'):
            raise exception.InvalidServerFilter(name=name)
    limit, marker = pagination.limit_and_marker(dict(req.GET.items()), max_limit)
    sort = _sort(req, ctx)
    all_tenants = 'all_tenants' in options and _bool('all_tenants', options.pop('all_tenants'))
    if all_tenants:
        may_list_all_tenants()
    project_id = None if all_tenants else ctx.project_id
    if not all_tenants:
        options.pop('tenant_id', None)  # lp:1185290: only with all_tenants
    fields = _filters(req, ctx, options)
    if fields is None:
        return Listing(None, limit, all_tenants)
    return Listing(ListQuery(project_id=project_id, sort=sort, limit=limit, marker=marker, **fields),
                   limit, all_tenants)


def _filters(req, ctx, options: dict[str, Any]) -> dict[str, Any] | None:
    """The ListQuery fields of the filters; None when nothing can match."""
    fields: dict[str, Any] = {'exact': {}, 'regex': {}}
    # Nova: live servers only, unless asked; changes-since/before also return deleted ones.
    if 'deleted' in options:
        fields['deleted'] = strutils.bool_from_string(options.pop('deleted'), default=False)
    elif 'changes-since' in options or 'changes-before' in options:
        fields['deleted'] = None
    else:
        fields['deleted'] = False
    if 'status' in options:
        options.pop('status')
        if not _statuses(req, ctx, fields):
            return None
    for name in ('changes-since', 'changes-before'):
        if name in options:
            fields[name.replace('-', '_')] = _time(name, options.pop(name))
    since, before = fields.get('changes_since'), fields.get('changes_before')
    if since and before and before < since:
        raise exception.InvalidServerRequest(
            reason='The value of changes-since must be less than or equal to changes-before.')
    if 'locked' in options:
        fields['locked'] = _bool('locked', options.pop('locked'))
    for name in ('ip', 'ip6'):
        if name in options:
            fields[name] = options.pop(name)
    if microversion.allows_server_tags(req):
        for name in TAG_FILTERS:
            if name in options:
                fields[name.replace('-', '_')] = [tag for tag in options.pop(name).split(',') if tag]
    _columns(options, fields)
    return fields


def _statuses(req, ctx, fields: dict[str, Any]) -> bool:
    """Turn ``status`` into vm and task states; False when no status is known (before 2.38)."""
    vm_states, task_states = states.states_for_statuses(req.GET.getall('status'))
    if not vm_states and not task_states:
        if microversion.rejects_invalid_status(req):
            raise exception.InvalidServerRequest(reason='Invalid status value')
        return False
    fields['exact']['vm_state'] = vm_states
    if states.DEFAULT not in task_states:
        fields['exact']['task_state'] = task_states
    if vm_states == [states.DELETED]:
        if not ctx.is_admin:
            raise exception.Forbidden('Only administrators may list deleted instances')
        fields['deleted'] = True
    return True


def _columns(options: Mapping[str, Any], fields: dict[str, Any]) -> None:
    for name, value in options.items():
        column = _COLUMN_OF.get(name, name)
        if column not in _FILTERABLE_COLUMNS:
            continue  # not a column: Nova's database layer ignores it too
        if column in _EXACT:
            fields['exact'].setdefault(column, value)
        else:
            fields['regex'][column] = value


def _sort(req, ctx) -> list[tuple[str, str]]:
    """Nova's sort keys and directions: ignored keys dropped, host/node for admins only."""
    keys = [key.strip() for key in req.GET.getall('sort_key')] or ['created_at']
    dirs = [value.strip() for value in req.GET.getall('sort_dir')] or ['desc']
    if len(dirs) > len(keys) and req.GET.getall('sort_key'):
        raise exception.InvalidInput(reason='Sort direction size exceeds sort key size')
    ignored = (schemas.SERVER_LIST_IGNORE_SORT_KEY_V273 if microversion.allows_locked_filter(req)
               else schemas.SERVER_LIST_IGNORE_SORT_KEY)
    result = []
    for index, key in enumerate(keys):
        if key in ignored:
            continue
        if key in _ADMIN_SORT_KEYS and not ctx.is_admin:
            raise exception.Forbidden('Only administrators can sort servers by %s' % key)
        result.append((key, dirs[index] if index < len(dirs) else dirs[0]))
    return result or [('created_at', dirs[0])]
