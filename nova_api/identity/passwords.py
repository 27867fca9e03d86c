"""Password and secret hashing: the standard library's scrypt, salted, compared in constant time.

A hash is kept as ``scrypt$<n>$<r>$<p>$<salt b64>$<key b64>``, so that the
cost can be raised later without invalidating what is stored. :data:`DUMMY`
is a real hash of nothing anyone knows: checking a password against it when
the user does not exist costs what a real check costs, so that a failed login
takes the same time whether the user exists or not.

A derivation takes 20-300 ms of CPU: in a worker it runs off the hub
(:mod:`nova_api.service.offload`), two at a time, since each holds 16 MiB.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from nova_api.service import offload

SCHEME = 'scrypt'
#: scrypt's cost (2**14, 8, 1: ~16 MiB and ~20-50 ms a check), as OWASP's minimum suggests.
N, R, P = 2 ** 14, 8, 1
KEY_LENGTH = 32
SALT_LENGTH = 16
#: Passwords longer than this are refused before hashing (Keystone's default max length is 4096).
MAX_LENGTH = 4096
#: Derivations a worker runs at once (the rest wait their turn, green).
CONCURRENT_DERIVATIONS = 2
_offloaded = offload.Offloader(CONCURRENT_DERIVATIONS)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode('ascii').rstrip('=')


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + '=' * (-len(text) % 4))


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    arguments = dict(salt=salt, n=n, r=r, p=p, maxmem=128 * r * (n + p + 2), dklen=KEY_LENGTH)
    return _offloaded(hashlib.scrypt, password.encode('utf-8'), **arguments)


def hash_password(password: str) -> str:
    """A new salted hash of ``password``."""
    salt = secrets.token_bytes(SALT_LENGTH)
    key = _derive(password, salt, N, R, P)
    return '$'.join((SCHEME, str(N), str(R), str(P), _b64(salt), _b64(key)))


def verify(password: str | None, encoded: str | None) -> bool:
    """Whether ``password`` is the one ``encoded`` was made from.

    Without a hash (no such user, no password set) it checks against
    :data:`DUMMY` and answers False, taking the same time as a real check.
    """
    if not isinstance(password, str) or len(password) > MAX_LENGTH:
        password = ''
        encoded = None
    real = encoded is not None
    try:
        scheme, n, r, p, salt, key = (encoded if real else DUMMY).split('$')
        if scheme != SCHEME:
            raise ValueError(scheme)
        derived = _derive(password, _unb64(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        # A corrupt hash never matches; it still costs one derivation.
        _derive(password, b'\0' * SALT_LENGTH, N, R, P)
        return False
    return hmac.compare_digest(derived, _unb64(key)) and real


def new_secret() -> str:
    """A random secret for an application credential (Keystone's: 64 url-safe characters)."""
    return secrets.token_urlsafe(48)


#: The hash checked when there is no real one (its password is random and forgotten).
DUMMY = hash_password(secrets.token_urlsafe(32))
