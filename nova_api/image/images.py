"""``/v2/images`` and ``/v2/images/{image_id}``: list, show, create, update (JSON patch), delete,
and the deactivate and reactivate actions.

Each method: path args -> context -> the image (404 unless visible) ->
Glance's policy on it -> one call into the compute layer -> view.
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.image import policy_words
from nova_api.image import requests
from nova_api.image import schemas
from nova_api.image import views
from nova_api.policies import image as image_policies

#: The rule a visibility needs beyond ``add_image``/``modify_image`` (Glance's).
VISIBILITY_RULES = {'public': image_policies.PUBLICIZE_IMAGE,
                    'community': image_policies.COMMUNITIZE_IMAGE}


class ImagesController(controller.Controller):
    """Images: Glance's v2 API over the catalogue."""

    wsgi_wording = {
        **policy_words.WORDING,
        exception.ImageNotFound: 'No image found with ID %(image_id)s',
        exception.ImageMarkerNotFound: 'No image found with ID %(marker)s',
        exception.BodyMediaTypeNotAllowed: 'Image PATCH expects Content-Type one of: %(allowed)s',
    }

    @validation.query_schema(schemas.index_query)
    @controller.expected_errors(400, 403)
    def index(self, req):
        """A page of images (25 by default, at most 1000) with Glance's filters. 200; 400 for a
        filter, sort, limit or marker Glance refuses; 403 by policy (``get_images``)."""
        ctx = req.context
        self.policy.authorize(ctx, image_policies.GET_IMAGES, {
            'project_id': ctx.project_id, 'owner': ctx.project_id, 'visibility': 'private'})
        return views.index(req, self.compute.images.list(ctx, req.GET.items()))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, image_id: str):
        """One image. 200; 404 when it does not exist, is not visible to the caller, or
        ``get_image`` refuses it (Glance hides what one may not get)."""
        ctx = req.context
        image = self.compute.images.get(ctx, image_id)
        if not self.policy.check(ctx, image_policies.GET_IMAGE,
                                 self.compute.images.policy_target(ctx, image)):
            raise exception.ImageNotFound(image_id=image_id)
        return views.image(image)

    @validation.schema(schemas.create, error=schemas.glance_error)
    @controller.expected_errors(400, 403, 409, 413)
    @controller.response(201)
    def create(self, req, body: dict):
        """A new ``queued`` image. 201 with ``Location``; 400 (schema), 403 (read-only or
        reserved attribute, policy: another owner, public without admin), 409 (id taken)."""
        ctx = req.context
        attributes, properties, tags = requests.create(body)
        owner = attributes.get('owner') or ctx.project_id
        target = {'project_id': owner, 'owner': owner,
                  'visibility': attributes.get('visibility', 'private')}
        if not self.policy.check(ctx, image_policies.ADD_IMAGE, target):
            if owner != ctx.project_id:
                raise exception.ImageOwnerNotPermitted(owner=owner)
            self.policy.authorize(ctx, image_policies.ADD_IMAGE, target)
        self._authorize_visibility(ctx, attributes.get('visibility'), target)
        image = self.compute.image_writes.create(ctx, attributes, properties, tags)
        return controller.ResponseObject(views.image(image), headers={
            'Location': req.application_url + views.image_path(image.id)})

    @validation.media_types(*schemas.PATCH_MEDIA_TYPES)
    @validation.schema(schemas.update)
    @controller.expected_errors(400, 403, 404, 409, 413, 415)
    def update(self, req, image_id: str, body):
        """Apply a JSON patch (``application/openstack-images-v2.1-json-patch``, or v2.0). 200;
        415 for another media type; 403 read-only, reserved or by policy; 409 as Glance."""
        ctx = req.context
        changes = requests.patch(req.content_type, body)
        image = self.compute.images.get(ctx, image_id)
        target = self.compute.images.policy_target(ctx, image)
        for change in changes:
            if change.path[0] == 'visibility' and change.op != 'remove':
                self._authorize_visibility(ctx, change.value, target)
            self.policy.authorize(ctx, image_policies.MODIFY_IMAGE, target)
        return views.image(self.compute.image_writes.update(ctx, image_id, changes))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, image_id: str):
        """Delete an image and its data. 204; 403 when protected or by policy; 404."""
        ctx = req.context
        image = self.compute.images.get(ctx, image_id)
        self.policy.authorize(ctx, image_policies.DELETE_IMAGE,
                              self.compute.images.policy_target(ctx, image))
        self.compute.images.delete(ctx, image_id)

    def _authorize_visibility(self, ctx, visibility: str | None, target: dict) -> None:
        rule = VISIBILITY_RULES.get(visibility or '')
        if rule is not None:
            self.policy.authorize(ctx, rule, target)


class ImageActionsController(controller.Controller):
    """``POST /v2/images/{image_id}/actions/deactivate`` and ``.../reactivate``."""

    wsgi_wording = {**policy_words.WORDING,
                    exception.ImageNotFound: 'Image %(image_id)s not found.'}

    @validation.schema(schemas.tag_update)
    @controller.expected_errors(403, 404)
    @controller.response(204)
    def deactivate(self, req, image_id: str, body=None):
        """Deactivate an active image: its data is no longer downloadable but by admins. 204;
        403 by policy or for an image neither active nor deactivated."""
        self._set(req, image_id, image_policies.DEACTIVATE, True)

    @validation.schema(schemas.tag_update)
    @controller.expected_errors(403, 404)
    @controller.response(204)
    def reactivate(self, req, image_id: str, body=None):
        """Reactivate a deactivated image. 204; 403 as :meth:`deactivate`."""
        self._set(req, image_id, image_policies.REACTIVATE, False)

    def _set(self, req, image_id: str, rule: str, deactivated: bool) -> None:
        ctx = req.context
        image = self.compute.images.get(ctx, image_id)
        self.policy.authorize(ctx, rule, self.compute.images.policy_target(ctx, image))
        self.compute.image_writes.set_deactivated(ctx, image_id, deactivated)
