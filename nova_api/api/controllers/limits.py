"""GET /limits: the caller's project's absolute limits and usage (an admin may name another)."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import limits as schemas
from nova_api.api.views import limits as views
from nova_api.policies import limits as policies


class LimitsController(controller.Controller):
    """``/limits``: always project limits, never a user's (as Nova)."""

    @validation.query_schema(schemas.index_query, '2.1', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors()
    def index(self, req):
        """Absolute limits (max*) and usage (total*Used); ``rate`` is empty. 200.

        ``?tenant_id=`` shows another project's (policy limits:other_project,
        admin). 2.36 drops the network limits, 2.39 maxImageMeta, 2.57
        maxPersonality and maxPersonalitySize; 2.75 rejects unknown parameters.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.BASE_POLICY_NAME, {})
        project_id = ctx.project_id
        if 'tenant_id' in req.GET:
            project_id = req.GET['tenant_id']
            self.policy.authorize(ctx, policies.OTHER_PROJECT)
        return views.limits(req, self.compute.limits.absolute(ctx, project_id))
