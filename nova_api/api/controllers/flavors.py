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
    """The flavor list bodies this worker rendered last, by everything they were rendered from.

    A list body is a function of the worker's copy of the flavors
    (objects.flavor_catalogue: a tuple replaced by a new one when any flavor
    changes) and of the request: its URL parts (the links), query string,
    microversion, the caller's project and admin flag (what it may see) and
    whether it may read extra specs. Keyed by all of these, the same question
    asked again skips parsing, filtering and rendering (two links a flavor),
    which together cost more than the rest of the request. A request that
    fails (a bad filter) stores nothing. An entry holds its copy, so the
    copy's id stays its own. The flavors controller has no extensions:
    nothing changes a body after it is made.
    """

    def __init__(self, size: int = 64):
        self._size = size
        self._bodies: collections.OrderedDict[tuple, tuple[Sequence, dict]] = \
            collections.OrderedDict()

    def body(self, req, view: str, flavors: Sequence, extra_specs: bool,
             render: Callable[[], dict]) -> dict:
        environ = req.environ
        ctx = req.context
        key = (view, id(flavors), extra_specs, req.api_version, ctx.project_id, ctx.is_admin,
               environ.get('QUERY_STRING', ''), environ.get('PATH_INFO', ''),
               environ.get('SCRIPT_NAME', ''), environ.get(links.ENV_ROOT_SCRIPT_NAME),
               environ['wsgi.url_scheme'], environ.get('HTTP_HOST'),
               environ.get('SERVER_NAME'), environ.get('SERVER_PORT'))
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
        return self._rendered.body(req, 'index', self.compute.flavors.all(), False,
                                   lambda: views.index(req, *self._list(req)))

    @validation.query_schema(schemas.index_query, '2.1', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors(400)
    def detail(self, req):
        """List flavors in full. 200. As index; 2.61 extra_specs, 2.75 swap 0, 2.102 drops
        rxtx_factor and OS-FLV-DISABLED:disabled."""
        extra_specs = include_extra_specs(req, self.policy)
        return self._rendered.body(req, 'detail', self.compute.flavors.all(), extra_specs,
                                   lambda: views.detail(req, *self._list(req), extra_specs))

    @validation.query_schema(schemas.show_query)
    @controller.expected_errors(404)
    def show(self, req, id: str):
        """Show one flavor. 200; 404 for unknown ids and other projects' private flavors.

        Microversions as detail.
        """
        flavor = self.compute.flavors.get(req.context, id)
        return views.show(req, flavor, include_extra_specs(req, self.policy))
