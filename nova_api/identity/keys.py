"""The token key repository: Fernet keys on disk, laid out as ``keystone-manage fernet_setup`` does.

Each key is a file named by a number: ``0`` is the *staged* key (the next
primary, already accepted so that every node has it before anyone signs with
it), the highest number is the *primary* (it signs and encrypts new tokens),
the others are *secondary* (they still validate the tokens they signed).
:meth:`KeyRepository.rotate` promotes the staged key, stages a new one and
drops the oldest secondaries beyond ``max_active_keys``; a token signed with
a dropped key no longer validates.

Setting up and rotating take an exclusive lock (``flock``) on the
repository, so workers (or nodes sharing the directory) that start at once
create one set of keys. Keys are written to a temporary file and renamed into
place, so a reader never sees half a key. :class:`KeyRing` is a worker's view,
read again when the directory changes (looked at no more than once a second).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator

from cryptography import fernet

LOG = logging.getLogger(__name__)

LOCK_FILE = '.lock'
#: How often a worker looks whether the repository changed, in seconds.
RELOAD_SECONDS = 1.0


class KeysNotFound(Exception):
    """The repository has no key: it was never set up (``nova-api-manage identity rotate-keys``)."""


class KeyRepository:
    """The key files in one directory."""

    def __init__(self, path: str, max_active_keys: int = 3):
        self.path = os.path.abspath(os.path.expanduser(path))
        self.max_active_keys = max_active_keys

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        os.makedirs(self.path, mode=0o700, exist_ok=True)
        with open(os.path.join(self.path, LOCK_FILE), 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def indexes(self) -> list[int]:
        """The numbers of the key files, ascending."""
        try:
            names = os.listdir(self.path)
        except FileNotFoundError:
            return []
        return sorted(int(name) for name in names if name.isdigit())

    def _write(self, index: int) -> None:
        descriptor, temporary = tempfile.mkstemp(dir=self.path, prefix='.new-')
        try:
            with os.fdopen(descriptor, 'wb') as handle:
                handle.write(fernet.Fernet.generate_key())
                handle.flush()
                os.fsync(handle.fileno())
            os.rename(temporary, os.path.join(self.path, str(index)))
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def setup(self) -> bool:
        """Create the first keys (a primary and a staged one) unless there are keys; True if it did."""
        with self._locked():
            if self.indexes():
                return False
            self._write(0)
            self._rotate_locked()
            LOG.info('Created the token key repository %s', self.path)
            return True

    def rotate(self) -> int:
        """Promote the staged key to primary, stage a new one, drop the oldest; the new primary's number."""
        with self._locked():
            if not self.indexes():
                self._write(0)
            return self._rotate_locked()

    def _rotate_locked(self) -> int:
        indexes = self.indexes()
        primary = max(indexes) + 1
        os.rename(os.path.join(self.path, '0'), os.path.join(self.path, str(primary)))
        self._write(0)
        secondaries = [i for i in self.indexes() if i not in (0, primary)]
        # Keep max_active_keys in all: the staged key, the primary and the newest secondaries.
        excess = len(secondaries) + 2 - self.max_active_keys
        for index in secondaries[:max(excess, 0)]:
            os.unlink(os.path.join(self.path, str(index)))
        LOG.info('Rotated the token keys of %s: key %d is primary', self.path, primary)
        return primary

    def load(self) -> list[bytes]:
        """The keys, the primary first, then the secondaries (newest first), then the staged one."""
        keys = []
        indexes = self.indexes()
        for index in sorted(indexes, key=lambda i: (i == 0, -i)):
            try:
                with open(os.path.join(self.path, str(index)), 'rb') as handle:
                    keys.append(handle.read().strip())
            except FileNotFoundError:  # rotated away between listing and reading
                continue
        if not keys:
            raise KeysNotFound('no token keys in %s' % self.path)
        return keys

    def mtime(self) -> float:
        try:
            return os.stat(self.path).st_mtime_ns
        except FileNotFoundError:
            return 0


class KeyRing:
    """A worker's keys: encrypt with the primary, decrypt with any; follows rotations."""

    def __init__(self, repository: KeyRepository, clock=time.monotonic):
        self.repository = repository
        self.clock = clock
        self._lock = threading.Lock()
        self._crypto: fernet.MultiFernet | None = None
        self._mtime: float | None = None
        self._next_check = 0.0
        #: Bumped each time the keys are read: what was decrypted with older keys is stale.
        self.generation = 0

    def crypto(self) -> fernet.MultiFernet:
        """The keys as a MultiFernet, read again if the repository changed."""
        now = self.clock()
        if self._crypto is not None and now < self._next_check:
            return self._crypto
        with self._lock:
            mtime = self.repository.mtime()
            if self._crypto is None or mtime != self._mtime:
                try:
                    keys = self.repository.load()
                except KeysNotFound:  # first use: whoever gets the lock creates them
                    self.repository.setup()
                    keys = self.repository.load()
                    mtime = self.repository.mtime()
                self._crypto = fernet.MultiFernet([fernet.Fernet(key) for key in keys])
                self._mtime = mtime
                self.generation += 1
            self._next_check = now + RELOAD_SECONDS
            return self._crypto

    def reload(self) -> None:
        """Read the keys on next use whatever the clock says (after a rotation in this process)."""
        self._next_check = 0.0
        self._mtime = None
