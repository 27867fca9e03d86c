"""The writable Image API against the real daemon, on SQLite and PostgreSQL: images made,
uploaded (with a length or chunked), downloaded, changed, shared and deleted over HTTP, and
uploads that fail (cut off, too large) leaving nothing half done."""

from __future__ import annotations

import hashlib
import pathlib
import socket
import uuid

import pytest
import requests
from daemon import wait_until

PATCH = 'application/openstack-images-v2.1-json-patch'
OCTET = 'application/octet-stream'
MAX_IMAGE = 1024 * 1024
#: Larger than [oslo_middleware] max_request_body_size (112 KiB): image uploads are exempt.
OVER_BODY_LIMIT = 512 * 1024
NOVA_API_OPTIONS = {'image': {'max_image_size': MAX_IMAGE}}


class Caller:
    """One project's member (or the admin) talking to /image/v2."""

    def __init__(self, service, user: str, project: str):
        self.service = service
        self.project = project
        self.headers = {'X-Auth-Token': '%s:%s' % (user, project), 'Accept': 'application/json'}

    def __call__(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {**self.headers, **kwargs.pop('headers', {})}
        return requests.request(method, self.service.url + '/image/v2' + path, headers=headers,
                                timeout=60, **kwargs)

    def create(self, **fields) -> dict:
        response = self('POST', '/images', json={'name': 'img', 'disk_format': 'raw',
                                                 'container_format': 'bare', **fields})
        assert response.status_code == 201, response.text
        return response.json()

    def upload(self, image_id: str, data, **headers) -> requests.Response:
        return self('PUT', '/images/%s/file' % image_id, data=data,
                    headers={'Content-Type': OCTET, **headers})

    def show(self, image_id: str) -> dict:
        response = self('GET', '/images/' + image_id)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def owner(nova_api_service) -> Caller:
    return Caller(nova_api_service, 'alice', uuid.uuid4().hex)


@pytest.fixture
def other(nova_api_service) -> Caller:
    return Caller(nova_api_service, 'mallory', uuid.uuid4().hex)


@pytest.fixture
def admin_caller(nova_api_service) -> Caller:
    return Caller(nova_api_service, 'admin', 'admin')


def glance_error(response, code, message=None):
    assert response.status_code == code, response.text
    body = response.json()
    assert sorted(body) == ['code', 'message', 'title'] and body['code'].startswith(str(code))
    if message is not None:
        assert body['message'].split('<br />')[0] == message
    return body['message']


def data_files(service) -> list[pathlib.Path]:
    """What the image store holds: the images' files and any temporary one."""
    folder = service.workdir / 'state' / 'images'
    return sorted(folder.iterdir()) if folder.exists() else []


def test_an_image_from_create_to_upload_download_change_and_delete(nova_api_service, owner):
    image = owner.create(os_distro='alpine')
    assert image['status'] == 'queued'
    data = bytes(range(256)) * 2048  # 512 KiB: over max_request_body_size

    assert owner.upload(image['id'], data).status_code == 204
    shown = owner.show(image['id'])
    assert (shown['status'], shown['size'], shown['checksum']) == (
        'active', len(data), hashlib.md5(data).hexdigest())
    assert shown['os_hash_value'] == hashlib.sha512(data).hexdigest()

    download = owner('GET', '/images/%s/file' % image['id'])
    assert (download.status_code, download.content) == (200, data)
    assert download.headers['Content-MD5'] == shown['checksum']

    changed = owner('PATCH', '/images/' + image['id'], headers={'Content-Type': PATCH},
                    json=[{'op': 'replace', 'path': '/name', 'value': 'renamed'},
                          {'op': 'add', 'path': '/hw_disk_bus', 'value': 'scsi'}])
    assert (changed.json()['name'], changed.json()['hw_disk_bus']) == ('renamed', 'scsi')
    glance_error(owner('PATCH', '/images/' + image['id'], json=[]), 415)

    assert owner('DELETE', '/images/' + image['id']).status_code == 204
    glance_error(owner('GET', '/images/' + image['id']), 404)
    assert pathlib.Path(nova_api_service.workdir / 'state' / 'images' / image['id']).exists() is False


def test_a_chunked_upload_is_read_to_its_end(owner):
    image = owner.create()
    pieces = [b'a' * 70000, b'b' * 3, b'c' * 100000]

    assert owner.upload(image['id'], iter(pieces)).status_code == 204  # requests sends it chunked
    data = b''.join(pieces)
    shown = owner.show(image['id'])
    assert (shown['size'], shown['checksum']) == (len(data), hashlib.md5(data).hexdigest())


def test_an_upload_over_max_image_size_is_413_and_keeps_nothing(nova_api_service, owner):
    image = owner.create()
    before = data_files(nova_api_service)

    glance_error(owner.upload(image['id'], b'x' * (MAX_IMAGE + 1)), 413,
                 'The incoming image is too large: The provided image is too large.')
    glance_error(owner.upload(image['id'], iter([b'x' * MAX_IMAGE, b'y'])), 413)
    assert owner.show(image['id'])['status'] == 'queued'
    assert data_files(nova_api_service) == before


def _send_part_of_a_body(service, image_id: str, project: str, announced: int, sent: int,
                         chunked: bool, before_hanging_up) -> None:
    """Start an upload by hand and hang up after ``sent`` bytes, once ``before_hanging_up()``
    has returned."""
    with socket.create_connection((service.host, service.port), timeout=10) as sock:
        framing = 'Transfer-Encoding: chunked' if chunked else 'Content-Length: %d' % announced
        sock.sendall(('PUT /image/v2/images/%s/file HTTP/1.1\r\nHost: x\r\n'
                      'X-Auth-Token: alice:%s\r\nContent-Type: application/octet-stream\r\n'
                      '%s\r\n\r\n' % (image_id, project, framing)).encode())
        if chunked:
            sock.sendall(b'%x\r\n' % sent + b'z' * sent + b'\r\n')
        else:
            sock.sendall(b'z' * sent)
        before_hanging_up()


@pytest.mark.parametrize('chunked', [False, True], ids=['content-length', 'chunked'])
def test_an_upload_cut_off_leaves_the_image_queued_and_no_file(nova_api_service, owner, chunked):
    image = owner.create()
    before = data_files(nova_api_service)

    # Hanging up only once the worker has taken the upload: a check for 'queued' made before
    # it starts would pass at once and race the retry below into its 409.
    _send_part_of_a_body(nova_api_service, image['id'], owner.project, 300000, 100000, chunked,
                         lambda: wait_until(lambda: owner.show(image['id'])['status'] == 'saving',
                                            10))

    # The worker notices the hang-up and restores the image (it answers no one).
    wait_until(lambda: owner.show(image['id'])['status'] == 'queued'
               and data_files(nova_api_service) == before, 20,
               lambda: 'left: %s, files %s' % (owner.show(image['id'])['status'],
                                               data_files(nova_api_service)))
    assert owner('GET', '/images/%s/file' % image['id']).status_code == 204
    assert owner.upload(image['id'], b'whole').status_code == 204
    assert owner('GET', '/images/%s/file' % image['id']).content == b'whole'


def test_a_second_upload_is_409_while_the_first_runs(nova_api_service, owner):
    image = owner.create()
    with socket.create_connection((nova_api_service.host, nova_api_service.port),
                                  timeout=10) as sock:
        sock.sendall(('PUT /image/v2/images/%s/file HTTP/1.1\r\nHost: x\r\n'
                      'X-Auth-Token: alice:%s\r\nContent-Type: application/octet-stream\r\n'
                      'Content-Length: 10\r\n\r\n12345' % (image['id'], owner.project)).encode())
        wait_until(lambda: owner.show(image['id'])['status'] == 'saving', 10)

        glance_error(owner.upload(image['id'], b'other'), 409,
                     'Image status transition from saving to saving is not allowed')
        sock.sendall(b'67890')
        assert sock.recv(100).startswith(b'HTTP/1.1 204')
    assert owner('GET', '/images/%s/file' % image['id']).content == b'1234567890'


def test_sharing_between_two_projects(owner, other):
    image = owner.create()
    owner.upload(image['id'], b'shared data')
    glance_error(other('GET', '/images/' + image['id']), 404)
    glance_error(other('GET', '/images/%s/file' % image['id']), 404)

    assert owner('POST', '/images/%s/members' % image['id'],
                 json={'member': other.project}).json()['status'] == 'pending'
    assert other.show(image['id'])['id'] == image['id']
    assert image['id'] not in {i['id'] for i in other('GET', '/images').json()['images']}
    answered = other('PUT', '/images/%s/members/%s' % (image['id'], other.project),
                     json={'status': 'accepted'})
    assert answered.json()['status'] == 'accepted'
    assert image['id'] in {i['id'] for i in other('GET', '/images').json()['images']}
    assert other('GET', '/images/%s/file' % image['id']).content == b'shared data'
    glance_error(other('DELETE', '/images/' + image['id']), 403)
    glance_error(other('PATCH', '/images/' + image['id'], headers={'Content-Type': PATCH},
                       json=[{'op': 'replace', 'path': '/name', 'value': 'mine'}]), 403)

    assert owner('DELETE', '/images/%s/members/%s' % (image['id'], other.project)).status_code \
        == 204
    glance_error(other('GET', '/images/' + image['id']), 404)


def test_deactivated_data_is_for_admins_only(owner, admin_caller):
    image = owner.create()
    owner.upload(image['id'], b'secret')
    assert owner('POST', '/images/%s/actions/deactivate' % image['id']).status_code == 204

    glance_error(owner('GET', '/images/%s/file' % image['id']), 403)
    assert admin_caller('GET', '/images/%s/file' % image['id']).content == b'secret'
    assert owner('POST', '/images/%s/actions/reactivate' % image['id']).status_code == 204
    assert owner('GET', '/images/%s/file' % image['id']).content == b'secret'


def test_a_protected_image_is_not_deleted_and_tags_come_and_go(owner):
    image = owner.create(protected=True)
    glance_error(owner('DELETE', '/images/' + image['id']), 403,
                 'Image %s is protected and cannot be deleted.' % image['id'])
    assert owner('PUT', '/images/%s/tags/gold' % image['id']).status_code == 204
    assert owner.show(image['id'])['tags'] == ['gold']
    assert owner('DELETE', '/images/%s/tags/gold' % image['id']).status_code == 204
    glance_error(owner('DELETE', '/images/%s/tags/gold' % image['id']), 404)


def test_a_server_boots_from_an_uploaded_image_once_active(nova_api_service, owner):
    from servers_client import ServersClient
    compute = ServersClient(nova_api_service, 'alice', owner.project)
    image = owner.create()

    queued = compute.boot(imageRef=image['id'])
    assert queued.status_code == 400, queued.text
    owner.upload(image['id'], b'a disk')
    booted = compute.boot(imageRef=image['id'])
    assert booted.status_code == 202, booted.text
    server = compute.wait_for(booted.json()['server']['id'], 'ACTIVE')
    assert server['image']['id'] == image['id']


def test_a_snapshot_of_a_server_appears_in_the_image_api(nova_api_service, owner):
    from servers_client import ServersClient
    compute = ServersClient(nova_api_service, 'alice', owner.project)
    server = compute.boot().json()['server']
    compute.wait_for(server['id'], 'ACTIVE')

    response = compute.action(server['id'], {'createImage': {'name': 'snap'}})
    assert response.status_code == 202, response.text
    image_id = response.headers['Location'].rsplit('/', 1)[1]
    wait_until(lambda: owner.show(image_id)['status'] == 'active', 30)
    assert owner.show(image_id)['name'] == 'snap'


def test_bodies_match_the_image_apis_openapi_description(owner, other, image_openapi):
    import jsonschema

    def check(body, name):
        jsonschema.validate(body, image_openapi[name])
    image = owner.create(os_distro='alpine', tags=['t'])
    check(image, 'ImagesCreateResponse')
    owner.upload(image['id'], b'bytes')
    check(owner.show(image['id']), 'ImageShowResponse')
    check(owner('GET', '/images').json(), 'ImagesListResponse')
    changed = owner('PATCH', '/images/' + image['id'], headers={'Content-Type': PATCH},
                    json=[{'op': 'add', 'path': '/color', 'value': 'red'}]).json()
    check(changed, 'ImageUpdateResponse')
    member = owner('POST', '/images/%s/members' % image['id'], json={'member': other.project})
    check(member.json(), 'ImagesMembersCreateResponse')
    check(owner('GET', '/images/%s/members/%s' % (image['id'], other.project)).json(),
          'ImagesMemberShowResponse')
    check(owner('GET', '/images/%s/members' % image['id']).json(), 'ImagesMembersListResponse')
    check(other('PUT', '/images/%s/members/%s' % (image['id'], other.project),
                json={'status': 'accepted'}).json(), 'ImagesMemberUpdateResponse')
