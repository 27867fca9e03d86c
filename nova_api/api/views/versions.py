"""Bodies of the version documents: GET /, GET /v2.1/ and the 300 choices."""

from __future__ import annotations

from nova_api.api import links
from nova_api.api import microversion

DESCRIBED_BY = {
    'rel': 'describedby',
    'type': 'text/html',
    'href': 'http://docs.openstack.org/',
}

#: The API versions this service lists, in Nova's order and with Nova's values.
#: /v2 is listed because Nova lists it; nova_api serves its version document
#: but not the legacy v2.0 API itself (see README, "Differences from Nova").
VERSIONS = {
    'v2.0': {
        'id': 'v2.0',
        'status': 'DEPRECATED',
        'version': '',
        'min_version': '',
        'updated': '2025-07-04T12:00:00Z',
        'path': 'v2',
        'media_type_version': '2',
    },
    'v2.1': {
        'id': 'v2.1',
        'status': 'CURRENT',
        'version': str(microversion.MAX_VERSION),
        'min_version': str(microversion.MIN_VERSION),
        'updated': '2013-07-23T11:33:21Z',
        'path': 'v2.1',
        'media_type_version': '2.1',
    },
}

_SUMMARY_KEYS = ('id', 'status', 'version', 'min_version', 'updated')


def _href(req, version: dict, path: str = '') -> str:
    return '%s/%s/%s' % (links.root_url(req), version['path'], path.lstrip('/'))


def _media_types(version: dict) -> list[dict]:
    return [{
        'base': 'application/json',
        'type': 'application/vnd.openstack.compute+json;version=%s' % version['media_type_version'],
    }]


def versions_list(req) -> dict:
    """``GET /``: every version, each with its self link."""
    return {'versions': [
        dict({k: version[k] for k in _SUMMARY_KEYS},
             links=[{'rel': 'self', 'href': _href(req, version)}])
        for version in VERSIONS.values()
    ]}


def version_document(req, version_id: str) -> dict:
    """``GET /v2.1/``: one version in full."""
    version = VERSIONS[version_id]
    document = {k: version[k] for k in _SUMMARY_KEYS}
    document['links'] = [{'rel': 'self', 'href': _href(req, version)}, dict(DESCRIBED_BY)]
    document['media-types'] = _media_types(version)
    return {'version': document}


def choices(req) -> dict:
    """300 Multiple Choices: where the requested path lives in each version."""
    path = req.path_info
    return {'choices': [
        {
            'id': version['id'],
            'status': version['status'],
            'links': [{'rel': 'self', 'href': _href(req, version, path)}],
            'media-types': _media_types(version),
        }
        for version in VERSIONS.values()
    ]}
