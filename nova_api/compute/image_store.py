"""Image data on disk: one file per image under ``[image] data_dir``, written whole or not at all.

An upload streams into a temporary file beside the final one, in fixed-size
chunks, computing the size, the md5 ``checksum`` and the sha512
``os_hash_value`` (Glance's default ``hashing_algorithm``) as it goes; it is
renamed into place only once complete, so no reader ever sees half an
image. Downloads read the file back in the same chunks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from collections.abc import Iterator

from oslo_config import cfg

from nova_api import exception
from nova_api.conf import paths

#: Bytes read from the request, hashed and written at a time (Glance's filesystem store's).
CHUNK_SIZE = 64 * 1024
HASH_ALGORITHM = 'sha512'
_SAFE_ID = re.compile(r'^[A-Za-z0-9-]{1,64}$')

#: ``read(n)``: up to ``n`` bytes of the body, ``b''`` at its end.
Reader = Callable[[int], bytes]


@dataclasses.dataclass(frozen=True)
class Staged:
    """A complete upload in its temporary file, not yet the image's data."""

    path: str
    size: int
    checksum: str
    os_hash_value: str
    os_hash_algo: str = HASH_ALGORITHM


class ImageStore:
    """The image files of one configuration."""

    def __init__(self, conf: cfg.ConfigOpts):
        self.directory = conf.image.data_dir or paths.state_path(conf, 'images')
        self.max_size = conf.image.max_image_size

    def path_of(self, image_id: str) -> str:
        if not _SAFE_ID.match(image_id):  # ids are UUIDs; never a path of the caller's making
            raise ValueError('not an image id: %r' % image_id)
        return os.path.join(self.directory, image_id)

    def stage(self, image_id: str, read: Reader, expected: int | None) -> Staged:
        """Stream the body into a temporary file: ``ImageTooLarge`` (413) past ``max_size``,
        ``ImageUploadIncomplete`` (400) when it ends before ``expected`` bytes. Nothing is left
        behind when it fails."""
        os.makedirs(self.directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix='.%s.' % self.path_of(image_id).rsplit('/', 1)[1],
                                         suffix='.part', dir=self.directory)
        try:
            with os.fdopen(fd, 'wb') as out:
                size, md5, sha = self._copy(read, out, expected)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            _unlink(temporary)
            raise
        return Staged(temporary, size, md5.hexdigest(), sha.hexdigest())

    def _copy(self, read: Reader, out, expected: int | None):
        md5 = hashlib.md5(usedforsecurity=False)
        sha = hashlib.new(HASH_ALGORITHM)
        size = 0
        while expected is None or size < expected:
            want = CHUNK_SIZE if expected is None else min(CHUNK_SIZE, expected - size)
            try:
                chunk = read(want)
            except (OSError, ValueError):  # the connection broke (eventlet: a bad chunk)
                raise exception.ImageUploadIncomplete(received=size) from None
            if not chunk:
                if expected is not None:
                    raise exception.ImageUploadIncomplete(received=size)
                break
            size += len(chunk)
            if size > self.max_size:
                raise exception.ImageTooLarge()
            md5.update(chunk)
            sha.update(chunk)
            out.write(chunk)
        return size, md5, sha

    def commit(self, staged: Staged, image_id: str) -> None:
        """Make the staged file the image's data (an atomic rename)."""
        os.replace(staged.path, self.path_of(image_id))

    def discard(self, staged: Staged) -> None:
        _unlink(staged.path)

    def remove(self, image_id: str) -> None:
        """Forget the image's data, if it has any."""
        _unlink(self.path_of(image_id))

    def open(self, image_id: str):
        """The image's data file, open for reading; None when it has none."""
        try:
            return open(self.path_of(image_id), 'rb')  # noqa: SIM115 - closed by FileChunks
        except FileNotFoundError:
            return None


class FileChunks:
    """A WSGI app_iter over ``length`` bytes of an open file from ``offset``, closed at the end."""

    def __init__(self, handle, offset: int, length: int):
        self.handle = handle
        self.remaining = length
        handle.seek(offset)

    def __iter__(self) -> Iterator[bytes]:
        try:
            while self.remaining > 0:
                chunk = self.handle.read(min(CHUNK_SIZE, self.remaining))
                if not chunk:
                    return
                self.remaining -= len(chunk)
                yield chunk
        finally:
            self.close()

    def close(self) -> None:
        self.handle.close()


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
