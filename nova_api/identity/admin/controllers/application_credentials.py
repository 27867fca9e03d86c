"""``/v3/users/{user_id}/application_credentials[/{application_credential_id}]``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import schemas
from nova_api.identity.admin import views
from nova_api.identity.admin.controllers import base
from nova_api.policies import identity as rules


class ApplicationCredentialsController(base.AdminController):
    """A user's application credentials: created by the user, read and deleted by it or an admin."""

    @validation.schema(schemas.application_credential_create)
    @controller.expected_errors(400, 401, 403, 404, 409)
    @controller.response(201)
    def create(self, req, user_id, body):
        """A credential for the token's project; its secret is in this answer only. 201.

        400 for a role the token does not carry, or an expiry in the past;
        403 for another user's path or a token without a project.
        """
        ctx = self.authorize(req, rules.CREATE_APPLICATION_CREDENTIAL, {'user_id': user_id})
        if ctx.user_id != user_id:
            raise exceptions.ForbiddenAction(
                action='Cannot create an application credential for another user.')
        if not ctx.project_id:
            raise exceptions.ForbiddenAction(
                action='An application credential is created with a project-scoped token.')
        used = self.token(req).application_credential_id
        if used and not self.credentials.is_unrestricted(used):
            raise exceptions.ForbiddenAction(
                action='Using method \'application_credential\' is not allowed for managing '
                       'additional application credentials.')
        created, secret = self.credentials.create(user_id, ctx.project_id, ctx.roles or [],
                                                  body['application_credential'])
        return {'application_credential': views.application_credential(
            self.url(req), created, secret)}

    @validation.query_schema(schemas.application_credential_index_query)
    @controller.expected_errors(400, 401, 403, 404)
    def index(self, req, user_id):
        """The user's credentials (without secrets); ``name`` filters. 200."""
        self.authorize(req, rules.LIST_APPLICATION_CREDENTIALS, {'user_id': user_id})
        found = self.credentials.list(user_id, base.first(req, 'name'))
        return views.collection(req, 'application_credentials',
                                [views.application_credential(self.url(req), c) for c in found])

    def _owner(self, user_id: str, credential_id: str) -> str:
        # Keystone checks the rule against the credential's owner, not the path's user:
        # naming oneself in the path does not open someone else's credential.
        return self.credentials.owner_of(credential_id) or user_id

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def show(self, req, user_id, application_credential_id):
        """One credential (without its secret). 200; 404 when the user has no such one."""
        self.authorize(req, rules.GET_APPLICATION_CREDENTIAL,
                       {'user_id': self._owner(user_id, application_credential_id)})
        found = self.credentials.get(user_id, application_credential_id)
        return {'application_credential': views.application_credential(self.url(req), found)}

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def delete(self, req, user_id, application_credential_id):
        """Delete a credential; it authenticates no more. 204."""
        self.authorize(req, rules.DELETE_APPLICATION_CREDENTIAL,
                       {'user_id': self._owner(user_id, application_credential_id)})
        self.credentials.delete(user_id, application_credential_id)
