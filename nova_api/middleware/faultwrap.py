"""Turn anything the application raises into a fault body; never let a traceback out.

The Resource renders the errors it knows about itself; this is the net
under everything else (a bug in a filter, the router, a view). Such an error
is logged with its request id and the client gets a generic 500
``computeFault``, unless the request's query string is not UTF-8 text: a
filter or an application outside the Resource that reads it fails with
UnicodeDecodeError, and that is the client's 400.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable

from nova_api import exception
from nova_api.api import faults
from nova_api.api import request as api_request
from nova_api.middleware import base


class FaultWrapper(base.Middleware):

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            return self.application(environ, start_response)
        except Exception as exc:  # noqa: BLE001 - that is the point of this filter
            if isinstance(exc, UnicodeDecodeError) and environ.get('QUERY_STRING'):
                try:
                    api_request.check_query_string(environ['QUERY_STRING'])
                except exception.Invalid as invalid:
                    exc = invalid
            return faults.compute_error(environ, exc)(environ, start_response)
