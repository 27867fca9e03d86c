"""``os-volume_attachments``: a server's volumes, listed, shown, attached, updated, detached.

Attach and detach from ACTIVE, PAUSED, SHUTOFF, VERIFY_RESIZE,
SOFT_DELETED and (from 2.20) the shelved states, with no task; a locked
server refuses non-admins (409). Attach: ``tag`` from 2.49,
``delete_on_termination`` from 2.79, 202 without a body from 2.101. PUT:
before 2.85 a swap (the service's, or an admin's); from 2.85 members update
``delete_on_termination`` and a different ``volumeId`` is a swap.
"""

from __future__ import annotations

from oslo_utils import strutils

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion as mv
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import volume_attachments as schemas
from nova_api.api.views import volume_attachments as views
from nova_api.compute import volume_attachments as volumes
from nova_api.policies import volume_attachments as policies


def _check_shelved(req, server, method: str) -> None:
    """Before 2.20 a shelved server's volumes cannot change (409, Nova's wording)."""
    if server.vm_state in volumes.SHELVED_STATES and not mv.allows_shelved_volume_changes(req):
        raise exception.InstanceInvalidState(action=method, instance_uuid=server.uuid,
                                             attr='vm_state', state=server.vm_state)


class VolumeAttachmentController(controller.Controller):
    """``/servers/{server_id}/os-volume_attachments`` and ``.../{volume_id}``."""

    def _server(self, req, server_id: str, rule: str | None):
        server = self.compute.servers.get(req.context, server_id)
        if rule is not None:
            self.policy.authorize(req.context, rule, {'project_id': server.project_id})
        return server

    @validation.query_schema_windows(schemas.INDEX_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """The server's volumes, paged by ``limit``/``offset`` over its block devices. 200."""
        server = self._server(req, server_id, policies.INDEX)
        offset, limit = pagination.offset_and_limit(dict(req.GET.items()),
                                                    self.compute.conf.api.max_limit)
        return views.index(req, self.compute.volume_attachments.list(req.context, server,
                                                                     offset, limit))

    @validation.query_schema_windows(schemas.SHOW_QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, server_id: str, id: str):
        """One attachment. 200; 404 when the server does not have the volume."""
        server = self._server(req, server_id, policies.SHOW)
        attachment = self.compute.volume_attachments.get(req.context, server, id)
        if not views.listable(req, attachment):
            raise exception.VolumeNotAttached(instance=server.uuid, volume=id)
        return views.show(req, attachment)

    @validation.schema_windows(schemas.CREATE_SCHEMAS)
    @controller.expected_errors(400, 403, 404, 409)
    def create(self, req, server_id: str, body):
        """Attach a volume. 200 with the attachment; 202 and no body from 2.101."""
        server = self._server(req, server_id, policies.CREATE)
        params = body['volumeAttachment']
        _check_shelved(req, server, 'attach_volume')
        attachment = self.compute.volume_attachments.attach(
            req.context, server, params['volumeId'], params.get('device'), params.get('tag'),
            strutils.bool_from_string(params.get('delete_on_termination', False), strict=True))
        if mv.attaches_volumes_asynchronously(req):
            return controller.ResponseObject(code=202)
        return views.created(req, attachment)

    @validation.schema_windows(schemas.UPDATE_SCHEMAS)
    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def update(self, req, server_id: str, id: str, body):
        """Swap the volume, or (from 2.85) update ``delete_on_termination``. 202."""
        server = self._server(req, server_id, None)
        fields = dict(body['volumeAttachment'])
        swap = not mv.allows_attachment_update(req) or fields['volumeId'] != id
        rule = policies.SWAP if swap else policies.UPDATE
        target = {} if swap else {'project_id': server.project_id}
        self.policy.authorize(req.context, rule, target)
        if mv.allows_attachment_update(req):
            if 'delete_on_termination' in fields:
                fields['delete_on_termination'] = strutils.bool_from_string(
                    fields['delete_on_termination'], strict=True)
            self.compute.volume_attachments.update(req.context, server, id, fields)
        if swap:
            self.compute.volume_attachments.swap(req.context, server, id, fields['volumeId'])

    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def delete(self, req, server_id: str, id: str):
        """Detach the volume (never the root disk: 400). 202."""
        server = self._server(req, server_id, policies.DELETE)
        _check_shelved(req, server, 'detach_volume')
        self.compute.volume_attachments.detach(req.context, server, id)
