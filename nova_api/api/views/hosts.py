"""Bodies of os-hosts: the host list and a host's resources."""

from __future__ import annotations

from collections.abc import Iterable

from nova_api.compute import hosts


def index(services: Iterable[hosts.HostService]) -> dict:
    return {'hosts': [{'host_name': item.host_name, 'service': item.service, 'zone': item.zone}
                      for item in services]}


def show(resources: Iterable[hosts.Resource]) -> dict:
    return {'host': [{'resource': {'host': item.host, 'project': item.project, 'cpu': item.cpu,
                                   'memory_mb': item.memory_mb, 'disk_gb': item.disk_gb}}
                     for item in resources]}
