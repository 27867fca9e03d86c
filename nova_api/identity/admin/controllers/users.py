"""``/v3/users``, ``/v3/users/{user_id}`` and ``/v3/users/{user_id}/password``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.identity.admin import exceptions
from nova_api.identity.admin import schemas
from nova_api.identity.admin import views
from nova_api.identity.admin.controllers import base
from nova_api.policies import identity as rules


def _user_target(found, user_id: str) -> dict:
    return rules.flat_target(user={'id': user_id,
                                   'domain_id': found.domain_id if found else None})


class UsersController(base.AdminController):
    """Users: list, show, create, update (an admin's password reset), delete."""

    @validation.query_schema(schemas.user_index_query)
    @controller.expected_errors(400, 401, 403)
    def index(self, req):
        """Users by name; ``name``, ``domain_id`` and ``enabled`` filter. 200."""
        filters = {key: base.first(req, key) for key in ('name', 'domain_id', 'enabled')}
        ctx = self.caller(req)
        self.policy.authorize(ctx, rules.LIST_USERS, rules.flat_target(
            domain_id=filters['domain_id'] or ctx.domain_id))
        found = self.users.list(filters)
        return views.collection(req, 'users', [views.user(self.url(req), u) for u in found])

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(401, 403, 404)
    def show(self, req, user_id):
        """One user (a user may read itself). 200; 404 when there is none."""
        found = self.users.get(user_id)
        self.authorize(req, rules.GET_USER, _user_target(found, user_id))
        if found is None:
            raise exceptions.UserNotFound(user_id=user_id)
        return {'user': views.user(self.url(req), found)}

    @validation.schema(schemas.user_create)
    @controller.expected_errors(400, 401, 403, 404, 409)
    @controller.response(201)
    def create(self, req, body):
        """A new user, its password hashed. 201; 409 for a name taken in its domain."""
        attributes = body['user']
        ctx = self.caller(req)
        domain_id = attributes.get('domain_id') or self.default_domain(ctx)
        self.policy.authorize(ctx, rules.CREATE_USER,
                              rules.flat_target(user={'domain_id': domain_id}))
        created = self.users.create(attributes, domain_id)
        return {'user': views.user(self.url(req), created)}

    @validation.schema(schemas.user_update)
    @controller.expected_errors(400, 401, 403, 404, 409)
    def update(self, req, user_id, body):
        """Change a user; a new password or disabling revokes its tokens. 200."""
        self.authorize(req, rules.UPDATE_USER, _user_target(self.users.get(user_id), user_id))
        return {'user': views.user(self.url(req), self.users.update(user_id, body['user']))}

    @controller.expected_errors(401, 403, 404)
    @controller.response(204)
    def delete(self, req, user_id):
        """Delete a user with its grants and credentials; its tokens are revoked. 204."""
        self.authorize(req, rules.DELETE_USER, _user_target(self.users.get(user_id), user_id))
        self.users.delete(user_id)

    @validation.schema(schemas.password_change)
    @controller.expected_errors(400, 401)
    @controller.response(204)
    def change_password(self, req, user_id, body):
        """Change one's own password, proving the original. 204; 401 when it is wrong.

        As in Keystone no token (nor policy) is needed: the original password
        is the proof, so that a user whose password expired can still set one.
        """
        self.users.change_password(user_id, body['user']['original_password'],
                                   body['user']['password'])
