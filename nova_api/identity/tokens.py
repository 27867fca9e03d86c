"""Tokens: what one says, and how it is sealed (Fernet: AES-128-CBC and HMAC-SHA256).

A token carries everything a service needs to act on it without a lookup:
the user, the scope, the role names, the methods, the audit ids and the
expiry. It is the Fernet encryption of a compact JSON document with the
repository's primary key (padding stripped, as Keystone's tokens), so nobody
can read or forge one without the keys, and any worker or node holding the
keys can validate it. Expiry and revocation are checked by
:class:`TokenValidator`, against the worker's revocation cache.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime
import secrets
import time
from collections import OrderedDict
from typing import Any

from cryptography import fernet

from nova_api.api import json_codec
from nova_api.identity import keys as identity_keys

#: The version of the payload layout; a token of another version does not validate.
PAYLOAD_VERSION = 1
#: How many validated tokens a worker remembers (their decryption, not their validity).
CACHE_SIZE = 1024
_EPOCH = datetime.datetime(1970, 1, 1)


class InvalidToken(Exception):
    """Not a token of ours: undecryptable, tampered, signed with a key rotated out, or malformed."""


class ExpiredToken(InvalidToken):
    """A token past its expiry."""


class RevokedToken(InvalidToken):
    """A token a revocation event matches."""


def new_audit_id() -> str:
    """Keystone's audit ids: 16 random bytes, url-safe base64 without padding (22 characters)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(16)).rstrip(b'=').decode('ascii')


def _seconds(moment: datetime.datetime) -> float:
    return (moment - _EPOCH).total_seconds()


def _moment(seconds: float) -> datetime.datetime:
    return _EPOCH + datetime.timedelta(seconds=seconds)


@dataclasses.dataclass(frozen=True)
class Token:
    """What a token says. Times are naive UTC, as the database keeps them."""

    user_id: str
    user_name: str
    user_domain_id: str
    user_domain_name: str
    methods: tuple[str, ...]
    audit_ids: tuple[str, ...]
    issued_at: datetime.datetime
    expires_at: datetime.datetime
    roles: tuple[str, ...] = ()
    project_id: str | None = None
    project_name: str | None = None
    project_domain_id: str | None = None
    project_domain_name: str | None = None
    domain_id: str | None = None
    domain_name: str | None = None
    application_credential_id: str | None = None

    @property
    def scope(self) -> str:
        """``project``, ``domain`` or ``unscoped``."""
        if self.project_id:
            return 'project'
        return 'domain' if self.domain_id else 'unscoped'

    @property
    def audit_id(self) -> str:
        return self.audit_ids[0]

    @property
    def audit_chain_id(self) -> str:
        """The first token of the chain this one was rescoped from (itself if it was not)."""
        return self.audit_ids[-1]

    def revocation_keys(self) -> tuple[tuple[str, str], ...]:
        """Every (field, value) a revocation event could be indexed by for this token."""
        return tuple((name, value) for name, values in self.revocation_fields().items()
                     for value in (values if isinstance(values, tuple) else (values,))
                     if value is not None)

    def revocation_fields(self) -> dict[str, Any]:
        """What revocation events are matched against (nova_api.identity.revocations)."""
        return {'audit_id': self.audit_id, 'audit_chain_id': self.audit_chain_id,
                'user_id': self.user_id, 'project_id': self.project_id,
                'domain_id': (self.user_domain_id, self.project_domain_id or self.domain_id),
                'application_credential_id': self.application_credential_id}

    # -- the sealed form -----------------------------------------------------

    def payload(self) -> bytes:
        document: dict[str, Any] = {
            'v': PAYLOAD_VERSION, 'u': [self.user_id, self.user_name, self.user_domain_id,
                                        self.user_domain_name],
            'm': list(self.methods), 'a': list(self.audit_ids),
            'i': _seconds(self.issued_at), 'e': _seconds(self.expires_at), 'r': list(self.roles),
        }
        if self.project_id:
            document['p'] = [self.project_id, self.project_name, self.project_domain_id,
                             self.project_domain_name]
        elif self.domain_id:
            document['d'] = [self.domain_id, self.domain_name]
        if self.application_credential_id:
            document['c'] = self.application_credential_id
        return json_codec.dumps(document)

    @classmethod
    def from_payload(cls, payload: bytes) -> Token:
        try:
            document = json_codec.loads(payload)
            if document.get('v') != PAYLOAD_VERSION:
                raise InvalidToken('payload version %r' % document.get('v'))
            user_id, user_name, user_domain_id, user_domain_name = document['u']
            project = document.get('p') or (None, None, None, None)
            domain = document.get('d') or (None, None)
            return cls(user_id=user_id, user_name=user_name, user_domain_id=user_domain_id,
                       user_domain_name=user_domain_name, methods=tuple(document['m']),
                       audit_ids=tuple(document['a']), issued_at=_moment(document['i']),
                       expires_at=_moment(document['e']), roles=tuple(document['r']),
                       project_id=project[0], project_name=project[1],
                       project_domain_id=project[2], project_domain_name=project[3],
                       domain_id=domain[0], domain_name=domain[1],
                       application_credential_id=document.get('c'))
        except InvalidToken:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InvalidToken('malformed payload: %s' % type(exc).__name__) from None


class TokenFormat:
    """Seal and open tokens with a worker's :class:`~nova_api.identity.keys.KeyRing`."""

    def __init__(self, keyring: identity_keys.KeyRing):
        self.keyring = keyring

    def seal(self, token: Token) -> str:
        return self.keyring.crypto().encrypt(token.payload()).rstrip(b'=').decode('ascii')

    def open(self, token_id: str) -> Token:
        """The token ``token_id`` seals; InvalidToken if it is not one of ours (expiry unchecked)."""
        if not isinstance(token_id, str) or not token_id or len(token_id) > 8192:
            raise InvalidToken('not a token')
        try:
            raw = (token_id + '=' * (-len(token_id) % 4)).encode('ascii')
            payload = self.keyring.crypto().decrypt(raw)
        except (fernet.InvalidToken, UnicodeEncodeError, ValueError, TypeError):
            raise InvalidToken('not a token of ours') from None
        return Token.from_payload(payload)


class TokenValidator:
    """Open, check expiry, check revocations: the in-process validation of every request.

    Decrypted tokens are remembered (up to :data:`CACHE_SIZE`), so a client
    sending the same token again costs two dict look-ups; expiry and
    revocation are checked on every call.
    """

    def __init__(self, token_format: TokenFormat, revocations: Any):
        self.format = token_format
        self.revocations = revocations
        self._opened: OrderedDict[str, tuple[Token, float, tuple]] = OrderedDict()
        self._generation = -1

    def validate(self, token_id: str, now: datetime.datetime | None = None,
                 window: datetime.timedelta | None = None) -> Token:
        """The valid token ``token_id``; raises InvalidToken, ExpiredToken or RevokedToken.

        ``window``: how long past its expiry a token is still accepted
        (Keystone's ``allow_expired``).
        """
        keyring = self.format.keyring
        keyring.crypto()  # follows a rotation: a key rotated out must stop validating
        if keyring.generation != self._generation:
            self._opened = OrderedDict()
            self._generation = keyring.generation
        opened = self._opened
        entry = opened.get(token_id)
        if entry is None:
            token = self.format.open(token_id)
            entry = (token, _seconds(token.expires_at), token.revocation_keys())
            opened[token_id] = entry
            if len(opened) > CACHE_SIZE:
                with contextlib.suppress(KeyError):
                    opened.popitem(last=False)
        token, expires, keys = entry
        if now is None:
            now_seconds = time.time()
        else:
            now_seconds = _seconds(now)
        if now_seconds >= expires + (window.total_seconds() if window else 0.0):
            raise ExpiredToken('expired at %s' % token.expires_at.isoformat())
        if self.revocations.is_revoked(token, keys):
            raise RevokedToken('revoked')
        return token
