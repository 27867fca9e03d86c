"""A server's interfaces and volumes, and the external events, over HTTP on both backends.

Ports and volumes are simulated in the database: attaching an interface
gives the server a new address on the network (its ``addresses`` follow),
attaching a volume names a device (its ``volumes_attached`` follow). The
bodies are compared with Nova's samples at each microversion they have.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import uuid

from network_client import NetworkClient
from sample_shape import assert_same_shape
from servers_client import ServersClient
from test_api_wire import assert_fault
from test_clients import client_env
from test_clients import openstack
from test_clients import unique

NOVA = str(pathlib.Path(sys.executable).with_name('nova'))


def _active(client: ServersClient, **fields) -> str:
    server_id = client.boot(**fields).json()['server']['id']
    client.wait_for(server_id, 'ACTIVE')
    return server_id


def _private_net(client: ServersClient) -> str:
    networks = client.at('2.35')('GET', '/os-networks').json()['networks']
    return next(network['id'] for network in networks if network['label'] == 'private')


def _sample(nova_samples, folder: str, version: str | None, name: str):
    path = nova_samples / folder / (('v' + version) if version else '') / name
    return json.loads(path.read_text())


# -- os-interface -------------------------------------------------------------------------

def test_interfaces_list_attach_show_detach_and_the_addresses_follow(alice, nova_samples):
    at_270 = alice.at('2.70')
    # The network's device tag given at boot (2.42) is the port's.
    server_id = _active(at_270, networks=[{'uuid': _private_net(alice), 'tag': 'public'}])
    path = '/servers/%s/os-interface' % server_id

    listed = alice('GET', path)
    assert listed.status_code == 200, listed.text
    assert_same_shape(listed.json(), _sample(nova_samples, 'os-attach-interfaces', None,
                                             'attach-interfaces-list-resp.json'))
    [first] = listed.json()['interfaceAttachments']
    server = alice.show(server_id)
    [address] = server['addresses']['private']
    assert first['fixed_ips'][0]['ip_address'] == address['addr']
    assert first['mac_addr'] == address['OS-EXT-IPS-MAC:mac_addr']
    assert first['net_id'] == _private_net(alice) and first['port_state'] == 'ACTIVE'
    listed_270 = at_270('GET', path).json()
    assert_same_shape(listed_270, _sample(nova_samples, 'os-attach-interfaces', '2.70',
                                          'attach-interfaces-list-resp.json'))
    assert listed_270['interfaceAttachments'][0]['tag'] == 'public'

    attached = at_270('POST', path, {'interfaceAttachment': {'net_id': first['net_id'],
                                                             'tag': 'nic2'}})
    assert attached.status_code == 200, attached.text
    assert_same_shape(attached.json(), _sample(nova_samples, 'os-attach-interfaces', '2.70',
                                               'attach-interfaces-create-resp.json'))
    port = attached.json()['interfaceAttachment']
    assert port['tag'] == 'nic2' and port['net_id'] == first['net_id']
    shown = alice('GET', '%s/%s' % (path, port['port_id']))
    assert shown.status_code == 200
    assert_same_shape(shown.json(), _sample(nova_samples, 'os-attach-interfaces', None,
                                            'attach-interfaces-show-resp.json'))
    new_address = port['fixed_ips'][0]['ip_address']
    addresses = alice.show(server_id)['addresses']['private']
    assert [a['addr'] for a in addresses] == [address['addr'], new_address]
    assert alice('GET', '/servers/%s/ips' % server_id).json()['addresses']['private'][1] == {
        'addr': new_address, 'version': 4}

    # An address asked for, then the same one again: in use.
    wanted = '10.0.0.%d' % (200 + uuid.uuid4().int % 50)
    fixed = alice.at('2.49')('POST', path, {'interfaceAttachment': {
        'net_id': first['net_id'], 'fixed_ips': [{'ip_address': wanted}]}})
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()['interfaceAttachment']['fixed_ips'][0]['ip_address'] == wanted
    assert 'tag' not in fixed.json()['interfaceAttachment']
    assert_fault(alice('POST', path, {'interfaceAttachment': {
        'net_id': first['net_id'], 'fixed_ips': [{'ip_address': wanted}]}}), 409,
        'conflictingRequest', 'Fixed IP %s is already in use.' % wanted)

    detached = alice('DELETE', '%s/%s' % (path, port['port_id']))
    assert detached.status_code == 202 and detached.content == b''
    assert [p['port_id'] for p in alice('GET', path).json()['interfaceAttachments']] == [
        first['port_id'], fixed.json()['interfaceAttachment']['port_id']]
    assert [a['addr'] for a in alice.show(server_id)['addresses']['private']] == [
        address['addr'], wanted]
    assert_fault(alice('GET', '%s/%s' % (path, port['port_id'])), 404, 'itemNotFound',
                 'Port id %s could not be found.' % port['port_id'])


def test_interface_requests_nova_refuses(alice, nova_api_service):
    server_id = _active(alice)
    other_id = _active(alice)
    path = '/servers/%s/os-interface' % server_id
    net = _private_net(alice)
    [other_port] = alice('GET', '/servers/%s/os-interface' % other_id).json()[
        'interfaceAttachments']
    missing = str(uuid.uuid4())
    for body, code, name, message in (
            ({'interfaceAttachment': {'net_id': net, 'port_id': missing}}, 400, 'badRequest',
             'Must not input both network_id and port_id'),
            ({'interfaceAttachment': {'fixed_ips': [{'ip_address': '10.0.0.9'}]}}, 400,
             'badRequest', 'Must input network_id when request IP address'),
            ({'interfaceAttachment': {'net_id': net, 'fixed_ips': [{'ip_address': '192.0.2.1'}]}},
             400, 'badRequest', 'is not a valid ip address for network'),
            ({'interfaceAttachment': {'net_id': 'not-a-uuid'}}, 400, 'badRequest', None),
            ({'interfaceAttachment': {'tag': 'before-2.49'}}, 400, 'badRequest', None),
            ({'interfaceAttachment': {'extra': 1}}, 400, 'badRequest', None),
            ({'interfaceAttachment': {'net_id': missing}}, 404, 'itemNotFound',
             'Network %s could not be found.' % missing),
            ({'interfaceAttachment': {'port_id': missing}}, 404, 'itemNotFound',
             'Port id %s could not be found.' % missing),
            ({'interfaceAttachment': {'port_id': other_port['port_id']}}, 409,
             'conflictingRequest', 'Port %s is still in use.' % other_port['port_id'])):
        assert_fault(alice('POST', path, body), code, name, message)
    # Another server's port is not this server's.
    assert_fault(alice('GET', '%s/%s' % (path, other_port['port_id'])), 404, 'itemNotFound',
                 'Instance %s does not have a port with id %s' % (server_id,
                                                                   other_port['port_id']))
    # No interface appeared on the way.
    assert len(alice('GET', path).json()['interfaceAttachments']) == 1
    # From 2.102 the list and show refuse unknown query parameters.
    assert alice('GET', path + '?foo=1').status_code == 200
    assert_fault(alice.at('2.102')('GET', path + '?foo=1'), 400, 'badRequest')


def test_interfaces_in_the_wrong_state_are_409_and_a_stopped_server_takes_them(alice):
    building = alice.boot(metadata={'nova_api:build_seconds': '20'}).json()['server']['id']
    assert_fault(alice('POST', '/servers/%s/os-interface' % building,
                       {'interfaceAttachment': {}}), 409, 'conflictingRequest',
                 "Cannot 'attach_interface' instance %s while it is in vm_state building"
                 % building)
    assert_fault(alice('DELETE', '/servers/%s/os-interface/%s' % (building, uuid.uuid4())), 409,
                 'conflictingRequest', "Cannot 'detach_interface' instance %s" % building)

    stopped = _active(alice)
    assert alice.action(stopped, {'os-stop': None}).status_code == 202
    assert_fault(alice('POST', '/servers/%s/os-interface' % stopped, {'interfaceAttachment': {}}),
                 409, 'conflictingRequest', 'while it is in task_state powering-off')
    alice.wait_for(stopped, 'SHUTOFF')
    attached = alice('POST', '/servers/%s/os-interface' % stopped, {'interfaceAttachment': {}})
    assert attached.status_code == 200, attached.text
    assert len(alice.show(stopped)['addresses']['private']) == 2


def test_another_projects_server_is_404_and_members_are_refused_the_service_apis(alice, mallory):
    server_id = _active(alice)
    volume = str(uuid.uuid4())
    assert alice('POST', '/servers/%s/os-volume_attachments' % server_id,
                 {'volumeAttachment': {'volumeId': volume}}).status_code == 200
    [port] = alice('GET', '/servers/%s/os-interface' % server_id).json()['interfaceAttachments']
    for method, path, body in (
            ('GET', '/os-interface', None),
            ('POST', '/os-interface', {'interfaceAttachment': {}}),
            ('GET', '/os-interface/%s' % port['port_id'], None),
            ('DELETE', '/os-interface/%s' % port['port_id'], None),
            ('GET', '/os-volume_attachments', None),
            ('POST', '/os-volume_attachments', {'volumeAttachment': {'volumeId': volume}}),
            ('GET', '/os-volume_attachments/%s' % volume, None),
            ('PUT', '/os-volume_attachments/%s' % volume, {'volumeAttachment': {
                'volumeId': volume}}),
            ('DELETE', '/os-volume_attachments/%s' % volume, None)):
        assert_fault(mallory(method, '/servers/%s%s' % (server_id, path), body), 404,
                     'itemNotFound')
    assert_fault(alice('POST', '/os-server-external-events', {'events': [
        {'name': 'network-changed', 'server_uuid': server_id}]}), 403, 'forbidden')


# -- os-volume_attachments ------------------------------------------------------------------

def test_volumes_attach_list_show_detach_at_each_microversion(alice, nova_samples):
    server_id = _active(alice)
    path = '/servers/%s/os-volume_attachments' % server_id
    first, second, third = (str(uuid.uuid4()) for _ in range(3))

    attached = alice('POST', path, {'volumeAttachment': {'volumeId': first,
                                                         'device': '/dev/sdb'}})
    assert attached.status_code == 200, attached.text
    assert_same_shape(attached.json(), _sample(nova_samples, 'os-volume_attachments', None,
                                               'attach-volume-to-server-resp.json'))
    assert attached.json()['volumeAttachment'] == {
        'id': first, 'volumeId': first, 'serverId': server_id, 'device': '/dev/vdb'}
    tagged = alice.at('2.79')('POST', path, {'volumeAttachment': {
        'volumeId': second, 'tag': 'foo', 'delete_on_termination': True}})
    assert tagged.status_code == 200, tagged.text
    assert_same_shape(tagged.json(), _sample(nova_samples, 'os-volume_attachments', '2.79',
                                             'attach-volume-to-server-resp.json'))
    assert tagged.json()['volumeAttachment']['device'] == '/dev/vdc'
    later = alice.at('2.101')('POST', path, {'volumeAttachment': {'volumeId': third}})
    assert later.status_code == 202 and later.content == b''

    for version, folder in (('2.1', None), ('2.70', '2.70'), ('2.79', '2.79'), ('2.89', '2.89')):
        at = alice.at(version)
        listed = at('GET', path + '?limit=2&offset=1')  # the image's root disk comes first
        assert listed.status_code == 200, listed.text
        assert_same_shape(listed.json(), _sample(nova_samples, 'os-volume_attachments', folder,
                                                 'list-volume-attachments-resp.json'))
        shown = at('GET', '%s/%s' % (path, second))
        assert_same_shape(shown.json(), _sample(nova_samples, 'os-volume_attachments', folder,
                                                'volume-attachment-detail-resp.json'))
    everything = alice.at('2.89')('GET', path).json()['volumeAttachments']
    assert [(a['volumeId'], a['device'], a['tag'], a['delete_on_termination'])
            for a in everything] == [(first, '/dev/vdb', None, False),
                                     (second, '/dev/vdc', 'foo', True),
                                     (third, '/dev/vdd', None, False)]
    assert len(alice('GET', path + '?limit=1').json()['volumeAttachments']) == 0  # the root disk
    volumes = alice.at('2.3').show(server_id)['os-extended-volumes:volumes_attached']
    assert volumes == [{'id': first, 'delete_on_termination': False},
                       {'id': second, 'delete_on_termination': True},
                       {'id': third, 'delete_on_termination': False}]

    detached = alice('DELETE', '%s/%s' % (path, second))
    assert detached.status_code == 202 and detached.content == b''
    assert [v['id'] for v in alice.show(server_id)['os-extended-volumes:volumes_attached']] == [
        first, third]
    assert_fault(alice('GET', '%s/%s' % (path, second)), 404, 'itemNotFound',
                 'Instance %s is not attached to volume %s' % (server_id, second))
    assert_fault(alice('DELETE', '%s/%s' % (path, second)), 404, 'itemNotFound',
                 'Volume %s could not be found.' % second)
    # The freed device name is given again.
    again = alice('POST', path, {'volumeAttachment': {'volumeId': second}}).json()
    assert again['volumeAttachment']['device'] == '/dev/vdc'


def test_volume_requests_nova_refuses(alice, nova_api_service):
    server_id = _active(alice)
    other_id = _active(alice)
    path = '/servers/%s/os-volume_attachments' % server_id
    volume = str(uuid.uuid4())
    assert alice('POST', path, {'volumeAttachment': {'volumeId': volume,
                                                     'device': '/dev/vdb'}}).status_code == 200
    for body, code, message in (
            ({'volumeAttachment': {'volumeId': 'nope'}}, 400, None),
            ({'volumeAttachment': {}}, 400, None),
            ({'volumeAttachment': {'volumeId': str(uuid.uuid4()), 'device': 'vdb'}}, 400, None),
            ({'volumeAttachment': {'volumeId': str(uuid.uuid4()), 'tag': 'x'}}, 400, None),
            ({'volumeAttachment': {'volumeId': volume}}, 400,
             'Invalid volume: volume %s is already attached to instances: %s' % (volume,
                                                                                 server_id)),
            ({'volumeAttachment': {'volumeId': str(uuid.uuid4()), 'device': '/dev/vdb'}}, 409,
             'The supplied device path (/dev/vdb) is in use.')):
        assert_fault(alice('POST', path, body), code, 'badRequest' if code == 400 else
                     'conflictingRequest', message)
    assert_fault(alice('POST', '/servers/%s/os-volume_attachments' % other_id,
                       {'volumeAttachment': {'volumeId': volume}}), 400, 'badRequest',
                 'is already attached to instances: %s' % server_id)
    assert_fault(alice('GET', path + '?limit=-1'), 400, 'badRequest')
    assert_fault(alice.at('2.75')('GET', path + '?foo=1'), 400, 'badRequest')

    building = alice.boot(metadata={'nova_api:build_seconds': '20'}).json()['server']['id']
    assert_fault(alice('POST', '/servers/%s/os-volume_attachments' % building,
                       {'volumeAttachment': {'volumeId': str(uuid.uuid4())}}), 409,
                 'conflictingRequest',
                 "Cannot 'attach_volume' instance %s while it is in vm_state building" % building)


def test_the_root_volume_of_a_volume_backed_server_is_not_detached(alice):
    root = str(uuid.uuid4())
    server_id = _active(alice, imageRef='', block_device_mapping_v2=[{
        'boot_index': 0, 'uuid': root, 'source_type': 'volume', 'destination_type': 'volume'}])
    path = '/servers/%s/os-volume_attachments' % server_id
    listed = alice.at('2.89')('GET', path).json()['volumeAttachments']
    assert [a['volumeId'] for a in listed] == [root]
    assert_fault(alice('DELETE', '%s/%s' % (path, root)), 400, 'badRequest',
                 'Cannot detach a root device volume')
    assert alice('POST', path, {'volumeAttachment': {'volumeId': str(uuid.uuid4())}}).json()[
        'volumeAttachment']['device'] == '/dev/vdb'


def test_updating_and_swapping_a_volume_attachment(alice, admin, nova_samples):
    server_id = _active(alice)
    path = '/servers/%s/os-volume_attachments' % server_id
    volume, other = str(uuid.uuid4()), str(uuid.uuid4())
    at_285 = alice.at('2.85')
    assert at_285('POST', path, {'volumeAttachment': {'volumeId': volume,
                                                      'tag': 'foo'}}).status_code == 200

    request = _sample(nova_samples, 'os-volume_attachments', '2.85',
                      'update-volume-attachment-delete-flag-req.json')
    request['volumeAttachment']['volumeId'] = volume
    updated = at_285('PUT', '%s/%s' % (path, volume), request)
    assert updated.status_code == 202 and updated.content == b''
    assert at_285('GET', '%s/%s' % (path, volume)).json()['volumeAttachment'][
        'delete_on_termination'] is True
    # The fields a show gives back may come back, unchanged.
    shown = at_285('GET', '%s/%s' % (path, volume)).json()['volumeAttachment']
    assert at_285('PUT', '%s/%s' % (path, volume), {'volumeAttachment': dict(
        shown, delete_on_termination='false')}).status_code == 202
    assert_fault(at_285('PUT', '%s/%s' % (path, volume), {'volumeAttachment': {
        'volumeId': volume, 'tag': 'bar'}}), 400, 'badRequest', 'The tag property is not mutable')
    assert_fault(at_285('PUT', '%s/%s' % (path, other), {'volumeAttachment': {
        'volumeId': other}}), 404, 'itemNotFound',
        'No volume Block Device Mapping with id %s.' % other)
    assert_fault(alice.at('2.84')('PUT', '%s/%s' % (path, volume), {'volumeAttachment': {
        'volumeId': volume, 'delete_on_termination': True}}), 400, 'badRequest')

    # Swapping is the service's (and an admin's): a member is refused at any version.
    assert_fault(alice('PUT', '%s/%s' % (path, volume), {'volumeAttachment': {
        'volumeId': other}}), 403, 'forbidden')
    assert_fault(at_285('PUT', '%s/%s' % (path, volume), {'volumeAttachment': {
        'volumeId': other}}), 403, 'forbidden')
    # Nova swaps only for Cinder, while it migrates the volume; no simulated volume migrates.
    assert_fault(admin('PUT', '%s/%s' % (path, volume), {'volumeAttachment': {
        'volumeId': other}}), 409, 'conflictingRequest',
        'volume %s is not migrating; this API should only be called by Cinder' % volume)
    assert_fault(admin('PUT', '%s/%s' % (path, other), {'volumeAttachment': {
        'volumeId': volume}}), 404, 'itemNotFound', 'Volume %s could not be found.' % other)


# -- os-server-external-events --------------------------------------------------------------

def test_external_events_codes_and_bodies(alice, admin, nova_samples):
    server_id = _active(alice)
    events = '/os-server-external-events'

    sample = _sample(nova_samples, 'os-server-external-events', None, 'event-create-req.json')
    sample['events'][0].update(name='network-changed', server_uuid=server_id)
    accepted = admin('POST', events, sample)
    assert accepted.status_code == 200, accepted.text
    assert_same_shape(accepted.json(), _sample(nova_samples, 'os-server-external-events', None,
                                               'event-create-resp.json'))
    assert accepted.json()['events'][0]['code'] == 200

    missing = str(uuid.uuid4())
    building = alice.boot(metadata={'nova_api:build_seconds': '20'}).json()['server']['id']
    mixed = admin.at('2.51')('POST', events, {'events': [
        {'name': 'network-vif-plugged', 'server_uuid': server_id, 'tag': 'x',
         'status': 'in-progress'},
        {'name': 'network-changed', 'server_uuid': missing},
        {'name': 'network-changed', 'server_uuid': building},
        {'name': 'volume-extended', 'server_uuid': server_id}]})
    assert mixed.status_code == 207, mixed.text
    assert [(e['code'], e['status']) for e in mixed.json()['events']] == [
        (200, 'completed'), (404, 'failed'), (422, 'failed'), (400, 'failed')]
    assert 'tag' not in mixed.json()['events'][1]
    all_failed = admin('POST', events, {'events': [{'name': 'network-changed',
                                                    'server_uuid': missing}]})
    assert all_failed.status_code == 207  # Nova stopped answering 404 for this

    for body in ({'events': []}, {'events': [{'name': 'volume-extended',
                                              'server_uuid': server_id, 'tag': 'v'}]},
                 {'events': [{'name': 'network-changed', 'server_uuid': server_id,
                              'status': 'done'}]}):
        assert_fault(admin('POST', events, body), 400, 'badRequest')
    assert_fault(admin.at('2.75')('POST', events, {'events': [
        {'name': 'power-update', 'server_uuid': server_id, 'tag': 'POWER_OFF'}]}), 400,
        'badRequest')
    assert admin.at('2.93')('POST', events, {'events': [
        {'name': 'volume-reimaged', 'server_uuid': server_id, 'tag': 'v'}]}).status_code == 200


def test_power_update_events_stop_and_start_a_server(alice, admin):
    server_id = _active(alice)
    at_276 = admin.at('2.76')

    def power(tag: str):
        response = at_276('POST', '/os-server-external-events', {'events': [
            {'name': 'power-update', 'server_uuid': server_id, 'tag': tag}]})
        assert response.status_code == 200, response.text

    power('POWER_OFF')
    stopped = alice.show(server_id)
    assert (stopped['status'], stopped['OS-EXT-STS:power_state']) == ('SHUTOFF', 4)
    power('POWER_OFF')  # nothing to do: it is off
    assert alice.show(server_id)['status'] == 'SHUTOFF'
    power('POWER_ON')
    started = alice.show(server_id)
    assert (started['status'], started['OS-EXT-STS:power_state']) == ('ACTIVE', 1)
    # The server can be driven as usual afterwards.
    assert alice.action(server_id, {'os-stop': None}).status_code == 202
    alice.wait_for(server_id, 'SHUTOFF')


def test_a_deleted_vif_takes_its_address_with_it(alice, admin):
    server_id = _active(alice)
    path = '/servers/%s/os-interface' % server_id
    added = alice('POST', path, {'interfaceAttachment': {}}).json()['interfaceAttachment']
    # Neutron sends the event once the port is gone from it.
    ports = NetworkClient(alice.daemon, alice.user, alice.project)
    assert ports('DELETE', '/ports/%s' % added['port_id']).status_code == 204
    response = admin('POST', '/os-server-external-events', {'events': [
        {'name': 'network-vif-deleted', 'server_uuid': server_id, 'tag': added['port_id']}]})
    assert response.status_code == 200
    assert added['port_id'] not in [p['port_id'] for p in
                                    alice('GET', path).json()['interfaceAttachments']]
    assert len(alice.show(server_id)['addresses']['private']) == 1


# -- real clients ----------------------------------------------------------------------------

def _nova(daemon, *args: str, user: str, project: str) -> str:
    result = subprocess.run([NOVA, *args], env=client_env(daemon, user, project),
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, 'nova %s failed:\n%s%s' % (' '.join(args), result.stdout,
                                                            result.stderr)
    return result.stdout


def test_clients_list_and_attach_interfaces_and_volumes(nova_api_service, sdk):
    project = unique('attp')
    conn = sdk('frank', project)
    image = conn.image.find_image('cirros')
    flavor = conn.compute.find_flavor('m1.tiny')
    server = conn.compute.create_server(name=unique('att'), image_id=image.id,
                                        flavor_id=flavor.id, networks='auto')
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60)

    # openstacksdk's compute proxy.
    [first] = list(conn.compute.server_interfaces(server))
    added = conn.compute.create_server_interface(server, net_id=first.net_id)
    assert added.port_id != first.port_id and added.net_id == first.net_id
    assert sorted(i.port_id for i in conn.compute.server_interfaces(server)) == sorted(
        [first.port_id, added.port_id])
    volume = str(uuid.uuid4())
    conn.compute.create_volume_attachment(server, volume_id=volume)
    assert [a.volume_id for a in conn.compute.volume_attachments(server)] == [volume]

    # openstackclient sees the new address; novaclient lists both.
    shown = openstack(nova_api_service, 'server', 'show', server.id, '-f', 'json', user='frank',
                      project=project)
    assert added.fixed_ips[0]['ip_address'] in str(shown['addresses'])
    interfaces = _nova(nova_api_service, 'interface-list', server.id, user='frank',
                       project=project)
    assert first.port_id in interfaces and added.port_id in interfaces
    attachments = _nova(nova_api_service, 'volume-attachments', server.id, user='frank',
                        project=project)
    assert volume in attachments and '/dev/vdb' in attachments

    conn.compute.delete_server_interface(added, server=server)
    assert [i.port_id for i in conn.compute.server_interfaces(server)] == [first.port_id]
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=60)


def test_clients_show_the_device_names_a_boot_gives_every_disk(nova_api_service, sdk):
    """Named at build as Nova names them: the root /dev/vda, the other disks after it."""
    project = unique('devp')
    conn = sdk('frank', project)
    root, data = str(uuid.uuid4()), str(uuid.uuid4())
    server = conn.compute.create_server(
        name=unique('dev'), flavor_id=conn.compute.find_flavor('m1.tiny').id, networks='none',
        block_device_mapping=[
            {'source_type': 'volume', 'destination_type': 'volume', 'boot_index': 0,
             'uuid': root},
            {'source_type': 'volume', 'destination_type': 'volume', 'uuid': data}])
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60)

    listed = openstack(nova_api_service, 'server', 'volume', 'list', server.id, '-f', 'json',
                       user='frank', project=project)
    assert sorted((row['Volume ID'], row['Device']) for row in listed) == sorted(
        [(root, '/dev/vda'), (data, '/dev/vdb')])
    shown = openstack(nova_api_service, 'server', 'show', server.id, '-f', 'json')
    assert shown['OS-EXT-SRV-ATTR:root_device_name'] == '/dev/vda'
    conn.compute.delete_server(server)
