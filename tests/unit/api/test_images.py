"""Nova's image proxy through the real pipeline, in-process: bodies shaped like Nova's samples,
filters and pages, the microversions that removed it, and Nova's refusals in its words."""

from __future__ import annotations

import json

import pytest
from sample_shape import assert_same_shape

from nova_api.db import database as db_database
from nova_api.objects import images as image_objects

ALICE_PROJECT = 'a11ce0000000000000'
ALICE = 'alice:' + ALICE_PROJECT
BOB = 'bob:b0b0000000000000'
ADMIN = 'admin:6f70656e737461636b'
CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
UBUNTU = '5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02'
DEBIAN = 'c3f6e2a1-8d94-4b5c-a7e0-1f2d3c4b5a03'
#: Alice's image, with the metadata of Nova's sample image (fakeimage7).
SAMPLE = '70a599e0-31e7-49b7-b260-868f441e862b'
SNAPSHOT = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
PROTECTED = '76fa36fc-c930-4bf3-8c8a-ea2a2420deb6'
SERVER = 'f5ae7a0f-4a6b-47ce-8f1e-8b3b7b6e3d2a'
SAMPLE_METADATA = {'architecture': 'x86_64', 'auto_disk_config': 'True', 'kernel_id': 'nokernel',
                   'ramdisk_id': 'nokernel'}


def add(database, image_id, **values):
    properties = values.pop('properties', {})
    database.write(image_objects.add, {
        'id': image_id, 'name': 'fakeimage7', 'status': 'active', 'visibility': 'private',
        'owner': ALICE_PROJECT, 'size': 74185822, 'disk_format': 'qcow2',
        'container_format': 'bare', **values}, properties)


@pytest.fixture
def app(load_pipeline, sqlite_conf):
    conf = sqlite_conf(overrides={'quota': {'metadata_items': 6}})
    database = db_database.Database(conf)
    add(database, SAMPLE, properties=SAMPLE_METADATA)
    add(database, SNAPSHOT, name='snap', status='queued', size=None,
        properties={'instance_uuid': SERVER, 'image_type': 'snapshot'})
    add(database, PROTECTED, name='keep', protected=True)
    database.dispose()
    return load_pipeline(conf)


@pytest.fixture
def call(app, api_request):
    def send(method, path, body=None, token=ALICE, version=None):
        return api_request(app, '/v2.1' + path, method=method, body=body, token=token,
                           version=version)
    return send


@pytest.fixture
def sample(nova_samples):
    def load(name):
        return json.loads((nova_samples / 'images' / name).read_text())
    return load


def fault(response, code):
    assert response.status_int == code, response.text
    (body,) = response.json.values()
    assert body['code'] == code
    return body['message']


def ids(response):
    return [image['id'] for image in response.json['images']]


# -- bodies --------------------------------------------------------------------------

def test_bodies_have_the_shape_of_novas_samples(call, sample):
    shown = call('GET', '/images/' + SAMPLE).json
    assert_same_shape(shown, sample('image-get-resp.json'))
    assert shown['image']['OS-DCF:diskConfig'] == 'AUTO'
    (ours,) = [image for image in call('GET', '/images/detail').json['images']
               if image['id'] == SAMPLE]
    assert_same_shape(ours, sample('images-details-get-resp.json')['images'][6])
    assert_same_shape(call('GET', '/images').json['images'][0],
                      sample('images-list-get-resp.json')['images'][0])


def test_metadata_bodies_have_the_shape_of_novas_samples(call, sample):
    path = '/images/%s/metadata' % SAMPLE
    assert_same_shape(call('GET', path).json, sample('image-metadata-get-resp.json'))
    assert_same_shape(call('GET', path + '/kernel_id').json, sample('image-meta-key-get.json'))
    assert_same_shape(call('POST', path, sample('image-metadata-post-req.json')).json,
                      sample('image-metadata-post-resp.json'))
    assert_same_shape(call('PUT', path, sample('image-metadata-put-req.json')).json,
                      sample('image-metadata-put-resp.json'))
    assert_same_shape(call('PUT', path + '/auto_disk_config',
                           sample('image-meta-key-put-req.json')).json,
                      sample('image-meta-key-put-resp.json'))


def test_an_image_shows_nova_status_progress_size_links_and_its_server(call):
    image = call('GET', '/%s/images/%s' % (ALICE_PROJECT, SNAPSHOT)).json['image']

    assert (image['status'], image['progress'], image['OS-EXT-IMG-SIZE:size']) == ('SAVING', 25, 0)
    assert image['metadata'] == {'instance_uuid': SERVER, 'image_type': 'snapshot'}
    assert [link['href'] for link in image['links']] == [
        'http://localhost/v2.1/%s/images/%s' % (ALICE_PROJECT, SNAPSHOT),
        'http://localhost/%s/images/%s' % (ALICE_PROJECT, SNAPSHOT),
        'http://localhost/image/images/%s' % SNAPSHOT]
    assert image['links'][2]['type'] == 'application/vnd.openstack.image'
    assert image['server'] == {'id': SERVER, 'links': [
        {'rel': 'self', 'href': 'http://localhost/v2.1/%s/servers/%s' % (ALICE_PROJECT, SERVER)},
        {'rel': 'bookmark', 'href': 'http://localhost/%s/servers/%s' % (ALICE_PROJECT, SERVER)}]}
    assert 'OS-DCF:diskConfig' not in image


def test_the_seeded_cirros_image(call):
    image = call('GET', '/images/' + CIRROS, token=BOB).json['image']

    assert (image['name'], image['status'], image['progress']) == (
        'cirros', 'ACTIVE', 100)
    assert (image['minRam'], image['minDisk'], image['OS-EXT-IMG-SIZE:size']) == (0, 0, 21430272)
    assert image['created'].endswith('Z') and image['updated'] == image['created']


# -- lists ---------------------------------------------------------------------------

@pytest.mark.parametrize('query, expected', [
    ('name=snap', [SNAPSHOT]),
    ('status=QUEUED', [SNAPSHOT]),
    ('server=http://localhost/v2.1/servers/' + SERVER, [SNAPSHOT]),
    ('server=' + SERVER, [SNAPSHOT]),
    ('type=snapshot', [SNAPSHOT]),
    ('property-os_distro=ubuntu', [UBUNTU]),
    ('minRam=512', [UBUNTU]),
    ('minDisk=2&minRam=256', [UBUNTU, DEBIAN]),
    ('changes-since=2999-01-01T00:00:00Z', []),
    ('unknown=ignored&name=keep', [PROTECTED]),
])
def test_novas_filters(call, query, expected):
    assert sorted(ids(call('GET', '/images?' + query))) == sorted(expected)
    assert sorted(ids(call('GET', '/images/detail?' + query))) == sorted(expected)


def test_each_project_lists_public_images_and_its_own(call):
    assert sorted(ids(call('GET', '/images', token=BOB))) == sorted([CIRROS, UBUNTU, DEBIAN])
    assert len(ids(call('GET', '/images'))) == 6


def test_pages_follow_images_links(call):
    first = call('GET', '/images/detail?limit=4')
    assert len(first.json['images']) == 4
    (link,) = first.json['images_links']
    assert link['rel'] == 'next'
    marker = first.json['images'][-1]['id']
    assert link['href'] == 'http://localhost/v2.1/images/detail?limit=4&marker=' + marker
    rest = call('GET', link['href'][len('http://localhost/v2.1'):])
    assert len(rest.json['images']) == 2 and 'images_links' not in rest.json
    assert set(ids(first) + ids(rest)) == set(ids(call('GET', '/images')))


@pytest.mark.parametrize('query, message', [
    ('limit=-1', "Invalid input for query parameters limit. Value: -1."),
    ('limit=many', "Invalid input for query parameters limit. Value: many."),
    ('marker=nope', 'Marker nope could not be found.'),
    ('minRam=lots', 'Unable to filter on a range with a non-numeric value.'),
    ('changes-since=yesterday',
     'Bad "updated_at" query filter format. Use ISO 8601 DateTime notation.'),
])
def test_bad_list_queries_are_400(call, query, message):
    assert fault(call('GET', '/images?' + query), 400).startswith(message)


# -- refusals and removal -------------------------------------------------------------

@pytest.mark.parametrize('image_id', ['nothing', SAMPLE + 'x', 'a' * 300])
def test_an_unknown_image_is_404_image_not_found(call, image_id):
    assert fault(call('GET', '/images/' + image_id), 404) == 'Image not found.'


def test_another_projects_private_image_is_not_found(call):
    assert fault(call('GET', '/images/' + SAMPLE, token=BOB), 404) == 'Image not found.'
    assert fault(call('DELETE', '/images/' + SAMPLE, token=BOB), 404) == 'Image not found.'
    assert fault(call('GET', '/images/%s/metadata' % SAMPLE, token=BOB), 404) == 'Image not found.'


def test_the_owner_deletes_an_image_but_not_a_protected_or_public_one(call):
    refusal = 'You are not allowed to delete the image.'
    assert fault(call('DELETE', '/images/' + PROTECTED), 403) == refusal
    assert fault(call('DELETE', '/images/' + CIRROS), 403) == refusal
    deleted = call('DELETE', '/images/' + SAMPLE)
    assert (deleted.status_int, deleted.body) == (204, b'')
    assert fault(call('GET', '/images/' + SAMPLE), 404) == 'Image not found.'


def test_the_proxy_is_gone_from_2_36_and_its_metadata_from_2_39(call):
    assert call('GET', '/images', version='2.35').status_int == 200
    for method, path in (('GET', '/images'), ('GET', '/images/detail'),
                         ('GET', '/images/' + CIRROS), ('DELETE', '/images/' + SAMPLE)):
        fault(call(method, path, version='2.36'), 404)
    assert call('GET', '/images/%s/metadata' % CIRROS, version='2.38').status_int == 200
    fault(call('GET', '/images/%s/metadata' % CIRROS, version='2.39'), 404)
    fault(call('DELETE', '/images/%s/metadata/kernel_id' % SAMPLE, version='2.39'), 404)
    assert call('GET', '/images/' + SAMPLE, version='2.1').status_int == 200


# -- metadata --------------------------------------------------------------------------

def test_metadata_is_set_merged_replaced_and_deleted(call):
    path = '/images/%s/metadata' % SAMPLE
    merged = call('POST', path, {'metadata': {'Label': 'one', 'kernel_id': 'k1'}})
    assert merged.json['metadata'] == {**SAMPLE_METADATA, 'Label': 'one', 'kernel_id': 'k1'}
    assert call('PUT', path + '/hw.video:model', {'meta': {'hw.video:model': 'vga'}}).json == {
        'meta': {'hw.video:model': 'vga'}}
    assert call('GET', path + '/hw.video:model').json == {'meta': {'hw.video:model': 'vga'}}
    replaced = call('PUT', path, {'metadata': {'only': 'this'}})
    assert replaced.json == {'metadata': {'only': 'this'}}
    assert call('GET', '/images/' + SAMPLE).json['image']['metadata'] == {'only': 'this'}
    assert call('DELETE', path + '/only').status_int == 204
    assert call('GET', path).json == {'metadata': {}}


def test_metadata_refusals_in_novas_words(call):
    path = '/images/%s/metadata' % SAMPLE
    assert fault(call('POST', path, {'metadata': {str(n): 'v' for n in range(3)}}), 403) == (
        'Image metadata limit exceeded')  # 4 + 3 > 6
    assert fault(call('PUT', path + '/a', {'meta': {'b': 'v'}}), 400) == (
        'Request body and URI mismatch')
    assert fault(call('GET', path + '/nothing'), 404) == 'The resource could not be found.'
    assert fault(call('DELETE', path + '/nothing'), 404) == 'Invalid metadata key'
    assert fault(call('POST', path, {'metadata': {'status': 'x'}}), 403) == (
        'Not authorized for image %s.' % SAMPLE)
    assert fault(call('POST', '/images/%s/metadata' % CIRROS, {'metadata': {'a': 'b'}}), 403) == (
        'Not authorized for image %s.' % CIRROS)
    assert 'Invalid input' in fault(call('POST', path, {'metadata': {'a/b': 'c'}}), 400)
    assert 'Invalid input' in fault(call('POST', path, {'metadata': {'a': 'x' * 256}}), 400)
    fault(call('PUT', path, {'meta': {'a': 'b'}}), 400)
    assert call('GET', path).json == {'metadata': SAMPLE_METADATA}
