"""``/v2/images/{image_id}/members`` and ``.../members/{member_id}``: sharing an image.

Glance's order: the image (404 unless visible), whether it is ``shared``,
then the member and the policy on it (``add_member``, ``get_member(s)``,
``modify_member``: the member itself, ``delete_member``: the owner).
"""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.image import policy_words
from nova_api.image import schemas
from nova_api.image import views
from nova_api.policies import image as image_policies


class ImageMembersController(controller.Controller):
    """An image's members."""

    wsgi_wording = {**policy_words.WORDING,
                    exception.ImageNotFound: 'Image %(image_id)s not found.'}

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(403, 404)
    def index(self, req, image_id: str):
        """The members the caller may see (its own membership only, unless the owner). 200;
        403 unless the image is shared."""
        image, target = self._image(req, image_id)
        members = self.compute.image_members.list(req.context, image)
        self.policy.authorize(req.context, image_policies.GET_MEMBERS, target)
        return views.members(members)

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, image_id: str, member_id: str):
        """One membership. 200; 404 when not shared, not a member, or not the caller's to see."""
        image, target = self._image(req, image_id)
        member = self.compute.image_members.get(req.context, image, member_id)
        if not self.policy.check(req.context, image_policies.GET_MEMBER, target):
            raise exception.ImageMemberNotFound(member_id=member_id, image_id=image_id)
        return views.member(member)

    @validation.schema(schemas.member_create, error=schemas.member_error)
    @controller.expected_errors(400, 403, 404, 409, 413)
    def create(self, req, image_id: str, body: dict):
        """Share the image with a project (``pending``). 200; 403 unless shared and the
        caller's to share; 409 when it already is."""
        image, target = self._image(req, image_id)
        if image.visibility == 'shared' and not self.policy.check(
                req.context, image_policies.ADD_MEMBER, target):
            raise exception.ImageMemberForbidden(action='create', image_id=image_id)
        return views.member(self.compute.image_members.add(req.context, image, body['member']))

    @validation.schema(schemas.member_update, error=schemas.member_status_error)
    @controller.expected_errors(400, 403, 404)
    def update(self, req, image_id: str, member_id: str, body: dict):
        """A member accepts, rejects or puts back to pending. 200; 403 unless the caller is
        that member (or an admin); 400 for another status."""
        image, target = self._image(req, image_id)

        def authorize() -> None:
            if not self.policy.check(req.context, image_policies.MODIFY_MEMBER, target):
                raise exception.ImageMemberForbidden(action='update', image_id=image_id)
        return views.member(self.compute.image_members.set_status(
            req.context, image, member_id, body['status'], authorize))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(403, 404)
    @controller.response(204)
    def delete(self, req, image_id: str, member_id: str):
        """Stop sharing with a project. 204; 403 unless the owner's (or an admin's)."""
        image, target = self._image(req, image_id)

        def authorize() -> None:
            if not self.policy.check(req.context, image_policies.DELETE_MEMBER, target):
                raise exception.ImageMemberForbidden(action='delete', image_id=image_id)
        self.compute.image_members.remove(req.context, image, member_id, authorize)

    def _image(self, req, image_id: str):
        image = self.compute.images.get(req.context, image_id)
        return image, self.compute.images.policy_target(req.context, image)
