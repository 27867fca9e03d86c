"""Turn anything the application raises into a fault body; never let a traceback out.

The Resource renders the errors it knows about itself; this is the net
under everything else (a bug in a filter, the router, a view). Such an error
is logged with its request id and the client gets a generic 500
``computeFault``.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable

from nova_api.api import faults
from nova_api.middleware import base


class FaultWrapper(base.Middleware):

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            return self.application(environ, start_response)
        except Exception as exc:  # noqa: BLE001 - that is the point of this filter
            return faults.compute_error(environ, exc)(environ, start_response)
