"""Server records for tests, like those of Nova's API samples; the requests and callers that show them."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from nova_api import context as nova_context
from nova_api.api import links
from nova_api.api import microversion
from nova_api.api.request import Request
from nova_api.api.views import servers as views
from nova_api.objects.servers import Address
from nova_api.objects.servers import Fault
from nova_api.objects.servers import Server
from nova_api.objects.servers import Volume

#: The project of Nova's samples (hex, so that it matches the default project_id_regex).
PROJECT = '6f70656e737461636b20342065766572'
IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'
UUID = '0e44cc9c-e052-415d-afbf-469b0d384170'

FLAVOR = {
    'flavorid': '1', 'name': 'm1.tiny', 'vcpus': 1, 'memory_mb': 512, 'root_gb': 1,
    'ephemeral_gb': 0, 'swap': 0, 'extra_specs': {'hw:numa_nodes': '1'},
}

_DEFAULTS: dict[str, Any] = dict(
    id=1, uuid=UUID, project_id=PROJECT, user_id='admin', name='new-server-test',
    description=None, hostname='new-server-test', reservation_id='r-ov3q80zj', launch_index=0,
    image_ref=IMAGE, image_properties={'architecture': 'x86_64', 'auto_disk_config': 'True'},
    flavor=FLAVOR, vm_state='active', task_state=None, power_state=1, host='compute',
    node='fake-mini', availability_zone='us-west', pinned_availability_zone='us-west',
    scheduler_hints={'same_host': ['48e6a9f6-30af-47e0-bc04-acaed113bb4e']}, key_name=None,
    key_data=None, user_data='IyEvYmluL2Jhc2gKL2Jpbi9zdQplY2hvICJJIGFtIGluIHlvdSEiCg==',
    config_drive='', access_ip_v4='1.2.3.4', access_ip_v6='80fe::', auto_disk_config=True,
    progress=0, locked_by=None, locked_reason=None, security_groups=('default',),
    trusted_certs=None, root_device_name='/dev/sda', kernel_id='', ramdisk_id='',
    launched_at=datetime.datetime(2013, 9, 23, 13, 37, 0, 880302), terminated_at=None,
    created_at=datetime.datetime(2013, 9, 3, 4, 1, 32), updated_at=datetime.datetime(2013, 9, 3, 4, 1, 33),
    deleted_at=None, deleted=False, metadata={'My Server Name': 'Apache1'}, tags=(),
    addresses=(Address('private', '192.168.1.30', 4, '00:0c:29:0d:11:74'),),
    fault=None, volumes=(Volume('volume_id1', False), Volume('volume_id2', False)),
)


#: The callers of Nova's sample tests: an admin, and a project member (who sees flavor extra specs).
ADMIN = views.ShowOptions(extended_attributes=True, host_status=views.HOST_STATUS_ANY,
                          flavor_extra_specs=True, host_statuses={'compute': 'UP'}, is_admin=True)
MEMBER = views.ShowOptions(flavor_extra_specs=True)


def request(version: str, path: str = '/servers', query: str = '', with_project: bool = True) -> Request:
    """A request for ``path`` at ``version``, the project in the URL unless ``with_project`` is false."""
    prefix = '/' + PROJECT if with_project else ''
    req = Request.blank('/v2.1%s%s' % (prefix, path) + ('?' + query if query else ''))
    req.script_name, req.path_info = '/v2.1', prefix + path
    req.environ[links.ENV_ROOT_SCRIPT_NAME] = ''  # what the URL map records
    req.environ[nova_context.ENV_API_VERSION] = microversion.APIVersion.parse(version)
    nova_context.set_in_environ(req.environ, nova_context.RequestContext(
        user_id='admin', project_id=PROJECT))
    return req


def make_server(**changes: Any) -> Server:
    """An active server like the one of Nova's samples, with ``changes`` applied."""
    return Server(**{**_DEFAULTS, **changes})


def make_fault(code: int = 500, details: str | None = 'Traceback...') -> Fault:
    return Fault(code=code, message='It went wrong', details=details,
                 created_at=datetime.datetime(2013, 9, 3, 4, 1, 40))


def replace(server: Server, **changes: Any) -> Server:
    return dataclasses.replace(server, **changes)
