"""Bodies of os-hypervisors per microversion: the list, the detail, statistics, uptime, links."""

from __future__ import annotations

from collections.abc import Sequence

import orjson

from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.compute import hypervisors

_COLLECTION = 'os-hypervisors'


def _id(req, hypervisor: hypervisors.Hypervisor):
    return hypervisor.uuid if microversion.identifies_hypervisors_by_uuid(req) else hypervisor.id


def hypervisor(req, item: hypervisors.Hypervisor, detail: bool, with_servers: bool = False) -> dict:
    """One hypervisor: summary fields, and with ``detail`` the rest (usage fields until 2.87)."""
    service = item.service
    body: dict = {
        'id': _id(req, item),
        'hypervisor_hostname': item.hypervisor_hostname,
        'state': 'up' if service.up else 'down',
        'status': 'disabled' if service.disabled else 'enabled',
    }
    if detail:
        body.update(hypervisor_type=hypervisors.HYPERVISOR_TYPE,
                    hypervisor_version=hypervisors.HYPERVISOR_VERSION, host_ip=item.host_ip)
        body['service'] = {
            'id': service.uuid if microversion.identifies_services_by_uuid(req) else service.id,
            'host': item.host, 'disabled_reason': service.disabled_reason}
        if microversion.hides_hypervisor_usage(req):
            body['uptime'] = item.uptime if service.up else None
        else:
            body.update(_usage(item))
            body['cpu_info'] = (orjson.loads(item.cpu_info)
                                if microversion.shows_hypervisor_cpu_info_object(req) else item.cpu_info)
    if item.servers:
        body['servers'] = [{'name': name, 'uuid': uuid} for name, uuid in item.servers]
    elif with_servers and microversion.shows_empty_hypervisor_servers(req):
        body['servers'] = []
    return body


def _usage(item: hypervisors.Hypervisor) -> dict:
    size, usage = item.size, item.usage
    free_disk = size.local_gb - usage.local_gb_used
    return {
        'vcpus': size.vcpus, 'memory_mb': size.memory_mb, 'local_gb': size.local_gb,
        'vcpus_used': usage.vcpus_used, 'memory_mb_used': item.memory_mb_used,
        'local_gb_used': usage.local_gb_used, 'free_ram_mb': size.memory_mb - item.memory_mb_used,
        'free_disk_gb': free_disk, 'current_workload': usage.current_workload,
        'running_vms': usage.running_vms, 'disk_available_least': free_disk,
    }


def index(req, items: Sequence[hypervisors.Hypervisor], detail: bool, limit: int | None,
          links: bool, with_servers: bool = False) -> dict:
    """``{"hypervisors": [...]}`` and, after a full page (from 2.33), ``hypervisors_links``."""
    body: dict = {'hypervisors': [hypervisor(req, item, detail, with_servers) for item in items]}
    if links:
        collection = _COLLECTION + '/detail' if detail else _COLLECTION
        next_links = pagination.next_links(req, collection, items, limit,
                                           lambda item: str(_id(req, item)))
        if next_links:
            body['hypervisors_links'] = next_links
    return body


def show(req, item: hypervisors.Hypervisor, with_servers: bool = False) -> dict:
    return {'hypervisor': hypervisor(req, item, True, with_servers)}


def uptime(req, item: hypervisors.Hypervisor) -> dict:
    body = hypervisor(req, item, False)
    body['uptime'] = item.uptime
    return {'hypervisor': body}


def statistics(stats: hypervisors.Statistics) -> dict:
    free_disk = stats.local_gb - stats.local_gb_used
    return {'hypervisor_statistics': {
        'count': stats.count, 'vcpus': stats.vcpus, 'memory_mb': stats.memory_mb,
        'local_gb': stats.local_gb, 'vcpus_used': stats.vcpus_used,
        'memory_mb_used': stats.memory_mb_used, 'local_gb_used': stats.local_gb_used,
        'free_ram_mb': stats.memory_mb - stats.memory_mb_used, 'free_disk_gb': free_disk,
        'current_workload': stats.current_workload, 'running_vms': stats.running_vms,
        'disk_available_least': free_disk}}
