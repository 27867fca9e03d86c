"""Bodies of os-simple-tenant-usage: per project totals, server usages, and (2.40) next links."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from nova_api.api import pagination
from nova_api.compute import simple_tenant_usage as usage_api

_COLLECTION = 'os-simple-tenant-usage'
#: How Nova's JSON encoder writes a naive UTC datetime.
_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def _time(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.strftime(_TIME_FORMAT)


def _server_usage(item: usage_api.ServerUsage) -> dict:
    server = item.server
    return {
        'hours': item.hours, 'flavor': server.flavor_name, 'instance_id': server.uuid,
        'name': server.name, 'tenant_id': server.project_id, 'memory_mb': server.memory_mb,
        'local_gb': server.local_gb, 'vcpus': server.vcpus, 'started_at': _time(server.launched_at),
        'ended_at': _time(server.terminated_at), 'state': item.state, 'uptime': item.uptime,
    }


def _tenant_usage(usage: usage_api.TenantUsage, detailed: bool) -> dict:
    body: dict = {
        'tenant_id': usage.tenant_id,
        'total_local_gb_usage': usage.total_local_gb_usage,
        'total_vcpus_usage': usage.total_vcpus_usage,
        'total_memory_mb_usage': usage.total_memory_mb_usage,
        'total_hours': usage.total_hours,
        'start': _time(usage.start),
        'stop': _time(usage.stop),
    }
    if detailed:
        body['server_usages'] = [_server_usage(item) for item in usage.server_usages]
    return body


def _links(req, collection: str, servers: Sequence, limit: int | None) -> list[dict] | None:
    return pagination.next_links(req, collection, servers, limit, lambda server: server.uuid)


def index(req, usages: Sequence[usage_api.TenantUsage], servers: Sequence, detailed: bool,
          limit: int | None, links: bool) -> dict:
    """``{"tenant_usages": [...]}`` (``server_usages`` with ``detailed``); links from 2.40."""
    body: dict = {'tenant_usages': [_tenant_usage(usage, detailed) for usage in usages]}
    next_links = _links(req, _COLLECTION, servers, limit) if links else None
    if next_links:
        body['tenant_usages_links'] = next_links
    return body


def show(req, tenant_id: str, usages: Sequence[usage_api.TenantUsage], servers: Sequence,
         limit: int | None, links: bool) -> dict:
    """``{"tenant_usage": {...}}`` with its server usages (``{}`` when nothing ran)."""
    body: dict = {'tenant_usage': _tenant_usage(usages[0], True) if usages else {}}
    next_links = _links(req, '%s/%s' % (_COLLECTION, tenant_id), servers, limit) if links else None
    if next_links:
        body['tenant_usage_links'] = next_links
    return body
