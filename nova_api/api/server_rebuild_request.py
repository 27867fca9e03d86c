"""Read a validated rebuild body as Nova does at the request's microversion.

The schema of the request's version has already refused the fields that
version does not have; what is left is which keys mean "change" and which
mean "leave as it is" (a ``key_name`` of null removes the key pair from
2.54; an absent one keeps it), and the columns they set.
"""

from __future__ import annotations

from typing import Any

from nova_api.api import microversion
from nova_api.api.server_boot_request import DISK_CONFIG
from nova_api.api.server_boot_request import normalize_name
from nova_api.compute.servers.rebuild import UNCHANGED
from nova_api.compute.servers.rebuild import RebuildRequest

#: Body fields set on the server as they are, and their columns.
_COLUMNS = {'description': 'display_description', 'accessIPv4': 'access_ip_v4',
            'accessIPv6': 'access_ip_v6', 'hostname': 'hostname', 'user_data': 'user_data'}


def read(req, body: dict[str, Any]) -> tuple[RebuildRequest, str | None]:
    """The RebuildRequest of ``body``, and the admin password it asks for (None: generate one)."""
    rebuild = body['rebuild']
    values = {column: rebuild[field] for field, column in _COLUMNS.items() if field in rebuild}
    if 'name' in rebuild:
        values['display_name'] = normalize_name(rebuild['name'])
    if 'OS-DCF:diskConfig' in rebuild:
        values['auto_disk_config'] = DISK_CONFIG[rebuild['OS-DCF:diskConfig']]
    request = RebuildRequest(
        image_ref=rebuild['imageRef'],
        values=values,
        metadata=rebuild.get('metadata'),
        personality=tuple(rebuild.get('personality') or ()),
        key_name=rebuild['key_name'] if 'key_name' in rebuild else UNCHANGED,
        trusted_certs=rebuild['trusted_image_certificates']
        if 'trusted_image_certificates' in rebuild else UNCHANGED,
        reimage_boot_volume=microversion.reimages_boot_volume(req),
    )
    return request, rebuild.get('adminPass')
