"""The one fault renderer: every error leaves as a Nova fault body.

``{"itemNotFound": {"code": 404, "message": "..."}}`` — the key names the kind
of fault (Nova's names, by status code), ``message`` is for a person. Domain
exceptions are translated here and nowhere else: a
:class:`~nova_api.exception.NovaAPIException` keeps its code and message;
anything else is a 500 ``computeFault`` whose details stay in the log.

An API may word a domain exception its own way (Nova's image proxy says
"Image not found." where the catalogue says "Image X could not be
found."): a controller's ``wsgi_wording`` maps exception classes to message
formats, and :func:`message_of` applies the most specific one. Another
service's error format (the Image API's) is another :data:`ErrorRenderer`
given to the Resource; the translation rules stay here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from collections.abc import Mapping

import webob
import webob.exc

from nova_api import context as nova_context
from nova_api import exception
from nova_api.api import controller
from nova_api.api import json_codec
from nova_api.api import microversion
from nova_api.compute import base as compute_base

LOG = logging.getLogger(__name__)

#: Nova's fault names by status code; every other code is a computeFault.
FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}

# Nova adds the exception class to this text; we add nothing: the log, found
# by the request id every response carries, has the details.
GENERIC_500 = ('Unexpected API Error. The service log has the details under '
               "this request's id (x-openstack-request-id).")


#: An API's own words for domain exceptions: class -> message format, filled from the exception's arguments.
Wording = Mapping[type, str]
NO_WORDING: Wording = {}

#: Renders an exception as a response: ``render(environ, exc, wording)``.
ErrorRenderer = Callable[[dict, BaseException, Wording], webob.Response]


def message_of(exc: exception.NovaAPIException, wording: Wording = NO_WORDING) -> str:
    """The message ``exc`` is shown with: the most specific wording of its class, else its own."""
    for cls in type(exc).__mro__:
        text = wording.get(cls)
        if text is not None:
            try:
                return text % exc.kwargs
            except (KeyError, TypeError, ValueError):
                LOG.exception('Wording %r formatted with %r', text, exc.kwargs)
                return exc.format_message()
    return exc.format_message()


def fault_body(code: int, message: str) -> dict:
    """The fault document for ``code`` and ``message``."""
    return {FAULT_NAMES.get(code, 'computeFault'): {'code': code, 'message': message}}


def fault_response(code: int, message: str, headers: dict[str, str] | None = None) -> webob.Response:
    """A JSON response carrying the fault document."""
    response = webob.Response(
        status=code,
        content_type='application/json',
        charset='utf-8',
        body=json_codec.dumps(fault_body(code, message)),
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def translate(exc: BaseException, request_id: str | None = None,
              wording: Wording = NO_WORDING) -> tuple[int, str, dict[str, str]]:
    """``(status, message, headers)`` of any exception: the single translation point.

    Every error format (Nova's faults here, the Image API's in
    :mod:`nova_api.image.faults`) renders what this returns.
    """
    exc = _input_overflow(exc)
    if isinstance(exc, exception.NovaAPIException):
        return exc.code, message_of(exc, wording), dict(exc.headers)
    if isinstance(exc, webob.exc.HTTPException) and exc.code < 500:
        # Raised by third-party middleware and libraries (oslo.middleware's
        # size limiter, webob itself): keep the status, render our body.
        headers = {k: v for k, v in exc.headers.items()
                   if k.lower() in ('allow', 'www-authenticate', 'retry-after')}
        return exc.code, exc.explanation or exc.title, headers
    if not isinstance(exc, controller.UnexpectedError):  # that one was logged where it arose
        LOG.error('Unexpected error handling request %s', request_id or '-', exc_info=exc)
    return 500, GENERIC_500, {}


def _input_overflow(exc: BaseException) -> BaseException:
    """A number from the request that no column holds is a 400.

    A path id, a filter or an offset beyond what the database binds (SQLite:
    64 bits; PostgreSQL: the column's type) fails only as its statement runs,
    wherever that is (``/os-aggregates/{id}``, ``?mtu=``, ``?offset=``), so
    it is recognized here rather than at each place a number is read. An
    OverflowError of Python's own (a conversion of such a number) is one too.
    """
    if compute_base.is_input_out_of_range(exc):
        LOG.debug('A number out of range: %s', exc)
        return exception.InvalidInput(reason='a number in the request is out of range')
    return exc


def from_exception(exc: BaseException, request_id: str | None = None,
                   wording: Wording = NO_WORDING) -> webob.Response:
    """The Nova fault response for any exception."""
    return fault_response(*translate(exc, request_id, wording))


def status_of(exc: BaseException) -> int:
    """The status :func:`from_exception` gives ``exc``."""
    exc = _input_overflow(exc)
    if isinstance(exc, exception.NovaAPIException):
        return exc.code
    if isinstance(exc, webob.exc.HTTPException) and exc.code < 500:
        return exc.code
    return 500


def compute_error(environ: dict, exc: BaseException,
                  wording: Wording = NO_WORDING) -> webob.Response:
    """The fault response for ``exc`` on a compute API request, version headers included."""
    response = from_exception(exc, nova_context.request_id(environ), wording)
    response.headers.update(microversion.response_headers(microversion.version_or_default(environ)))
    return response


def unversioned_error(environ: dict, exc: BaseException,
                      wording: Wording = NO_WORDING) -> webob.Response:
    """The fault response for ``exc`` where microversions do not apply (the versions list)."""
    return from_exception(exc, nova_context.request_id(environ), wording)
