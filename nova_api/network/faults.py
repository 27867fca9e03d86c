"""Errors of the Network API in Neutron's format.

``{"NeutronError": {"type": "NetworkNotFound", "message": "...", "detail": ""}}``:
``type`` is the class name of Neutron's exception (kept by the classes of
:mod:`nova_api.exception.network`), or webob's name for the status where the
error is not a Neutron one (``HTTPBadRequest`` for a body that fails its
schema, ``HTTPNotFound`` for an unknown path). Status, message and headers
come from the one translation, :func:`nova_api.api.faults.translate`.
"""

from __future__ import annotations

import webob

from nova_api import context as nova_context
from nova_api import exception
from nova_api.api import faults
from nova_api.api import json_codec
from nova_api.exception import network as net_exc

#: Errors of the shared framework, by the name Neutron gives the same error.
_FRAMEWORK_TYPES: dict[type, str] = {
    exception.ValidationError: 'HTTPBadRequest',
    exception.MalformedRequestBody: 'HTTPBadRequest',
    exception.RouteNotFound: 'HTTPNotFound',
    exception.MethodNotAllowed: 'HTTPMethodNotAllowed',
    exception.NotAuthorized: 'HTTPUnauthorized',
    exception.InvalidContentType: 'HTTPUnsupportedMediaType',
}


def error_type(exc: BaseException, code: int) -> str:
    """The ``type`` of the fault body of ``exc`` answered with ``code``."""
    if isinstance(exc, exception.NovaAPIException):
        if type(exc).__module__ == net_exc.__name__:
            return type(exc).__name__
        for cls in type(exc).__mro__:
            if cls in _FRAMEWORK_TYPES:
                return _FRAMEWORK_TYPES[cls]
        if code == 403 and type(exc).__name__ == 'PolicyNotAuthorized':
            return 'PolicyNotAuthorized'
    return net_exc.HTTP_TYPES.get(code, 'HTTPInternalServerError' if code >= 500 else 'HTTPError')


def body(type_name: str, message: str) -> dict:
    return {'NeutronError': {'type': type_name, 'message': message, 'detail': ''}}


def render(environ: dict, exc: BaseException,
           wording: faults.Wording = faults.NO_WORDING) -> webob.Response:
    """The Neutron error response for ``exc`` (an :data:`~nova_api.api.faults.ErrorRenderer`)."""
    code, message, headers = faults.translate(exc, nova_context.request_id(environ), wording)
    response = webob.Response(status=code, content_type='application/json', charset='utf-8',
                              body=json_codec.dumps(body(error_type(exc, code), message)))
    for name, value in headers.items():
        response.headers[name] = value
    return response
