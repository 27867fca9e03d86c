"""A server's encrypted password, in its system metadata as Nova keeps it: four chunks of 255."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import models

_table = models.InstanceSystemMetadata.__table__
_S = _table.c

#: Nova's ``nova.api.metadata.password`` layout.
CHUNKS = 4
CHUNK_LENGTH = 255
MAX_SIZE = CHUNKS * CHUNK_LENGTH
KEYS = tuple('password_%d' % index for index in range(CHUNKS))


def get(session: orm.Session, uuid: str) -> str:
    """The stored (encrypted, base64) password; '' when there is none or it was cleared."""
    rows = session.execute(sa.select(_S.key, _S.value).where(
        _S.instance_uuid == uuid, _S.key.in_(KEYS)).order_by(_S.key)).all()
    return ''.join(value or '' for _key, value in rows)


def store(session: orm.Session, uuid: str, password: str) -> None:
    """Keep ``password`` (at most :data:`MAX_SIZE` characters) in its chunks; '' clears it."""
    session.execute(sa.delete(_table).where(_S.instance_uuid == uuid, _S.key.in_(KEYS)))
    session.execute(sa.insert(_table), [
        {'instance_uuid': uuid, 'key': key,
         'value': password[index * CHUNK_LENGTH:(index + 1) * CHUNK_LENGTH]}
        for index, key in enumerate(KEYS)])
