"""The writable Image API in-process, through the real pipeline: create, JSON patch, delete,
deactivate/reactivate, tags, upload and download, in Glance's statuses, policies and words."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from oslo_policy import opts as policy_opts

ALICE = 'alice:alices'
BOB = 'bob:bobs'
ADMIN = 'admin:admin'
CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
JSON = {'Accept': 'application/json'}
PATCH = 'application/openstack-images-v2.1-json-patch'
OCTET = 'application/octet-stream'


@pytest.fixture
def app(load_pipeline, sqlite_conf):
    return load_pipeline(sqlite_conf(overrides={'image': {'max_image_size': 4096}}))


@pytest.fixture
def call(app, api_request):
    def send(path, method='GET', token=ALICE, headers=None, **kwargs):
        return api_request(app, '/image' + path, method=method, token=token,
                           headers={**JSON, **(headers or {})}, **kwargs)
    return send


def glance_error(response, code, message=None):
    assert response.status_int == code, response.text
    body = response.json
    assert sorted(body) == ['code', 'message', 'title'] and body['code'].startswith(str(code))
    if message is not None:
        assert body['message'] == message + '<br /><br />\n\n\n'
    return body['message']


def create(call, token=ALICE, **fields):
    body = {'name': 'img', 'disk_format': 'raw', 'container_format': 'bare', **fields}
    response = call('/v2/images', 'POST', token, body=body)
    assert response.status_int == 201, response.text
    return response.json


def patch(call, image_id, ops, token=ALICE, content_type=PATCH):
    return call('/v2/images/' + image_id, 'PATCH', token, body=ops,
                headers={'Content-Type': content_type})


def upload(call, image_id, data, token=ALICE, content_type=OCTET):
    return call('/v2/images/%s/file' % image_id, 'PUT', token, body=data,
                headers={'Content-Type': content_type})


# -- create ---------------------------------------------------------------------------

def test_a_created_image_is_queued_shared_and_owned_by_the_caller(call):
    response = call('/v2/images', 'POST', body={'name': 'new', 'os_distro': 'alpine',
                                                'tags': ['a', 'b']})
    image = response.json

    assert response.status_int == 201
    assert response.headers['Location'].endswith('/image/v2/images/' + image['id'])
    assert (image['status'], image['visibility'], image['owner']) == ('queued', 'shared', 'alices')
    assert (image['os_distro'], sorted(image['tags']), image['size']) == ('alpine', ['a', 'b'], None)
    assert call('/v2/images/' + image['id']).json == image


def test_an_id_may_be_given_once(call):
    image_id = str(uuid.uuid4())
    create(call, id=image_id)

    glance_error(call('/v2/images', 'POST', body={'id': image_id}), 409,
                 'Image ID %s already exists!' % image_id)


@pytest.mark.parametrize('body, code, message', [
    ({'status': 'active'}, 403, "Attribute 'status' is read-only."),
    ({'size': 3}, 403, "Attribute 'size' is read-only."),
    ({'self': 'x'}, 403, "Attribute 'self' is read-only."),
    ({'deleted': 'x'}, 403, "Attribute 'deleted' is reserved."),
    ({'os_glance_foo': 'x'}, 403, "Attribute 'os_glance_foo' is reserved."),
    ({'locations': []}, 403, "Attribute 'locations' is reserved."),
    ({'x' * 256: 'y'}, 400, 'Custom property should not be greater than 255 characters.'),
    ({'disk_format': 'floppy'}, 400, None),
    ({'extra': 1}, 400, "Provided object does not match schema 'image': 1 is not of type 'string'"),
    ({'id': 'not-a-uuid'}, 400, None),
    ({'min_ram': -1}, 400, "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value"),
    ([], 400, None),
])
def test_create_refuses_what_glance_refuses(call, body, code, message):
    glance_error(call('/v2/images', 'POST', body=body), code, message)
    assert [image for image in call('/v2/images').json['images']
            if image['owner'] == 'alices'] == []


def test_public_images_are_the_admins_and_owners_the_callers(call):
    glance_error(call('/v2/images', 'POST', body={'visibility': 'public'}), 403,
                 'You are not authorized to complete publicize_image action.')
    glance_error(call('/v2/images', 'POST', body={'owner': 'bobs'}), 403,
                 "You are not permitted to create images owned by 'bobs'")
    assert create(call, ADMIN, visibility='public', owner='bobs')['owner'] == 'bobs'
    assert create(call, visibility='community')['visibility'] == 'community'


# -- patch ----------------------------------------------------------------------------

def test_a_json_patch_adds_replaces_and_removes(call):
    image = create(call, os_distro='alpine')
    response = patch(call, image['id'], [
        {'op': 'replace', 'path': '/name', 'value': 'renamed'},
        {'op': 'add', 'path': '/hw_disk_bus', 'value': 'virtio'},
        {'op': 'remove', 'path': '/os_distro'},
        {'op': 'replace', 'path': '/tags', 'value': ['x']},
        {'op': 'add', 'path': '/protected', 'value': True},
    ])

    assert response.status_int == 200, response.text
    body = response.json
    assert (body['name'], body['hw_disk_bus'], body['tags'], body['protected']) == (
        'renamed', 'virtio', ['x'], True)
    assert 'os_distro' not in body


@pytest.mark.parametrize('ops, code, message', [
    ([{'op': 'replace', 'path': '/status', 'value': 'active'}], 403,
     "Attribute 'status' is read-only."),
    ([{'op': 'add', 'path': '/os_glance_x', 'value': 'y'}], 403,
     "Attribute 'os_glance_x' is reserved."),
    ([{'op': 'remove', 'path': '/name'}], 403, 'Property name may not be removed.'),
    ([{'op': 'replace', 'path': '/nothing', 'value': 'y'}], 409, 'Property nothing does not exist.'),
    ([{'op': 'remove', 'path': '/nothing'}], 409, 'Property nothing does not exist.'),
    ([{'op': 'replace', 'path': '/owner', 'value': 'bobs'}], 403,
     "Owner can't be updated by non admin."),
    ([{'op': 'replace', 'path': '/visibility', 'value': 'public'}], 403,
     'You are not authorized to complete publicize_image action.'),
    ([{'op': 'move', 'path': '/name'}], 400,
     'Invalid operation: `move`. It must be one of the following: add, remove, replace.'),
    ([{'op': 'add', 'path': 'name', 'value': 'x'}], 400, 'Pointer `name` does not start with "/".'),
    ([{'op': 'add', 'path': '/name'}], 400, 'Operation "add" requires a member named "value".'),
    ([{'op': 'add', 'path': '/a/b', 'value': 'x'}], 400,
     "Invalid JSON pointer for this resource: '/a/b'"),
    ([{'op': 'add', 'path': '/min_disk', 'value': 'big'}], 400, None),
    ({'op': 'add'}, 400, 'Request body must be a JSON array of operation objects.'),
    (['add'], 400, 'Operations must be JSON objects.'),
])
def test_patch_refuses_what_glance_refuses_and_changes_nothing(call, ops, code, message):
    image = create(call)
    glance_error(patch(call, image['id'], [{'op': 'replace', 'path': '/name', 'value': 'lost'},
                                           *ops] if isinstance(ops, list) else ops),
                 code, message)
    assert call('/v2/images/' + image['id']).json['name'] == 'img'


def test_patch_wants_its_media_type(call):
    image = create(call)
    response = patch(call, image['id'], [], content_type='application/json')

    message = glance_error(response, 415)
    assert message.startswith('The request media type application/json is not supported')
    assert ('Image PATCH expects Content-Type one of: application/openstack-images-v2.0-json-patch, '
            'application/openstack-images-v2.1-json-patch') in message
    assert 'application/openstack-images-v2.1-json-patch' in response.headers['Accept-Patch']


def test_the_v2_0_patch_has_ops_as_keys_and_refuses_adding_what_exists(call):
    image = create(call)
    v20 = 'application/openstack-images-v2.0-json-patch'
    assert patch(call, image['id'], [{'add': '/color', 'value': 'red'}],
                 content_type=v20).json['color'] == 'red'
    glance_error(patch(call, image['id'], [{'add': '/color', 'value': 'blue'}], content_type=v20),
                 409, 'Property color already present.')


def test_another_projects_image_is_404_and_a_public_one_403(call):
    image = create(call)
    glance_error(patch(call, image['id'], [], token=BOB), 404)
    glance_error(patch(call, CIRROS, [{'op': 'replace', 'path': '/name', 'value': 'x'}]), 403,
                 'You are not authorized to complete modify_image action.')


# -- delete, deactivate --------------------------------------------------------------

def test_delete_and_protected_delete(call):
    image = create(call, protected=True)
    glance_error(call('/v2/images/' + image['id'], 'DELETE'), 403,
                 'Image %s is protected and cannot be deleted.' % image['id'])
    patch(call, image['id'], [{'op': 'replace', 'path': '/protected', 'value': False}])

    assert call('/v2/images/' + image['id'], 'DELETE').status_int == 204
    glance_error(call('/v2/images/' + image['id']), 404)
    glance_error(call('/v2/images/' + image['id'], 'DELETE'), 404)
    glance_error(call('/v2/images/' + CIRROS, 'DELETE'), 403)


def test_deactivate_forbids_downloads_but_for_admins(call):
    image = create(call)
    glance_error(call('/v2/images/%s/actions/deactivate' % image['id'], 'POST'), 403,
                 "Not allowed to deactivate image in status 'queued'")
    assert upload(call, image['id'], b'data').status_int == 204

    assert call('/v2/images/%s/actions/deactivate' % image['id'], 'POST').status_int == 204
    assert call('/v2/images/%s/actions/deactivate' % image['id'], 'POST').status_int == 204
    assert call('/v2/images/' + image['id']).json['status'] == 'deactivated'
    glance_error(call('/v2/images/%s/file' % image['id']), 403,
                 'The requested image has been deactivated. Image data download is forbidden.')
    assert call('/v2/images/%s/file' % image['id'], token=ADMIN).body == b'data'
    assert call('/v2/images/%s/actions/reactivate' % image['id'], 'POST').status_int == 204
    assert call('/v2/images/%s/file' % image['id']).body == b'data'


# -- tags ------------------------------------------------------------------------------

def test_tags_are_added_once_and_removed(call):
    image = create(call)
    for _ in range(2):
        assert call('/v2/images/%s/tags/blue' % image['id'], 'PUT').status_int == 204
    assert call('/v2/images/' + image['id']).json['tags'] == ['blue']
    assert call('/v2/images/%s/tags/blue' % image['id'], 'DELETE').status_int == 204
    glance_error(call('/v2/images/%s/tags/blue' % image['id'], 'DELETE'), 404)
    glance_error(call('/v2/images/%s/tags/%s' % (image['id'], 'x' * 256), 'PUT'), 400)
    glance_error(call('/v2/images/%s/tags/blue' % image['id'], 'PUT', token=BOB), 404)


# -- data ------------------------------------------------------------------------------

def test_upload_makes_the_image_active_with_glances_hashes(call):
    image = create(call)
    data = b'0123456789' * 100
    assert upload(call, image['id'], data).status_int == 204

    shown = call('/v2/images/' + image['id']).json
    assert (shown['status'], shown['size']) == ('active', len(data))
    assert shown['checksum'] == hashlib.md5(data).hexdigest()
    assert (shown['os_hash_algo'], shown['os_hash_value']) == (
        'sha512', hashlib.sha512(data).hexdigest())
    download = call('/v2/images/%s/file' % image['id'])
    assert (download.status_int, download.body) == (200, data)
    assert download.headers['Content-MD5'] == shown['checksum']
    assert download.headers['Content-Type'] == OCTET
    assert download.headers['Content-Length'] == str(len(data))


def test_a_range_of_the_data(call):
    image = create(call)
    upload(call, image['id'], b'0123456789')
    response = call('/v2/images/%s/file' % image['id'], headers={'Range': 'bytes=2-4'})

    assert (response.status_int, response.body) == (206, b'234')
    assert response.headers['Content-Range'] == 'bytes 2-4/10'
    glance_error(call('/v2/images/%s/file' % image['id'], headers={'Range': 'bytes=20-30'}), 416)


def test_upload_refusals_leave_the_image_queued(call):
    image = create(call)
    assert 'Invalid content type text/plain' in glance_error(
        upload(call, image['id'], b'x', content_type='text/plain'), 415)
    glance_error(upload(call, image['id'], b'x' * 4097), 413,
                 'The incoming image is too large: The provided image is too large.')
    bare = create(call, disk_format=None, container_format=None)
    glance_error(upload(call, bare['id'], b'x'), 400,
                 'Properties disk_format, container_format must be set prior to saving data.')
    glance_error(upload(call, CIRROS, b'x'), 403)
    glance_error(upload(call, image['id'], b'x', token=BOB), 404)

    assert call('/v2/images/' + image['id']).json['status'] == 'queued'
    assert upload(call, image['id'], b'x').status_int == 204
    glance_error(upload(call, image['id'], b'y'), 409,
                 'Image status transition from active to saving is not allowed')


def test_no_data_is_204(call):
    image = create(call)
    response = call('/v2/images/%s/file' % image['id'])
    assert (response.status_int, response.body) == (204, b'')


def test_the_member_schemas(call):
    member = call('/v2/schemas/member').json
    assert member['name'] == 'member' and 'status' in member['properties']
    assert call('/v2/schemas/members').json['name'] == 'members'


class _DeletingBody:
    """A request body that deletes its image while it is being read."""

    def __init__(self, delete, data: bytes):
        self.delete = delete
        self.data = data
        self.done = False

    def read(self, size: int = -1) -> bytes:
        if not self.done:
            self.done = True
            assert self.delete().status_int == 204
            return self.data
        return b''


def test_an_image_deleted_during_its_upload_is_410_and_keeps_no_data(call, tmp_path):
    image = create(call)
    body = _DeletingBody(lambda: call('/v2/images/' + image['id'], 'DELETE'), b'data')
    response = call('/v2/images/%s/file' % image['id'], 'PUT', headers={'Content-Type': OCTET},
                    environ={'wsgi.input': body, 'CONTENT_LENGTH': '4'})

    glance_error(response, 410, 'Image %s could not be found after upload. The image may have '
                 'been deleted during the upload, cleaning up the chunks uploaded.' % image['id'])
    glance_error(call('/v2/images/' + image['id']), 404)
    assert list((tmp_path / 'state' / 'images').iterdir()) == []


def test_a_deleted_images_id_is_not_given_again(call):
    image = create(call)
    call('/v2/images/' + image['id'], 'DELETE')
    glance_error(call('/v2/images', 'POST', body={'id': image['id']}), 409)


def test_glances_policy_names_are_the_ones_an_operator_overrides(load_pipeline, sqlite_conf,
                                                                 api_request, tmp_path):
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text('"publicize_image": "role:member"\n"download_image": "!"\n')
    conf = sqlite_conf()
    for group, opts in policy_opts.list_opts():  # what the enforcer registers, overridden first
        conf.register_opts(opts, group=group)
    conf.set_override('policy_file', str(policy_file), group='oslo_policy')
    app = load_pipeline(conf)

    def send(path, method='GET', **kwargs):
        return api_request(app, '/image' + path, method=method, token=ALICE, headers=JSON,
                           **kwargs)
    image = send('/v2/images', 'POST', body={'visibility': 'public', 'disk_format': 'raw',
                                             'container_format': 'bare'})
    assert (image.status_int, image.json['visibility']) == (201, 'public')
    glance_error(send('/v2/images/%s/file' % image.json['id']), 403,
                 'You are not authorized to complete download_image action.')
