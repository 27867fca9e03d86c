"""Bodies of os-availability-zone: the zones, and (detail) their hosts and services."""

from __future__ import annotations

from collections.abc import Iterable

from nova_api.compute import availability_zones

#: How Nova's JSON encoder writes a naive UTC datetime.
_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def _zone(zone: availability_zones.Zone, hosts: dict | None) -> dict:
    return {'zoneName': zone.name, 'zoneState': {'available': zone.available}, 'hosts': hosts}


def _services(services: Iterable[availability_zones.Service]) -> dict:
    return {service.binary: {'available': service.available, 'active': service.active,
                             'updated_at': service.updated_at.strftime(_TIME_FORMAT)}
            for service in services}


def zones(zone_list: Iterable[availability_zones.Zone]) -> dict:
    """``{"availabilityZoneInfo": [...]}`` without hosts (``"hosts": null``)."""
    return {'availabilityZoneInfo': [_zone(zone, None) for zone in zone_list]}


def zones_detail(zone_list: Iterable[availability_zones.Zone]) -> dict:
    """``{"availabilityZoneInfo": [...]}``, ``hosts: {host: {binary: state}}`` (null: not available)."""
    return {'availabilityZoneInfo': [
        _zone(zone, None if zone.hosts is None
              else {host: _services(services) for host, services in zone.hosts.items()})
        for zone in zone_list]}
