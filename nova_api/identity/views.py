"""Documents of the built-in identity: the versions, the service catalogue, tokens.

:data:`SERVICES` is the catalogue: what this process serves, one row per
service (add a row for another API mounted beside them).
"""

from __future__ import annotations

import hashlib
from typing import Any

from nova_api.api import links

V3_VERSION = 'v3.14'
V3_MEDIA_TYPE = 'application/vnd.openstack.identity-v3+json'
V2_MEDIA_TYPE = 'application/vnd.openstack.identity-v2.0+json'

#: (type, name, path below the service's root URL): the services of the catalogue.
SERVICES = (
    ('compute', 'nova', '/v2.1'),
    ('image', 'glance', '/image'),
    ('identity', 'keystone', '/identity'),
)
INTERFACES = ('public', 'internal', 'admin')


def root_url(req: Any, identity: Any = None) -> str:
    """The base URL of this service: ``[identity] public_endpoint``, or the request's."""
    configured = identity.conf.identity.public_endpoint if identity is not None else None
    return configured.rstrip('/') if configured else links.root_url(req)


def identity_url(req: Any, identity: Any = None) -> str:
    """Where this identity API is: the root URL and ``/identity``."""
    return root_url(req, identity) + '/identity'


def _v3(identity_url: str) -> dict[str, Any]:
    return {
        'id': V3_VERSION,
        'status': 'stable',
        'updated': '2019-01-22T00:00:00Z',
        'links': [{'rel': 'self', 'href': identity_url + '/v3/'}],
        'media-types': [{'base': 'application/json', 'type': V3_MEDIA_TYPE}],
    }


def _v2(identity_url: str) -> dict[str, Any]:
    return {
        'id': 'v2.0',
        'status': 'deprecated',
        'updated': '2016-08-04T00:00:00Z',
        'links': [{'rel': 'self', 'href': identity_url + '/v2.0/'},
                  {'rel': 'describedby', 'type': 'text/html',
                   'href': 'https://docs.openstack.org/'}],
        'media-types': [{'base': 'application/json', 'type': V2_MEDIA_TYPE}],
    }


def versions(identity_url: str) -> dict[str, Any]:
    """``GET /identity``: v3, and the legacy v2.0 token call."""
    return {'versions': {'values': [_v3(identity_url), _v2(identity_url)]}}


def version_v3(identity_url: str) -> dict[str, Any]:
    return {'version': _v3(identity_url)}


def version_v2(identity_url: str) -> dict[str, Any]:
    return {'version': _v2(identity_url)}


def stable_id(*parts: str) -> str:
    """A 32-hex id that is the same in every process for the same parts (catalogue entries)."""
    return hashlib.sha256(':'.join(parts).encode('utf-8')).hexdigest()[:32]
