"""Bodies of os-aggregates: an aggregate with its hosts and metadata (``uuid`` from 2.41)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from nova_api.api import microversion
from nova_api.compute import aggregates

#: How Nova's JSON encoder writes a naive UTC datetime.
_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def _time(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.strftime(_TIME_FORMAT)


def _aggregate(req, aggregate: aggregates.Aggregate, full: bool = True) -> dict:
    body = {
        'availability_zone': aggregate.availability_zone,
        'created_at': _time(aggregate.created_at),
        'deleted': False,
        'deleted_at': None,
        'id': aggregate.id,
        'name': aggregate.name,
        'updated_at': _time(aggregate.updated_at),
    }
    if full:
        body['hosts'] = list(aggregate.hosts)
        body['metadata'] = dict(aggregate.metadata)
    if microversion.shows_aggregate_uuid(req):
        body['uuid'] = aggregate.uuid
    return body


def index(req, aggregate_list: Iterable[aggregates.Aggregate]) -> dict:
    return {'aggregates': [_aggregate(req, aggregate) for aggregate in aggregate_list]}


def show(req, aggregate: aggregates.Aggregate) -> dict:
    return {'aggregate': _aggregate(req, aggregate)}


def created(req, aggregate: aggregates.Aggregate) -> dict:
    """The create answer: without ``hosts`` and ``metadata``, as Nova has always answered."""
    return {'aggregate': _aggregate(req, aggregate, full=False)}
