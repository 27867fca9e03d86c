"""Meta-tests: conventions every route and every module must keep.

- Every routed method declares its errors (``@expected_errors``) and has a
  schema: a body schema for POST/PUT/PATCH (or ``@validation.raw_body`` for a
  method that streams its body itself) and for every ``@action`` handler, a
  query schema for GET.
- ``nova_api/api/`` (and the Image and Network APIs, ``nova_api/image/``,
  ``nova_api/network/``) never imports
  ``nova_api.db`` or ``nova_api.objects``.
- Only ``nova_api/service/`` and ``nova_api/cmd/`` import eventlet.

Each checker is also fed a bad example, to prove it would notice.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path

from nova_api.api import controller
from nova_api.api import router
from nova_api.api import validation
from nova_api.api.resource import ACTION_DISPATCH
from nova_api.api.resource import Resource
from nova_api.image import router as image_router
from nova_api.network import router as network_router

PACKAGE_ROOT = Path(router.__file__).resolve().parents[1]  # .../nova_api
BODY_METHODS = ('POST', 'PUT', 'PATCH')


# -- the route table -----------------------------------------------------------------

def _method_problems(where: str, http_method: str, method: Callable) -> Iterator[str]:
    if getattr(method, 'expected_errors', None) is None:
        yield '%s: no @expected_errors' % where
    if http_method in BODY_METHODS and not (validation.has_body_schema(method)
                                            or validation.raw_body_types(method)):
        yield '%s: no body schema (@validation.schema)' % where
    if http_method == 'GET' and not validation.has_query_schema(method):
        yield '%s: no query schema (@validation.query_schema)' % where


def route_table_problems(routes: router.RouteTable,
                         controllers: Mapping[str, Callable],
                         extensions: Mapping[str, Iterable[Callable]]) -> list[str]:
    """Everything in a route table that breaks the conventions, one line each."""
    problems: list[str] = []
    services = router.Services()
    resources = {name: Resource(factory(services), [ext(services) for ext in extensions.get(name, ())])
                 for name, factory in controllers.items()}
    routed: set[str] = set()
    for path, methods in routes:
        for http_method, (name, method_name) in methods.items():
            where = '%s %s -> %s.%s' % (http_method, path or '/', name, method_name)
            resource = resources.get(name)
            if resource is None:
                problems.append('%s: no controller named %r' % (where, name))
                continue
            routed.add(name)
            if method_name == ACTION_DISPATCH:
                if not resource.actions:
                    problems.append('%s: the controller has no @action methods' % where)
                for action_name, handler in sorted(resource.actions.items()):
                    problems.extend(_method_problems(
                        '%s[%s]' % (where, action_name), 'POST', handler))
                continue
            method = getattr(resource.controller, method_name, None)
            if not callable(method):
                problems.append('%s: the controller has no such method' % where)
                continue
            problems.extend(_method_problems(where, http_method, method))
    for name, resource in sorted(resources.items()):
        if name not in routed:
            problems.append('controller %r is never routed' % name)
        for target in sorted(resource.post_processors):
            if target != ACTION_DISPATCH and not hasattr(resource.controller, target):
                problems.append('%s: an extension @extends(%r), which it does not have'
                                % (name, target))
    return problems


def test_every_route_declares_its_errors_and_has_a_schema():
    assert route_table_problems(router.ROUTES, router.CONTROLLERS, router.EXTENSIONS) == []


def test_the_image_apis_routes_keep_the_same_conventions():
    assert route_table_problems(image_router.ROUTES, image_router.CONTROLLERS, {}) == []


def test_the_network_apis_routes_keep_the_same_conventions():
    assert route_table_problems(network_router.ROUTES, network_router.CONTROLLERS, {}) == []


class CarelessController(controller.Controller):
    """Breaks each rule once."""

    @controller.expected_errors(404)
    def index(self, req):  # GET without a query schema
        return {}

    @validation.query_schema({'type': 'object'})
    def show(self, req, id):  # no @expected_errors
        return {}

    @controller.expected_errors(400)
    def create(self, req, body):  # POST without a body schema
        return {}

    @validation.schema({'type': 'object'})
    @controller.expected_errors(404)
    def update(self, req, id, body):  # fine
        return {}

    @controller.action('os-start')
    @controller.expected_errors(409)
    def _start(self, req, id, body):  # action without a body schema
        return None


class CarelessExtension(controller.ControllerExtension):
    @controller.action('pause')
    @validation.schema({'type': 'object'})
    def _pause(self, req, id, body):  # extension action without @expected_errors
        return None

    @controller.extends('detail')
    def detail(self, req, resp_obj):  # extends a method the controller lacks
        pass


class Orphan(controller.Controller):
    pass


def test_meta_test_reports_each_broken_rule():
    routes = (
        ('/things', {'GET': ('things', 'index'), 'POST': ('things', 'create')}),
        ('/things/{id}', {'GET': ('things', 'show'), 'PUT': ('things', 'update'),
                          'DELETE': ('things', 'remove')}),
        ('/things/{id}/action', {'POST': ('things', 'action')}),
        ('/gadgets', {'GET': ('gadgets', 'index')}),
    )
    problems = route_table_problems(routes, {'things': CarelessController, 'orphan': Orphan},
                                    {'things': (CarelessExtension,)})
    assert problems == [
        'GET /things -> things.index: no query schema (@validation.query_schema)',
        'POST /things -> things.create: no body schema (@validation.schema)',
        'GET /things/{id} -> things.show: no @expected_errors',
        'DELETE /things/{id} -> things.remove: the controller has no such method',
        'POST /things/{id}/action -> things.action[os-start]: no body schema (@validation.schema)',
        'POST /things/{id}/action -> things.action[pause]: no @expected_errors',
        "GET /gadgets -> gadgets.index: no controller named 'gadgets'",
        "controller 'orphan' is never routed",
        "things: an extension @extends('detail'), which it does not have",
    ]


def test_meta_test_reports_an_action_route_without_actions():
    class NoActions(controller.Controller):
        pass

    problems = route_table_problems((('/x/{id}/action', {'POST': ('x', 'action')}),),
                                    {'x': NoActions}, {})
    assert problems == ['POST /x/{id}/action -> x.action: the controller has no @action methods']


# -- import boundaries ---------------------------------------------------------------

def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix('').parts)
    if parts[-1] == '__init__':
        parts.pop()
    return '.'.join(parts)


def imports_of(path: Path, root: Path) -> Iterator[str]:
    """Every module a file imports (anywhere in it), relative imports resolved."""
    name = module_name(path, root)
    package = name if path.name == '__init__.py' else name.rpartition('.')[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split('.')[:len(package.split('.')) - node.level + 1]
                module = '.'.join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ''
            yield module
            yield from ('%s.%s' % (module, alias.name) for alias in node.names)


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + '.')


#: What the API layers reach only through nova_api.compute.
DATA_LAYERS = ('nova_api.db', 'nova_api.objects')
API_LAYERS = ('nova_api.api', 'nova_api.image', 'nova_api.network')


def boundary_violations(root: Path) -> list[str]:
    """The files under the package ``root`` that cross a layer boundary."""
    violations = []
    for path in sorted(root.rglob('*.py')):
        name = module_name(path, root)
        imported = set(imports_of(path, root))
        if any(is_within(name, layer) for layer in API_LAYERS):
            violations.extend('%s imports %s' % (name, layer) for layer in DATA_LAYERS
                              if any(is_within(m, layer) for m in imported))
        if not (is_within(name, 'nova_api.service') or is_within(name, 'nova_api.cmd')) and any(
                is_within(m, 'eventlet') for m in imported):
            violations.append('%s imports eventlet' % name)
    return violations


def test_layer_boundaries_hold():
    assert boundary_violations(PACKAGE_ROOT) == []


def test_boundary_check_catches_each_kind_of_import(tmp_path):
    root = tmp_path / 'nova_api'
    files = {
        'api/controllers/servers.py': 'from nova_api import db\n',
        'api/views/servers.py': 'from ...db import api as db_api\n',
        'api/schemas/servers.py': 'def f():\n    import nova_api.db.models\n',
        'api/links.py': 'from nova_api.dbx import y\n',  # not nova_api.db
        'api/controllers/flavors.py': 'from nova_api.objects import flavors\n',
        'image/views.py': 'from nova_api.db import models\n',
        'compute/api.py': 'from nova_api.db import api\n',  # allowed outside api/
        'middleware/auth.py': 'import eventlet.wsgi\n',
        'wsgi.py': 'from eventlet import greenthread\n',
        'service/worker.py': 'import eventlet\n',  # allowed
        'cmd/api.py': 'import eventlet\n',  # allowed
    }
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    assert boundary_violations(root) == [
        'nova_api.api.controllers.flavors imports nova_api.objects',
        'nova_api.api.controllers.servers imports nova_api.db',
        'nova_api.api.schemas.servers imports nova_api.db',
        'nova_api.api.views.servers imports nova_api.db',
        'nova_api.image.views imports nova_api.db',
        'nova_api.middleware.auth imports eventlet',
        'nova_api.wsgi imports eventlet',
    ]
