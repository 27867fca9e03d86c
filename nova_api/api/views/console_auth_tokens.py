"""Body of GET /os-console-auth-tokens/{token}: where the console proxy connects."""

from __future__ import annotations

from typing import Any


def show(info: Any, include_tls_port: bool) -> dict:
    """The connection; from 2.99 a spice-direct console adds its ``tls_port``."""
    body = {'instance_uuid': info.instance_uuid, 'host': info.host, 'port': info.port,
            'internal_access_path': info.internal_access_path}
    if include_tls_port and info.console_type == 'spice-direct':
        body['tls_port'] = info.tls_port
    return {'console': body}
