"""Resource: the WSGI app in front of one controller.

One request, top to bottom (:meth:`Resource.__call__`):

1. negotiate the microversion (400 malformed, 406 out of range);
2. check the URL's project id against the caller's (400 on mismatch);
3. find the method: the routed one, or for ``POST .../action`` the
   ``@action`` handler named by the body's single key (400 if none);
4. read the body as JSON where the method takes one (415, 400; what no
   field can hold is refused by :mod:`json_codec`, a query string that is not
   UTF-8 text before any of this);
5. validate query and body against the method's schemas for this version;
6. call the method, then the extensions that ``@extends`` it;
7. serialize what it returned, with its status code and headers.

Every response, errors included, carries the microversion headers. Errors
are translated by :mod:`nova_api.api.faults`, the single translation point,
and rendered by the Resource's error renderer: Nova faults by default,
another service's format where the Resource serves another API (the Image
API, :mod:`nova_api.image`), with the controller's ``wsgi_wording``.
"""

from __future__ import annotations

import dataclasses
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
from nova_api.api import request as api_request
from nova_api.api import validation
from nova_api.api.request import Request

ROUTING_ARGS = 'wsgiorg.routing_args'
ACTION_DISPATCH = 'action'
_BODY_METHODS = frozenset(('POST', 'PUT', 'PATCH'))
#: Routing arguments that are not the method's: routes' own, and the project
#: id, which is checked against the caller's instead.
_NOT_METHOD_ARGS = frozenset(('action', 'controller', 'format', 'project_id'))


@dataclasses.dataclass(frozen=True)
class Target:
    """A controller method and what its annotations say, read once rather than per request."""

    method: Callable
    takes_body: bool
    query_schema: bool
    body_schema: bool
    code: int
    extensions: tuple[Callable, ...]
    #: The media types a JSON body may come in (None: JSON's), and those of a raw body
    #: the method reads itself (None: it takes no raw body).
    media_types: frozenset[str] | None = None
    raw_types: frozenset[str] | None = None

    @classmethod
    def of(cls, method: Callable, extensions: Iterable[Callable] = ()) -> Target:
        return cls(method=method,
                   takes_body='body' in inspect.signature(method).parameters,
                   query_schema=validation.has_query_schema(method),
                   body_schema=validation.has_body_schema(method),
                   code=getattr(method, 'wsgi_code', 200),
                   extensions=tuple(extensions),
                   media_types=validation.body_media_types(method),
                   raw_types=validation.raw_body_types(method))


class Resource:
    """Serve one controller (and its registered extensions) over WSGI."""

    def __init__(self, controller: Any,
                 extensions: Iterable[api_controller.ControllerExtension] = (),
                 negotiate_version: bool = True,
                 errors: faults.ErrorRenderer | None = None):
        self.controller = controller
        # The versions list predates microversions and ignores their headers,
        # and so does every API that is not Compute's.
        self.negotiate_version = negotiate_version
        if errors is None:
            errors = faults.compute_error if negotiate_version else faults.unversioned_error
        self.render_error = errors
        self.wording: faults.Wording = dict(getattr(controller, 'wsgi_wording', {}))
        self.actions: dict[str, Callable] = dict(getattr(controller, 'wsgi_actions', {}))
        self.post_processors: dict[str, list[Callable]] = {}
        for extension in extensions:
            for name, handler in extension.wsgi_actions.items():
                if name in self.actions:
                    raise ValueError('action %r of %r is already defined' % (name, extension))
                self.actions[name] = handler
            for method_name, handler in extension.wsgi_extensions:
                self.post_processors.setdefault(method_name, []).append(handler)
        self._targets: dict[str, Target] = {}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        req = Request(environ)
        if not self.negotiate_version:
            environ[nova_context.ENV_API_VERSION] = microversion.DEFAULT_VERSION
        try:
            version = req.api_version
            code, headers, body = self._process(req)
        except Exception as exc:  # noqa: BLE001 - rendered as a fault, never a traceback
            return self.render_error(environ, exc, self.wording)(environ, start_response)
        if self.negotiate_version:
            headers.extend(microversion.response_header_list(version))
        start_response(_status_line(code), headers)
        if isinstance(body, bytes):
            return [body] if req.method != 'HEAD' else []
        if req.method == 'HEAD':  # a streamed body, not wanted
            getattr(body, 'close', lambda: None)()
            return []
        return body

    # -- the steps -----------------------------------------------------------

    def _process(self, req: Request) -> tuple[int, list[tuple[str, str]], Any]:
        query = req.environ.get('QUERY_STRING')
        if query:
            api_request.check_query_string(query)  # before anyone reads req.GET
        routing = req.environ.get(ROUTING_ARGS, ((), {}))[1]
        args = {name: value for name, value in routing.items() if name not in _NOT_METHOD_ARGS}
        if any('\x00' in value for value in args.values() if isinstance(value, str)):
            raise exception.NotFound()  # a NUL names nothing (and PostgreSQL refuses it)
        self._check_project_id(req, routing.get('project_id'))

        action = routing['action']
        if action == ACTION_DISPATCH:
            body = self._read_body(req)
            target = self._action_target(body)
        else:
            target = self._targets.get(action) or self._target(action)
            if target.raw_types is not None:
                _check_media_type(req, target.raw_types)
                body = None
            elif target.takes_body and req.method in _BODY_METHODS:
                body = self._read_body(req, target.media_types)
            else:
                body = None

        # Any method may declare a query schema (DELETE /os-keypairs/{name}?user_id=...).
        if target.query_schema and req.environ.get('QUERY_STRING'):
            validation.validate_query(target.method, req.api_version, req.GET.dict_of_lists())
        if body is not None or target.body_schema:
            validation.validate_body(target.method, req.api_version, body)
            args['body'] = body

        result = target.method(req, **args)
        if isinstance(result, api_controller.StreamedResponse):
            return result.code, list(result.headers.items()), result.app_iter
        if isinstance(result, api_controller.ResponseObject):
            resp_obj = result
        elif not target.extensions:
            return self._serialize(result, None, {}, target.code)
        else:
            resp_obj = api_controller.ResponseObject(result)
        for extend in target.extensions:
            extend(req, resp_obj, **args)
        return self._serialize(resp_obj.obj, resp_obj.code, resp_obj.headers, target.code)

    def _target(self, action: str) -> Target:
        target = Target.of(getattr(self.controller, action), self.post_processors.get(action, ()))
        self._targets[action] = target
        return target

    @staticmethod
    def _check_project_id(req: Request, project_id: str | None) -> None:
        ctx = req.context
        if project_id and ctx is not None and project_id != ctx.project_id:
            raise exception.ProjectIdMismatch(
                project_id=project_id, context_project_id=ctx.project_id)

    @staticmethod
    def _read_body(req: Request, media_types: frozenset[str] | None = None) -> Any:
        if media_types is None:
            req.body_content_type()  # 415 for anything but JSON
        else:
            _check_media_type(req, media_types)
        raw = req.body
        if not raw:
            return None
        try:
            return json_codec.loads(raw)
        except ValueError:
            raise exception.MalformedRequestBody() from None

    def _action_target(self, body: Any) -> Target:
        if not isinstance(body, dict) or len(body) != 1:
            raise exception.MalformedRequestBody()
        name = next(iter(body))
        key = ACTION_DISPATCH + ':' + name  # beside the routed methods' names
        target = self._targets.get(key)
        if target is None:
            try:
                target = Target.of(self.actions[name])
            except KeyError:
                raise exception.ActionNotFound(action=name) from None
            self._targets[key] = target
        return target

    @staticmethod
    def _serialize(document: Any, code: int | None, headers: dict[str, str],
                   default_code: int) -> tuple[int, list[tuple[str, str]], bytes]:
        # Plain WSGI rather than a webob.Response: this runs for every
        # successful request, and the pieces are all known here.
        if document is None:
            header_list = [('Content-Length', '0')]
            body = b''
        else:
            body = json_codec.dumps(document)
            header_list = [('Content-Length', str(len(body))), ('Content-Type', JSON_CONTENT_TYPE)]
        for name, value in headers.items():
            header_list.append((name, str(value)))
        return code or default_code, header_list, body


JSON_CONTENT_TYPE = 'application/json; charset=utf-8'


def _check_media_type(req: Request, allowed: frozenset[str]) -> None:
    """415 unless the body's media type is one of ``allowed`` (RFC 5789's Accept-Patch on PATCH)."""
    content_type = req.content_type if 'CONTENT_TYPE' in req.environ else None
    if content_type in allowed:
        return
    error = exception.BodyMediaTypeNotAllowed(content_type=content_type,
                                              allowed=', '.join(sorted(allowed)))
    if req.method == 'PATCH':
        error.headers['Accept-Patch'] = ', '.join(sorted(allowed))
    raise error


@functools.lru_cache(maxsize=64)
def _status_line(code: int) -> str:
    try:
        return '%d %s' % (code, http.HTTPStatus(code).phrase)
    except ValueError:
        return '%d Unknown' % code
