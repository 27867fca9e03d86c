"""A seeded fuzzer over every route of the mounted APIs: hostile input is a 4xx, never a 5xx.

Routes come from the route tables themselves (compute's and the Image API's),
so a new route is fuzzed as soon as it exists. For each route and method the
fuzzer sends, with the admin's token and real ids where the path has
placeholders (a server, a flavor, an image, a keypair, an aggregate, a server
group), or hostile path segments instead:

- query strings that are not UTF-8 text, or hold NUL, huge numbers, repeats;
- bodies that are not JSON a field can hold (invalid UTF-8, lone surrogates,
  NaN, nesting 1,000 deep) and bodies built from the method's own schemas
  with one value made hostile (integers beyond 64 bits, surrogates, NUL,
  long text, wrong types), so that they get past the first checks;
- hostile headers (microversions, content types, tokens, request ids).

The run is bounded and seeded (``NOVA_API_FUZZ_SEED`` to replay another);
every 5xx or dropped connection is reported with the request that caused it.
"""

from __future__ import annotations

import json
import os
import random
import re
import uuid
from typing import Any

import pytest
import requests
from servers_client import CIRROS
from servers_client import ServersClient

from nova_api.api import router as compute_router
from nova_api.identity import development
from nova_api.image import router as image_router
from nova_api.network import router as network_router

SEED = int(os.environ.get('NOVA_API_FUZZ_SEED', '20261202'))
#: Schema-built bodies per route method (each action counts as a method).
SCHEMA_BODIES = 4

HOSTILE_QUERIES = ['marker=%ff%fe', 'limit=%ed%a0%80', '%ff=1', 'name=a%00b', 'limit=1' + '0' * 30,
                   'limit=-1&limit=2', 'marker=', 'sort_key=%ef%bf%bf', 'changes-since=%c0%80',
                   'all_tenants=%ff', 'name=' + 'x' * 5000]
HOSTILE_SEGMENTS = ['%ff%fe', '%ed%a0%80', '%00', 'x' * 300, '%c3%a9t%c3%a9', '..%2f..', '-1', '0' * 40]
HOSTILE_RAW_BODIES = [b'\xff\xfe{}', b'{"a": "\xed\xa0\x80"}', b'{"a": "\\ud800"}', b'[' * 1000 + b']' * 1000,
                      b'{"a": ' * 1000 + b'1' + b'}' * 1000, b'{', b'null', b'[]', b'"x"', b'1e999',
                      b'{"a": NaN}', b'\xef\xbb\xbf{}', b'{"a": 1' + b'0' * 5000 + b'}']
HOSTILE_VALUES: list[Any] = [2 ** 64, -2 ** 63 - 1, 2 ** 200, 1e308, -0.0, '\ud800', 'a\udc80b', 'a\x00b', '',
                             ' ', 'x' * 70000, '\U0001f600' * 100, '%s%n', '../../etc/passwd', [], {},
                             None, True, [[[[[]]]]], {'a': {'b': {'c': '\ud800'}}}, 1.5, -1, 0,
                             '2026-13-45T99:99:99Z', '00000000-0000-0000-0000-000000000000']
#: Integers beyond what a column holds (PostgreSQL's integer: 32 bits; SQLite binds 64 at
#: most), in every path placeholder and in the integer filters of the list routes.
OUT_OF_RANGE = ['2147483648', '9223372036854775808', '-9223372036854775809', '1' + '0' * 25]
INTEGER_FILTERS = ['limit', 'offset', 'marker', 'minRam', 'minDisk', 'min_ram', 'min_disk', 'size_min',
                   'size_max', 'mtu', 'revision_number', 'ip_version', 'port_range_min', 'port_range_max']
PLACEHOLDER = re.compile(r'\{(\w+)\}')
HOSTILE_HEADERS = [
    {'OpenStack-API-Version': 'compute 2.99999999999999999999999'},
    {'OpenStack-API-Version': 'compute \xff'},
    {'X-OpenStack-Nova-API-Version': '2.-1'},
    {'Content-Type': 'application/json; charset=\xff'},
    {'Content-Type': 'multipart/form-data; boundary=x'},
    {'X-Auth-Token': 'a:b:c'},
    {'X-Auth-Token': '\xff:\xfe'},
    {'X-OpenStack-Request-ID': '\xff' * 100},
    {'X-Forwarded-Proto': '\xff', 'X-Forwarded-Host': '\x7f'},
]


def route_methods(table, controllers, extensions=None):
    """``(path, http_method, controller_method, [(action name, handler)])`` of a route table."""
    services = compute_router.Services()
    built = {name: factory(services) for name, factory in controllers.items()}
    actions = {}
    for name, factories in (extensions or {}).items():
        for factory in factories:
            actions.setdefault(name, {}).update(factory(services).wsgi_actions)
    for path, methods in table:
        for http_method, (controller_name, method_name) in methods.items():
            controller = built[controller_name]
            if method_name == 'action':
                handlers = {**controller.wsgi_actions, **actions.get(controller_name, {})}
                yield path, http_method, None, sorted(handlers.items())
            else:
                yield path, http_method, getattr(controller, method_name), []


def body_schemas(method) -> list[tuple[dict, str]]:
    """The body schemas of a method, each with the lowest microversion it applies to."""
    return [(window.validator.schema, str(window.min)) for window in getattr(method, 'body_schemas', ())]


def sample(schema: dict, rng: random.Random, depth: int = 0) -> Any:
    """A document that roughly fits ``schema``."""
    if depth > 8 or not isinstance(schema, dict):
        return 'x'
    if 'enum' in schema:
        return rng.choice(schema['enum'])
    for key in ('oneOf', 'anyOf', 'allOf'):
        if schema.get(key):
            return sample(rng.choice(schema[key]), rng, depth + 1)
    kind = schema.get('type')
    if isinstance(kind, list):
        kind = rng.choice(kind)
    if kind == 'object' or 'properties' in schema or 'patternProperties' in schema:
        return sample_object(schema, rng, depth)
    if kind == 'array':
        return [sample(schema.get('items', {}), rng, depth + 1) for _ in range(rng.randrange(1, 3))]
    if kind == 'integer':
        low = schema.get('minimum', 0)
        return rng.randint(low, schema.get('maximum', low + 100))
    if kind == 'number':
        return rng.uniform(schema.get('minimum', 0), schema.get('maximum', 100))
    if kind == 'boolean':
        return rng.random() < 0.5
    if kind == 'null':
        return None
    if schema.get('format') == 'uuid':
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if 'ip' in str(schema.get('format', '')):
        return '10.0.0.%d' % rng.randrange(1, 255)
    return 'fz-%x' % rng.getrandbits(32)


def sample_object(schema: dict, rng: random.Random, depth: int) -> dict:
    document = {}
    required = set(schema.get('required', ()))
    for name, sub in schema.get('properties', {}).items():
        if name in required or rng.random() < 0.6:
            document[name] = sample(sub, rng, depth + 1)
    for sub in schema.get('patternProperties', {}).values():
        document['fz%d' % rng.randrange(1000)] = sample(sub, rng, depth + 1)
    return document


def mutate(document: Any, rng: random.Random) -> Any:
    """``document`` with one value (or an added key) replaced by a hostile one."""
    hostile = rng.choice(HOSTILE_VALUES)
    if isinstance(document, dict) and document and rng.random() < 0.8:
        key = rng.choice(list(document))
        return {**document, key: mutate(document[key], rng)}
    if isinstance(document, dict):
        return {**document, rng.choice(['name', 'metadata', 'id', '\ud800', 'x\x00']): hostile}
    if isinstance(document, list) and document:
        index = rng.randrange(len(document))
        return document[:index] + [mutate(document[index], rng)] + document[index + 1:]
    return hostile


def dump(document: Any) -> bytes:
    return json.dumps(document).encode('ascii')  # lone surrogates travel as \\ud800 escapes


class Fuzzer:
    def __init__(self, service, ids: dict[str, str], rng: random.Random,
                 token: str = 'admin:admin'):
        self.service = service
        self.token = token
        self.ids = ids
        self.rng = rng
        self.session = requests.Session()
        self.failures: list[str] = []
        self.sent = 0

    def send(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
             version: str = 'latest') -> None:
        all_headers = {'X-Auth-Token': self.token, 'OpenStack-API-Version': 'compute %s' % version,
                       'Content-Type': 'application/json'}
        all_headers.update(headers or {})
        self.sent += 1
        try:
            response = self.session.request(method, self.service.url + url, data=body,
                                            headers=all_headers, timeout=60, allow_redirects=False)
        except requests.RequestException as exc:
            self.failures.append('%s %s %r: %s' % (method, url[:200], (body or b'')[:200], exc))
            self.session = requests.Session()
            return
        if response.status_code >= 500:
            self.failures.append('%s %s %r -> %d %s' % (method, url[:200], (body or b'')[:200],
                                                       response.status_code, response.text[:300]))

    def real_id(self, template: str, match: re.Match) -> str:
        """A real id for one placeholder of ``template``."""
        name = match.group(1)
        collection = template[:match.start()].rstrip('/').rsplit('/', 1)[-1]
        return self.ids.get(collection if name == 'id' else name, 'fz')

    def paths(self, prefix: str, template: str) -> list[str]:
        """The route's path with real ids, and with one hostile segment."""
        paths = [prefix + PLACEHOLDER.sub(lambda m: self.real_id(template, m), template)]
        if PLACEHOLDER.search(template):
            hostile = self.rng.choice(HOSTILE_SEGMENTS)
            paths.append(prefix + PLACEHOLDER.sub(lambda m: hostile, template))
        return paths

    def path_with(self, prefix: str, template: str, index: int, segment: str) -> str:
        """The route's path with real ids but ``segment`` in its ``index``-th placeholder."""
        matches = list(PLACEHOLDER.finditer(template))
        path, end = prefix, 0
        for position, match in enumerate(matches):
            value = segment if position == index else self.real_id(template, match)
            path, end = path + template[end:match.start()] + value, match.end()
        return path + template[end:]

    def route(self, prefix: str, template: str, method: str, target, actions) -> None:
        rng = self.rng
        for path in self.paths(prefix, template):
            if method in ('GET', 'HEAD', 'DELETE') and target is not None:
                for query in rng.sample(HOSTILE_QUERIES, 3):
                    self.send(method, path + '?' + query)
                self.send(method, path, headers=rng.choice(HOSTILE_HEADERS))
                continue
            for raw in rng.sample(HOSTILE_RAW_BODIES, 4):
                self.send(method, path, raw)
            self.send(method, path, b'{}', headers=rng.choice(HOSTILE_HEADERS))
            schemas = [(name, schema, version) for name, handler in actions
                       for schema, version in body_schemas(handler) or [({}, '2.1')]]
            if target is not None:
                schemas += [(None, schema, version) for schema, version in body_schemas(target)]
            for name, schema, version in schemas:
                for _ in range(SCHEMA_BODIES if name is None else 2):
                    document = mutate(sample(schema, rng), rng)
                    if name is not None:
                        document = {name: document}
                    self.send(method, path, dump(document), version=version)
            self.send(method, path + '?' + rng.choice(HOSTILE_QUERIES), b'{}')


@pytest.fixture(scope='module')
def fixtures_ids(nova_api_service):
    """Real things for the placeholders: a server, a keypair, an aggregate, a server group."""
    admin = ServersClient(nova_api_service, 'admin', 'admin', version='latest')
    server = admin.boot()
    assert server.status_code == 202, server.text
    server_id = server.json()['server']['id']
    admin.wait_for(server_id, 'ACTIVE')
    keypair = admin.at('2.1')('POST', '/os-keypairs', {'keypair': {'name': 'fuzz-key'}})
    aggregate = admin('POST', '/os-aggregates', {'aggregate': {'name': 'fuzz-agg'}})
    group = admin('POST', '/os-server-groups', {'server_group': {'name': 'g', 'policy': 'affinity'}})
    assert keypair.ok and aggregate.ok and group.ok, (keypair.text, aggregate.text, group.text)
    return {'servers': server_id, 'server_id': server_id, 'flavors': '1', 'flavor_id': '1',
            'images': CIRROS, 'image_id': CIRROS, 'keypair_name': 'fuzz-key', 'os-keypairs': 'fuzz-key',
            'os-aggregates': str(aggregate.json()['aggregate']['id']),
            'os-server-groups': group.json()['server_group']['id'], 'os-quota-sets': 'admin',
            'os-quota-class-sets': 'default', 'os-hypervisors': '1', 'metadata': 'k', 'tags': 't'}


def development_identity_routes():
    """The route methods of noauth2's development identity (a route table of regular expressions)."""
    for method, pattern, handler in development.IdentityApp(()).routes:
        template = re.sub(r'\(\?P<(\w+)>\[\^/\]\+\)', r'{\1}', pattern.pattern[1:-len('/?$')])
        yield template, method, handler, []


def mounted_apis():
    """``(prefix, route methods)`` of the compute, Image and Network APIs and noauth2's identity."""
    return [
        ('/v2.1', route_methods(compute_router.ROUTES, compute_router.CONTROLLERS,
                                compute_router.EXTENSIONS)),
        ('/image', route_methods(image_router.ROUTES, image_router.CONTROLLERS)),
        ('/network', route_methods(network_router.ROUTES, network_router.CONTROLLERS)),
        ('/identity', development_identity_routes()),
    ]


def test_no_route_of_any_mounted_api_answers_hostile_input_with_a_5xx(nova_api_service, fixtures_ids):
    fuzzer = Fuzzer(nova_api_service, fixtures_ids, random.Random(SEED))
    for prefix, routes in mounted_apis():
        for template, method, target, actions in routes:
            fuzzer.route(prefix, template, method, target, actions)

    assert fuzzer.sent > 1000
    assert not fuzzer.failures, '%d of %d requests failed (seed %d):\n%s' % (
        len(fuzzer.failures), fuzzer.sent, SEED, '\n'.join(fuzzer.failures[:40]))


def test_numbers_out_of_a_columns_range_in_paths_and_filters_are_a_4xx(nova_api_service, fixtures_ids):
    """Regression: the database cannot bind them, and /os-aggregates/{id}, /servers/{id}/migrations/{id},
    the server groups' offset and the Image and Network APIs' integer filters answered 500."""
    fuzzer = Fuzzer(nova_api_service, fixtures_ids, random.Random(SEED))
    for prefix, routes in mounted_apis():
        for template, method, _target, _actions in routes:
            body = b'{}' if method in ('POST', 'PUT', 'PATCH') else None
            for index in range(len(PLACEHOLDER.findall(template))):
                for number in OUT_OF_RANGE:
                    fuzzer.send(method, fuzzer.path_with(prefix, template, index, number), body)
            if method == 'GET':
                path = fuzzer.paths(prefix, template)[0]
                for name in INTEGER_FILTERS:
                    for number in (OUT_OF_RANGE[0], OUT_OF_RANGE[-1]):
                        fuzzer.send(method, '%s?%s=%s' % (path, name, number))

    assert not fuzzer.failures, '%d of %d requests failed:\n%s' % (
        len(fuzzer.failures), fuzzer.sent, '\n'.join(fuzzer.failures[:40]))
