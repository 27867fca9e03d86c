"""Bodies of os-keypairs: the created keypair, one keypair in full, a page of keypairs."""

from __future__ import annotations

import datetime
import urllib.parse
from collections.abc import Sequence
from typing import Any

from nova_api.api import microversion

COLLECTION = 'os-keypairs'


def _summary(req, keypair: Any) -> dict:
    body = {
        'name': keypair.name,
        'public_key': keypair.public_key,
        'fingerprint': keypair.fingerprint,
    }
    if microversion.allows_keypair_type(req):
        body['type'] = keypair.type
    return body


def _timestamp(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def created(req, keypair: Any, private_key: str | None = None) -> dict:
    """``POST /os-keypairs``: the keypair, its owner and, when generated, its private key."""
    body = _summary(req, keypair)
    body['user_id'] = keypair.user_id
    if private_key is not None:
        body['private_key'] = private_key
    return {'keypair': body}


def detail(req, keypair: Any) -> dict:
    """``GET /os-keypairs/{name}``: Nova's show, database fields included.

    Keypairs are deleted for good here, so ``deleted`` is always false.
    """
    body = _summary(req, keypair)
    body.update({
        'id': keypair.id,
        'user_id': keypair.user_id,
        'created_at': _timestamp(keypair.created_at),
        'updated_at': _timestamp(keypair.updated_at),
        'deleted': False,
        'deleted_at': None,
    })
    return {'keypair': body}


def index(req, keypairs: Sequence[Any], limit: int | None = None) -> dict:
    """``GET /os-keypairs``: ``{"keypairs": [{"keypair": {...}}]}``, with a next link on a full page."""
    body: dict[str, Any] = {'keypairs': [{'keypair': _summary(req, kp)} for kp in keypairs]}
    if microversion.allows_keypair_pagination(req) and limit and len(keypairs) == limit:
        body['keypairs_links'] = [{'rel': 'next', 'href': _next_href(req, keypairs[-1].name)}]
    return body


def _next_href(req, marker: str) -> str:
    """The same query, sorted as Nova sorts it, with ``marker`` set to the page's last name."""
    params = dict(req.GET.items())
    params['marker'] = marker
    ctx = req.context
    # The project appears in the link only when the caller put it in the URL.
    project = ctx.project_id if ctx is not None and ctx.project_id and \
        req.path_info.startswith('/%s/' % ctx.project_id) else ''
    base = '/'.join(part for part in (req.application_url, project, COLLECTION) if part)
    return '%s?%s' % (base, urllib.parse.urlencode(sorted(params.items())))
