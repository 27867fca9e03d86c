"""Bodies of Nova's image proxy: images as Compute API v2.1 shows the catalogue, and their metadata."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from oslo_utils import strutils

from nova_api.api import links
from nova_api.api import pagination

COLLECTION = 'images'
IMAGE_MEDIA_TYPE = 'application/vnd.openstack.image'
#: Where the Image API is mounted below the root (the catalog's ``image`` endpoint).
IMAGE_API_PATH = '/image'

#: Nova's status of a Glance status; anything else is UNKNOWN.
STATUSES = {
    'active': 'ACTIVE',
    'queued': 'SAVING',
    'saving': 'SAVING',
    'deleted': 'DELETED',
    'pending_delete': 'DELETED',
    'killed': 'ERROR',
}
PROGRESS = {'queued': 25, 'saving': 50, 'active': 100}


def _isotime(moment: datetime.datetime | None) -> str | None:
    return None if moment is None else moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def _links(req, image_id: str) -> list[dict]:
    """self and bookmark, and the image in the Image API (Nova's ``alternate``)."""
    return links.resource_links(req, COLLECTION, image_id) + [{
        'rel': 'alternate',
        'type': IMAGE_MEDIA_TYPE,
        'href': links.join(links.root_url(req), IMAGE_API_PATH, COLLECTION, image_id),
    }]


def _summary(req, image: Any) -> dict:
    return {'id': image.id, 'name': image.name, 'links': _links(req, image.id)}


def _full(req, image: Any) -> dict:
    body = {
        'id': image.id,
        'name': image.name,
        'minRam': image.min_ram or 0,
        'minDisk': image.min_disk or 0,
        'metadata': dict(image.properties),
        'created': _isotime(image.created_at),
        # Glance sets updated_at when it creates an image; the seed did not.
        'updated': _isotime(image.updated_at or image.created_at),
        'status': STATUSES.get(image.status, 'UNKNOWN'),
        'progress': PROGRESS.get(image.status, 0),
        'OS-EXT-IMG-SIZE:size': image.size or 0,
        'links': _links(req, image.id),
    }
    server = image.properties.get('instance_uuid')
    if server is not None:
        body['server'] = {'id': server, 'links': links.resource_links(req, 'servers', server)}
    auto_disk_config = image.properties.get('auto_disk_config')
    if auto_disk_config is not None:
        body['OS-DCF:diskConfig'] = (
            'AUTO' if strutils.bool_from_string(auto_disk_config) else 'MANUAL')
    return body


def show(req, image: Any) -> dict:
    """``GET /images/{id}``: one image in full."""
    return {'image': _full(req, image)}


def _page(req, items: list[dict], page: Any, collection: str) -> dict:
    body: dict = {'images': items}
    next_links = pagination.next_links(req, collection, page.images, page.limit,
                                       lambda image: image.id)
    if next_links:
        body['images_links'] = next_links
    return body


def index(req, page: Any) -> dict:
    """``GET /images``: ids, names and links; ``images_links`` after a full page."""
    return _page(req, [_summary(req, image) for image in page.images], page, COLLECTION)


def detail(req, page: Any) -> dict:
    """``GET /images/detail``: every image in full."""
    return _page(req, [_full(req, image) for image in page.images], page,
                 COLLECTION + '/detail')


def metadata(properties: Mapping[str, str]) -> dict:
    """``{"metadata": {...}}``: an image's additional properties."""
    return {'metadata': dict(properties)}


def meta(key: str, value: str) -> dict:
    """``{"meta": {key: value}}``: one of them."""
    return {'meta': {key: value}}
