"""What a controller is made of: the base class, ResponseObject and the method decorators.

A controller method receives the request, the path arguments and (for
methods that take one) the validated ``body``, and returns a dict, None or a
:class:`ResponseObject`. The decorators only annotate: the
:class:`~nova_api.api.resource.Resource` reads the annotations to dispatch,
validate and serialize.

- ``@response(202)``: the success status code.
- ``@expected_errors(404, 409)``: the error codes the method may return; any
  other error escaping the method is a bug, logged and returned as a 500.
- ``@validation.raw_body('application/octet-stream')`` (on a method without
  ``body``): the method reads the request's body stream itself.
- ``@action('os-start')``: handles ``POST .../action`` bodies ``{"os-start": ...}``.
- ``@extends('show')`` (on an extension): runs after the controller's method
  and may add to its response.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from nova_api import exception

LOG = logging.getLogger(__name__)


class ResponseObject:
    """A method's result with its status code and headers."""

    def __init__(self, obj: Any = None, code: int | None = None,
                 headers: dict[str, str] | None = None):
        self.obj = obj
        self.code = code
        self.headers: dict[str, str] = dict(headers or {})

    def __getitem__(self, key: str) -> str:
        return self.headers[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.headers[key] = value


class StreamedResponse:
    """A method's result whose body is streamed: ``app_iter`` yields it chunk by chunk.

    The Resource sends it as it is (no JSON), with ``code`` and ``headers``
    (which should include Content-Length and Content-Type), and closes it
    when the server is done with it (PEP 3333).
    """

    def __init__(self, app_iter, code: int = 200, headers: dict[str, str] | None = None):
        self.app_iter = app_iter
        self.code = code
        self.headers: dict[str, str] = dict(headers or {})


def response(code: int) -> Callable:
    """Set the success status code of a controller method."""
    def decorator(func):
        func.wsgi_code = code
        return func
    return decorator


#: Errors any method may raise without declaring them (Nova's list).
_ALWAYS_EXPECTED = (exception.Forbidden, exception.ValidationError, exception.NotAuthorized)


def expected_errors(*codes: int) -> Callable:
    """Declare the HTTP error codes a method may produce.

    A :class:`~nova_api.exception.NovaAPIException` with a code not declared
    here means the method let something escape that it did not expect: it is
    logged with its traceback and the client gets a generic 500, like Nova.
    As in Nova, a policy denial (``Forbidden``), a ``ValidationError`` and
    ``NotAuthorized`` may come from any method and need no declaring.
    """
    declared = frozenset(codes)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except exception.NovaAPIException as exc:
                if exc.code in declared or exc.code < 400 or isinstance(exc, _ALWAYS_EXPECTED):
                    raise
                LOG.exception('Unexpected %s (HTTP %s) from %s', type(exc).__name__,
                              exc.code, func.__qualname__)
                raise UnexpectedError() from exc
        wrapper.expected_errors = declared
        return wrapper
    return decorator


class UnexpectedError(Exception):
    """An undeclared error escaped a controller method; rendered as a generic 500."""


def action(name: str) -> Callable:
    """Make a method the handler of the ``POST .../action`` body ``{name: ...}``."""
    def decorator(func):
        func.wsgi_action = name
        return func
    return decorator


def extends(method: str) -> Callable:
    """Make an extension method run after the controller's ``method``.

    The extension is called as ``ext(req, resp_obj, **path_args)`` and may
    change ``resp_obj.obj`` and its headers. Register extensions on the
    router (see :mod:`nova_api.api.router`); nothing is discovered by import.
    """
    def decorator(func):
        func.wsgi_extends = method
        return func
    return decorator


def _annotated(obj: Any, attribute: str) -> Iterable[tuple[str, Callable]]:
    for name in dir(type(obj)):
        member = getattr(obj, name, None)
        value = getattr(member, attribute, None)
        if callable(member) and value is not None:
            yield value, member


class Controller:
    """Base of every API controller: collects its ``@action`` methods.

    The router builds each controller with its :class:`~nova_api.api.router.Services`:
    ``self.compute`` (the compute layer) and ``self.policy`` (the enforcer), for
    use at request time.

    ``wsgi_wording`` says how this API words domain exceptions where it differs
    from their own messages (``{exception.ImageNotFound: 'Image not found.'}``);
    the Resource applies it when it renders an error (see :mod:`nova_api.api.faults`).
    """

    wsgi_wording: Mapping[type, str] = {}

    def __init__(self, services: Any = None) -> None:
        self.compute = getattr(services, 'compute', None)
        self.policy = getattr(services, 'policy', None)
        self.wsgi_actions: dict[str, Callable] = dict(_annotated(self, 'wsgi_action'))


class ControllerExtension:
    """Base of controller extensions: extra ``@action`` and ``@extends`` methods."""

    def __init__(self, services: Any = None) -> None:
        self.compute = getattr(services, 'compute', None)
        self.policy = getattr(services, 'policy', None)
        self.wsgi_actions: dict[str, Callable] = dict(_annotated(self, 'wsgi_action'))
        self.wsgi_extensions: list[tuple[str, Callable]] = list(_annotated(self, 'wsgi_extends'))
