"""Flavors over HTTP against the real daemon, on SQLite and PostgreSQL: the stories an operator
and a project live through, and Nova's refusals, with bodies shaped like Nova's samples."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from sample_shape import assert_same_shape

ADMIN_PROJECT = '6f70656e737461636b'
ADMIN = {'X-Auth-Token': 'admin:' + ADMIN_PROJECT}
ALICE_PROJECT = 'a11ce0000000000000'
ALICE = {'X-Auth-Token': 'alice:' + ALICE_PROJECT}
BOB = {'X-Auth-Token': 'bob:b0b0000000000000'}


def call(service, method, path, headers=ADMIN, version=None, **kwargs):
    headers = dict(headers)
    if version:
        headers['OpenStack-API-Version'] = 'compute ' + version
    return requests.request(method, service.url + '/v2.1' + path, headers=headers,
                            timeout=10, **kwargs)


def assert_fault(response, code, message=None):
    assert response.status_code == code, response.text
    (body,) = response.json().values()
    assert body['code'] == code
    if message is not None:
        assert body['message'] == message
    assert 'Traceback' not in response.text


def unique(prefix: str) -> str:
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


def new_flavor(service, version=None, **flavor):
    flavor.setdefault('name', unique('flavor'))
    for key, value in (('ram', 256), ('vcpus', 1), ('disk', 1)):
        flavor.setdefault(key, value)
    response = call(service, 'POST', '/flavors', json={'flavor': flavor}, version=version)
    assert response.status_code == 200, response.text
    return response.json()['flavor']


def test_seeded_flavors_are_listed_to_everyone(nova_api_service):
    listed = call(nova_api_service, 'GET', '/flavors', ALICE).json()['flavors']
    assert {'1', '2', '3', '4', '5', 'c1', 'd1', 'd2', 'd3', 'd4'} <= {f['id'] for f in listed}
    tiny = call(nova_api_service, 'GET', '/flavors/1', ALICE).json()['flavor']
    assert (tiny['name'], tiny['ram'], tiny['disk'], tiny['vcpus']) == ('m1.tiny', 512, 1, 1)


def test_operator_creates_describes_and_deletes_a_flavor(nova_api_service):
    name = unique('story')
    flavor = new_flavor(nova_api_service, version='2.55', name=name, ram=1024, vcpus=2,
                        disk=10, swap=512, rxtx_factor=2.0, description='first')
    assert (flavor['name'], flavor['swap'], flavor['rxtx_factor']) == (name, 512, 2.0)
    path = '/flavors/' + flavor['id']
    updated = call(nova_api_service, 'PUT', path, json={'flavor': {'description': 'second'}},
                   version='2.55')
    assert updated.json()['flavor']['description'] == 'second'
    assert call(nova_api_service, 'GET', path, ALICE, version='2.55').json()['flavor'][
        'description'] == 'second'
    assert_fault(call(nova_api_service, 'POST', '/flavors', json={'flavor': {
        'name': name, 'ram': 1, 'vcpus': 1, 'disk': 1}}), 409,
        'Flavor with name %s already exists.' % name)
    assert call(nova_api_service, 'DELETE', path).status_code == 202
    assert_fault(call(nova_api_service, 'GET', path), 404,
                 'Flavor %s could not be found.' % flavor['id'])


def test_private_flavor_is_seen_only_by_projects_it_is_shared_with(nova_api_service):
    flavor = new_flavor(nova_api_service, **{'os-flavor-access:is_public': False})
    path = '/flavors/' + flavor['id']
    # Creating it does not share it, not even with the admin's own project.
    assert call(nova_api_service, 'GET', path + '/os-flavor-access').json() == \
        {'flavor_access': []}
    assert_fault(call(nova_api_service, 'GET', path, ALICE), 404)
    shared = call(nova_api_service, 'POST', path + '/action',
                  json={'addTenantAccess': {'tenant': ALICE_PROJECT}})
    assert shared.json() == {'flavor_access': [{'flavor_id': flavor['id'],
                                                'tenant_id': ALICE_PROJECT}]}
    assert_fault(call(nova_api_service, 'POST', path + '/action',
                      json={'addTenantAccess': {'tenant': ALICE_PROJECT}}), 409,
                 'Flavor access already exists for flavor %s and project %s combination.'
                 % (flavor['id'], ALICE_PROJECT))
    assert call(nova_api_service, 'GET', path, ALICE).status_code == 200
    alice_sees = call(nova_api_service, 'GET', '/flavors/detail', ALICE).json()['flavors']
    assert flavor['id'] in {f['id'] for f in alice_sees}
    assert_fault(call(nova_api_service, 'GET', path, BOB), 404)
    assert_fault(call(nova_api_service, 'GET', path + '/os-extra_specs', BOB), 404)
    call(nova_api_service, 'POST', path + '/action',
         json={'removeTenantAccess': {'tenant': ALICE_PROJECT}})
    assert_fault(call(nova_api_service, 'GET', path, ALICE), 404)
    assert_fault(call(nova_api_service, 'POST', path + '/action',
                      json={'removeTenantAccess': {'tenant': ALICE_PROJECT}}), 404,
                 'Flavor access not found for %s / %s combination.'
                 % (flavor['id'], ALICE_PROJECT))


def test_extra_specs_story_and_2_86_validation(nova_api_service):
    path = '/flavors/%s/os-extra_specs' % new_flavor(nova_api_service)['id']
    specs = {'hw:cpu_policy': 'shared', 'hw:numa_nodes': '1'}
    assert call(nova_api_service, 'POST', path, json={'extra_specs': specs},
                version='2.86').json() == {'extra_specs': specs}
    assert call(nova_api_service, 'GET', path, ALICE).json() == {'extra_specs': specs}
    assert call(nova_api_service, 'PUT', path + '/hw:numa_nodes',
                json={'hw:numa_nodes': '2'}).json() == {'hw:numa_nodes': '2'}
    assert call(nova_api_service, 'GET', path + '/hw:numa_nodes', ALICE).json() == \
        {'hw:numa_nodes': '2'}
    assert_fault(call(nova_api_service, 'PUT', path + '/hw:numa_nodes',
                      json={'hw:cpu_policy': 'x'}), 400, 'Request body and URI mismatch')
    assert_fault(call(nova_api_service, 'POST', path, json={'extra_specs': {
        'hw:numa_nodes': 'zero'}}, version='2.86'), 400,
        "Validation failed; 'zero' is not a valid integer value.")
    assert_fault(call(nova_api_service, 'POST', path, json={'extra_specs': {
        'hw:nonsense': '1'}}, version='2.86'), 400,
        "Validation failed; extra spec 'hw:nonsense' does not appear to be a valid extra spec.")
    assert call(nova_api_service, 'POST', path, json={'extra_specs': {'hw:nonsense': '1'}},
                version='2.85').status_code == 200
    assert call(nova_api_service, 'DELETE', path + '/hw:nonsense').status_code == 200
    assert_fault(call(nova_api_service, 'GET', path + '/hw:nonsense'), 404,
                 'Flavor %s has no extra specs with key hw:nonsense.' % path.split('/')[2])


def test_pages_with_limit_marker_and_next_link(nova_api_service):
    first = call(nova_api_service, 'GET', '/flavors?limit=2', ALICE).json()
    next_href = first['flavors_links'][0]['href']
    assert 'marker=%s' % first['flavors'][-1]['id'] in next_href
    second = requests.get(next_href, headers=ALICE, timeout=10).json()['flavors']
    assert second and second[0]['id'] not in {f['id'] for f in first['flavors']}
    assert_fault(call(nova_api_service, 'GET', '/flavors?marker=nope', ALICE), 400,
                 'marker [nope] not found')
    assert_fault(call(nova_api_service, 'GET', '/flavors?foo=1', ALICE, version='2.75'), 400)


@pytest.mark.parametrize('flavor', [
    {'name': 'x' * 256, 'ram': 1, 'vcpus': 1, 'disk': 1},
    {'name': ' padded ', 'ram': 1, 'vcpus': 1, 'disk': 1},
    {'name': 'ok', 'ram': 'lots', 'vcpus': 1, 'disk': 1},
    {'name': 'ok', 'ram': 1, 'vcpus': 0, 'disk': 1},
    {'name': 'ok', 'ram': 1, 'vcpus': 1, 'disk': 1, 'unknown': True},
    {'name': 'ok', 'ram': 1, 'vcpus': 1},
])
def test_invalid_create_bodies_are_400(nova_api_service, flavor):
    assert_fault(call(nova_api_service, 'POST', '/flavors', json={'flavor': flavor}), 400)


@pytest.mark.parametrize('method, path, body', [
    ('POST', '/flavors', {'flavor': {'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 1}}),
    ('DELETE', '/flavors/1', None),
    ('POST', '/flavors/1/os-extra_specs', {'extra_specs': {'a': 'b'}}),
    ('GET', '/flavors/1/os-flavor-access', None),
    ('POST', '/flavors/1/action', {'addTenantAccess': {'tenant': 'x'}}),
])
def test_members_get_403_on_admin_apis(nova_api_service, method, path, body):
    assert_fault(call(nova_api_service, method, path, ALICE, json=body), 403)


# -- the samples ------------------------------------------------------------------------

def _shape_of(ours: dict, nova: dict) -> None:
    """Compare one flavor body by structure; values (and which extra specs) differ."""
    ours, nova = dict(ours), dict(nova)
    if 'extra_specs' in nova:
        ours['extra_specs'] = nova['extra_specs'] = {}
    if nova.get('description') is None and 'description' in ours:
        ours['description'] = None
    if ours.get('description') is None and isinstance(nova.get('description'), str):
        ours['description'] = ''
    assert_same_shape(ours, nova)


@pytest.mark.parametrize('version', ['2.1', '2.55', '2.61', '2.75', '2.102'])
def test_responses_have_the_shape_of_novas_samples(nova_api_service, nova_samples, version):
    folder = '' if version == '2.1' else 'v' + version

    def sample(resource, name):
        return json.loads((nova_samples / resource / folder / name).read_text())

    created = call(nova_api_service, 'POST', '/flavors', version=version, json={'flavor': dict(
        sample('flavor-manage', 'flavor-create-post-req.json')['flavor'],
        name=unique('sample'), id=unique('sample'))})
    assert created.status_code == 200, created.text
    _shape_of(created.json()['flavor'],
              sample('flavor-manage', 'flavor-create-post-resp.json')['flavor'])
    flavor_id = created.json()['flavor']['id']
    shown = call(nova_api_service, 'GET', '/flavors/' + flavor_id, version=version).json()
    _shape_of(shown['flavor'], sample('flavors', 'flavor-get-resp.json')['flavor'])
    for name, path in (('flavors-list-resp.json', '/flavors'),
                       ('flavors-detail-resp.json', '/flavors/detail')):
        listed = call(nova_api_service, 'GET', path, version=version).json()
        nova_item = sample('flavors', name)['flavors'][0]
        for item in listed['flavors']:
            _shape_of(item, nova_item)
    if version != '2.1':
        updated = call(nova_api_service, 'PUT', '/flavors/' + flavor_id, version=version,
                       json=sample('flavor-manage', 'flavor-update-req.json'))
        _shape_of(updated.json()['flavor'],
                  sample('flavor-manage', 'flavor-update-resp.json')['flavor'])


def test_extra_specs_and_access_have_the_shape_of_novas_samples(nova_api_service, nova_samples):
    def sample(resource, name):
        return json.loads((nova_samples / resource / name).read_text())

    flavor = new_flavor(nova_api_service, **{'os-flavor-access:is_public': False})
    specs = '/flavors/%s/os-extra_specs' % flavor['id']
    created = call(nova_api_service, 'POST', specs,
                   json=sample('flavor-extra-specs', 'flavor-extra-specs-create-req.json'))
    assert created.json() == sample('flavor-extra-specs', 'flavor-extra-specs-create-resp.json')
    assert call(nova_api_service, 'GET', specs).json() == \
        sample('flavor-extra-specs', 'flavor-extra-specs-list-resp.json')
    assert call(nova_api_service, 'PUT', specs + '/hw:numa_nodes', json=sample(
        'flavor-extra-specs', 'flavor-extra-specs-update-req.json')).json() == \
        sample('flavor-extra-specs', 'flavor-extra-specs-update-resp.json')
    action = '/flavors/%s/action' % flavor['id']
    added = call(nova_api_service, 'POST', action,
                 json=sample('flavor-access', 'flavor-access-add-tenant-req.json'))
    assert_same_shape(added.json(), sample('flavor-access', 'flavor-access-add-tenant-resp.json'))
    listed = call(nova_api_service, 'GET', '/flavors/%s/os-flavor-access' % flavor['id'])
    assert_same_shape(listed.json(), sample('flavor-access', 'flavor-access-list-resp.json'))
    removed = call(nova_api_service, 'POST', action,
                   json=sample('flavor-access', 'flavor-access-remove-tenant-req.json'))
    assert removed.json() == sample('flavor-access', 'flavor-access-remove-tenant-resp.json')
