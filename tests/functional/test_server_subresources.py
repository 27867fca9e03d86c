"""A server's metadata, tags, actions, password, diagnostics and topology over HTTP, on each backend.

Each story boots servers in a project of its own. Bodies are compared with
Nova's API samples by structure where Nova has samples.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest
from sample_shape import assert_same_shape
from servers_client import ServersClient
from test_api_wire import assert_fault


def _project() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def alice(nova_api_service) -> ServersClient:
    return ServersClient(nova_api_service, 'alice', _project(), '2.1')


@pytest.fixture
def mallory(nova_api_service) -> ServersClient:
    return ServersClient(nova_api_service, 'mallory', _project(), 'latest')


@pytest.fixture
def admin(nova_api_service) -> ServersClient:
    return ServersClient(nova_api_service, 'admin', 'admin', 'latest')


@pytest.fixture
def sample(nova_samples):
    def load(folder: str, version: str, name: str) -> dict:
        path = nova_samples / folder
        if version != '2.1':
            path = path / ('v' + version)
        return json.loads((path / name).read_text())
    return load


def _active(client: ServersClient, **fields) -> str:
    created = client.boot(**fields)
    assert created.status_code == 202, created.text
    server_id = created.json()['server']['id']
    client.wait_for(server_id, 'ACTIVE')
    return server_id


# -- metadata ------------------------------------------------------------------------

def test_metadata_lists_merges_replaces_shows_sets_and_deletes(alice, sample):
    server_id = _active(alice, metadata={'a': '1'})
    base = '/servers/%s/metadata' % server_id
    updated = alice.show(server_id)['updated']

    assert alice('GET', base).json() == {'metadata': {'a': '1'}}
    merged = alice('POST', base, {'metadata': {'b': '2', 'a': 'one'}})
    assert merged.status_code == 200 and merged.json() == {'metadata': {'a': 'one', 'b': '2'}}
    nova = alice('PUT', base, sample('server-metadata', '2.1', 'server-metadata-all-req.json'))
    assert nova.json() == sample('server-metadata', '2.1', 'server-metadata-all-resp.json')
    nova = alice('PUT', base + '/foo', sample('server-metadata', '2.1', 'server-metadata-req.json'))
    assert_same_shape(nova.json(), sample('server-metadata', '2.1', 'server-metadata-resp.json'))
    replaced = alice('PUT', base, {'metadata': {'c': ''}})
    assert replaced.json() == {'metadata': {'c': ''}}
    one = alice('PUT', base + '/d', {'meta': {'d': '4'}})
    assert one.status_code == 200 and one.json() == {'meta': {'d': '4'}}
    assert alice('GET', base + '/d').json() == {'meta': {'d': '4'}}
    assert alice.show(server_id)['metadata'] == {'c': '', 'd': '4'}
    deleted = alice('DELETE', base + '/c')
    assert deleted.status_code == 204 and deleted.content == b''
    assert alice('GET', base).json() == {'metadata': {'d': '4'}}
    assert_fault(alice('GET', base + '/c'), 404, 'itemNotFound', 'Metadata item was not found')
    assert_fault(alice('DELETE', base + '/c'), 404, 'itemNotFound', 'Metadata item was not found')
    # Every change bumped updated_at: changes-since finds the server.
    assert alice.show(server_id)['updated'] >= updated
    since = alice('GET', '/servers?changes-since=%s' % updated).json()['servers']
    assert server_id in [s['id'] for s in since]


def test_metadata_refuses_bad_bodies_with_nova_400s(alice):
    server_id = _active(alice)
    base = '/servers/%s/metadata' % server_id

    malformed = alice('POST', base, data=b'{"metadata": ', headers={
        'Content-Type': 'application/json'})
    assert_fault(malformed, 400, 'badRequest', 'Malformed request body')
    assert_fault(alice('POST', base, {'metadata': {'k': 1}}), 400, 'badRequest',
                 "Invalid input for field/attribute k. Value: 1. 1 is not of type 'string'")
    assert_fault(alice('POST', base, {'metadata': ['k']}), 400, 'badRequest')
    assert_fault(alice('POST', base, {'metadata': {}, 'extra': 1}), 400, 'badRequest',
                 'Additional properties are not allowed')
    assert_fault(alice('POST', base, {'metadata': {'k' * 256: 'v'}}), 400, 'badRequest')
    assert_fault(alice('POST', base, {'metadata': {'k': 'v' * 256}}), 400, 'badRequest',
                 'is too long')
    assert_fault(alice('POST', base, {'metadata': {'bad/key': 'v'}}), 400, 'badRequest')
    assert_fault(alice('PUT', base + '/a', {'meta': {'b': '1'}}), 400, 'badRequest',
                 'Request body and URI mismatch')
    assert_fault(alice('PUT', base + '/a', {'meta': {'a': '1', 'b': '2'}}), 400, 'badRequest',
                 'has too many properties')
    assert_fault(alice('PUT', base + '/a', {'meta': {}}), 400, 'badRequest')
    assert_fault(alice('PUT', base, {}), 400, 'badRequest', "'metadata' is a required property")
    # 2.102 refuses unknown query parameters; before, they are ignored.
    assert alice('GET', base + '?foo=1').status_code == 200
    assert_fault(alice.at('2.102')('GET', base + '?foo=1'), 400, 'badRequest')


def test_metadata_quota_is_a_403(nova_api_service, admin):
    client = ServersClient(nova_api_service, 'quotas', _project(), '2.1')
    assert admin('PUT', '/os-quota-sets/%s' % client.project,
                 {'quota_set': {'metadata_items': 2}}).status_code == 200
    server_id = _active(client)
    base = '/servers/%s/metadata' % server_id

    assert client('POST', base, {'metadata': {'a': '1', 'b': '2'}}).status_code == 200
    assert_fault(client('POST', base, {'metadata': {'c': '3'}}), 403, 'forbidden',
                 'Maximum number of metadata items exceeds 2')
    assert_fault(client('PUT', base + '/c', {'meta': {'c': '3'}}), 403, 'forbidden')
    assert client('PUT', base, {'metadata': {'x': '1'}}).status_code == 200


def test_metadata_changes_wait_for_a_server_at_rest(alice):
    building = alice.boot(metadata={'nova_api:build_seconds': '30'}).json()['server']['id']
    assert_fault(alice('POST', '/servers/%s/metadata' % building, {'metadata': {'k': 'v'}}),
                 409, 'conflictingRequest',
                 "Cannot 'update metadata' instance %s while it is in vm_state building"
                 % building)
    assert_fault(alice('DELETE', '/servers/%s/metadata/nova_api:build_seconds' % building),
                 409, 'conflictingRequest', "Cannot 'delete metadata' instance")
    # Reads go on.
    assert alice('GET', '/servers/%s/metadata' % building).status_code == 200

    slow = _active(alice, metadata={'nova_api:reboot_seconds': '30'})
    assert alice.action(slow, {'reboot': {'type': 'SOFT'}}).status_code == 202
    assert_fault(alice('PUT', '/servers/%s/metadata' % slow, {'metadata': {}}), 409,
                 'conflictingRequest', 'while it is in task_state reboot')


def test_another_projects_server_is_not_found(alice, mallory, admin):
    server_id = _active(alice, metadata={'a': '1'})
    for method, path, body in (
            ('GET', '/metadata', None), ('POST', '/metadata', {'metadata': {'x': 'y'}}),
            ('PUT', '/metadata', {'metadata': {}}), ('GET', '/metadata/a', None),
            ('PUT', '/metadata/a', {'meta': {'a': 'b'}}), ('DELETE', '/metadata/a', None),
            ('GET', '/tags', None), ('PUT', '/tags', {'tags': []}), ('DELETE', '/tags', None),
            ('GET', '/tags/t', None), ('PUT', '/tags/t', None), ('DELETE', '/tags/t', None),
            ('GET', '/os-instance-actions', None), ('GET', '/os-instance-actions/req-x', None),
            ('GET', '/os-server-password', None), ('DELETE', '/os-server-password', None)):
        assert_fault(mallory(method, '/servers/%s%s' % (server_id, path), body), 404,
                     'itemNotFound')
    # An admin reaches it.
    assert admin('GET', '/servers/%s/metadata' % server_id).json() == {'metadata': {'a': '1'}}


# -- tags ----------------------------------------------------------------------------

def test_tags_from_2_26(alice, sample):
    server_id = _active(alice)
    tags = alice.at('2.26')
    base = '/servers/%s/tags' % server_id
    assert_fault(alice.at('2.25')('GET', base), 404, 'itemNotFound')
    assert_fault(alice.at('2.25')('PUT', base + '/a'), 404, 'itemNotFound')

    put = tags('PUT', base, {'tags': ['tag2', 'tag1', 'tag2']})
    assert put.status_code == 200 and put.json() == {'tags': ['tag1', 'tag2']}
    assert_same_shape(put.json(), sample('os-server-tags', '2.26', 'server-tags-put-all-resp.json'))
    assert_same_shape(tags('GET', base).json(),
                      sample('os-server-tags', '2.26', 'server-tags-index-resp.json'))
    added = tags('PUT', base + '/tag3')
    assert added.status_code == 201 and added.content == b''
    assert added.headers['Location'].endswith('/v2.1/servers/%s/tags/tag3' % server_id)
    again = tags('PUT', base + '/tag3')
    assert again.status_code == 204 and 'Location' not in again.headers
    assert tags('GET', base + '/tag3').status_code == 204
    assert_fault(tags('GET', base + '/nope'), 404, 'itemNotFound',
                 "Server %s has no tag 'nope'" % server_id)
    assert tags.show(server_id)['tags'] == ['tag1', 'tag2', 'tag3']
    assert tags('DELETE', base + '/tag1').status_code == 204
    assert_fault(tags('DELETE', base + '/tag1'), 404, 'itemNotFound',
                 "Instance %s has no tag 'tag1'" % server_id)
    assert tags('DELETE', base).status_code == 204
    assert tags('GET', base).json() == {'tags': []}


def test_tags_refuse_bad_tags_and_more_than_fifty(alice):
    server_id = _active(alice)
    tags = alice.at('latest')
    base = '/servers/%s/tags' % server_id

    assert_fault(tags('PUT', base + '/a,b'), 400, 'badRequest',
                 "Tag 'a,b' is invalid. It must be a non empty string without characters '/' "
                 "and ','.")
    assert_fault(tags('PUT', base + '/' + 'x' * 61), 400, 'badRequest', 'is too long')
    assert_fault(tags('PUT', base + '/ok', {'tag': 'x'}), 400, 'badRequest')
    assert_fault(tags('PUT', base, {'tags': ['a/b']}), 400, 'badRequest')
    assert_fault(tags('PUT', base, {'tags': 'a'}), 400, 'badRequest', "is not of type 'array'")
    assert_fault(tags('PUT', base, {'tags': [1]}), 400, 'badRequest')
    assert_fault(tags('PUT', base, {'tags': ['a'], 'x': 1}), 400, 'badRequest')
    assert_fault(tags('PUT', base, {'tags': ['t%d' % i for i in range(51)]}), 400, 'badRequest',
                 'is too long')
    assert tags('PUT', base, {'tags': ['t%d' % i for i in range(50)]}).status_code == 200
    assert_fault(tags('PUT', base + '/t51'), 400, 'badRequest',
                 'The number of tags exceeded the per-server limit 50')
    malformed = tags('PUT', base, data=b'[', headers={'Content-Type': 'application/json'})
    assert_fault(malformed, 400, 'badRequest', 'Malformed request body')


def test_tags_wait_for_a_server_at_rest(alice):
    building = alice.boot(metadata={'nova_api:build_seconds': '30'}).json()['server']['id']
    tags = alice.at('2.26')
    assert_fault(tags('PUT', '/servers/%s/tags/x' % building), 409, 'conflictingRequest',
                 "Cannot 'update tag' instance %s while it is in vm_state building" % building)
    # The state comes before the tag's own check, as in Nova.
    assert_fault(tags('PUT', '/servers/%s/tags/a,b' % building), 409, 'conflictingRequest')
    assert_fault(tags('PUT', '/servers/%s/tags' % building, {'tags': []}), 409,
                 'conflictingRequest', "'update tags'")
    assert_fault(tags('DELETE', '/servers/%s/tags' % building), 409, 'conflictingRequest',
                 "'delete tags'")
    assert tags('GET', '/servers/%s/tags' % building).json() == {'tags': []}


def test_the_list_filters_by_tags_set_through_the_api(alice):
    tags = alice.at('2.26')
    red, blue, both, none = (_active(tags) for _ in range(4))
    tags('PUT', '/servers/%s/tags' % red, {'tags': ['red']})
    tags('PUT', '/servers/%s/tags' % blue, {'tags': ['blue']})
    tags('PUT', '/servers/%s/tags' % both, {'tags': ['red', 'blue']})

    def listed(query: str) -> set[str]:
        return {s['id'] for s in tags('GET', '/servers?' + query).json()['servers']}
    assert listed('tags=red') == {red, both}
    assert listed('tags=red,blue') == {both}
    assert listed('tags-any=red,blue') == {red, blue, both}
    assert listed('not-tags=red') == {blue, none}
    assert listed('not-tags=red,blue') == {red, blue, none}
    assert listed('not-tags-any=red,blue') == {none}
    tags('DELETE', '/servers/%s/tags/red' % both)
    assert listed('tags=red') == {red}


# -- instance actions ----------------------------------------------------------------

def _actions(client: ServersClient, server_id: str, query: str = '') -> dict:
    response = client('GET', '/servers/%s/os-instance-actions%s' % (server_id, query))
    assert response.status_code == 200, response.text
    return response.json()


def _stopped_and_started(client: ServersClient) -> str:
    server_id = _active(client)
    assert client.action(server_id, {'os-stop': None}).status_code == 202
    client.wait_for(server_id, 'SHUTOFF')
    assert client.action(server_id, {'os-start': None}).status_code == 202
    client.wait_for(server_id, 'ACTIVE')
    return server_id


def test_instance_actions_list_and_show_per_microversion(alice, admin, sample):
    server_id = _stopped_and_started(alice)

    listed = _actions(alice, server_id)['instanceActions']
    assert [a['action'] for a in listed] == ['start', 'stop', 'create']
    assert_same_shape(listed[0], sample('os-instance-actions', '2.1',
                                        'instance-actions-list-resp.json')['instanceActions'][0])
    request_id = listed[1]['request_id']
    one = alice('GET', '/servers/%s/os-instance-actions/%s' % (server_id, request_id)).json()
    assert 'events' not in one['instanceAction']  # an owner before 2.51
    shown = admin.at('2.1')('GET', '/servers/%s/os-instance-actions/%s' % (
        server_id, request_id)).json()
    assert_same_shape(shown, sample('os-instance-actions', '2.1', 'instance-action-get-resp.json'))
    assert shown['instanceAction']['events'][0]['event'] == 'compute_stop_instance'

    owner_51 = alice.at('2.51')('GET', '/servers/%s/os-instance-actions/%s' % (
        server_id, request_id)).json()
    assert_same_shape(owner_51, sample('os-instance-actions', '2.51',
                                       'instance-action-get-non-admin-resp.json'))
    for version in ('2.58', '2.62', '2.84'):
        as_admin = admin.at(version)('GET', '/servers/%s/os-instance-actions/%s' % (
            server_id, request_id)).json()
        assert_same_shape(as_admin, sample('os-instance-actions', version,
                                           'instance-action-get-resp.json'))
    owner_62 = alice.at('2.62')('GET', '/servers/%s/os-instance-actions/%s' % (
        server_id, request_id)).json()['instanceAction']['events'][0]
    assert 'hostId' in owner_62 and 'host' not in owner_62 and 'traceback' not in owner_62
    owner_84 = alice.at('2.84')('GET', '/servers/%s/os-instance-actions/%s' % (
        server_id, request_id)).json()['instanceAction']['events'][0]
    assert 'details' not in owner_84
    assert_fault(alice('GET', '/servers/%s/os-instance-actions/req-nope' % server_id), 404,
                 'itemNotFound', 'Action req-nope not found')


def test_instance_actions_pages_and_changes_windows_from_2_58(alice, sample):
    server_id = _stopped_and_started(alice)
    v258 = alice.at('2.58')

    everything = _actions(v258, server_id)
    assert 'links' not in everything
    assert all(a['updated_at'] for a in everything['instanceActions'])
    page = _actions(v258, server_id, '?limit=1')
    assert_same_shape(page, sample('os-instance-actions', '2.58',
                                   'instance-actions-list-with-limit-resp.json'))
    marker = page['instanceActions'][0]['request_id']
    assert 'marker=%s' % marker in page['links'][0]['href']
    after = _actions(v258, server_id, '?marker=%s' % marker)['instanceActions']
    # The noauth2 client's actions share no request id: each page goes on from its marker.
    assert len(after) == 2
    assert_fault(v258('GET', '/servers/%s/os-instance-actions?marker=req-x' % server_id), 400,
                 'badRequest', 'req-x')
    assert_fault(v258('GET', '/servers/%s/os-instance-actions?limit=-1' % server_id), 400,
                 'badRequest')
    assert_fault(v258('GET', '/servers/%s/os-instance-actions?foo=1' % server_id), 400,
                 'badRequest')
    assert_fault(v258('GET', '/servers/%s/os-instance-actions?changes-before=2020-01-01T00:00:00Z'
                      % server_id), 400, 'badRequest')
    newest = everything['instanceActions'][0]['updated_at']
    since = _actions(v258, server_id, '?changes-since=%sZ' % newest)['instanceActions']
    assert [a['action'] for a in since] == ['start']
    v266 = alice.at('2.66')
    before = _actions(v266, server_id, '?changes-before=2000-01-01T00:00:00Z')
    assert before == {'instanceActions': []}
    assert_fault(v266('GET', '/servers/%s/os-instance-actions?changes-since=2021-01-01T00:00:00Z'
                      '&changes-before=2020-01-01T00:00:00Z' % server_id), 400, 'badRequest',
                 'The value of changes-since must be less than or equal to changes-before.')
    # Before 2.58 paging parameters are ignored.
    assert len(_actions(alice, server_id, '?limit=1')['instanceActions']) == 3


def test_the_actions_of_a_deleted_server_from_2_21(alice, admin):
    server_id = _active(alice)
    assert alice('DELETE', '/servers/%s' % server_id).status_code == 204
    alice.wait_gone(server_id)
    assert_fault(alice('GET', '/servers/%s/os-instance-actions' % server_id), 404, 'itemNotFound')
    listed = _actions(alice.at('2.21'), server_id)['instanceActions']
    assert [a['action'] for a in listed] == ['delete', 'create']
    assert [a['action'] for a in _actions(admin, server_id)['instanceActions']] == [
        'delete', 'create']


def test_a_failed_build_shows_its_error_event(alice, admin):
    created = alice.boot(metadata={'nova_api:fail': 'spawn'}).json()['server']['id']
    alice.wait_for(created, 'ERROR')
    action, = _actions(alice, created)['instanceActions']
    assert action['message'] == 'Error'
    path = '/servers/%s/os-instance-actions/%s' % (created, action['request_id'])
    event, = admin.at('2.84')('GET', path).json()['instanceAction']['events']
    assert event['result'] == 'Error' and event['traceback'] and event['details']
    # The build failed where it started: before a host was chosen, as Nova's scheduling does.
    assert {'host', 'hostId'} <= set(event)


# -- server password -----------------------------------------------------------------

def test_server_password_shows_empty_and_clears(alice, sample):
    server_id = _active(alice)
    base = '/servers/%s/os-server-password' % server_id
    shown = alice('GET', base)
    assert shown.status_code == 200 and shown.json() == {'password': ''}
    assert_same_shape(shown.json(), sample('os-server-password', '2.1', 'get-password-resp.json'))
    cleared = alice('DELETE', base)
    assert cleared.status_code == 204 and cleared.content == b''
    assert alice('GET', base).json() == {'password': ''}
    assert_fault(alice('GET', '/servers/%s/os-server-password' % uuid.uuid4()), 404,
                 'itemNotFound')


def test_a_policy_file_makes_clearing_the_password_admin_only(daemon_factory, tmp_path):
    policy = tmp_path / 'policy.yaml'
    policy.write_text('"os_compute_api:os-server-password:clear": "rule:context_is_admin"\n'
                      '"os_compute_api:os-server-tags:update_all": "rule:context_is_admin"\n')
    daemon = daemon_factory(options={'oslo_policy': {'policy_file': str(policy)}})
    member = ServersClient(daemon, 'bob', _project(), 'latest')
    server_id = _active(member)
    assert_fault(member('DELETE', '/servers/%s/os-server-password' % server_id), 403,
                 'forbidden', 'os_compute_api:os-server-password:clear')
    assert_fault(member('PUT', '/servers/%s/tags' % server_id, {'tags': []}), 403, 'forbidden')
    assert member('GET', '/servers/%s/os-server-password' % server_id).status_code == 200
    admin = ServersClient(daemon, 'admin', 'admin', 'latest')
    assert admin('DELETE', '/servers/%s/os-server-password' % server_id).status_code == 204
    time.sleep(0)  # nothing to wait for: the daemon is cleaned up by the factory


def test_a_locked_server_refuses_metadata_changes_to_its_owner_not_to_admins(alice, admin):
    server_id = _active(alice)
    assert alice.action(server_id, {'lock': None}).status_code == 202
    assert_fault(alice('POST', '/servers/%s/metadata' % server_id, {'metadata': {'k': 'v'}}),
                 409, 'conflictingRequest', 'Instance %s is locked' % server_id)
    # Tags do not look at the lock, as in Nova; an admin changes the metadata.
    assert alice.at('2.26')('PUT', '/servers/%s/tags/t' % server_id).status_code == 201
    assert admin('POST', '/servers/%s/metadata' % server_id,
                 {'metadata': {'k': 'v'}}).status_code == 200
    assert alice.action(server_id, {'unlock': None}).status_code == 202
    assert alice('DELETE', '/servers/%s/metadata/k' % server_id).status_code == 204


# -- diagnostics and topology --------------------------------------------------------

def test_diagnostics_are_for_admins_per_microversion(alice, admin, sample):
    server_id = _active(alice.at('2.37'))
    path = '/servers/%s/diagnostics' % server_id
    assert_fault(alice('GET', path), 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:os-server-diagnostics to be performed.")

    legacy = admin.at('2.47')('GET', path)
    assert legacy.status_code == 200, legacy.text
    assert {'cpu0_time', 'memory', 'vda_read', 'vda_write', 'vda_errors'} <= set(legacy.json())
    nova = sample('os-server-diagnostics', '2.1', 'server-diagnostics-get-resp.json')
    # Nova's keys per device (its sample's NIC is vnet1, ours the port's tap device).
    suffixes = {key.split('_', 1)[-1] for key in legacy.json()}
    assert suffixes == {key.split('_', 1)[-1] for key in nova}

    standard = admin.at('2.48')('GET', path).json()
    assert_same_shape(standard, sample('os-server-diagnostics', '2.48',
                                       'server-diagnostics-get-resp.json'))
    ports = alice('GET', '/servers/%s/os-interface' % server_id).json()['interfaceAttachments']
    assert [nic['mac_address'] for nic in standard['nic_details']] == [
        port['mac_addr'] for port in ports]
    assert standard['state'] == 'running' and standard['memory_details']['maximum'] == 512

    assert alice.action(server_id, {'os-stop': None}).status_code == 202
    alice.wait_for(server_id, 'SHUTOFF')
    assert_fault(admin('GET', path), 409, 'conflictingRequest',
                 "Cannot 'get_diagnostics' instance %s while it is in power state shutdown"
                 % server_id)
    assert_fault(admin('GET', '/servers/%s/diagnostics' % uuid.uuid4()), 404, 'itemNotFound')


def test_topology_from_2_78_with_host_details_for_admins(alice, admin, sample):
    flavor = 'numa-' + uuid.uuid4().hex[:8]
    assert admin('POST', '/flavors', {'flavor': {
        'name': flavor, 'id': flavor, 'vcpus': 4, 'ram': 3072, 'disk': 1}}).status_code == 200
    specs = {'hw:numa_nodes': '2', 'hw:numa_cpus.0': '0,1', 'hw:numa_cpus.1': '2,3',
             'hw:numa_mem.0': '1024', 'hw:numa_mem.1': '2048', 'hw:cpu_policy': 'dedicated',
             'hw:mem_page_size': 'small'}
    assert admin('POST', '/flavors/%s/os-extra_specs' % flavor,
                 {'extra_specs': specs}).status_code == 200
    server_id = _active(alice.at('2.37'), flavorRef=flavor)
    path = '/servers/%s/topology' % server_id

    assert_fault(alice.at('2.77')('GET', path), 404, 'itemNotFound')
    owner = alice.at('2.78')('GET', path)
    assert owner.status_code == 200, owner.text
    user_sample = sample('os-server-topology', '2.78', 'servers-topology-resp-user.json')
    assert [set(node) for node in owner.json()['nodes']] == [
        set(node) for node in user_sample['nodes']]
    assert [(node['vcpu_set'], node['memory_mb']) for node in owner.json()['nodes']] == [
        ([0, 1], 1024), ([2, 3], 2048)]
    shown = admin('GET', path).json()
    admin_sample = sample('os-server-topology', '2.78', 'servers-topology-resp.json')
    assert [set(node) for node in shown['nodes']] == [set(node) for node in admin_sample['nodes']]
    assert [node['cpu_pinning'] for node in shown['nodes']] == [{'0': 0, '1': 1}, {'2': 2, '3': 3}]
    assert shown['pagesize_kb'] == admin_sample['pagesize_kb'] == 4

    plain = _active(alice.at('2.37'))
    assert alice.at('2.78')('GET', '/servers/%s/topology' % plain).json() == {
        'nodes': [], 'pagesize_kb': None}
