"""The bases every exception is built on (one per HTTP meaning), and the errors of the request itself."""

from __future__ import annotations

import logging

LOG = logging.getLogger(__name__)


class NovaAPIException(Exception):
    """Base of every exception whose message is safe to show to the client."""

    code = 500
    msg_fmt = 'An unknown exception occurred.'
    headers: dict[str, str] = {}

    def __init__(self, message: str | None = None, **kwargs):
        self.kwargs = kwargs
        # Each exception its own copy: adding a header to one must not add it
        # to every later exception of the class (and every later response).
        self.headers = dict(type(self).headers)
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                # A wrong kwarg is a programming error; log it but still
                # tell the client something sensible.
                LOG.exception('Exception %s formatted with %r', type(self).__name__, kwargs)
                message = self.msg_fmt
        self.message = message
        super().__init__(message)

    def format_message(self) -> str:
        return self.message


class Invalid(NovaAPIException):
    code = 400
    msg_fmt = 'Bad request.'


class NotAuthorized(NovaAPIException):
    code = 401
    msg_fmt = 'Authentication required.'


class Forbidden(NovaAPIException):
    code = 403
    msg_fmt = 'Policy does not allow this action to be performed.'


class NotFound(NovaAPIException):
    code = 404
    msg_fmt = 'Resource could not be found.'


class MethodNotAllowed(NovaAPIException):
    code = 405
    msg_fmt = 'The method %(method)s is not allowed for this resource.'


class NotAcceptable(NovaAPIException):
    code = 406
    msg_fmt = 'Not acceptable.'


class Conflict(NovaAPIException):
    code = 409
    msg_fmt = 'Conflict.'


class Gone(NovaAPIException):
    """An API Nova removed (webob's HTTPGone wording)."""

    code = 410
    msg_fmt = 'This resource is no longer available. No forwarding address is given.'


class RequestTooLarge(NovaAPIException):
    code = 413
    msg_fmt = 'Request is too large.'


class InvalidContentType(NovaAPIException):
    code = 415
    msg_fmt = 'Unsupported Content-Type'


class BodyMediaTypeNotAllowed(InvalidContentType):
    """A method that reads only some media types (``@validation.media_types``, ``raw_body``)."""

    msg_fmt = 'Content-Type %(content_type)s is not one of: %(allowed)s'


# -- request parsing and negotiation ----------------------------------------

class MalformedRequestBody(Invalid):
    msg_fmt = 'Malformed request body'


class InvalidRequestBody(Invalid):
    """The body could not be read as its framing says (the server closes the connection after)."""

    msg_fmt = 'The request body could not be read: %(reason)s.'


class RequestBodyTimeout(NovaAPIException):
    """The body came slower than ``[wsgi] min_body_rate`` allows."""

    code = 408
    msg_fmt = 'The request body did not arrive in time.'


class ValidationError(Invalid):
    msg_fmt = '%(detail)s'


class InvalidAPIVersionString(Invalid):
    msg_fmt = ('API Version String %(version)s is of invalid format. Must '
               'be of format MajorNum.MinorNum.')


class InvalidGlobalAPIVersion(NotAcceptable):
    msg_fmt = ('Version %(req_ver)s is not supported by the API. Minimum '
               'is %(min_ver)s and maximum is %(max_ver)s.')


class VersionNotFoundForAPIMethod(NotFound):
    msg_fmt = 'API version %(version)s is not supported on this method.'


class RouteNotFound(NotFound):
    msg_fmt = 'The resource could not be found.'


class ActionNotFound(Invalid):
    msg_fmt = 'There is no such action: %(action)s'


class ProjectIdMismatch(Invalid):
    msg_fmt = ("Malformed request URL: URL's project_id '%(project_id)s' "
               "doesn't match Context's project_id '%(context_project_id)s'")
