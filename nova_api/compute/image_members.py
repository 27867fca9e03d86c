"""Image members: sharing a ``shared`` image with other projects, as Glance does.

The owner (or an administrator) adds and removes members; a member
accepts or rejects (``PUT .../members/{own project}``), and sees the image
in its lists once it accepted (``member_status`` filters the others). A
member sees its own membership only; the owner and administrators see all.
Policies are the controllers'; the rules here are Glance's domain's.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import images
from nova_api.objects import image_members as member_objects
from nova_api.objects import images as image_objects
from nova_api.objects.image_members import Member
from nova_api.objects.images import Image

STATUSES = ('pending', 'accepted', 'rejected')


def _sees_all(ctx: nova_context.RequestContext, image: Image) -> bool:
    return bool(ctx.is_admin) or (image.owner is not None and image.owner == ctx.project_id)


class ImageMembersAPI(base.ResourceAPI):
    """The members of an image the caller sees (the controller looked it up)."""

    def list(self, ctx: nova_context.RequestContext, image: Image) -> list[Member]:
        """Every member for the owner and administrators; a member's own membership for it."""
        if image.visibility != 'shared':
            raise exception.Forbidden('Not allowed to list members for image %s: Only shared '
                                      'images have members.' % image.id)
        only = None if _sees_all(ctx, image) else ctx.project_id
        return self.database.read(member_objects.members, image.id, only)

    def get(self, ctx: nova_context.RequestContext, image: Image, member_id: str) -> Member:
        """One membership: 404 (``ImageNotShared``'s words, as Glance) when the image is not
        shared, ``ImageMemberNotFound`` when the caller cannot see that membership."""
        if image.visibility != 'shared':
            raise exception.NotFound(exception.ImageNotShared().format_message())
        return self.database.read(self._get, ctx, image, member_id)

    def _get(self, session: orm.Session, ctx: nova_context.RequestContext, image: Image,
             member_id: str) -> Member:
        member = member_objects.get(session, image.id, member_id)
        if member is None or not (_sees_all(ctx, image) or member_id == ctx.project_id):
            raise exception.ImageMemberNotFound(member_id=member_id, image_id=image.id)
        return member

    def add(self, ctx: nova_context.RequestContext, image: Image, member_id: str) -> Member:
        """A ``pending`` member: 403 unless shared, 409 when already one, 413 past the quota."""
        self._check_shared(image, 'create')

        def work(session: orm.Session) -> Member:
            if member_objects.get(session, image.id, member_id) is not None:
                raise exception.ImageMemberExists(member_id=member_id, image_id=image.id)
            attempted = member_objects.count(session, image.id) + 1
            maximum = self.conf.image.image_member_quota
            if 0 <= maximum < attempted:
                raise exception.ImageLimitExceeded(what='members for this image',
                                                   attempted=attempted, maximum=maximum)
            return member_objects.add(session, image.id, member_id)
        return self._locked_write(ctx, image, work)

    def set_status(self, ctx: nova_context.RequestContext, image: Image, member_id: str,
                   status: str, authorize: Callable[[], None]) -> Member:
        """A member's answer. ``authorize`` (the ``modify_member`` rule) runs once the
        membership is found, as in Glance; an unknown status is 400 after it."""
        self._check_shared(image, 'update')

        def work(session: orm.Session) -> Member:
            self._get(session, ctx, image, member_id)
            authorize()
            if status not in STATUSES:
                raise exception.ImageMemberStatusInvalid()
            member_objects.set_status(session, image.id, member_id, status)
            found = member_objects.get(session, image.id, member_id)
            assert found is not None
            return found
        return self._locked_write(ctx, image, work)

    def remove(self, ctx: nova_context.RequestContext, image: Image, member_id: str,
               authorize: Callable[[], None]) -> None:
        """Remove a member: 404 when the caller cannot see it, then ``delete_member``."""
        self._check_shared(image, 'delete')

        def work(session: orm.Session) -> None:
            self._get(session, ctx, image, member_id)
            authorize()
            member_objects.remove(session, image.id, member_id)
        self._locked_write(ctx, image, work)

    @staticmethod
    def _check_shared(image: Image, action: str) -> None:
        if image.visibility != 'shared':
            raise exception.ImageMemberForbidden(action=action, image_id=image.id)

    def _locked_write(self, ctx: nova_context.RequestContext, image: Image,
                      work: Callable[[orm.Session], object]):
        """``work`` with the image's row locked (it must still be there and shared)."""
        def locked(session: orm.Session):
            current = image_objects.get_for_update(session, images.viewer(ctx), image.id)
            if current is None:
                raise exception.ImageNotFound(image_id=image.id)
            if current.visibility != 'shared':
                raise exception.ImageMemberForbidden(action='change', image_id=image.id)
            return work(session)
        return self.database.write(locked)
