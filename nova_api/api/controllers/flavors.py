"""Flavors: ``GET /flavors``, ``/flavors/detail`` and ``/flavors/{id}``."""

from __future__ import annotations

from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import pagination
from nova_api.api import validation
from nova_api.api.schemas import flavors as schemas
from nova_api.api.views import flavors as views
from nova_api.policies import flavor_extra_specs as extra_specs_policies


def include_extra_specs(req, policy) -> bool:
    """From 2.61 flavors carry their extra specs, for callers who may list them."""
    return microversion.exposes_flavor_extra_specs(req) and policy.check(
        req.context, extra_specs_policies.INDEX)


class FlavorsController(controller.Controller):
    """Read flavors: the public ones, and the private ones shared with the caller's project."""

    def _list(self, req):
        # One value per parameter, the last one given, as Nova reads them.
        params = dict(req.GET.items())
        limit, marker = pagination.limit_and_marker(params, self.compute.conf.api.max_limit)
        filters = self.compute.flavors.list_filters(req.context, params, limit, marker)
        return self.compute.flavors.list(req.context, filters), filters.limit

    @validation.query_schema(schemas.index_query, '2.1', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def index(self, req):
        """List flavors (id, name, links). 200.

        Filters minRam, minDisk, is_public (admins); sort_key, sort_dir;
        limit and marker with a ``next`` link. 2.55 adds description; from
        2.75 unknown query parameters are a 400.
        """
        flavors, page_size = self._list(req)
        return views.index(req, flavors, page_size)

    @validation.query_schema(schemas.index_query, '2.1', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def detail(self, req):
        """List flavors in full. 200. As index; 2.61 extra_specs, 2.75 swap 0, 2.102 drops
        rxtx_factor and OS-FLV-DISABLED:disabled."""
        flavors, page_size = self._list(req)
        return views.detail(req, flavors, page_size, include_extra_specs(req, self.policy))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """Show one flavor. 200; 404 for unknown ids and other projects' private flavors.

        Microversions as detail.
        """
        flavor = self.compute.flavors.get(req.context, id)
        return views.show(req, flavor, include_extra_specs(req, self.policy))
