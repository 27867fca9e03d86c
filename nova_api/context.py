"""The request context, and the WSGI environ keys through which it travels.

Middleware builds a :class:`RequestContext` from what it *verified* (a token),
never from identity headers a client sent, and stores it in the environ; the
API layer reads it back with :func:`from_environ`.
"""

from __future__ import annotations

from oslo_context import context as oslo_context

ENV_CONTEXT = 'nova.context'
#: Set by oslo.middleware's RequestId filter.
ENV_REQUEST_ID = 'openstack.request_id'
ENV_GLOBAL_REQUEST_ID = 'openstack.global_request_id'
#: The microversion negotiated for the request, once known.
ENV_API_VERSION = 'nova.api_version'

ADMIN_ROLE = 'admin'
#: The values oslo.context's ``to_policy_values`` hands oslo.policy, sorted.
POLICY_VALUES = ('domain_id', 'is_admin_project', 'project_domain_id', 'project_id', 'roles',
                 'service_project_domain_id', 'service_project_id', 'service_roles',
                 'service_user_domain_id', 'service_user_id', 'system_scope', 'user_domain_id',
                 'user_id')


class RequestContext(oslo_context.RequestContext):
    """Who is calling, on behalf of which project, and with which roles."""

    def __init__(self, *args, remote_address: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.remote_address = remote_address
        if 'is_admin' not in kwargs:
            self.is_admin = ADMIN_ROLE in (self.roles or [])

    def policy_key(self) -> tuple:
        """The policy values as a hashable key, computed once (policy decisions are cached on it).

        Read from the attributes ``to_policy_values`` names (``POLICY_VALUES``;
        a test keeps the two equal) rather than through the mapping it returns,
        whose iteration in Python costs four times as much.
        """
        key = self.__dict__.get('_policy_key')
        if key is None:
            values = [(name, getattr(self, name)) for name in POLICY_VALUES]
            key = self.__dict__['_policy_key'] = tuple(
                (name, tuple(value) if isinstance(value, (list, set, tuple)) else value)
                for name, value in values)
        return key

    def to_dict(self) -> dict:
        values = super().to_dict()
        values['remote_address'] = self.remote_address
        return values


def set_anonymous_current(request_id: str | None, global_request_id: str | None) -> None:
    """Make a context of no one, with these ids, the current one of this (green) thread.

    oslo.log stamps every line with the thread's current context. Under
    eventlet a keep-alive connection is served by one green thread, so without
    this the lines of an unauthenticated request would carry the user and the
    ids of the previous request on that connection. Authentication replaces
    it with the caller's.
    """
    AnonymousContext(request_id, global_request_id).update_store()


class AnonymousContext(RequestContext):
    """The context of a request before authentication: only its ids.

    Every other attribute is a class default, copied once from an empty
    context: building a whole RequestContext for every request would cost
    ten times as much.
    """

    def __init__(self, request_id: str | None, global_request_id: str | None):  # noqa: D107
        # No super().__init__(): the class holds the defaults.
        self.request_id = request_id
        self.global_request_id = global_request_id


for _name, _value in RequestContext(overwrite=False).__dict__.items():
    if _name not in ('request_id', 'global_request_id'):
        setattr(AnonymousContext, _name, _value)
del _name, _value


def from_environ(environ: dict) -> RequestContext | None:
    """The verified context of this request, or None before authentication."""
    return environ.get(ENV_CONTEXT)


def set_in_environ(environ: dict, ctx: RequestContext) -> None:
    environ[ENV_CONTEXT] = ctx


def request_id(environ: dict) -> str | None:
    return environ.get(ENV_REQUEST_ID)


def global_request_id(environ: dict) -> str | None:
    return environ.get(ENV_GLOBAL_REQUEST_ID)
