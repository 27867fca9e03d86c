"""Bodies of the Image API: the versions list, an image, a page of images, members (Glance's shapes)."""

from __future__ import annotations

import datetime
import urllib.parse
from collections.abc import Sequence
from typing import Any

from nova_api.api import links

#: Glance's versions without multiple stores or the cache API: v2.15 is current.
VERSIONS = ('2.15', '2.9', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.1', '2.0')
#: The attributes of an image, in the order Glance's serializer sets them.
ATTRIBUTES = ('name', 'disk_format', 'container_format', 'visibility', 'size', 'virtual_size',
              'status', 'checksum', 'protected', 'min_ram', 'min_disk', 'owner', 'os_hidden',
              'os_hash_algo', 'os_hash_value')
IMAGES_PATH = '/v2/images'
IMAGE_SCHEMA = '/v2/schemas/image'
IMAGES_SCHEMA = '/v2/schemas/images'


def versions(api_url: str) -> dict:
    """``GET /image``: every v2 minor version, each pointing at ``<api_url>/v2/``."""
    href = links.join(api_url, 'v2') + '/'
    return {'versions': [
        {'id': 'v' + version, 'status': 'CURRENT' if index == 0 else 'SUPPORTED',
         'links': [{'rel': 'self', 'href': href}]}
        for index, version in enumerate(VERSIONS)]}


def _isotime(moment: datetime.datetime) -> str:
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def image(item: Any) -> dict:
    """One image: its additional properties at the top level, then Glance's attributes.

    Links are relative to the endpoint's root (``/v2/images/{id}``), as Glance gives them.
    """
    # Glance shows a property without a value as "".
    body: dict[str, Any] = {name: '' if value is None else value
                            for name, value in item.properties.items()}
    for name in ATTRIBUTES:
        body[name] = getattr(item, name)
    body['id'] = item.id
    body['created_at'] = _isotime(item.created_at)
    # Glance sets updated_at when it creates an image; the seed did not.
    body['updated_at'] = _isotime(item.updated_at or item.created_at)
    body['tags'] = list(item.tags)
    body['self'] = '%s/%s' % (IMAGES_PATH, item.id)
    body['file'] = '%s/%s/file' % (IMAGES_PATH, item.id)
    body['schema'] = IMAGE_SCHEMA
    return body


def _href(params: Sequence[tuple[str, str]]) -> str:
    return IMAGES_PATH + ('?' + urllib.parse.urlencode(list(params)) if params else '')


def index(req, page: Any) -> dict:
    """``GET /v2/images``: the page, ``first`` (the query without its marker), ``next`` after a full page."""
    params = [(name, value) for name, value in req.GET.items() if name != 'marker']
    body = {'images': [image(item) for item in page.images], 'first': _href(params),
            'schema': IMAGES_SCHEMA}
    if page.full:
        body['next'] = _href(params + [('marker', page.images[-1].id)])
    return body


MEMBER_SCHEMA = '/v2/schemas/member'
MEMBERS_SCHEMA = '/v2/schemas/members'


def image_path(image_id: str) -> str:
    """Where an image is (the ``Location`` of a create): relative, as Glance's ``self``."""
    return '%s/%s' % (IMAGES_PATH, image_id)


def member(item: Any) -> dict:
    """One membership of an image, as Glance shows it."""
    return {'member_id': item.member_id, 'image_id': item.image_id, 'status': item.status,
            'created_at': _isotime(item.created_at), 'updated_at': _isotime(item.updated_at),
            'schema': MEMBER_SCHEMA}


def members(items: Sequence[Any]) -> dict:
    """``GET /v2/images/{id}/members``."""
    return {'members': [member(item) for item in items], 'schema': MEMBERS_SCHEMA}
