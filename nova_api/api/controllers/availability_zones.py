"""os-availability-zone: the zones servers may be placed in, and (admin) their hosts."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import availability_zones as schemas
from nova_api.api.views import availability_zones as views
from nova_api.policies import availability_zones as policies


class AvailabilityZonesController(controller.Controller):
    """``/os-availability-zone``: read from the configured compute hosts."""

    @validation.query_schema(schemas.index_query)
    @controller.expected_errors()
    def index(self, req):
        """The zones with compute hosts, without hosts; never the internal zone. 200, every version."""
        ctx = req.context
        self.policy.authorize(ctx, policies.LIST)
        return views.zones(self.compute.availability_zones.zones(ctx))

    @validation.query_schema(schemas.detail_query)
    @controller.expected_errors()
    def detail(self, req):
        """Every zone, the internal one included, with hosts and services; admin. 200, every version."""
        ctx = req.context
        self.policy.authorize(ctx, policies.DETAIL)
        return views.zones_detail(self.compute.availability_zones.zones(ctx, internal=True))
