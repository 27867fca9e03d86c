"""Images over HTTP against the real daemon, on SQLite and PostgreSQL: one catalogue seen through
Nova's image proxy (/v2.1/images) and the Image API (/image/v2), each answering in its own format."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from oslo_config import cfg
from sample_shape import assert_same_shape

from nova_api import conf as nova_conf
from nova_api.db import database as db_database
from nova_api.objects import images as image_objects

ALICE_PROJECT = 'a11ce0000000000000'
ALICE = {'X-Auth-Token': 'alice:' + ALICE_PROJECT}
BOB = {'X-Auth-Token': 'bob:b0b0000000000000'}
ADMIN = {'X-Auth-Token': 'admin:6f70656e737461636b'}
CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
SEEDED = {CIRROS, '5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02', 'c3f6e2a1-8d94-4b5c-a7e0-1f2d3c4b5a03'}


def compute(service, method, path, headers=ALICE, version=None, **kwargs):
    headers = dict(headers)
    if version:
        headers['OpenStack-API-Version'] = 'compute ' + version
    return requests.request(method, service.url + '/v2.1' + path, headers=headers, timeout=10,
                            **kwargs)


def image_api(service, method, path, headers=ALICE, **kwargs):
    return requests.request(method, service.url + '/image' + path,
                            headers={'Accept': 'application/json', **headers}, timeout=10, **kwargs)


def nova_fault(response, code, message=None):
    assert response.status_code == code, response.text
    (body,) = response.json().values()
    assert body['code'] == code
    if message is not None:
        assert body['message'] == message
    return body['message']


def glance_error(response, code, message=None):
    assert response.status_code == code, response.text
    body = response.json()
    assert sorted(body) == ['code', 'message', 'title'] and body['code'].startswith(str(code))
    if message is not None:
        assert body['message'].split('<br />')[0] == message
    return body['message']


@pytest.fixture(scope='module')
def catalogue(nova_api_service):
    """Add images straight to the daemon's database (with any status and owner)."""
    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf(['--config-file', str(nova_api_service.config_file)], project='nova')
    database = db_database.Database(conf)

    def add(properties=None, **values):
        image_id = str(uuid.uuid4())
        database.write(image_objects.add, {
            'id': image_id, 'name': 'img-' + image_id[:8], 'status': 'active',
            'visibility': 'private', 'owner': ALICE_PROJECT, 'size': 1024, 'disk_format': 'raw',
            'container_format': 'bare', **values}, properties or {})
        return image_id
    yield add
    database.dispose()


def test_one_catalogue_through_both_apis(nova_api_service):
    proxy = compute(nova_api_service, 'GET', '/images/detail', BOB).json()['images']
    glance = image_api(nova_api_service, 'GET', '/v2/images', BOB).json()['images']

    assert {image['id'] for image in proxy} == {image['id'] for image in glance} == SEEDED
    cirros = image_api(nova_api_service, 'GET', '/v2/images?name=cirros',
                       BOB).json()['images']
    assert [image['id'] for image in cirros] == [CIRROS]
    shown = compute(nova_api_service, 'GET', '/images/' + CIRROS, BOB).json()['image']
    assert (shown['status'], shown['metadata']['os_distro']) == ('ACTIVE', 'cirros')


def test_discovery_needs_no_token_and_the_image_api_does(nova_api_service):
    versions = requests.get(nova_api_service.url + '/image', timeout=10)
    assert versions.status_code == 300
    assert versions.json()['versions'][0]['links'][0]['href'] == (
        nova_api_service.url + '/image/v2/')
    glance_error(image_api(nova_api_service, 'GET', '/v2/images', {}), 401)
    nova_fault(compute(nova_api_service, 'GET', '/images', {}), 401)


def test_a_projects_image_its_metadata_and_its_deletion(nova_api_service, catalogue):
    image_id = catalogue({'os_distro': 'alpine'})
    path = '/images/%s/metadata' % image_id

    assert compute(nova_api_service, 'POST', path, json={'metadata': {'Label': 'x'}}).json() == {
        'metadata': {'os_distro': 'alpine', 'Label': 'x'}}
    glance = image_api(nova_api_service, 'GET', '/v2/images/' + image_id).json()
    assert (glance['Label'], glance['os_distro'], glance['owner']) == ('x', 'alpine', ALICE_PROJECT)
    assert image_id in [i['id'] for i in image_api(nova_api_service, 'GET',
                                                   '/v2/images?Label=x').json()['images']]

    nova_fault(compute(nova_api_service, 'GET', '/images/' + image_id, BOB), 404, 'Image not found.')
    glance_error(image_api(nova_api_service, 'GET', '/v2/images/' + image_id, BOB), 404,
                 'No image found with ID ' + image_id)
    nova_fault(compute(nova_api_service, 'POST', path, json={
        'metadata': {str(n): 'v' for n in range(127)}}), 403, 'Image metadata limit exceeded')

    assert compute(nova_api_service, 'DELETE', '/images/' + image_id).status_code == 204
    glance_error(image_api(nova_api_service, 'GET', '/v2/images/' + image_id), 404)
    nova_fault(compute(nova_api_service, 'DELETE', '/images/' + image_id), 404)


def test_protected_and_public_images_are_not_deleted_by_a_member(nova_api_service, catalogue):
    protected = catalogue(protected=True)
    for image_id in (protected, CIRROS):
        nova_fault(compute(nova_api_service, 'DELETE', '/images/' + image_id), 403,
                   'You are not allowed to delete the image.')
    assert compute(nova_api_service, 'GET', '/images/' + protected).status_code == 200


def test_community_and_hidden_images_are_listed_only_when_asked(nova_api_service, catalogue):
    community = catalogue(visibility='community')
    hidden = catalogue(visibility='public', os_hidden=True)

    def listed(query):
        return {i['id'] for i in image_api(nova_api_service, 'GET', '/v2/images?' + query,
                                           BOB).json()['images']}
    assert community not in listed('') and hidden not in listed('')
    assert community in listed('visibility=community')
    assert listed('os_hidden=true') == {hidden}
    assert image_api(nova_api_service, 'GET', '/v2/images/' + community, BOB).status_code == 200


def test_pages_of_both_apis(nova_api_service, catalogue):
    for _ in range(3):
        catalogue(visibility='public')
    everything = {i['id'] for i in image_api(nova_api_service, 'GET', '/v2/images?limit=1000',
                                             ADMIN).json()['images']}
    seen, path = set(), '/v2/images?limit=2'
    while path:
        body = image_api(nova_api_service, 'GET', path, ADMIN).json()
        seen.update(i['id'] for i in body['images'])
        path = body.get('next')
    assert seen == everything
    seen, url = set(), nova_api_service.url + '/v2.1/images?limit=2'
    while url:
        body = requests.get(url, headers=ADMIN, timeout=10).json()
        seen.update(i['id'] for i in body['images'])
        url = body.get('images_links', [{}])[0].get('href')
    assert seen == everything


@pytest.mark.parametrize('path', [
    '/v2/images?limit=-1', '/v2/images?sort_key=owner', '/v2/images?marker=nothing',
    # A fixed id that no image has: parameters must be the same in every test process.
    '/v2/images?marker=3ac1a310-3df4-47e0-a34a-0e3b302dfcd0', '/v2/images?sort=name:sideways',
    '/v2/images?created_at=gte:yesterday', '/v2/images?visibility=nobody',
])
def test_bad_image_api_queries_are_glance_400s(nova_api_service, path):
    glance_error(image_api(nova_api_service, 'GET', path), 400)


@pytest.mark.parametrize('method, path, code', [
    ('GET', '/images?limit=0x', 400), ('GET', '/images?marker=nothing', 400),
    ('GET', '/images/not-a-uuid', 404), ('GET', '/images/%s/metadata/nothing' % CIRROS, 404),
    ('DELETE', '/images/%s/metadata/nothing' % CIRROS, 404),
    ('PUT', '/images/%s/metadata/a' % CIRROS, 400), ('POST', '/images', 405),
])
def test_bad_proxy_requests_are_nova_4xx(nova_api_service, method, path, code):
    body = {'meta': {'b': 'c'}} if method == 'PUT' else None
    nova_fault(compute(nova_api_service, method, path, json=body), code)


def test_image_api_methods_it_does_not_serve_are_405_never_500(nova_api_service):
    for method, path, allowed in (('PUT', '/v2/images', 'GET, POST'),
                                  ('PUT', '/v2/images/' + CIRROS, 'DELETE, GET, PATCH'),
                                  ('POST', '/v2/images/%s/file' % CIRROS, 'GET, PUT')):
        response = image_api(nova_api_service, method, path, json={})
        glance_error(response, 405)
        assert response.headers['Allow'] == allowed


def test_a_member_cannot_delete_a_public_image_through_the_image_api(nova_api_service):
    glance_error(image_api(nova_api_service, 'DELETE', '/v2/images/' + CIRROS), 403,
                 'You are not authorized to complete delete_image action.')


def test_the_proxy_follows_its_microversions(nova_api_service):
    assert compute(nova_api_service, 'GET', '/images', version='2.35').status_code == 200
    nova_fault(compute(nova_api_service, 'GET', '/images', version='2.36'), 404)
    assert compute(nova_api_service, 'GET', '/images/%s/metadata' % CIRROS,
                   version='2.38').status_code == 200
    nova_fault(compute(nova_api_service, 'GET', '/images/%s/metadata' % CIRROS,
                       version='2.39'), 404)


def test_proxy_bodies_have_the_shape_of_novas_samples(nova_api_service, nova_samples, catalogue):
    def sample(name):
        return json.loads((nova_samples / 'images' / name).read_text())
    image_id = catalogue({'architecture': 'x86_64', 'auto_disk_config': 'True',
                          'kernel_id': 'nokernel', 'ramdisk_id': 'nokernel'})

    assert_same_shape(compute(nova_api_service, 'GET', '/images/' + image_id).json(),
                      sample('image-get-resp.json'))
    assert_same_shape(compute(nova_api_service, 'GET', '/images/%s/metadata' % image_id).json(),
                      sample('image-metadata-get-resp.json'))
