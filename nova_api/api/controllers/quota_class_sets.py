"""os-quota-class-sets: show and set a quota class (admin); ``default`` sets everyone's defaults."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import quota_class_sets as schemas
from nova_api.api.views import quota_class_sets as views
from nova_api.policies import quota_class_sets as policies


class QuotaClassSetsController(controller.Controller):
    """``/os-quota-class-sets/{id}``: ``id`` is the class name."""

    @validation.query_schema(schemas.show_query, '2.1', '2.101')
    @validation.query_schema(schemas.show_query_v2_102, '2.102')
    @controller.expected_errors()
    def show(self, req, id):
        """The class's limits. 200.

        2.50 shows the server group quotas and drops the network ones; 2.57
        drops the injected file quotas.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.SHOW, {})
        return views.quota_class_set(req, self.compute.quota_class_sets.limits(ctx, id), id)

    @validation.schema(schemas.update, '2.1', '2.49')
    @validation.schema(schemas.update_v2_50, '2.50', '2.56')
    @validation.schema(schemas.update_v2_57, '2.57')
    @controller.expected_errors(400)
    def update(self, req, id, body):
        """Set limits of the class. 200, the class's limits without ``id``."""
        ctx = req.context
        self.policy.authorize(ctx, policies.UPDATE, {})
        values = {name: int(value) for name, value in body['quota_class_set'].items()}
        return views.quota_class_set(req, self.compute.quota_class_sets.update(ctx, id, values))
