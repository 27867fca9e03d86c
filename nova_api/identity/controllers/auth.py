"""``/v3/auth/*``: issue, validate and revoke tokens; the caller's projects, domains and catalogue."""

from __future__ import annotations

from oslo_utils import strutils

from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity import views
from nova_api.identity.controllers import base
from nova_api.identity.schemas import auth as schemas
from nova_api.policies import identity_auth as policies

SUBJECT_TOKEN = 'X-Subject-Token'


def _flag(req, name: str) -> bool:
    return name in req.GET


class AuthTokensController(base.IdentityController):
    """``/v3/auth/tokens``."""

    @validation.query_schema(schemas.issue_query)
    @validation.schema(schemas.issue)
    @controller.expected_errors(400, 401, 403, 404)
    @controller.response(201)
    def create(self, req, body):
        """A new token (``X-Subject-Token``) and its document. 201; 400 for a malformed request,
        401 for anything that fails to authenticate (always the same body), 404 for a token
        method whose token does not validate."""
        token_id, issued = self.identity.tokens.issue(body)
        document = views.token(issued, req, self.identity,
                               include_catalog=not _flag(req, 'nocatalog'))
        return controller.ResponseObject(document, headers={SUBJECT_TOKEN: token_id})

    @validation.query_schema(schemas.token_query)
    @controller.expected_errors(401, 403, 404)
    def show(self, req):
        """The subject token's document, as of now. 200 (HEAD: no body); 401 without a valid
        caller, 403 when the caller may not see it, 404 when it does not validate."""
        caller = self.caller(req)
        subject_id = req.headers.get(SUBJECT_TOKEN, '').strip()
        allow_expired = strutils.bool_from_string(req.GET.get('allow_expired'))
        issued = self.identity.tokens.show(subject_id, allow_expired)
        action = policies.CHECK_TOKEN if req.method == 'HEAD' else policies.VALIDATE_TOKEN
        self.policy.authorize(req.context, action, self.target(caller, issued.token))
        document = views.token(issued, req, self.identity,
                               include_catalog=not _flag(req, 'nocatalog'))
        return controller.ResponseObject(document, headers={SUBJECT_TOKEN: subject_id})

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def delete(self, req):
        """Revoke the subject token, for every worker within a second. 204; 401, 403, 404."""
        caller = self.caller(req)
        subject_id = req.headers.get(SUBJECT_TOKEN, '').strip()
        subject = self.identity.tokens.subject(subject_id)
        self.policy.authorize(req.context, policies.REVOKE_TOKEN, self.target(caller, subject))
        self.identity.tokens.revoke(subject_id)

    @staticmethod
    def target(caller, subject) -> dict:
        return {'token_user_id': subject.user_id, 'user_id': caller.user_id,
                'project_id': caller.project_id}


class AuthScopesController(base.IdentityController):
    """``/v3/auth/projects``, ``/v3/auth/domains`` and ``/v3/auth/catalog``."""

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(401, 403)
    def projects(self, req):
        """The projects the caller may scope a token to. 200; 401 without a valid token."""
        caller = self.caller(req)
        self.policy.authorize(req.context, policies.GET_AUTH_PROJECTS, {})
        return views.auth_projects(self.identity.tokens.projects(caller), req, self.identity)

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(401, 403)
    def domains(self, req):
        """The domains the caller may scope a token to. 200; 401 without a valid token."""
        caller = self.caller(req)
        self.policy.authorize(req.context, policies.GET_AUTH_DOMAINS, {})
        return views.auth_domains(self.identity.tokens.domains(caller), req, self.identity)

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(401, 403)
    def catalog(self, req):
        """The catalogue of the caller's token. 200; 403 for an unscoped token (Keystone's)."""
        caller = self.caller(req)
        self.policy.authorize(req.context, policies.GET_AUTH_CATALOG, {})
        if caller.project_id is None:
            raise policies.catalog_needs_scope()
        return views.auth_catalog(req, self.identity)
