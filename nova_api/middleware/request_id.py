"""Give every request an id, returned in x-openstack-request-id and x-compute-request-id.

An inbound ``X-OpenStack-Request-ID`` is accepted only in the ``req-<uuid>``
form, and then as the *global* request id that ties calls across services
together (logged beside ours); the id we return is always our own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterable

from oslo_context import context as oslo_context

from nova_api import context as nova_context
from nova_api.middleware import base

RESPONSE_HEADERS = ('x-openstack-request-id', 'x-compute-request-id')
INBOUND_ENVIRON_KEY = 'HTTP_X_OPENSTACK_REQUEST_ID'
ID_FORMAT = re.compile(
    r'req-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}')


class RequestId(base.Middleware):

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request_id = oslo_context.generate_request_id()
        environ[nova_context.ENV_REQUEST_ID] = request_id
        inbound = environ.get(INBOUND_ENVIRON_KEY, '')
        if ID_FORMAT.fullmatch(inbound):
            environ[nova_context.ENV_GLOBAL_REQUEST_ID] = inbound

        def start_with_id(status: str, headers: list, exc_info=None):
            headers.extend((name, request_id) for name in RESPONSE_HEADERS)
            return start_response(status, headers, exc_info)

        return self.application(environ, start_with_id)
