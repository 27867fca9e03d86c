"""Flavors through the real pipeline, in-process: filters, pages, validation and refusals."""

from __future__ import annotations

import pytest

ADMIN = 'admin:6f70656e737461636b'
ALICE = 'alice:a11ce0000000000000'
BOB = 'bob:b0b0000000000000000'
SEEDED = ['1', '2', '3', '4', '5', 'c1', 'd1', 'd2', 'd3', 'd4']


@pytest.fixture
def call(pipeline, api_request):
    def send(method, path, body=None, token=ADMIN, version=None, **kwargs):
        return api_request(pipeline, '/v2.1' + path, method=method, body=body, token=token,
                           version=version, **kwargs)
    return send


def fault(response, code):
    assert response.status_int == code, response.text
    (body,) = response.json.values()
    assert body['code'] == code
    return body['message']


def create(call, token=ADMIN, version=None, **flavor):
    flavor.setdefault('ram', 512)
    flavor.setdefault('vcpus', 1)
    flavor.setdefault('disk', 1)
    return call('POST', '/flavors', {'flavor': flavor}, token=token, version=version)


def ids(response):
    return [f['id'] for f in response.json['flavors']]


# -- list ----------------------------------------------------------------------------

def test_list_is_sorted_by_flavorid_and_filtered(call):
    assert ids(call('GET', '/flavors', token=ALICE)) == SEEDED
    assert ids(call('GET', '/flavors?minRam=4096&minDisk=40')) == ['3', '4', '5']
    assert ids(call('GET', '/flavors?sort_key=memory_mb&sort_dir=desc&limit=2')) == ['5', '4']


def test_pages_follow_the_next_link(call):
    first = call('GET', '/flavors?limit=4')
    assert ids(first) == SEEDED[:4]
    (link,) = first.json['flavors_links']
    assert link['rel'] == 'next'
    assert link['href'].endswith('/v2.1/flavors?limit=4&marker=4')
    second = call('GET', '/flavors?limit=4&marker=4')
    assert ids(second) == SEEDED[4:8]
    last = call('GET', '/flavors/detail?limit=4&marker=d2')
    assert ids(last) == ['d3', 'd4']
    assert 'flavors_links' not in last.json


def test_marker_sorts_with_the_sort_key(call):
    page = call('GET', '/flavors?sort_key=name&limit=3&marker=c1')
    assert [f['name'] for f in page.json['flavors']] == ['ds1G', 'ds2G', 'ds4G']


@pytest.mark.parametrize('query, message', [
    ('marker=nope', 'marker [nope] not found'),
    ('minRam=abc', 'Invalid minRam filter [abc]'),
    ('minDisk=1.5', 'Invalid minDisk filter [1.5]'),
    ('is_public=maybe', 'Invalid is_public filter [maybe]'),
    ('limit=-1', "'-1' does not match"),  # Nova names the list index too
    ('sort_key=foo', "'foo' is not one of"),
    ('sort_dir=up', "'up' is not one of ['asc', 'desc']"),
])
def test_bad_list_queries_are_400(call, query, message):
    assert message in fault(call('GET', '/flavors?' + query), 400)


def test_unknown_query_parameters_are_rejected_from_2_75(call):
    assert call('GET', '/flavors?foo=bar', version='2.74').status_int == 200
    assert 'Additional properties are not allowed' in fault(
        call('GET', '/flavors/detail?foo=bar', version='2.75'), 400)


def test_private_flavors_are_seen_by_admins_and_members_of_their_projects(call):
    private = create(call, name='private', id='p1', **{'os-flavor-access:is_public': False})
    assert private.status_int == 200
    assert 'p1' not in ids(call('GET', '/flavors', token=ALICE))
    assert 'p1' not in ids(call('GET', '/flavors'))  # admin default: public only
    assert ids(call('GET', '/flavors?is_public=false')) == ['p1']
    assert 'p1' in ids(call('GET', '/flavors?is_public=None'))
    assert 'p1' not in ids(call('GET', '/flavors?is_public=false', token=ALICE))  # ignored
    assert 'could not be found' in fault(call('GET', '/flavors/p1', token=ALICE), 404)

    added = call('POST', '/flavors/p1/action', {'addTenantAccess': {'tenant': 'a11ce0000000000000'}})
    assert added.json == {'flavor_access': [{'flavor_id': 'p1', 'tenant_id': 'a11ce0000000000000'}]}
    assert 'p1' in ids(call('GET', '/flavors', token=ALICE))
    assert call('GET', '/flavors/p1', token=ALICE).status_int == 200
    assert call('GET', '/flavors/p1', token=BOB).status_int == 404


# -- show ----------------------------------------------------------------------------

def test_show_per_microversion(call):
    old = call('GET', '/flavors/1').json['flavor']
    assert old['swap'] == '' and old['rxtx_factor'] == 1.0 and 'description' not in old
    assert old['OS-FLV-DISABLED:disabled'] is False
    assert 'extra_specs' not in call('GET', '/flavors/1', version='2.60').json['flavor']
    assert call('GET', '/flavors/1', version='2.61').json['flavor']['extra_specs'] == {}
    assert call('GET', '/flavors/1', version='2.75').json['flavor']['swap'] == 0
    new = call('GET', '/flavors/1', version='2.102').json['flavor']
    assert 'rxtx_factor' not in new and 'OS-FLV-DISABLED:disabled' not in new


def test_links_keep_the_project_prefix_only_when_the_url_has_it(call):
    plain = call('GET', '/flavors/1').json['flavor']['links']
    assert plain[0]['href'] == 'http://localhost/v2.1/flavors/1'
    assert plain[1]['href'] == 'http://localhost/flavors/1'
    prefixed = call('GET', '/6f70656e737461636b/flavors/1').json['flavor']['links']
    assert prefixed[0]['href'] == 'http://localhost/v2.1/6f70656e737461636b/flavors/1'
    assert prefixed[1]['href'] == 'http://localhost/6f70656e737461636b/flavors/1'


def test_unknown_flavor_is_404(call):
    assert fault(call('GET', '/flavors/nope'), 404) == 'Flavor nope could not be found.'


# -- create, update, delete -----------------------------------------------------------

def test_create_generates_a_uuid_and_defaults(call):
    flavor = create(call, name='gen', version='2.75').json['flavor']
    assert len(flavor['id']) == 36
    assert flavor['swap'] == 0 and flavor['OS-FLV-EXT-DATA:ephemeral'] == 0
    assert flavor['os-flavor-access:is_public'] is True
    assert flavor['description'] is None and flavor['extra_specs'] == {}


def test_create_accepts_numeric_strings_and_numeric_ids(call):
    flavor = create(call, name='strings', id=42, ram='1024', vcpus='2', disk='0',
                    rxtx_factor='2.5').json['flavor']
    assert (flavor['id'], flavor['ram'], flavor['vcpus'], flavor['rxtx_factor']) == ('42', 1024, 2, 2.5)


def test_duplicates_are_409(call):
    assert create(call, name='dup', id='dup').status_int == 200
    assert fault(create(call, name='dup', id='other'), 409) == 'Flavor with name dup already exists.'
    assert fault(create(call, name='other', id='dup'), 409) == 'Flavor with ID dup already exists.'
    assert fault(create(call, name='m1.tiny', id='1'), 409) == 'Flavor with ID 1 already exists.'


@pytest.mark.parametrize('flavor, message', [
    ({'name': ''}, 'name'),
    ({'name': 'x' * 256}, 'name'),
    ({'name': ' lead'}, "An invalid 'name' value was provided."),
    ({'name': 'tab\tin'}, "An invalid 'name' value was provided."),
    ({'id': ' x'}, 'id'),
    ({'id': 'a/b'}, 'id'),
    ({'ram': 0}, 'ram'),
    ({'ram': 'abc'}, 'ram'),
    # Numeric strings are bounded as numbers, as Nova's validator does.
    ({'ram': '0'}, 'Invalid input for field/attribute ram. Value: 0. 0 is less than the minimum of 1'),
    ({'vcpus': 2 ** 31}, 'vcpus'),
    ({'disk': -1}, 'disk'),
    ({'swap': 1.5}, 'swap'),
    ({'rxtx_factor': 0}, 'rxtx_factor'),
    ({'rxtx_factor': '0'}, 'Invalid input for field/attribute rxtx_factor. Value: 0. 0 is less than or '
                           'equal to the minimum of 0'),
    ({'os-flavor-access:is_public': 'maybe'}, 'is_public'),
    ({'description': 'too early'}, 'Additional properties are not allowed'),
    ({'extra': 1}, 'Additional properties are not allowed'),
])
def test_bad_create_bodies_are_400(call, flavor, message):
    flavor.setdefault('name', 'bad')
    assert message in fault(create(call, **flavor), 400)


def test_create_body_needs_the_required_fields(call):
    assert "'ram' is a required property" in fault(
        call('POST', '/flavors', {'flavor': {'name': 'x', 'vcpus': 1, 'disk': 1}}), 400)
    assert "'flavor' is a required property" in fault(call('POST', '/flavors', {'x': {}}), 400)


def test_description_from_2_55(call):
    flavor = create(call, name='described', id='ds', description='hello', version='2.55')
    assert flavor.json['flavor']['description'] == 'hello'
    assert 'description' in fault(create(call, name='bad', description='a\nb', version='2.55'), 400)
    updated = call('PUT', '/flavors/ds', {'flavor': {'description': None}}, version='2.55')
    assert updated.json['flavor']['description'] is None
    assert fault(call('PUT', '/flavors/ds', {'flavor': {'description': 'x'}}), 404) == \
        'API version 2.1 is not supported on this method.'
    assert "'description' is a required property" in fault(
        call('PUT', '/flavors/ds', {'flavor': {}}, version='2.55'), 400)
    assert fault(call('PUT', '/flavors/nope', {'flavor': {'description': 'x'}},
                      version='2.55'), 404) == 'Flavor nope could not be found.'


def test_delete_is_202_then_404(call):
    create(call, name='gone', id='gone')
    assert call('DELETE', '/flavors/gone').status_int == 202
    assert fault(call('DELETE', '/flavors/gone'), 404) == 'Flavor gone could not be found.'


@pytest.mark.parametrize('method, path, body', [
    ('POST', '/flavors', {'flavor': {'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 1}}),
    ('PUT', '/flavors/1', {'flavor': {'description': 'x'}}),
    ('DELETE', '/flavors/1', None),
    ('POST', '/flavors/1/os-extra_specs', {'extra_specs': {'a': 'b'}}),
    ('PUT', '/flavors/1/os-extra_specs/a', {'a': 'b'}),
    ('DELETE', '/flavors/1/os-extra_specs/a', None),
    ('GET', '/flavors/1/os-flavor-access', None),
    ('POST', '/flavors/1/action', {'addTenantAccess': {'tenant': 'x'}}),
    ('POST', '/flavors/1/action', {'removeTenantAccess': {'tenant': 'x'}}),
])
def test_members_may_not_use_admin_apis(call, method, path, body):
    message = fault(call(method, path, body, token=ALICE, version='2.55'), 403)
    assert "Policy doesn't allow os_compute_api:os-flavor-" in message


# -- extra specs ---------------------------------------------------------------------

def test_extra_specs_crud(call):
    specs = {'hw:cpu_policy': 'shared', 'hw:numa_nodes': 1}
    assert call('POST', '/flavors/1/os-extra_specs', {'extra_specs': specs}).json == \
        {'extra_specs': specs}
    assert call('GET', '/flavors/1/os-extra_specs', token=ALICE).json == \
        {'extra_specs': {'hw:cpu_policy': 'shared', 'hw:numa_nodes': '1'}}
    assert call('PUT', '/flavors/1/os-extra_specs/hw:numa_nodes', {'hw:numa_nodes': '2'}).json == \
        {'hw:numa_nodes': '2'}
    assert call('GET', '/flavors/1/os-extra_specs/hw:numa_nodes', token=ALICE).json == \
        {'hw:numa_nodes': '2'}
    assert call('GET', '/flavors/1', version='2.61', token=ALICE).json['flavor']['extra_specs'] \
        == {'hw:cpu_policy': 'shared', 'hw:numa_nodes': '2'}
    deleted = call('DELETE', '/flavors/1/os-extra_specs/hw:numa_nodes')
    assert deleted.status_int == 200 and deleted.body == b''
    assert fault(call('GET', '/flavors/1/os-extra_specs/hw:numa_nodes'), 404) == \
        'Flavor 1 has no extra specs with key hw:numa_nodes.'
    assert fault(call('DELETE', '/flavors/1/os-extra_specs/hw:numa_nodes'), 404) == \
        'Flavor 1 has no extra specs with key hw:numa_nodes.'


@pytest.mark.parametrize('path, body, message', [
    ('/flavors/1/os-extra_specs/a', {'b': 'c'}, 'Request body and URI mismatch'),
    ('/flavors/1/os-extra_specs/a', {'a': 'b', 'c': 'd'}, 'a'),
    ('/flavors/1/os-extra_specs/a', {}, '{}'),
    ('/flavors/1/os-extra_specs/a', {'a': 'x' * 256}, 'a'),
    ('/flavors/1/os-extra_specs/a', {'a': None}, 'a'),
    ('/flavors/1/os-extra_specs/a', {'a/b': 'c'}, 'does not match any of the regexes'),
])
def test_bad_extra_spec_updates_are_400(call, path, body, message):
    assert message in fault(call('PUT', path, body), 400)


def test_extra_specs_of_unknown_or_hidden_flavors_are_404(call):
    assert fault(call('GET', '/flavors/nope/os-extra_specs'), 404) == \
        'Flavor nope could not be found.'
    create(call, name='hidden', id='hidden', **{'os-flavor-access:is_public': False})
    assert call('GET', '/flavors/hidden/os-extra_specs', token=ALICE).status_int == 404
    assert call('POST', '/flavors/nope/os-extra_specs', {'extra_specs': {'a': 'b'}}).status_int == 404


@pytest.mark.parametrize('key, value, message', [
    ('hw:cpu_policy', 'bogus', "'bogus' is not one of: dedicated, shared, mixed."),
    ('hw:numa_nodes', '0', "'0' is less than the min value of '1'."),
    ('hw:unknown', 'x', "extra spec 'hw:unknown' does not appear to be a valid extra spec."),
    ('trait:CUSTOM_GPU', 'maybe', "'maybe' is not one of: required, forbidden."),
    ('resources1:VCPU', 'many', "'many' is not a valid integer value."),
])
def test_extra_specs_are_validated_from_2_86(call, key, value, message):
    body = {'extra_specs': {key: value}}
    assert call('POST', '/flavors/2/os-extra_specs', body, version='2.85').status_int == 200
    assert fault(call('POST', '/flavors/2/os-extra_specs', body, version='2.86'), 400) == \
        'Validation failed; ' + message
    assert fault(call('PUT', '/flavors/2/os-extra_specs/' + key, {key: value},
                      version='2.86'), 400) == 'Validation failed; ' + message


def test_unregistered_namespaces_pass_validation(call):
    body = {'extra_specs': {'acme:thing': 'x', 'plain': 'y', 'hw:cpu_policy': 'dedicated'}}
    assert call('POST', '/flavors/2/os-extra_specs', body, version='2.86').status_int == 200


# -- flavor access --------------------------------------------------------------------

def test_access_list_and_actions(call):
    create(call, name='shared', id='sh', **{'os-flavor-access:is_public': False})
    assert call('GET', '/flavors/sh/os-flavor-access').json == {'flavor_access': []}
    add = {'addTenantAccess': {'tenant': 'proj1'}}
    assert call('POST', '/flavors/sh/action', add).status_int == 200
    assert fault(call('POST', '/flavors/sh/action', add), 409) == (
        'Flavor access already exists for flavor sh and project proj1 combination.')
    listed = call('GET', '/flavors/sh/os-flavor-access').json
    assert listed == {'flavor_access': [{'flavor_id': 'sh', 'tenant_id': 'proj1'}]}
    remove = {'removeTenantAccess': {'tenant': 'proj1'}}
    assert call('POST', '/flavors/sh/action', remove).json == {'flavor_access': []}
    assert fault(call('POST', '/flavors/sh/action', remove), 404) == (
        'Flavor access not found for sh / proj1 combination.')


def test_public_flavors_have_no_access_list_and_refuse_access_from_2_7(call):
    assert fault(call('GET', '/flavors/1/os-flavor-access'), 404) == \
        'Access list not available for public flavors.'
    add = {'addTenantAccess': {'tenant': 'proj1'}}
    assert fault(call('POST', '/flavors/1/action', add, version='2.7'), 409) == \
        'Can not add access to a public flavor.'
    assert call('POST', '/flavors/1/action', add, version='2.6').status_int == 200


@pytest.mark.parametrize('body', [
    {'addTenantAccess': {}},
    {'addTenantAccess': {'tenant': ''}},
    {'addTenantAccess': {'tenant': 'x', 'other': 1}},
    {'removeTenantAccess': {'tenant': 5}},
])
def test_bad_access_bodies_are_400(call, body):
    fault(call('POST', '/flavors/1/action', body), 400)


def test_access_actions_on_unknown_flavors_are_404(call):
    assert fault(call('POST', '/flavors/nope/action', {'addTenantAccess': {'tenant': 'p'}}),
                 404) == 'Flavor nope could not be found.'
    assert fault(call('GET', '/flavors/nope/os-flavor-access'), 404) == \
        'Flavor nope could not be found.'


# -- rendered pages ------------------------------------------------------------------

def test_a_page_asked_for_again_the_same_way_is_the_same_body_until_a_flavor_changes(call):
    first = call('GET', '/flavors/detail', version='2.61')
    assert call('GET', '/flavors/detail', version='2.61').json == first.json
    call('POST', '/flavors/1/os-extra_specs', {'extra_specs': {'hw:cpu_policy': 'dedicated'}})
    changed = call('GET', '/flavors/detail', version='2.61').json['flavors'][0]
    assert changed['extra_specs'] == {'hw:cpu_policy': 'dedicated'}
    call('PUT', '/flavors/1', {'flavor': {'description': 'one'}}, version='2.55')
    assert call('GET', '/flavors', version='2.55').json['flavors'][0]['description'] == 'one'


@pytest.mark.parametrize('first, second', [
    (dict(version='2.54'), dict(version='2.55')),   # description appears
    (dict(version='2.60'), dict(version='2.61')),   # extra specs appear
    (dict(), dict(path='/6f70656e737461636b/flavors/detail')),  # the project prefix
    (dict(), dict(path='/flavors/detail?limit=2')),
    (dict(), dict(HTTP_HOST='elsewhere:8774')),
])
def test_a_page_asked_for_another_way_is_rendered_for_it(call, first, second):
    bodies = []
    for ask in (first, second):
        ask = dict(ask)
        path = ask.pop('path', '/flavors/detail')
        environ = {'HTTP_HOST': ask.pop('HTTP_HOST')} if 'HTTP_HOST' in ask else None
        bodies.append(call('GET', path, environ=environ, **ask).json)
    assert bodies[0] != bodies[1]
