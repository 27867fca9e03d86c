"""Bodies of ``os-volume_attachments``, per microversion.

``id`` (the volume's id again) until 2.89, which replaces it with
``attachment_id`` and ``bdm_uuid``; ``tag`` from 2.70;
``delete_on_termination`` from 2.79; ``device`` only when the attachment
has one. The attach's own answer (until 2.101, which answers 202 and no
body) always has ``device``, and never the 2.89 fields (Nova forgot them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nova_api.api import microversion as mv

#: nova_api.objects.volume_attachments.BlockDevice, as the compute layer hands it over.
AttachmentRecord = Any


def listable(req, attachment: AttachmentRecord) -> bool:
    """From 2.89 an attachment without an attachment id is not shown (Nova's schema needs it)."""
    return not mv.shows_attachment_ids(req) or attachment.attachment_id is not None


def _attachment(req, attachment: AttachmentRecord) -> dict:
    ids = mv.shows_attachment_ids(req)
    body: dict[str, Any] = {} if ids else {'id': attachment.volume_id}
    body['volumeId'] = attachment.volume_id
    body['serverId'] = attachment.instance_uuid
    if attachment.device_name:
        body['device'] = attachment.device_name
    if mv.shows_attachment_tags(req):
        body['tag'] = attachment.tag
    if mv.shows_attachment_delete_on_termination(req):
        body['delete_on_termination'] = attachment.delete_on_termination
    if ids:
        body['attachment_id'] = attachment.attachment_id
        body['bdm_uuid'] = attachment.uuid
    return body


def index(req, attachments: Iterable[AttachmentRecord]) -> dict:
    return {'volumeAttachments': [_attachment(req, attachment) for attachment in attachments
                                  if listable(req, attachment)]}


def show(req, attachment: AttachmentRecord) -> dict:
    return {'volumeAttachment': _attachment(req, attachment)}


def created(req, attachment: AttachmentRecord) -> dict:
    """The attach's answer before 2.101."""
    body = {'id': attachment.volume_id, 'serverId': attachment.instance_uuid,
            'volumeId': attachment.volume_id, 'device': attachment.device_name}
    if mv.shows_attachment_tags(req):
        body['tag'] = attachment.tag
    if mv.shows_attachment_delete_on_termination(req):
        body['delete_on_termination'] = attachment.delete_on_termination
    return {'volumeAttachment': body}
