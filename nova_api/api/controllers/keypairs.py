"""os-keypairs: a user's SSH keys and x509 certificates, created, imported, listed, deleted.

Keypairs belong to users. From 2.10 an admin may act on another user's
keypairs (``user_id`` in the create body, or in the query string
elsewhere); the policy target is that user, so a member naming someone
else is refused (403), and a keypair is looked up by (user, name), so
another user's keypair is not found (404).
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import keypairs as schemas
from nova_api.api.views import keypairs as views
from nova_api.compute import crypto
from nova_api.policies import keypairs as policies


def _requested_user(req, default: str) -> str:
    """The first ``user_id`` of the query string (from 2.10), else ``default``."""
    if microversion.allows_keypair_user_id(req):
        values = req.GET.getall('user_id')
        if values and values[0]:
            return values[0]
    return default


def _page(req, max_limit: int) -> tuple[int | None, str | None]:
    """(limit, marker) from 2.35; before it, every keypair at once."""
    if not microversion.allows_keypair_pagination(req):
        return None, None
    return pagination.limit_and_marker(dict(req.GET.items()), max_limit)


class KeypairController(controller.Controller):
    """``/os-keypairs`` and ``/os-keypairs/{keypair_name}``."""

    def _authorize(self, req, rule: str, user_id: str):
        ctx = req.context
        self.policy.authorize(ctx, rule, {'user_id': user_id, 'project_id': ctx.project_id})
        return ctx

    @validation.schema(schemas.create, '2.1', '2.1')
    @validation.schema(schemas.create_v2_2, '2.2', '2.9')
    @validation.schema(schemas.create_v2_10, '2.10', '2.91')
    @validation.schema(schemas.create_v2_92, '2.92')
    @controller.expected_errors(400, 403, 409)
    def create(self, req, body):
        """Import ``public_key``, or (before 2.92) generate a key and return its private part once.

        200 before 2.2, 201 from 2.2. ``type`` (ssh, x509) from 2.2; an
        admin's ``user_id`` from 2.10; from 2.92 ``public_key`` is required
        and names may contain ``@`` and ``.``.
        """
        params = body['keypair']
        user_id = params.get('user_id') or req.context.user_id
        ctx = self._authorize(req, policies.CREATE, user_id)
        keypair, private_key = self.compute.keypairs.create(
            ctx, user_id, params['name'], params.get('type', crypto.SSH), params.get('public_key'))
        code = 201 if microversion.allows_keypair_type(req) else 200
        return controller.ResponseObject(views.created(req, keypair, private_key), code=code)

    @validation.query_schema(schemas.query, '2.1', '2.34')
    @validation.query_schema(schemas.index_query_v2_35, '2.35', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def index(self, req):
        """List the caller's keypairs (an admin's ``?user_id=`` from 2.10). 200.

        ``type`` from 2.2; ``limit``/``marker`` (a keypair name) and
        ``keypairs_links`` from 2.35.
        """
        user_id = _requested_user(req, req.context.user_id)
        ctx = self._authorize(req, policies.INDEX, user_id)
        limit, marker = _page(req, self.compute.conf.api.max_limit)
        keypairs = self.compute.keypairs.list(ctx, user_id, limit=limit, marker=marker)
        return views.index(req, keypairs, limit)

    @validation.query_schema(schemas.query, '2.1', '2.9')
    @validation.query_schema(schemas.query_v2_10, '2.10', '2.74')
    @validation.query_schema(schemas.query_v2_75, '2.75')
    @controller.expected_errors(404)
    def show(self, req, keypair_name):
        """Show one keypair with its database fields. 200; ``type`` from 2.2, ``?user_id=`` from 2.10."""
        user_id = _requested_user(req, req.context.user_id)
        ctx = self._authorize(req, policies.SHOW, user_id)
        return views.detail(req, self.compute.keypairs.get(ctx, user_id, keypair_name))

    @validation.query_schema(schemas.query, '2.1', '2.9')
    @validation.query_schema(schemas.query_v2_10, '2.10', '2.74')
    @validation.query_schema(schemas.query_v2_75, '2.75')
    @controller.expected_errors(404)
    def delete(self, req, keypair_name):
        """Delete a keypair. 202 before 2.2, 204 from 2.2; ``?user_id=`` from 2.10."""
        user_id = _requested_user(req, req.context.user_id)
        ctx = self._authorize(req, policies.DELETE, user_id)
        self.compute.keypairs.delete(ctx, user_id, keypair_name)
        return controller.ResponseObject(code=204 if microversion.allows_keypair_type(req) else 202)
