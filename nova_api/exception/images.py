"""Errors of the writable Image API, in Glance's words (glance/api/v2/*.py, glance/domain)."""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Gone
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound
from nova_api.exception.base import NovaAPIException
from nova_api.exception.base import RequestTooLarge


class ImageAttributeNotWritable(Forbidden):
    """One of Glance's read-only attributes (``status``, ``size``, ``id`` on a change...)."""

    msg_fmt = "Attribute '%(attribute)s' is read-only."


class ImageAttributeReserved(Forbidden):
    """``location``, ``deleted``, ``deleted_at`` and Glance's own ``os_glance*`` namespace."""

    msg_fmt = "Attribute '%(attribute)s' is reserved."


class ImageOwnerNotPermitted(Forbidden):
    msg_fmt = "You are not permitted to create images owned by '%(owner)s'"


class ImageIdExists(Conflict):
    msg_fmt = 'Image ID %(image_id)s already exists!'


class ImageStatusTransition(Conflict):
    """Glance's status machine refuses the move (an upload to an image that is not queued)."""

    msg_fmt = 'Image status transition from %(current)s to %(new)s is not allowed'


class ImageActionNotAllowed(Forbidden):
    """A deactivate or reactivate of an image in a status that has neither."""

    msg_fmt = "Not allowed to %(action)s image in status '%(status)s'"


class ImageDeactivated(Forbidden):
    msg_fmt = 'The requested image has been deactivated. Image data download is forbidden.'


class ImageFormatsMissing(Invalid):
    msg_fmt = '%(what)s %(names)s must be set prior to saving data.'


class ImageTooLarge(RequestTooLarge):
    msg_fmt = 'The incoming image is too large: The provided image is too large.'


class ImageUploadIncomplete(Invalid):
    """The body ended (the client went away) before the bytes it announced arrived."""

    msg_fmt = 'The image data ended after %(received)d bytes: the upload is incomplete.'


class ImageGoneDuringUpload(Gone):
    msg_fmt = ('Image %(image_id)s could not be found after upload. The image may have been '
               'deleted during the upload, cleaning up the chunks uploaded.')


class ImageLimitExceeded(RequestTooLarge):
    """Glance's per-image limits: properties, tags, members."""

    msg_fmt = ('The limit has been exceeded on the number of allowed image %(what)s. '
               'Attempted: %(attempted)s, Maximum: %(maximum)s')


class RangeNotSatisfiable(NovaAPIException):
    code = 416
    msg_fmt = 'The Range requested is not available.'


class ImageTagNotFound(NotFound):
    msg_fmt = 'The resource could not be found.'


class ImageMemberNotFound(NotFound):
    msg_fmt = '%(member_id)s not found in the member list of the image %(image_id)s.'


class ImageMemberExists(Conflict):
    msg_fmt = 'Member %(member_id)s is duplicated for image %(image_id)s'


class ImageNotShared(Forbidden):
    """Members belong to ``shared`` images only."""

    msg_fmt = 'Only shared images have members.'


class ImageMemberForbidden(Forbidden):
    """Glance's words for a member change the caller may not make."""

    msg_fmt = 'Not allowed to %(action)s members for image %(image_id)s.'


class ImageMemberStatusInvalid(Invalid):
    msg_fmt = 'Incorrect request: Status must be "pending", "accepted" or "rejected".'
