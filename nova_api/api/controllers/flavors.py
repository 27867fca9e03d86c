"""Flavors: ``GET /flavors``, ``/flavors/detail`` and ``/flavors/{id}``."""

from __future__ import annotations

import collections
from collections.abc import Callable
from collections.abc import Sequence

from nova_api.api import controller
from nova_api.api import links
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


class RenderedPages:
    """The bodies of the flavor pages this worker rendered last, by what they were rendered from.

    A page's flavors are objects of the worker's copy (objects.flavor_catalogue),
    frozen and replaced by new objects when the flavors change; a body is a
    function of them and of the request's URL, query, microversion and
    extra-spec permission. So the same objects asked for the same way give
    the same body, and rendering it (two links each) cost more than the rest
    of the request. An entry holds its flavors, so their ids stay theirs.
    The flavors controller has no extensions: nothing changes a body after.
    """

    def __init__(self, size: int = 64):
        self._size = size
        self._bodies: collections.OrderedDict[tuple, tuple[Sequence, dict]] = \
            collections.OrderedDict()

    def body(self, req, view: str, flavors: Sequence, detail: tuple,
             render: Callable[[], dict]) -> dict:
        key = (view, tuple(map(id, flavors)), detail, req.api_version, req.query_string,
               req.application_url, links.root_url(req), links.project_segment(req))
        entry = self._bodies.get(key)
        if entry is not None:
            self._bodies.move_to_end(key)
            return entry[1]
        body = render()
        self._bodies[key] = (flavors, body)
        if len(self._bodies) > self._size:
            self._bodies.popitem(last=False)
        return body


class FlavorsController(controller.Controller):
    """Read flavors: the public ones, and the private ones shared with the caller's project."""

    def __init__(self, services=None) -> None:
        super().__init__(services)
        self._rendered = RenderedPages()

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
        return self._rendered.body(req, 'index', flavors, (page_size,),
                                   lambda: views.index(req, flavors, page_size))

    @validation.query_schema(schemas.index_query, '2.1', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def detail(self, req):
        """List flavors in full. 200. As index; 2.61 extra_specs, 2.75 swap 0, 2.102 drops
        rxtx_factor and OS-FLV-DISABLED:disabled."""
        flavors, page_size = self._list(req)
        extra_specs = include_extra_specs(req, self.policy)
        return self._rendered.body(req, 'detail', flavors, (page_size, extra_specs),
                                   lambda: views.detail(req, flavors, page_size, extra_specs))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """Show one flavor. 200; 404 for unknown ids and other projects' private flavors.

        Microversions as detail.
        """
        flavor = self.compute.flavors.get(req.context, id)
        return views.show(req, flavor, include_extra_specs(req, self.policy))
