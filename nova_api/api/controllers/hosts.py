"""os-hosts (admin, until 2.42; Nova removed it at 2.43, which answers 404).

The list and a host's resources are served; enabling, maintenance mode and
the power actions answer 501 for a known host, as Nova does with a driver
that does not implement them (see :mod:`nova_api.compute.hosts`).
"""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import hosts as schemas
from nova_api.api.views import hosts as views
from nova_api.policies import hosts as policies

_UNTIL = microversion.LAST_OS_HOSTS


class HostsController(controller.Controller):
    """``/os-hosts``, ``/os-hosts/{host}`` and its ``startup``/``shutdown``/``reboot``."""

    def _authorize(self, req, rule: str):
        ctx = req.context
        self.policy.authorize(ctx, rule, {})
        return ctx

    @microversion.versioned(max_version=_UNTIL)
    @validation.query_schema(schemas.index_query)
    @controller.expected_errors()
    def index(self, req):
        """The hosts of the enabled services, with their topic and zone (``?zone=``). 200."""
        ctx = self._authorize(req, policies.LIST)
        return views.index(self.compute.hosts.list(ctx, req.GET.get('zone') or None))

    @microversion.versioned(max_version=_UNTIL)
    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id):
        """A compute host's total, used and per project resources. 200."""
        ctx = self._authorize(req, policies.SHOW)
        return views.show(self.compute.hosts.resources(ctx, id))

    @microversion.versioned(max_version=_UNTIL)
    @validation.schema(schemas.update)
    @controller.expected_errors(400, 404, 501)
    def update(self, req, id, body):
        """Enable or disable a host, or its maintenance mode: 501 (the driver has neither)."""
        ctx = self._authorize(req, policies.UPDATE)
        self.compute.hosts.check_driver_action(ctx, id)

    def _power(self, req, host: str, rule: str):
        ctx = self._authorize(req, rule)
        self.compute.hosts.check_driver_action(ctx, host)

    @microversion.versioned(max_version=_UNTIL)
    @validation.query_schema(schemas.other_query)
    @controller.expected_errors(400, 404, 501)
    def startup(self, req, id):
        """Power the host on: 501, the simulated driver has no host power control."""
        return self._power(req, id, policies.START)

    @microversion.versioned(max_version=_UNTIL)
    @validation.query_schema(schemas.other_query)
    @controller.expected_errors(400, 404, 501)
    def shutdown(self, req, id):
        """Shut the host down: 501, as :meth:`startup`."""
        return self._power(req, id, policies.SHUTDOWN)

    @microversion.versioned(max_version=_UNTIL)
    @validation.query_schema(schemas.other_query)
    @controller.expected_errors(400, 404, 501)
    def reboot(self, req, id):
        """Reboot the host: 501, as :meth:`startup`."""
        return self._power(req, id, policies.REBOOT)
