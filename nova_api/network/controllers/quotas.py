"""``/v2.0/quotas``: a project's limits (its own to read; an admin's to change)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.network import schemas
from nova_api.network import views
from nova_api.network.controllers import base


def _requested(body: dict) -> tuple[dict, bool]:
    """The limits to set, and whether to skip the usage check.

    As Neutron's ``QuotaSetsController.update``: ``force`` skips it only when it is JSON
    ``true``; ``check_limit`` (openstackclient sends it without ``--force``) changes nothing,
    the check being the default (``quota-check-limit-default``).
    """
    values = dict(body['quota'])
    force = values.pop('force', None) is True
    values.pop('check_limit', None)
    return values, force


class QuotasController(base.NetworkController):
    collection = 'quotas'

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(403)
    def index(self, req):
        """The projects with limits of their own (an admin's list). 200."""
        self.authorize(req.context, 'update_quota', {'project_id': None})
        return views.quotas(self.net.quotas.projects())

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(403)
    def show(self, req, id: str):
        """A project's limits. 200; 403 for another project's but to an admin."""
        self.authorize(req.context, 'get_quota', {'project_id': id})
        return views.quota(self.net.quotas.show(id))

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(403)
    def defaults(self, req, id: str):
        """The configured defaults. 200."""
        self.authorize(req.context, 'get_quota', {'project_id': id})
        return views.quota(self.net.quotas.defaults())

    @validation.query_schema(schemas.list_query)
    @controller.expected_errors(403)
    def details(self, req, id: str):
        """Limits with usage (quota_details). 200."""
        self.authorize(req.context, 'get_quota', {'project_id': id})
        return views.quota(self.net.quotas.details(id))

    @validation.schema(schemas.quota_update)
    @controller.expected_errors(400, 403, 404)
    def update(self, req, id: str, body: dict):
        """Set limits (-1: unlimited). 200; 400 for an unknown resource, or a limit below usage
        unless ``force``; 403 but to an admin."""
        self.authorize(req.context, 'update_quota', {'project_id': id})
        values, force = _requested(body)
        return views.quota(self.net.quotas.update(id, values, force=force))

    @controller.expected_errors(403)
    @controller.response(204)
    def delete(self, req, id: str):
        """Back to the defaults. 204."""
        self.authorize(req.context, 'delete_quota', {'project_id': id})
        self.net.quotas.reset(id)
