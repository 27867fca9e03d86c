"""Bodies of os-keypairs: the created keypair, one keypair in full, a page of keypairs."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from nova_api.api import microversion
from nova_api.api import pagination

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
    # limit is None before 2.35, which pages nothing.
    next_links = pagination.next_links(req, COLLECTION, keypairs, limit, lambda kp: kp.name)
    if next_links:
        body['keypairs_links'] = next_links
    return body

