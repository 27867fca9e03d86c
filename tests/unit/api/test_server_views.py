"""Server bodies: the rules behind each key, and the shape of Nova's samples at every sample version."""

from __future__ import annotations

import datetime
import json
import re
import urllib.parse

import pytest
from sample_shape import assert_same_shape
from server_records import ADMIN
from server_records import FLAVOR
from server_records import IMAGE
from server_records import MEMBER
from server_records import PROJECT
from server_records import UUID
from server_records import make_fault
from server_records import make_server
from server_records import request

from nova_api.api import microversion
from nova_api.api.views import servers as views
from nova_api.objects.servers import Address
from nova_api.objects.servers import Volume


def shown(version: str, server=None, options: views.ShowOptions = ADMIN) -> dict:
    return views.show(request(version), server or make_server(), options)['server']


# -- the core keys -------------------------------------------------------------------------

def test_links_are_versioned_self_and_unversioned_bookmark_with_the_project_when_the_url_has_it():
    with_project = views.show(request('2.1'), make_server(), MEMBER)['server']
    assert with_project['links'] == [
        {'rel': 'self', 'href': 'http://localhost/v2.1/%s/servers/%s' % (PROJECT, UUID)},
        {'rel': 'bookmark', 'href': 'http://localhost/%s/servers/%s' % (PROJECT, UUID)},
    ]
    assert with_project['image']['links'] == [
        {'rel': 'bookmark', 'href': 'http://localhost/%s/images/%s' % (PROJECT, IMAGE)}]
    assert with_project['flavor']['links'] == [
        {'rel': 'bookmark', 'href': 'http://localhost/%s/flavors/1' % PROJECT}]
    without = views.show(request('2.18', with_project=False), make_server(), MEMBER)['server']
    assert [link['href'] for link in without['links']] == [
        'http://localhost/v2.1/servers/%s' % UUID, 'http://localhost/servers/%s' % UUID]
    assert without['image']['links'][0]['href'] == 'http://localhost/images/%s' % IMAGE


def test_host_id_is_the_sha224_of_project_and_host_as_in_novas_samples():
    # Nova's samples run on the host "compute" in this project.
    assert shown('2.1')['hostId'] == '2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6'
    assert shown('2.1', make_server(host=None))['hostId'] == ''


def test_timestamps_are_printed_as_nova_prints_them():
    body = shown('2.1')
    assert body['created'] == '2013-09-03T04:01:32Z'
    assert body['updated'] == '2013-09-03T04:01:33Z'
    # The usage times are naive datetimes printed by oslo.serialization: no zone, microseconds.
    assert body['OS-SRV-USG:launched_at'] == '2013-09-23T13:37:00.880302'
    assert body['OS-SRV-USG:terminated_at'] is None
    at = datetime.datetime(2014, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    aware = shown('2.1', make_server(created_at=at, launched_at=at))
    assert aware['created'] == '2014-01-02T03:04:05Z'
    assert aware['OS-SRV-USG:launched_at'] == '2014-01-02T03:04:05.000000'


def test_a_server_never_updated_shows_the_current_time_as_nova_does():
    updated = shown('2.1', make_server(updated_at=None))['updated']
    assert re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', updated)


def test_unset_access_addresses_are_empty_strings():
    body = shown('2.1', make_server(access_ip_v4=None, access_ip_v6=None))
    assert (body['accessIPv4'], body['accessIPv6']) == ('', '')


def test_disk_config_is_auto_or_manual_everywhere():
    manual = make_server(auto_disk_config=False)
    assert shown('2.1', manual)['OS-DCF:diskConfig'] == 'MANUAL'
    assert views.created(request('2.1'), manual, None, None)['server']['OS-DCF:diskConfig'] == 'MANUAL'
    assert views.updated(request('2.1'), make_server(), MEMBER)['server']['OS-DCF:diskConfig'] == 'AUTO'


@pytest.mark.parametrize('vm_state, task_state, deleted, status', [
    ('active', None, False, 'ACTIVE'),
    ('active', 'rebooting', False, 'REBOOT'),
    ('stopped', 'resize_prep', False, 'RESIZE'),
    ('building', 'scheduling', False, 'BUILD'),
    ('error', None, False, 'ERROR'),
    ('active', None, True, 'DELETED'),
    ('no-such-state', None, False, 'UNKNOWN'),
])
def test_status_comes_from_the_state_table(vm_state, task_state, deleted, status):
    server = make_server(vm_state=vm_state, task_state=task_state, deleted=deleted)
    assert shown('2.1', server)['status'] == status


@pytest.mark.parametrize('vm_state, task_state, shows_progress', [
    ('active', None, True), ('building', None, True), ('resized', None, True),
    ('active', 'migrating', True), ('stopped', None, False), ('error', None, False),
    ('paused', None, False), ('active', 'rebooting', False),
])
def test_progress_is_shown_only_in_the_progress_statuses(vm_state, task_state, shows_progress):
    body = shown('2.1', make_server(vm_state=vm_state, task_state=task_state, progress=42))
    assert ('progress' in body) is shows_progress
    if shows_progress:
        assert body['progress'] == 42


def test_a_fault_is_shown_in_error_and_deleted_only():
    fault = make_fault(code=404)
    assert 'fault' not in shown('2.1', make_server(fault=fault))
    assert shown('2.1', make_server(vm_state='error', fault=fault))['fault'] == {
        'code': 404, 'created': '2013-09-03T04:01:40Z', 'message': 'It went wrong',
        'details': 'Traceback...'}
    assert 'fault' in shown('2.1', make_server(deleted=True, fault=fault))
    assert 'fault' not in shown('2.1', make_server(vm_state='error', fault=None))


def test_the_details_of_a_500_fault_are_for_admins_only():
    server = make_server(vm_state='error', fault=make_fault(code=500))
    assert 'details' not in shown('2.1', server, MEMBER)['fault']
    assert shown('2.1', server, ADMIN)['fault']['details'] == 'Traceback...'
    other = make_server(vm_state='error', fault=make_fault(code=400))
    assert shown('2.1', other, MEMBER)['fault']['details'] == 'Traceback...'
    empty = make_server(vm_state='error', fault=make_fault(code=400, details=''))
    assert 'details' not in shown('2.1', empty, ADMIN)['fault']


def test_addresses_are_hidden_while_building():
    assert shown('2.1', make_server(vm_state='building'))['addresses'] == {}
    assert shown('2.1')['addresses'] == {'private': [{
        'version': 4, 'addr': '192.168.1.30', 'OS-EXT-IPS:type': 'fixed',
        'OS-EXT-IPS-MAC:mac_addr': '00:0c:29:0d:11:74'}]}


def test_addresses_group_by_network_with_floating_ones_after_the_fixed():
    server = make_server(addresses=(
        Address('private', '10.0.0.3', 4, 'aa', 'fixed'),
        Address('private', '172.24.4.9', 4, 'aa', 'floating'),
        Address('public', '2001:db8::7', 6, 'bb', 'fixed'),
        Address('private', '10.0.0.4', 4, 'cc', 'fixed'),
    ))
    addresses = shown('2.1', server)['addresses']
    assert list(addresses) == ['private', 'public']
    assert [(a['addr'], a['OS-EXT-IPS:type']) for a in addresses['private']] == [
        ('10.0.0.3', 'fixed'), ('10.0.0.4', 'fixed'), ('172.24.4.9', 'floating')]


def test_a_volume_backed_server_has_no_image():
    assert shown('2.1', make_server(image_ref=None))['image'] == ''
    assert shown('2.98', make_server(image_ref=''))['image'] == ''


def test_an_image_href_shows_its_id():
    image = shown('2.1', make_server(image_ref='http://glance.example.com/v2/images/%s' % IMAGE))['image']
    assert image['id'] == IMAGE


def test_security_groups_are_names_and_left_out_when_there_are_none():
    assert shown('2.1', make_server(security_groups=('default', 'web')))['security_groups'] == [
        {'name': 'default'}, {'name': 'web'}]
    assert 'security_groups' not in shown('2.1', make_server(security_groups=()))


def test_volumes_say_delete_on_termination_from_2_3():
    assert shown('2.1')['os-extended-volumes:volumes_attached'] == [
        {'id': 'volume_id1'}, {'id': 'volume_id2'}]
    assert shown('2.3')['os-extended-volumes:volumes_attached'][0] == {
        'id': 'volume_id1', 'delete_on_termination': False}


def test_availability_zone_is_an_empty_string_when_unset():
    assert shown('2.1', make_server(availability_zone=None))['OS-EXT-AZ:availability_zone'] == ''


# -- what depends on the caller -----------------------------------------------------------

EXTENDED_2_1 = {'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:instance_name',
                'OS-EXT-SRV-ATTR:hypervisor_hostname'}
EXTENDED_2_3 = EXTENDED_2_1 | {
    'OS-EXT-SRV-ATTR:hostname', 'OS-EXT-SRV-ATTR:kernel_id', 'OS-EXT-SRV-ATTR:launch_index',
    'OS-EXT-SRV-ATTR:ramdisk_id', 'OS-EXT-SRV-ATTR:reservation_id',
    'OS-EXT-SRV-ATTR:root_device_name', 'OS-EXT-SRV-ATTR:user_data'}


def _extended(body: dict) -> set[str]:
    return {key for key in body if key.startswith('OS-EXT-SRV-ATTR:')}


def test_extended_attributes_only_with_the_policy_and_more_of_them_from_2_3():
    assert _extended(shown('2.1', options=MEMBER)) == set()
    assert _extended(shown('2.1', options=ADMIN)) == EXTENDED_2_1
    assert _extended(shown('2.3', options=ADMIN)) == EXTENDED_2_3
    body = shown('2.3', options=ADMIN)
    assert body['OS-EXT-SRV-ATTR:instance_name'] == 'instance-00000001'
    assert body['OS-EXT-SRV-ATTR:hypervisor_hostname'] == 'fake-mini'


def test_2_90_shows_the_hostname_to_everyone():
    assert _extended(shown('2.89', options=MEMBER)) == set()
    assert _extended(shown('2.90', options=MEMBER)) == {'OS-EXT-SRV-ATTR:hostname'}
    assert _extended(shown('2.90', options=ADMIN)) == EXTENDED_2_3


@pytest.mark.parametrize('mode, statuses, host, expected', [
    (views.HOST_STATUS_HIDDEN, {'compute': 'UP'}, 'compute', None),
    (views.HOST_STATUS_ANY, {'compute': 'UP'}, 'compute', 'UP'),
    (views.HOST_STATUS_ANY, {'compute': 'MAINTENANCE'}, 'compute', 'MAINTENANCE'),
    (views.HOST_STATUS_ANY, {}, 'compute', ''),
    (views.HOST_STATUS_ANY, {'compute': 'UP'}, None, ''),
    (views.HOST_STATUS_UNKNOWN_ONLY, {'compute': 'UP'}, 'compute', None),
    (views.HOST_STATUS_UNKNOWN_ONLY, {'compute': 'UNKNOWN'}, 'compute', 'UNKNOWN'),
    (views.HOST_STATUS_UNKNOWN_ONLY, {}, None, None),
])
def test_host_status_from_2_16_as_the_policy_mode_allows(mode, statuses, host, expected):
    options = views.ShowOptions(host_status=mode, host_statuses=statuses)
    server = make_server(host=host)
    assert 'host_status' not in shown('2.15', server, options)
    for body in (shown('2.16', server, options),
                 views.detail(request('2.16'), [server], None, options)['servers'][0]):
        assert body.get('host_status') == expected


def test_host_status_mode_prefers_the_broader_policy():
    assert views.host_status_mode(True, True) == views.HOST_STATUS_ANY
    assert views.host_status_mode(False, True) == views.HOST_STATUS_UNKNOWN_ONLY
    assert views.host_status_mode(False, False) == views.HOST_STATUS_HIDDEN


def test_the_flavor_is_a_link_before_2_47_and_embedded_after():
    assert shown('2.46')['flavor'] == {'id': '1', 'links': [
        {'rel': 'bookmark', 'href': 'http://localhost/%s/flavors/1' % PROJECT}]}
    assert shown('2.47', options=MEMBER)['flavor'] == {
        'vcpus': 1, 'ram': 512, 'disk': 1, 'ephemeral': 0, 'swap': 0, 'original_name': 'm1.tiny',
        'extra_specs': {'hw:numa_nodes': '1'}}
    assert 'extra_specs' not in shown('2.47', options=views.ShowOptions())['flavor']
    assert shown('2.47', make_server(flavor={}))['flavor'] == {}


def test_image_properties_from_2_98_are_the_standard_ones_that_are_set():
    server = make_server(image_properties={
        'architecture': 'x86_64', 'hw_disk_bus': 'virtio', 'os_distro': None,
        'my_own_property': 'x', 'mappings': '[]', 'min_ram': '0'})
    assert 'properties' not in shown('2.97', server)['image']
    assert shown('2.98', server)['image']['properties'] == {
        'architecture': 'x86_64', 'hw_disk_bus': 'virtio'}


def test_server_groups_in_show_and_update_from_2_71_but_never_in_detail():
    options = views.ShowOptions(server_groups={UUID: ['f3d86fe6-4246-4be8-b87c-eb894626c741']})
    assert 'server_groups' not in shown('2.70', options=options)
    assert shown('2.71', options=options)['server_groups'] == ['f3d86fe6-4246-4be8-b87c-eb894626c741']
    assert shown('2.71', options=views.ShowOptions())['server_groups'] == []
    assert views.updated(request('2.71'), make_server(), options)['server']['server_groups'] == [
        'f3d86fe6-4246-4be8-b87c-eb894626c741']
    assert 'server_groups' not in views.detail(request('2.104'), [make_server()], None,
                                               options)['servers'][0]


@pytest.mark.parametrize('version, key', [
    ('2.9', 'locked'), ('2.19', 'description'), ('2.26', 'tags'),
    ('2.63', 'trusted_image_certificates'), ('2.73', 'locked_reason'),
    ('2.96', 'pinned_availability_zone'), ('2.100', 'scheduler_hints'),
])
def test_versioned_keys_appear_at_their_microversion(version, key):
    before = microversion.APIVersion.parse(version)._replace(
        minor=microversion.APIVersion.parse(version).minor - 1)
    assert key not in shown(str(before))
    assert key in shown(version)
    assert key in views.detail(request(version), [make_server()], None, MEMBER)['servers'][0]


def test_versioned_values():
    locked = make_server(locked_by='owner', locked_reason='maintenance', tags=('a', 'b'),
                         description='web server', trusted_certs=('c1', 'c2'))
    body = shown('2.104', locked)
    assert (body['locked'], body['locked_reason'], body['tags'], body['description']) == (
        True, 'maintenance', ['a', 'b'], 'web server')
    assert body['trusted_image_certificates'] == ['c1', 'c2']
    assert shown('2.104')['trusted_image_certificates'] is None
    assert shown('2.104', make_server(trusted_certs=()))['trusted_image_certificates'] == []
    assert shown('2.104')['locked'] is False
    assert shown('2.104', make_server(scheduler_hints={}))['scheduler_hints'] == {}


# -- update and rebuild ---------------------------------------------------------------------

CORE = {'accessIPv4', 'accessIPv6', 'addresses', 'created', 'flavor', 'hostId', 'id', 'image',
        'links', 'metadata', 'name', 'progress', 'status', 'tenant_id', 'updated', 'user_id',
        'OS-DCF:diskConfig'}


def test_update_before_2_75_shows_the_core_and_the_versioned_keys():
    assert set(views.updated(request('2.1'), make_server(), ADMIN)['server']) == CORE
    body = views.updated(request('2.74'), make_server(), ADMIN)['server']
    assert set(body) == CORE | {'locked', 'description', 'tags', 'trusted_image_certificates',
                                'server_groups', 'locked_reason'}
    assert body['addresses']['private'][0] == {'version': 4, 'addr': '192.168.1.30'}


def test_update_from_2_75_shows_what_show_shows():
    req = request('2.75')
    assert views.updated(req, make_server(), ADMIN) == views.show(req, make_server(), ADMIN)
    req = request('2.104')
    assert views.updated(req, make_server(), MEMBER) == views.show(req, make_server(), MEMBER)


def test_rebuild_adds_key_name_from_2_54_and_user_data_from_2_57():
    rebuilt = views.rebuilt(request('2.53'), make_server(key_name='k'), ADMIN, 'pw')['server']
    assert set(rebuilt) == CORE | {'locked', 'description', 'tags', 'adminPass'}
    assert views.rebuilt(request('2.54'), make_server(key_name='k'), ADMIN, None)['server'][
        'key_name'] == 'k'
    assert 'user_data' in views.rebuilt(request('2.57'), make_server(), ADMIN, None)['server']
    full = views.rebuilt(request('2.75'), make_server(), ADMIN, None)['server']
    # From 2.75 all of show, but user_data is the plain key, not the extended attribute.
    assert 'OS-EXT-SRV-ATTR:user_data' not in full
    assert set(full) - {'user_data'} == set(shown('2.75')) - {'OS-EXT-SRV-ATTR:user_data'}


# -- create, reservation, list ---------------------------------------------------------------

def test_create_echoes_the_security_groups_or_default_and_the_password_when_given():
    body = views.created(request('2.1'), make_server(), 'secret', None)['server']
    assert body['security_groups'] == [{'name': 'default'}]
    assert body['adminPass'] == 'secret'
    asked = views.created(request('2.1'), make_server(), None, [{'name': 'web'}])['server']
    assert asked['security_groups'] == [{'name': 'web'}]
    assert 'adminPass' not in asked
    assert asked['links'][0]['href'] == 'http://localhost/v2.1/%s/servers/%s' % (PROJECT, UUID)


def test_reservation_id_body():
    assert views.reservation('r-3fhpjulh') == {'reservation_id': 'r-3fhpjulh'}


def _servers(count: int) -> list:
    return [make_server(id=index + 1, uuid='00000000-0000-0000-0000-%012d' % index)
            for index in range(count)]


def test_a_full_page_links_to_the_next_after_its_last_server():
    servers = _servers(2)
    req = request('2.1', '/servers/detail', 'status=ACTIVE&limit=2')
    body = views.detail(req, servers, 2, MEMBER)
    assert body['servers_links'] == [{'rel': 'next', 'href':
        'http://localhost/v2.1/%s/servers/detail?limit=2&marker=%s&status=ACTIVE' % (
            PROJECT, servers[-1].uuid)}]
    index = views.index(request('2.1', '/servers', 'limit=2'), servers, 2)
    assert index['servers_links'][0]['href'] == 'http://localhost/v2.1/%s/servers?limit=2&marker=%s' % (
        PROJECT, servers[-1].uuid)
    assert 'servers_links' not in views.index(request('2.1'), servers, 3)
    assert 'servers_links' not in views.detail(request('2.1'), servers, None, MEMBER)


def test_index_is_ids_names_and_links():
    [item] = views.index(request('2.1'), [make_server()], 1000)['servers']
    assert set(item) == {'id', 'name', 'links'}


def test_detail_shows_each_server_as_show_does_but_server_groups():
    servers = _servers(3)
    req = request('2.104', '/servers/detail')
    detailed = views.detail(req, servers, None, ADMIN)['servers']
    for server, body in zip(servers, detailed, strict=True):
        alone = views.show(req, server, ADMIN)['server']
        del alone['server_groups']
        assert body == alone


def test_bodies_share_nothing_mutable_with_the_record():
    server = make_server()
    body = shown('2.104', server)
    body['metadata']['x'] = 'y'
    body['flavor']['extra_specs']['x'] = 'y'
    body['scheduler_hints']['x'] = 'y'
    assert 'x' not in server.metadata and 'x' not in FLAVOR['extra_specs']
    assert 'x' not in server.scheduler_hints


# -- Nova's samples -------------------------------------------------------------------------

#: Which file holds which body in a samples folder (2.19 named the PUT body server-put-resp).
SAMPLE_FILES = {
    'show': ('server-get-resp.json',),
    'detail': ('servers-details-resp.json',),
    'index': ('servers-list-resp.json',),
    'update': ('server-update-resp.json', 'server-put-resp.json'),
    'create': ('server-create-resp.json',),
    'rebuild': ('server-action-rebuild-resp.json',),
}
#: 2.69's show, detail and list samples are servers of a cell that is down: nova_api has one
#: cell, always up, so at 2.69 its bodies are those of the samples before.
DOWN_CELL_SAMPLES = {('2.69', 'show'), ('2.69', 'detail'), ('2.69', 'index')}


def _folders(samples) -> list[tuple[str, object]]:
    folders = [('2.1', samples / 'servers')]
    folders += [(path.name[1:], path) for path in (samples / 'servers').iterdir()
                if path.is_dir() and path.name.startswith('v')]
    return sorted(folders, key=lambda item: microversion.APIVersion.parse(item[0]))


SAMPLE_VERSIONS = ['2.1', '2.3', '2.9', '2.16', '2.17', '2.19', '2.26', '2.32', '2.37', '2.42',
                   '2.45', '2.47', '2.52', '2.54', '2.57', '2.63', '2.66', '2.67', '2.69', '2.71',
                   '2.73', '2.74', '2.75', '2.90', '2.94', '2.96', '2.98', '2.100', '2.104']


def test_every_sample_folder_is_tested(nova_samples):
    assert [version for version, _ in _folders(nova_samples)] == SAMPLE_VERSIONS


def _sample_path(nova_samples, version: str, kind: str):
    """The file of ``kind`` in the folder of ``version`` itself, or None."""
    folder = dict(_folders(nova_samples))[version]
    for name in SAMPLE_FILES[kind]:
        if (folder / name).is_file():
            return folder / name
    return None


def _caller(version: str) -> views.ShowOptions:
    """Who Nova's sample tests were: an admin before 2.90, a project member from 2.90."""
    if microversion.APIVersion.parse(version) >= microversion.APIVersion(2, 90):
        return MEMBER
    return ADMIN


def _fitted(nova: dict):
    """A record holding the sample's data (metadata, tags, specs...): the keys are ours to get right."""
    flavor = nova.get('flavor', {})
    image = nova.get('image')
    return make_server(
        metadata=nova.get('metadata', {}), tags=tuple(nova.get('tags', ())),
        trusted_certs=(None if nova.get('trusted_image_certificates') is None
                       else tuple(nova['trusted_image_certificates'])),
        flavor={**FLAVOR, 'extra_specs': flavor.get('extra_specs', {})},
        image_properties=image.get('properties', {}) if isinstance(image, dict) else {},
        scheduler_hints=nova.get('scheduler_hints', {}),
        kernel_id=nova.get('OS-EXT-SRV-ATTR:kernel_id', ''),
        ramdisk_id=nova.get('OS-EXT-SRV-ATTR:ramdisk_id', ''),
        description=nova.get('description'), locked_reason=nova.get('locked_reason'),
        key_name=nova.get('key_name'), pinned_availability_zone=nova.get('pinned_availability_zone'),
        locked_by='admin' if nova.get('locked') else None,
        volumes=tuple(Volume(volume['id'], False)
                      for volume in nova.get('os-extended-volumes:volumes_attached', ())))


def _render(kind: str, version: str, nova_body: dict) -> dict:
    options = _caller(version)
    if kind in ('index', 'detail'):
        nova = nova_body['servers'][0]
        req = request(version, '/servers' + ('/detail' if kind == 'detail' else ''),
                      'limit=1' if 'servers_links' in nova_body else '')
        limit = 1 if 'servers_links' in nova_body else None
        server = _fitted(nova)
        return (views.index(req, [server], limit) if kind == 'index'
                else views.detail(req, [server], limit, options))
    nova = nova_body['server']
    server = _fitted(nova)
    options = views.ShowOptions(**{**{field: getattr(options, field) for field in (
        'extended_attributes', 'host_status', 'flavor_extra_specs', 'host_statuses', 'is_admin')},
        'server_groups': {server.uuid: nova.get('server_groups', [])}})
    req = request(version)
    if kind == 'show':
        return views.show(req, server, options)
    if kind == 'update':
        return views.updated(req, server, options)
    if kind == 'rebuild':
        return views.rebuilt(req, server, options, nova.get('adminPass'))
    return views.created(req, server, nova.get('adminPass'), None)


@pytest.mark.parametrize('version', SAMPLE_VERSIONS)
def test_bodies_have_the_shape_of_novas_samples(nova_samples, version):
    """Each body with a sample in the folder of ``version``, rendered at that version."""
    checked = []
    for kind in SAMPLE_FILES:
        path = _sample_path(nova_samples, version, kind)
        if path is None or (version, kind) in DOWN_CELL_SAMPLES:
            continue
        nova = json.loads(path.read_text())
        try:
            assert_same_shape(_render(kind, version, nova), nova)
        except AssertionError as error:
            raise AssertionError('%s at %s: %s' % (kind, version, error)) from None
        checked.append(kind)
    # Some folders hold only other resources' bodies (2.17: trigger_crash_dump's request).
    assert checked or version in ('2.17', '2.45'), 'no server body in the %s folder' % version


@pytest.mark.parametrize('kind', ['show', 'detail', 'index'])
def test_2_69_bodies_are_those_before_it_as_no_cell_is_ever_down(nova_samples, kind):
    nova = json.loads(_sample_path(nova_samples, '2.63' if kind != 'index' else '2.52',
                                   kind).read_text())
    assert_same_shape(_render(kind, '2.69', nova), nova)


def test_the_sorted_list_sample(nova_samples):
    nova = json.loads((nova_samples / 'servers-sort' / 'server-sort-keys-list-resp.json').read_text())
    req = request('2.1', '/servers', 'sort_key=display_name&sort_dir=asc')
    assert_same_shape(views.index(req, [make_server()], 1000), nova)


def test_a_filtered_next_link_keeps_novas_query(nova_samples):
    """The same parameters as Nova's link; ours are sorted with the marker among them (pagination)."""
    nova = json.loads((nova_samples / 'servers' / 'servers-list-status-resp.json').read_text())
    server = make_server(uuid=nova['servers'][0]['id'])
    ours = views.index(request('2.1', '/servers', 'limit=1&status=error'), [server], 1)
    assert_same_shape(ours, nova)
    [theirs], [mine] = nova['servers_links'], ours['servers_links']
    assert sorted(urllib.parse.parse_qsl(urllib.parse.urlsplit(mine['href']).query)) == sorted(
        urllib.parse.parse_qsl(urllib.parse.urlsplit(theirs['href']).query))
    assert urllib.parse.urlsplit(mine['href']).path == urllib.parse.urlsplit(theirs['href']).path
