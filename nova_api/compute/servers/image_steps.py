"""The task steps of createImage and createBackup: extract, upload, activate, rotate.

What Nova's compute manager and libvirt driver do to the image a snapshot
fills, in the task runner's transaction (``turn.session``): the driver
extracts the disk (a failure deletes the image, Nova's
``delete_image_on_error``, and the task state is cleared), the image goes
``saving`` while it uploads and ``active`` with its formats, size and
hashes; a backup then rotates out the oldest backups of its type.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import orm

from nova_api.compute.servers.driver import Driver
from nova_api.compute.servers.driver import DriverError
from nova_api.objects import images as image_objects
from nova_api.objects import server_images as requests

#: What a snapshot's disk is saved as (libvirt's default for qcow2 bases).
DEFAULT_DISK_FORMAT = 'qcow2'
GIB = 1024 ** 3


def uploaded_image(server: Mapping[str, Any], image_id: str,
                   base_size: int | None) -> tuple[dict[str, Any], dict[str, str]]:
    """What the libvirt driver gives the image it uploads: formats, size, hashes, its properties.

    The size is the base image's plus what the server "wrote", derived from
    the image id so that it is stable; the hashes are of the id (no data is kept).
    """
    digest = hashlib.sha512(image_id.encode()).hexdigest()
    written = (int(digest[:6], 16) % 512 + 1) * 1024 * 1024
    values = {
        'status': 'active', 'disk_format': DEFAULT_DISK_FORMAT, 'container_format': 'bare',
        'size': (base_size or 0) + written,
        'virtual_size': max(int(server['root_gb'] or 0) * GIB, (base_size or 0) + written),
        'checksum': hashlib.md5(image_id.encode(), usedforsecurity=False).hexdigest(),
        'os_hash_algo': 'sha512', 'os_hash_value': digest,
    }
    properties = {'image_location': 'snapshot', 'image_state': 'available',
                  'owner_id': server['project_id']}
    return values, properties


def rotate(session: orm.Session, instance_uuid: str, backup_type: str, rotation: int) -> list[str]:
    """Delete the server's backups of ``backup_type`` beyond the newest ``rotation``; their ids.

    Nova's ``_rotate_backups``: with a rotation of 0 the new backup goes too.
    """
    excess = requests.backups_newest_first(session, instance_uuid, backup_type)[rotation:]
    for image_id in excess:
        image_objects.mark_deleted(session, image_id)
    return excess


class ImageSteps:
    """The task steps of snapshots and backups, for the runner's :class:`~.servers.steps.Steps`."""

    def __init__(self, driver: Driver):
        self.driver = driver

    def calls(self) -> dict[str, Any]:
        return {'snapshot': self.snapshot, 'upload_image': self.upload_image,
                'finish_image': self.finish_image}

    def snapshot(self, turn, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        """The driver extracts the disk; when it fails, the image is deleted, as Nova does."""
        try:
            self.driver.snapshot(server, metadata)
        except DriverError:
            request = requests.request_of(turn.session, server['uuid'])
            if request is not None:
                image_objects.mark_deleted(turn.session, request.image_id)
                requests.finish(turn.session, server['uuid'])
            raise
        return None

    def upload_image(self, turn, server: Mapping[str, Any],
                     metadata: Mapping[str, str]) -> None:
        request = requests.request_of(turn.session, server['uuid'])
        if request is not None:
            requests.update_image(turn.session, request.image_id, {'status': 'saving'})
        return None

    def finish_image(self, turn, server: Mapping[str, Any],
                     metadata: Mapping[str, str]) -> None:
        """The image is active (unless deleted meanwhile); a backup rotates the older ones out."""
        session = turn.session
        request = requests.request_of(session, server['uuid'])
        if request is None:
            return None
        if requests.image_status(session, request.image_id) is not None:
            base = image_objects.get(session, server['image_ref'], None, True) \
                if server['image_ref'] else None
            values, properties = uploaded_image(server, request.image_id,
                                                base.size if base else None)
            requests.update_image(session, request.image_id, values, properties)
        if request.backup_type is not None and request.rotation is not None:
            rotate(session, server['uuid'], request.backup_type, request.rotation)
        requests.finish(session, server['uuid'])
        return None


def abandon(session: orm.Session, instance_uuid: str) -> None:
    """The server is going: an image it was still making is deleted (Nova's snapshot clean-up)."""
    request = requests.request_of(session, instance_uuid)
    if request is None:
        return
    if requests.image_status(session, request.image_id) not in (None, 'active'):
        image_objects.mark_deleted(session, request.image_id)
    requests.finish(session, instance_uuid)
