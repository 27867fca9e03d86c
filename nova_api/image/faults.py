"""Errors of the Image API in Glance's format: webob's error documents, as Glance raises them.

Glance answers errors with ``webob.exc`` exceptions, so their bodies are
webob's: ``{"message": "...<br /><br />\\n\\n\\n", "code": "404 Not Found",
"title": "Not Found"}`` when the client accepts JSON, plain text (or HTML)
otherwise. The status, message and headers come from the one translation,
:func:`nova_api.api.faults.translate`.
"""

from __future__ import annotations

import webob
import webob.exc

from nova_api import context as nova_context
from nova_api.api import faults


def render(environ: dict, exc: BaseException,
           wording: faults.Wording = faults.NO_WORDING) -> webob.Response:
    """The Glance error response for ``exc`` (an :data:`~nova_api.api.faults.ErrorRenderer`)."""
    code, message, headers = faults.translate(exc, nova_context.request_id(environ), wording)
    error_class = webob.exc.status_map.get(code, webob.exc.HTTPInternalServerError)
    if code == 415:
        # Glance passes its words as the detail: webob keeps its own explanation
        # ("The request media type X is not supported by this server.") first.
        return error_class(detail=message, headers=list(headers.items()))
    return error_class(explanation=message, headers=list(headers.items()))
