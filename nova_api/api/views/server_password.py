"""The body of ``GET /servers/{server_id}/os-server-password``."""

from __future__ import annotations


def password(encrypted: str) -> dict:
    """The encrypted password as posted (base64), '' when there is none."""
    return {'password': encrypted or ''}
