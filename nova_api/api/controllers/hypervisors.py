"""os-hypervisors: the compute nodes of the simulated hosts (admin).

2.28 shows ``cpu_info`` as an object; 2.33 pages the lists; 2.53 uses
uuids and replaces ``/{pattern}/search`` and ``/{pattern}/servers`` with
the ``hypervisor_hostname_pattern`` and ``with_servers`` query parameters;
2.88 drops the usage fields (adding ``uptime`` to the detail) and the
``/statistics`` and ``/{id}/uptime`` routes.
"""

from __future__ import annotations

from oslo_utils import strutils
from oslo_utils import uuidutils

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import hypervisors as schemas
from nova_api.api.views import hypervisors as views
from nova_api.policies import hypervisors as policies


def _with_servers(req) -> bool:
    if not microversion.identifies_hypervisors_by_uuid(req):
        return False
    return strutils.bool_from_string(req.GET.get('with_servers', False), strict=True)


def _checked_id(req, hypervisor_id: str) -> str:
    """A uuid from 2.53 (400 otherwise); before, an integer (404 otherwise), as Nova checks."""
    if microversion.identifies_hypervisors_by_uuid(req):
        if not uuidutils.is_uuid_like(hypervisor_id):
            raise exception.InvalidHypervisorId(hypervisor_id=hypervisor_id)
    else:
        try:
            strutils.validate_integer(hypervisor_id, 'id')
        except ValueError:
            raise exception.HypervisorNotFound(hypervisor_id=hypervisor_id) from None
    return hypervisor_id


class HypervisorsController(controller.Controller):
    """``/os-hypervisors`` and its sub-resources."""

    def _list(self, req, detail: bool):
        ctx = req.context
        self.policy.authorize(ctx, policies.LIST_DETAIL if detail else policies.LIST, {})
        with_servers = _with_servers(req)
        pattern = (req.GET.get('hypervisor_hostname_pattern')
                   if microversion.identifies_hypervisors_by_uuid(req) else None)
        hypervisors = self.compute.hypervisors
        if pattern is not None:
            if 'limit' in req.GET or 'marker' in req.GET:
                raise exception.HypervisorPatternPaging()
            found = hypervisors.list(ctx, with_servers, pattern=pattern)
            return views.index(req, found, detail, None, False, with_servers)
        links = microversion.allows_hypervisor_pagination(req)
        limit, marker = (pagination.limit_and_marker(dict(req.GET.items()),
                                                     self.compute.conf.api.max_limit)
                         if links else (None, None))
        found = hypervisors.page(ctx, limit, marker, microversion.identifies_hypervisors_by_uuid(req),
                                 with_servers)
        return views.index(req, found, detail, limit, links, with_servers)

    @validation.query_schema(schemas.index_query, '2.1', '2.32')
    @validation.query_schema(schemas.index_query_v2_33, '2.33', '2.52')
    @validation.query_schema(schemas.index_query_v2_53, '2.53')
    @controller.expected_errors(400, 404)
    def index(self, req):
        """The hypervisors: id, hostname, state, status. 200; pages from 2.33, filters from 2.53."""
        return self._list(req, detail=False)

    @validation.query_schema(schemas.index_query, '2.1', '2.32')
    @validation.query_schema(schemas.index_query_v2_33, '2.33', '2.52')
    @validation.query_schema(schemas.index_query_v2_53, '2.53')
    @controller.expected_errors(400, 404)
    def detail(self, req):
        """The hypervisors with their service, size and usage (no usage from 2.88). 200."""
        return self._list(req, detail=True)

    @validation.query_schema(schemas.show_query, '2.1', '2.52')
    @validation.query_schema(schemas.show_query_v2_53, '2.53')
    @controller.expected_errors(400, 404)
    def show(self, req, id):
        """One hypervisor in detail (``?with_servers`` from 2.53). 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.SHOW, {})
        with_servers = _with_servers(req)
        found = self.compute.hypervisors.get(ctx, _checked_id(req, id), with_servers)
        return views.show(req, found, with_servers)

    @microversion.versioned(max_version=microversion.LAST_HYPERVISOR_STATISTICS)
    @validation.query_schema(schemas.other_query)
    @controller.expected_errors(400, 404, 501)
    def uptime(self, req, id):
        """The host's ``uptime`` line (its service must be up: 400 otherwise). 200, until 2.87."""
        ctx = req.context
        self.policy.authorize(ctx, policies.UPTIME, {})
        return views.uptime(req, self.compute.hypervisors.uptime(ctx, _checked_id(req, id)))

    @microversion.versioned(max_version=microversion.LAST_HYPERVISOR_SEARCH)
    @validation.query_schema(schemas.other_query)
    @controller.expected_errors(404)
    def search(self, req, id):
        """The hypervisors whose hostname contains ``id`` (none: 404). 200, until 2.52."""
        ctx = req.context
        self.policy.authorize(ctx, policies.SEARCH, {})
        return views.index(req, self.compute.hypervisors.list(ctx, pattern=id), False, None, False)

    @microversion.versioned(max_version=microversion.LAST_HYPERVISOR_SEARCH)
    @validation.query_schema(schemas.other_query)
    @controller.expected_errors(404)
    def servers(self, req, id):
        """As :meth:`search`, each with the servers on it. 200, until 2.52."""
        ctx = req.context
        self.policy.authorize(ctx, policies.SERVERS, {})
        found = self.compute.hypervisors.list(ctx, with_servers=True, pattern=id)
        return views.index(req, found, False, None, False)

    @microversion.versioned(max_version=microversion.LAST_HYPERVISOR_STATISTICS)
    @validation.query_schema(schemas.other_query)
    @controller.expected_errors()
    def statistics(self, req):
        """The sums over every hypervisor. 200, until 2.87."""
        ctx = req.context
        self.policy.authorize(ctx, policies.STATISTICS, {})
        return views.statistics(self.compute.hypervisors.statistics(ctx))
