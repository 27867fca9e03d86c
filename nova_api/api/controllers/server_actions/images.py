"""Image actions: ``createImage`` (a snapshot) and ``createBackup`` (a snapshot kept in rotation)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas import server_image_actions as schemas
from nova_api.api.views import server_images as views
from nova_api.compute import server_images
from nova_api.policies import create_backup as backup_policies
from nova_api.policies import servers as policies


class ImageActions(ActionFamily):
    """Make images of a server: they appear in the catalogue at once, queued, and go active."""

    @controller.action('createImage')
    @validation.schema_windows(schemas.CREATE_IMAGE_SCHEMAS)
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def create_image(self, req, id: str, body):
        """Snapshot, from ACTIVE, SHUTOFF, PAUSED or SUSPENDED with no task (a lock is no bar). 202.

        Before 2.45 no body and ``Location`` naming the image; from 2.45
        ``{"image_id"}``. Before 2.39 the metadata counts against the
        metadata_items quota (403). A volume-backed server needs
        ``create_image:allow_volume_backed`` and is snapshotted at once.
        """
        server = self._server(req, id, policies.CREATE_IMAGE)
        entity = body['createImage']
        metadata = entity.get('metadata', {})
        if microversion.checks_snapshot_metadata_quota(req):
            self.compute.server_images.check_metadata_quota(req.context, metadata)
        if server_images.is_volume_backed(server):
            self.policy.authorize(req.context, policies.CREATE_IMAGE_VOLUME_BACKED,
                                  {'project_id': server.project_id})
        image_id = self.compute.server_images.snapshot(req.context, server, entity['name'],
                                                        metadata)
        return views.created_image(req, image_id)

    @controller.action('createBackup')
    @validation.schema_windows(schemas.CREATE_BACKUP_SCHEMAS)
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def create_backup(self, req, id: str, body):
        """Back up, in createImage's states; then keep only the newest ``rotation`` of its type. 202.

        Before 2.45 ``Location`` (only when rotation > 0); from 2.45
        ``{"image_id"}``. A volume-backed server: 400.
        """
        server = self._server(req, id, backup_policies.BASE_POLICY_NAME)
        entity = body['createBackup']
        metadata = entity.get('metadata', {})
        if microversion.checks_snapshot_metadata_quota(req):
            self.compute.server_images.check_metadata_quota(req.context, metadata)
        rotation = int(entity['rotation'])
        image_id = self.compute.server_images.backup(req.context, server, entity['name'],
                                                      entity['backup_type'], rotation, metadata)
        return views.created_backup(req, image_id, rotation)
