"""Resource: the WSGI app in front of one controller.

One request, top to bottom (:meth:`Resource.__call__`):

1. negotiate the microversion (400 malformed, 406 out of range);
2. check the URL's project id against the caller's (400 on mismatch);
3. find the method: the routed one, or for ``POST .../action`` the
   ``@action`` handler named by the body's single key (400 if none);
4. read the body as JSON where the method takes one (415, 400);
5. validate query and body against the method's schemas for this version;
6. call the method, then the extensions that ``@extends`` it;
7. serialize what it returned, with its status code and headers.

Every response, errors included, carries the microversion headers. Errors
are rendered by :mod:`nova_api.api.faults`, the single translation point.
"""

from __future__ import annotations

import functools
import http
import inspect
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from nova_api import context as nova_context
from nova_api import exception
from nova_api.api import controller as api_controller
from nova_api.api import faults
from nova_api.api import json_codec
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.request import Request

ROUTING_ARGS = 'wsgiorg.routing_args'
ACTION_DISPATCH = 'action'
_BODY_METHODS = frozenset(('POST', 'PUT', 'PATCH'))


class Resource:
    """Serve one controller (and its registered extensions) over WSGI."""

    def __init__(self, controller: Any,
                 extensions: Iterable[api_controller.ControllerExtension] = (),
                 negotiate_version: bool = True):
        self.controller = controller
        # The versions list predates microversions and ignores their headers.
        self.negotiate_version = negotiate_version
        self.actions: dict[str, Callable] = dict(getattr(controller, 'wsgi_actions', {}))
        self.post_processors: dict[str, list[Callable]] = {}
        for extension in extensions:
            for name, handler in extension.wsgi_actions.items():
                if name in self.actions:
                    raise ValueError('action %r of %r is already defined' % (name, extension))
                self.actions[name] = handler
            for method_name, handler in extension.wsgi_extensions:
                self.post_processors.setdefault(method_name, []).append(handler)
        self._takes_body: dict[Callable, bool] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        req = Request(environ)
        if not self.negotiate_version:
            environ[nova_context.ENV_API_VERSION] = microversion.DEFAULT_VERSION
        try:
            version = req.api_version
            code, headers, body = self._process(req)
        except Exception as exc:  # noqa: BLE001 - rendered as a fault, never a traceback
            response = faults.compute_error(environ, exc) if self.negotiate_version \
                else faults.from_exception(exc, req.request_id)
            return response(environ, start_response)
        if self.negotiate_version:
            headers.extend(microversion.response_header_list(version))
        start_response(_status_line(code), headers)
        return [body] if req.method != 'HEAD' else []

    # -- the steps -----------------------------------------------------------

    def _process(self, req: Request) -> tuple[int, list[tuple[str, str]], bytes]:
        args = dict(req.environ.get(ROUTING_ARGS, ((), {}))[1])
        action = args.pop('action')
        args.pop('controller', None)
        args.pop('format', None)
        self._check_project_id(req, args.pop('project_id', None))

        if action == ACTION_DISPATCH:
            body = self._read_body(req)
            method, body = self._action_method(body)
        else:
            method = getattr(self.controller, action)
            body = self._read_body(req) if self._method_takes_body(req, method) else None

        # Any method may declare a query schema (DELETE /os-keypairs/{name}?user_id=...).
        if req.environ.get('QUERY_STRING') and validation.has_query_schema(method):
            validation.validate_query(method, req.api_version, req.GET.dict_of_lists())
        if body is not None or validation.has_body_schema(method):
            validation.validate_body(method, req.api_version, body)
            args['body'] = body

        result = method(req, **args)
        resp_obj = result if isinstance(result, api_controller.ResponseObject) \
            else api_controller.ResponseObject(result)
        for extend in self.post_processors.get(action, ()):
            extend(req, resp_obj, **args)
        return self._serialize(resp_obj, getattr(method, 'wsgi_code', 200))

    @staticmethod
    def _check_project_id(req: Request, project_id: str | None) -> None:
        ctx = req.context
        if project_id and ctx is not None and project_id != ctx.project_id:
            raise exception.ProjectIdMismatch(
                project_id=project_id, context_project_id=ctx.project_id)

    def _method_takes_body(self, req: Request, method: Callable) -> bool:
        if req.method not in _BODY_METHODS:
            return False
        takes = self._takes_body.get(method)
        if takes is None:
            takes = 'body' in inspect.signature(method).parameters
            self._takes_body[method] = takes
        return takes

    @staticmethod
    def _read_body(req: Request) -> Any:
        req.body_content_type()  # 415 for anything but JSON
        raw = req.body
        if not raw:
            return None
        try:
            return json_codec.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: nested too deep to parse
            raise exception.MalformedRequestBody() from None

    def _action_method(self, body: Any) -> tuple[Callable, Any]:
        if not isinstance(body, dict) or len(body) != 1:
            raise exception.MalformedRequestBody()
        name = next(iter(body))
        try:
            return self.actions[name], body
        except KeyError:
            raise exception.ActionNotFound(action=name) from None

    @staticmethod
    def _serialize(resp_obj: api_controller.ResponseObject,
                   default_code: int) -> tuple[int, list[tuple[str, str]], bytes]:
        # Plain WSGI rather than a webob.Response: this runs for every
        # successful request, and the pieces are all known here.
        body = b'' if resp_obj.obj is None else json_codec.dumps(resp_obj.obj)
        headers = [('Content-Length', str(len(body)))]
        if body:
            headers.append(('Content-Type', JSON_CONTENT_TYPE))
        headers.extend((name, str(value)) for name, value in resp_obj.headers.items())
        return resp_obj.code or default_code, headers, body


JSON_CONTENT_TYPE = 'application/json; charset=utf-8'


@functools.lru_cache(maxsize=64)
def _status_line(code: int) -> str:
    try:
        return '%d %s' % (code, http.HTTPStatus(code).phrase)
    except ValueError:
        return '%d Unknown' % code
