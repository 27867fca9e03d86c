"""Bodies of os-services: the list, the 2.53 update, and the legacy (before 2.53) update answers."""

from __future__ import annotations

from collections.abc import Iterable

from nova_api.api import microversion
from nova_api.compute import services

#: How Nova's JSON encoder writes a naive UTC datetime.
_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def _service(req, service: services.Service, forced_down: bool) -> dict:
    body = {
        'binary': service.binary,
        'host': service.host,
        'id': service.uuid if microversion.identifies_services_by_uuid(req) else service.id,
        'zone': service.zone,
        'status': 'disabled' if service.disabled else 'enabled',
        'state': 'up' if service.up else 'down',
        'updated_at': service.updated_at.strftime(_TIME_FORMAT),
        'disabled_reason': service.disabled_reason,
    }
    if forced_down:
        body['forced_down'] = service.forced_down
    return body


def index(req, service_list: Iterable[services.Service]) -> dict:
    """``{"services": [...]}``; ``forced_down`` from 2.11, uuid ids from 2.53."""
    forced_down = microversion.shows_service_forced_down(req)
    return {'services': [_service(req, service, forced_down) for service in service_list]}


def updated(req, service: services.Service) -> dict:
    """The 2.53 answer: the whole service, ``forced_down`` included."""
    return {'service': _service(req, service, True)}


def status_changed(host: str, binary: str, status: str, reason: str | None) -> dict:
    """The legacy enable/disable answer; ``disabled_reason`` only when one was given."""
    body = {'host': host, 'binary': binary, 'status': status}
    if reason:
        body['disabled_reason'] = reason
    return {'service': body}


def forced_down_changed(host: str, binary: str, forced_down: bool) -> dict:
    """The legacy force-down answer (2.11 to 2.52)."""
    return {'service': {'host': host, 'binary': binary, 'forced_down': forced_down}}
