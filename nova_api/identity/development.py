"""The development identity service (noauth2 only): its route table, token issuing and look-ups.

Any password is accepted, names are ids, and the token issued is the noauth2
token ``<user>:<project>``.

Errors are Keystone's (``{"error": {"code", "message", "title"}}``), not
Nova faults: clients parse each service's errors in its own format.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

import webob

from nova_api.api import json_codec
from nova_api.api import links
from nova_api.identity import development_views as views
from nova_api.middleware import auth

TOKEN_HEADER = 'X-Subject-Token'


class IdentityError(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _unauthorized() -> IdentityError:
    return IdentityError(401, 'The request you have made requires authentication.')


def _bad_request(message: str) -> IdentityError:
    return IdentityError(400, message)


def _name(value: Any, what: str) -> str:
    """A user or project name (names are ids here); ':' would break the token's format."""
    if not isinstance(value, str) or not value.strip():
        raise _bad_request('Expecting to find a %s name or id.' % what)
    if ':' in value:
        raise _bad_request("The development identity service does not accept ':' in a %s." % what)
    return value


def _parse_token(token: str) -> tuple[str, str | None]:
    user_id, sep, project_id = token.partition(':')
    if not user_id:
        raise IdentityError(404, 'Could not find token: %s' % token)
    return user_id, (project_id or None) if sep else None


class IdentityApp:
    """``/identity``: version discovery, ``POST /v3/auth/tokens`` and project/user look-ups."""

    def __init__(self, services: tuple[tuple[str, str, str], ...]) -> None:
        self.services = services
        # (method, path pattern, handler): the whole API, as data.
        self.routes: tuple[tuple[str, re.Pattern, Callable], ...] = tuple(
            (method, re.compile('^%s/?$' % pattern), handler) for method, pattern, handler in (
                ('GET', '', self.versions),
                ('GET', '/v3', self.version),
                ('POST', '/v3/auth/tokens', self.issue_token),
                ('GET', '/v3/auth/tokens', self.validate_token),
                ('HEAD', '/v3/auth/tokens', self.validate_token),
                ('GET', '/v3/auth/projects', self.token_projects),
                ('GET', '/v3/projects', self.list_projects),
                ('GET', '/v3/projects/(?P<project_id>[^/]+)', self.show_project),
                ('GET', '/v3/users', self.list_users),
                ('GET', '/v3/users/(?P<user_id>[^/]+)', self.show_user),
            ))

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        req = webob.Request(environ)
        try:
            handler, args = self._route(req)
            code, body, headers = handler(req, **args)
        except IdentityError as exc:
            code, body, headers = exc.code, views.error(exc.code, exc.message), {}
        response = webob.Response(status=code, headerlist=list(headers.items()))
        if body is not None:
            response.content_type = 'application/json'
            response.body = json_codec.dumps(body)
        return response(environ, start_response)

    def _route(self, req: webob.Request) -> tuple[Callable, dict[str, str]]:
        try:
            path = req.path_info.rstrip('/')
        except UnicodeDecodeError:  # a path that is not UTF-8 text names nothing
            raise IdentityError(404, 'The resource could not be found.') from None
        allowed = []
        for method, pattern, handler in self.routes:
            match = pattern.match(path)
            if match is None:
                continue
            if method == req.method:
                return handler, match.groupdict()
            allowed.append(method)
        if allowed:
            raise IdentityError(405, 'The method %s is not allowed for this resource.' % req.method)
        raise IdentityError(404, 'The resource could not be found.')

    # -- where things are -----------------------------------------------------

    @staticmethod
    def _identity_url(req: webob.Request) -> str:
        return links.root_url(req) + '/identity'


    @staticmethod
    def _caller(req: webob.Request) -> tuple[str, str | None]:
        token = req.headers.get('X-Auth-Token', '').strip()
        if not token:
            raise _unauthorized()
        return _parse_token(token)

    # -- handlers: (req, **path args) -> (code, body, headers) --------------------

    def versions(self, req: webob.Request) -> tuple[int, Any, dict]:
        return 300, views.versions(self._identity_url(req)), {}

    def version(self, req: webob.Request) -> tuple[int, Any, dict]:
        return 200, views.version(self._identity_url(req)), {}

    def issue_token(self, req: webob.Request) -> tuple[int, Any, dict]:
        """201 with the token in X-Subject-Token; any password is accepted."""
        try:
            body = json_codec.loads(req.body or b'null')
        except ValueError:
            raise _bad_request('Expecting to find valid JSON in request body.') from None
        auth_request = body.get('auth') if isinstance(body, dict) else None
        if not isinstance(auth_request, dict) or not isinstance(auth_request.get('identity'), dict):
            raise _bad_request('Expecting to find identity in auth.')
        methods, user_id, token_project = self._authenticate(auth_request['identity'])
        project_id = self._scope(auth_request.get('scope'), token_project)
        roles = list(auth.ADMIN_ROLES if user_id == auth.ADMIN_USER else auth.MEMBER_ROLES)
        document = views.token(methods, user_id, project_id, roles, links.root_url(req),
                               datetime.datetime.now(datetime.timezone.utc), self.services)
        return 201, document, {TOKEN_HEADER: '%s:%s' % (user_id, project_id or '')}

    @staticmethod
    def _authenticate(identity: dict) -> tuple[list[str], str, str | None]:
        methods = identity.get('methods')
        if not isinstance(methods, list) or not methods:
            raise _bad_request('Expecting to find methods in identity.')
        if 'password' in methods:
            password = identity.get('password')
            user = password.get('user') if isinstance(password, dict) else None
            if not isinstance(user, dict):
                raise _bad_request('Expecting to find user in password.')
            if not isinstance(user.get('password'), str):
                raise _unauthorized()
            return methods, _name(user.get('id') or user.get('name'), 'user'), None
        if 'token' in methods:
            token = identity.get('token')
            token = token.get('id') if isinstance(token, dict) else None
            if not isinstance(token, str) or not token:
                raise _bad_request('Expecting to find id in token.')
            user_id, project_id = _parse_token(token)
            return methods, user_id, project_id
        raise IdentityError(401, 'Unsupported authentication method: %s' % ', '.join(map(str, methods)))

    @staticmethod
    def _scope(scope: Any, token_project: str | None) -> str | None:
        if scope is None:
            return token_project
        project = scope.get('project') if isinstance(scope, dict) else None
        if not isinstance(project, dict):
            raise _bad_request('The development identity service only issues project-scoped '
                               'or unscoped tokens.')
        return _name(project.get('id') or project.get('name'), 'project')

    def validate_token(self, req: webob.Request) -> tuple[int, Any, dict]:
        self._caller(req)
        subject = req.headers.get(TOKEN_HEADER, '').strip()
        if not subject:
            raise _bad_request('Expecting to find X-Subject-Token in the request headers.')
        user_id, project_id = _parse_token(subject)
        roles = list(auth.ADMIN_ROLES if user_id == auth.ADMIN_USER else auth.MEMBER_ROLES)
        document = views.token(['token'], user_id, project_id, roles, links.root_url(req),
                               datetime.datetime.now(datetime.timezone.utc), self.services)
        return 200, (document if req.method == 'GET' else None), {TOKEN_HEADER: subject}

    def token_projects(self, req: webob.Request) -> tuple[int, Any, dict]:
        user_id, project_id = self._caller(req)
        projects = [views.project(project_id or user_id, self._identity_url(req))]
        return 200, {'projects': projects, 'links': self._links(req)}, {}

    def list_projects(self, req: webob.Request) -> tuple[int, Any, dict]:
        user_id, project_id = self._caller(req)
        name = req.GET.get('name') or project_id or user_id
        return 200, {'projects': [views.project(name, self._identity_url(req))],
                     'links': self._links(req)}, {}

    def show_project(self, req: webob.Request, project_id: str) -> tuple[int, Any, dict]:
        self._caller(req)
        return 200, {'project': views.project(project_id, self._identity_url(req))}, {}

    def list_users(self, req: webob.Request) -> tuple[int, Any, dict]:
        user_id, _project_id = self._caller(req)
        name = req.GET.get('name') or user_id
        return 200, {'users': [views.user(name, self._identity_url(req))],
                     'links': self._links(req)}, {}

    def show_user(self, req: webob.Request, user_id: str) -> tuple[int, Any, dict]:
        self._caller(req)
        return 200, {'user': views.user(user_id, self._identity_url(req))}, {}

    @staticmethod
    def _links(req: webob.Request) -> dict[str, Any]:
        return {'self': req.url, 'previous': None, 'next': None}
