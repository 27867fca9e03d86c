"""Console authorizations: a token's connection details, found by the token's hash until it expires.

As Nova keeps them: the token itself is never stored, only its SHA-256;
``expires`` is a UNIX time; the tokens of a deleted server are not found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

TOKENS = models.ConsoleAuthToken.__table__
_INSTANCES = models.Instance.__table__


@dataclasses.dataclass(frozen=True)
class ConnectInfo:
    """Where the console proxy connects for a token."""

    instance_uuid: str
    console_type: str
    host: str
    port: int
    tls_port: int | None
    internal_access_path: str | None


def add(session: orm.Session, values: Mapping[str, Any], now: int) -> None:
    """Store one authorization, and sweep the expired ones (Nova does that periodically)."""
    session.execute(sa.delete(TOKENS).where(TOKENS.c.expires <= now))
    session.execute(sa.insert(TOKENS).values(**values))


def find(session: orm.Session, token_hash: str, now: int) -> ConnectInfo | None:
    """The valid authorization of ``token_hash``: not expired, its server not deleted."""
    row = session.execute(
        sa.select(TOKENS.c.instance_uuid, TOKENS.c.console_type, TOKENS.c.host, TOKENS.c.port,
                  TOKENS.c.tls_port, TOKENS.c.internal_access_path)
        .join(_INSTANCES, _INSTANCES.c.uuid == TOKENS.c.instance_uuid)
        .where(TOKENS.c.token_hash == token_hash, TOKENS.c.expires > now,
               _INSTANCES.c.deleted.is_(False))).first()
    return None if row is None else ConnectInfo(*row)
