"""The Image API at /image through the real pipeline, in-process: discovery, Glance's bodies,
filters and pages, and Glance's errors (webob's documents, not Nova faults)."""

from __future__ import annotations

import pytest

from nova_api.db import database as db_database
from nova_api.objects import images as image_objects

ALICE_PROJECT = 'alices'
ALICE = 'alice:' + ALICE_PROJECT
BOB = 'bob:bobs'
CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
UBUNTU = '5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02'
DEBIAN = 'c3f6e2a1-8d94-4b5c-a7e0-1f2d3c4b5a03'
PRIVATE = '00000000-0000-4000-8000-00000000000a'
HIDDEN = '00000000-0000-4000-8000-00000000000b'
SEEDED = [DEBIAN, CIRROS, UBUNTU]
JSON = {'Accept': 'application/json'}
GLANCE_FIELDS = {'id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum',
                 'os_hash_algo', 'os_hash_value', 'owner', 'size', 'virtual_size', 'min_ram',
                 'min_disk', 'disk_format', 'container_format', 'created_at', 'updated_at', 'tags',
                 'self', 'file', 'schema'}


@pytest.fixture
def app(load_pipeline, sqlite_conf):
    conf = sqlite_conf()
    database = db_database.Database(conf)
    database.write(image_objects.add, {
        'id': PRIVATE, 'name': 'mine', 'status': 'active', 'visibility': 'private',
        'owner': ALICE_PROJECT, 'size': 1024, 'disk_format': 'raw', 'container_format': 'bare'},
        {'description': None, 'os_distro': 'alpine'}, ('ready', 'small'))
    database.write(image_objects.add, {
        'id': HIDDEN, 'name': 'hidden', 'status': 'active', 'visibility': 'public',
        'os_hidden': True, 'owner': ALICE_PROJECT})
    database.dispose()
    return load_pipeline(conf)


@pytest.fixture
def call(app, api_request):
    def send(path, method='GET', token=ALICE, headers=JSON, **kwargs):
        return api_request(app, '/image' + path, method=method, token=token, headers=headers,
                           **kwargs)
    return send


def glance_error(response, code, message=None):
    """Glance's JSON error document (webob's), never a Nova fault."""
    assert response.status_int == code, response.text
    body = response.json
    assert sorted(body) == ['code', 'message', 'title']
    assert body['code'].startswith(str(code))
    if message is not None:
        assert body['message'] == message + '<br /><br />\n\n\n'
    return body


def ids(response):
    return [image['id'] for image in response.json['images']]


# -- discovery ---------------------------------------------------------------------------

@pytest.mark.parametrize('path, code', [('', 300), ('/', 300), ('/versions', 200), ('/v3', 300),
                                        ('/v1/images', 300)])
def test_versions_are_served_without_a_token(call, path, code):
    response = call(path, token=None)

    assert response.status_int == code
    versions = response.json['versions']
    assert versions[0] == {'id': 'v2.15', 'status': 'CURRENT',
                           'links': [{'rel': 'self', 'href': 'http://localhost/image/v2/'}]}
    assert {version['status'] for version in versions[1:]} == {'SUPPORTED'}
    assert versions[-1]['id'] == 'v2.0'
    assert 'OpenStack-API-Version' not in response.headers


def test_v2_needs_a_token_and_says_so_as_glance(call):
    response = call('/v2/images', token=None)

    glance_error(response, 401, 'The request you have made requires authentication.')
    assert response.headers['WWW-Authenticate']
    plain = call('/v2/images', token=None, headers={})
    assert plain.status_int == 401 and plain.text.startswith('401 Unauthorized\n\n')


# -- images -----------------------------------------------------------------------------

def test_an_image_has_glances_fields_and_its_properties_at_the_top(call):
    image = call('/v2/images/' + PRIVATE).json

    assert GLANCE_FIELDS <= set(image)
    assert set(image) - GLANCE_FIELDS == {'description', 'os_distro'}
    assert (image['os_distro'], image['description']) == ('alpine', '')  # no value: ""
    assert image['tags'] == ['ready', 'small']
    assert (image['self'], image['file'], image['schema']) == (
        '/v2/images/' + PRIVATE, '/v2/images/%s/file' % PRIVATE, '/v2/schemas/image')
    assert image['created_at'].endswith('Z') and len(image['created_at']) == 20
    assert image['updated_at'] == image['created_at']
    assert (image['visibility'], image['owner'], image['protected']) == ('private', 'alices', False)


def test_the_seeded_cirros_image(call):
    image = call('/v2/images/' + CIRROS, token=BOB).json

    assert (image['name'], image['status'], image['disk_format'], image['size']) == (
        'cirros', 'active', 'qcow2', 21430272)
    assert image['os_hash_algo'] == 'sha512' and len(image['checksum']) == 32


@pytest.mark.parametrize('image_id', ['nothing', PRIVATE.upper() + 'x', 'x' * 300])
def test_an_unknown_image_is_a_glance_404(call, image_id):
    glance_error(call('/v2/images/' + image_id), 404, 'No image found with ID ' + image_id)


def test_another_projects_private_image_is_not_found(call):
    glance_error(call('/v2/images/' + PRIVATE, token=BOB), 404, 'No image found with ID ' + PRIVATE)
    assert PRIVATE not in ids(call('/v2/images', token=BOB))


def test_the_list_is_glances_page(call):
    body = call('/v2/images').json

    assert sorted(body) == ['first', 'images', 'schema']
    assert (body['first'], body['schema']) == ('/v2/images', '/v2/schemas/images')
    assert ids(call('/v2/images')) == [PRIVATE] + SEEDED  # newest first; HIDDEN is hidden


def test_pages_follow_next_to_the_end(call):
    seen, path = [], '/v2/images?limit=2&sort=name:asc'
    while path:
        body = call(path).json
        seen.extend(image['name'] for image in body['images'])
        assert body['first'] == '/v2/images?limit=2&sort=name%3Aasc'
        path = body.get('next')
    assert seen == ['cirros', 'debian-12-genericcloud-amd64', 'mine',
                    'ubuntu-24.04-server-cloudimg-amd64']


@pytest.mark.parametrize('query, expected', [
    ('name=cirros', [CIRROS]),
    ('name=in:mine,cirros', [PRIVATE, CIRROS]),
    ('id=in:%s,%s' % (UBUNTU, PRIVATE), [PRIVATE, UBUNTU]),
    ('visibility=private', [PRIVATE]),
    ('visibility=public&sort_key=name&sort_dir=desc', [UBUNTU, DEBIAN, CIRROS]),
    ('owner=alices', [PRIVATE]),
    ('os_hidden=true', [HIDDEN]),
    ('tag=ready&tag=small', [PRIVATE]),
    ('tag=nothing', []),
    ('os_distro=ubuntu', [UBUNTU]),
    ('no_such_filter=x', []),
    ('size_min=300000000', [DEBIAN, UBUNTU]),
    ('member_status=all&status=active', [PRIVATE] + SEEDED),
    ('created_at=lt:2000-01-01T00:00:00Z', []),
])
def test_glance_filters(call, query, expected):
    assert ids(call('/v2/images?' + query)) == expected


@pytest.mark.parametrize('query, message', [
    ('limit=x', 'limit param must be an integer'),
    ('limit=-2', 'limit param must be positive'),
    ('marker=nothing', 'No image found with ID nothing'),
    ('marker=' + PRIVATE, None),  # Bob cannot see it
    ('sort_key=owner', None),
    ('sort_dir=sideways', 'Invalid sort direction: sideways'),
    ('visibility=friends', 'Invalid visibility value: friends'),
    ('member_status=maybe', 'Invalid status: maybe'),
    ('os_hidden=maybe', None),
    ('size_max=big', 'Unable to filter on a range with a non-numeric value.'),
    ('name=in:"open', 'Invalid filter value "open. The quote is not closed.'),
])
def test_bad_queries_are_glance_400s(call, query, message):
    glance_error(call('/v2/images?' + query, token=BOB), 400, message)


def test_the_schemas(call):
    image = call('/v2/schemas/image').json
    assert image['name'] == 'image'
    assert image['additionalProperties'] == {'type': 'string'}
    assert GLANCE_FIELDS <= set(image['properties'])
    assert image['properties']['os_distro']['is_base'] is False
    images = call('/v2/schemas/images').json
    assert images['name'] == 'images'
    assert images['properties']['images']['items'] == image


@pytest.mark.parametrize('method, path, allowed', [
    ('PUT', '/v2/images', 'GET, POST'),
    ('POST', '/v2/images/' + CIRROS, 'DELETE, GET, PATCH'),
    ('POST', '/v2/images/%s/file' % CIRROS, 'GET, PUT'),
    ('GET', '/v2/images/%s/actions/deactivate' % CIRROS, 'POST'),
    ('POST', '/v2/schemas/image', 'GET'),
])
def test_methods_not_served_are_405_with_allow(call, method, path, allowed):
    response = call(path, method=method)
    glance_error(response, 405)
    assert response.headers['Allow'] == allowed
    assert call('/v2/images/' + CIRROS).status_int == 200


def test_an_unknown_v2_path_is_a_glance_404(call):
    glance_error(call('/v2/nothing'), 404, 'The resource could not be found.')
    glance_error(call('/v2'), 404)
