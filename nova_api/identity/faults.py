"""Errors of the identity API in Keystone's format: ``{"error": {"code", "message", "title"}}``.

The status, message and headers come from the one translation,
:func:`nova_api.api.faults.translate`; only the body differs from Nova's. As
in Keystone, a 401 carries ``WWW-Authenticate: Keystone uri="..."`` and a
500 says nothing of its cause (the log has it, under the request id).
"""

from __future__ import annotations

import http

import webob

from nova_api import context as nova_context
from nova_api.api import faults
from nova_api.api import json_codec
from nova_api.api import links

#: Keystone's words for an unexpected error.
GENERIC_500 = 'An unexpected error prevented the server from fulfilling your request.'


def title(code: int) -> str:
    """Keystone's title for a status: its reason phrase."""
    try:
        return http.HTTPStatus(code).phrase
    except ValueError:
        return 'Error'


def body(code: int, message: str) -> dict:
    """The error document."""
    return {'error': {'code': code, 'message': message, 'title': title(code)}}


def render(environ: dict, exc: BaseException,
           wording: faults.Wording = faults.NO_WORDING) -> webob.Response:
    """The Keystone error response for ``exc`` (an :data:`~nova_api.api.faults.ErrorRenderer`)."""
    code, message, headers = faults.translate(exc, nova_context.request_id(environ), wording)
    if code >= 500:
        message = GENERIC_500
    response = webob.Response(status=code, content_type='application/json', charset='utf-8',
                              body=json_codec.dumps(body(code, message)))
    if code == 401 and 'WWW-Authenticate' not in headers:
        headers['WWW-Authenticate'] = 'Keystone uri="%s/identity"' % links.root_url(
            webob.Request(environ))
    for name, value in headers.items():
        response.headers[name] = value
    return response
