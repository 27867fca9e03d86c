"""Booting servers: Nova's checks of a create request, its quota rule, and what it writes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from nova_api import exception
from nova_api.compute.servers import boot
from nova_api.db import models
from nova_api.objects import quotas as quota_objects

CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
UBUNTU = '5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02'


def _refused(boot_server, error=exception.Invalid, **fields) -> str:
    with pytest.raises(error) as refused:
        boot_server(**fields)
    return refused.value.format_message()


@pytest.mark.parametrize(('fields', 'message'), [
    ({'flavor_ref': 'nope'}, 'Flavor nope could not be found.'),
    ({'image_ref': '11111111-2222-3333-4444-555555555555'}, 'Can not find requested image'),
    ({'key_name': 'missing'}, 'Invalid key_name provided.'),
    ({'availability_zone': 'moon'}, 'The requested availability zone is not available'),
    ({'availability_zone': 'nova:nohost'}, 'Compute host nohost could not be found.'),
    ({'min_count': 3, 'max_count': 2}, 'min_count must be <= max_count'),
    ({'networks': [{'uuid': '11111111-2222-3333-4444-555555555555'}]},
     'Network 11111111-2222-3333-4444-555555555555 could not be found.'),
    ({'networks': [{'port': '11111111-2222-3333-4444-555555555555'}]},
     'Port id 11111111-2222-3333-4444-555555555555 could not be found.'),
    ({'hostname': 'web', 'max_count': 2},
     'Unable to allocate a single hostname to multiple instances'),
    ({'image_ref': UBUNTU, 'flavor_ref': '1'},  # min_disk 4 GB on a 1 GB flavor
     "Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is "
     "1073741824 bytes, minimum size is 4294967296 bytes."),
    ({'image_ref': UBUNTU, 'flavor_ref': 'c1'},  # min_ram 512 on cirros256
     "Flavor's memory is too small for requested image."),
    ({'image_ref': None, 'block_devices': ({'source_type': 'volume', 'destination_type': 'volume',
                                            'boot_index': 1, 'uuid': CIRROS},)},
     'Block Device Mapping is Invalid: Boot sequence for the instance and image/block device '
     'mapping combination is not valid.'),
    ({'block_devices': ({'source_type': 'blank', 'destination_type': 'volume', 'uuid': CIRROS},)},
     'Block Device Mapping is Invalid: Invalid device UUID.'),
    ({'block_devices': ({'source_type': 'image', 'destination_type': 'local', 'boot_index': 1,
                         'uuid': CIRROS},)},
     'Block Device Mapping is Invalid: Mapping image to local is not supported.'),
])
def test_a_bad_request_is_refused_with_nova_400_and_nothing_is_written(
        compute, boot_server, fields, message):
    assert _refused(boot_server, **fields) == message
    assert compute.database.read(lambda s: s.scalar(
        sa.select(sa.func.count()).select_from(models.Instance))) == 0


def test_another_project_private_flavor_is_unknown(compute, boot_server, caller):
    from nova_api.objects import flavors as flavor_objects

    compute.database.write(flavor_objects.create, {
        'flavorid': 'secret', 'name': 'secret', 'memory_mb': 64, 'vcpus': 1, 'root_gb': 1,
        'is_public': False})
    assert _refused(boot_server, flavor_ref='secret') == 'Flavor secret could not be found.'
    admin = caller('admin', 'admin', admin=True)
    assert boot_server(ctx=admin, flavor_ref='secret')


def test_over_quota_is_nova_403_and_max_count_shrinks_to_what_fits(compute, boot_server):
    compute.database.write(quota_objects.set_project_limit, 'demo', 'instances', 3)

    assert len(boot_server(min_count=1, max_count=5)) == 3
    message = _refused(boot_server, exception.TooManyInstances)
    assert message == ('Quota exceeded for instances: Requested 1, but already used 3 of 3 '
                       'instances')


def test_cores_and_ram_count_against_quota(compute, boot_server):
    compute.database.write(quota_objects.set_project_limit, 'demo', 'cores', 4)
    boot_server(flavor_ref='3')  # m1.medium: 2 vCPUs

    message = _refused(boot_server, exception.TooManyInstances, flavor_ref='3', min_count=2,
                       max_count=2)
    assert message == 'Quota exceeded for cores: Requested 4, but already used 2 of 4 cores'
    usage = compute.database.read(compute.quota_engine.usage, 'demo')
    assert (usage['instances'], usage['cores'], usage['ram']) == (1, 2, 4096)


def test_metadata_beyond_the_quota_is_refused(compute, boot_server):
    compute.database.write(quota_objects.set_project_limit, 'demo', 'metadata_items', 1)
    message = _refused(boot_server, exception.MetadataLimitExceeded, metadata={'a': '1', 'b': '2'})
    assert message == 'Maximum number of metadata items exceeds 1'


def test_several_servers_get_numbered_names_hostnames_and_one_reservation(compute, caller):
    servers, reservation = compute.servers.create(caller(), boot.BootRequest(
        name='Web Server', flavor_ref='1', image_ref=CIRROS, min_count=2, max_count=2))

    assert [s.name for s in servers] == ['Web Server-1', 'Web Server-2']
    assert [s.hostname for s in servers] == ['web-server-1', 'web-server-2']
    assert [s.launch_index for s in servers] == [0, 1]
    assert reservation.startswith('r-') and {s.reservation_id for s in servers} == {reservation}


def test_a_name_without_hostname_characters_gets_nova_default_hostname(boot_server):
    server, = boot_server(name='日本')
    assert server.hostname == 'Server-%s' % server.uuid


def test_private_scheduler_hints_never_reach_storage_and_others_are_kept_as_lists(
        compute, boot_server, caller):
    group = compute.server_groups.create(caller(), 'g', 'affinity')
    server, = boot_server(scheduler_hints={'same_host': 'abc', 'group': [group.uuid],
                                           '_nova_check_type': 'rebuild'})
    stored = compute.servers.get(caller(), server.uuid)
    assert dict(stored.scheduler_hints) == {'same_host': ['abc'], 'group': [group.uuid]}


def test_the_flavor_is_kept_as_it_was_at_boot(compute, boot_server, caller):
    from nova_api.objects import flavors as flavor_objects

    server, = boot_server(flavor_ref='2')
    compute.database.write(flavor_objects.destroy, '2')
    kept = compute.servers.get(caller(), server.uuid).flavor
    assert (kept['flavorid'], kept['name'], kept['memory_mb'], kept['vcpus']) == (
        '2', 'm1.small', 2048, 1)


def test_a_volume_backed_boot_records_its_volumes(compute, boot_server, caller):
    server, = boot_server(image_ref=None, block_devices=(
        {'source_type': 'volume', 'destination_type': 'volume', 'boot_index': 0,
         'uuid': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'delete_on_termination': True},
        {'source_type': 'blank', 'destination_type': 'volume', 'volume_size': 1}))
    stored = compute.servers.get(caller(), server.uuid)

    assert stored.image_ref == ''
    assert stored.volumes[0].id == 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'
    assert stored.volumes[0].delete_on_termination is True
    assert len(stored.volumes) == 2  # the blank one got the id of the volume made for it


def _device_names(compute, server_uuid) -> list:
    bdm = models.BlockDeviceMapping.__table__.c
    return compute.database.read(lambda session: [tuple(row) for row in session.execute(
        sa.select(bdm.boot_index, bdm.destination_type, bdm.device_name)
        .where(bdm.instance_uuid == server_uuid).order_by(bdm.id))])


def test_every_disk_of_a_boot_is_named_after_the_root_as_nova_names_them(
        compute, boot_server, caller):
    image_backed, = boot_server()
    assert compute.servers.get(caller(), image_backed.uuid).root_device_name == '/dev/vda'
    assert _device_names(compute, image_backed.uuid) == [(0, 'local', '/dev/vda')]

    volume_backed, = boot_server(image_ref=None, block_devices=(
        {'source_type': 'volume', 'destination_type': 'volume', 'boot_index': 0,
         'uuid': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'device_name': 'sda'},
        {'source_type': 'blank', 'destination_type': 'volume', 'volume_size': 1},
        {'source_type': 'blank', 'destination_type': 'local', 'guest_format': 'swap'},
        {'source_type': 'blank', 'destination_type': 'local', 'volume_size': 1}))
    assert compute.servers.get(caller(), volume_backed.uuid).root_device_name == '/dev/sda'
    # The root's prefix; ephemeral disks first, then swap, then volumes (Nova's order).
    assert _device_names(compute, volume_backed.uuid) == [
        (0, 'volume', '/dev/sda'), (None, 'volume', '/dev/sdd'), (None, 'local', '/dev/sdc'),
        (None, 'local', '/dev/sdb')]


def test_a_fixed_ip_in_use_is_refused(compute, boot_server, clock):
    network = compute.servers.networks.private.id
    boot_server(networks=[{'uuid': network, 'fixed_ip': '10.0.0.9'}])
    clock.advance(1)

    message = _refused(boot_server, networks=[{'uuid': network, 'fixed_ip': '10.0.0.9'}])
    assert message.startswith('Fixed IP address 10.0.0.9 is already in use on instance ')
    assert _refused(boot_server, networks=[{'uuid': network, 'fixed_ip': '192.168.0.1'}]) == (
        'Fixed IP address 192.168.0.1 is not valid on network %s.' % network)
    assert _refused(boot_server, max_count=2, networks=[
        {'uuid': network, 'fixed_ip': '10.0.0.10'}]) == (
        'Failed to launch instances: max_count cannot be greater than 1 if an fixed_ip is '
        'specified.')


@pytest.mark.parametrize(('text', 'parsed'), [
    (None, (None, None, None)), ('az2', ('az2', None, None)), ('az2:cmp2', ('az2', 'cmp2', None)),
    ('az2:cmp2:cmp2', ('az2', 'cmp2', 'cmp2')), ('az2::cmp2', ('az2', None, 'cmp2')),
    (':cmp1', (None, 'cmp1', None)),
])
def test_the_legacy_forced_host_syntax_of_availability_zone(text, parsed):
    assert boot.parse_zone(text) == parsed


def test_nova_hostname_sanitizing():
    assert boot.sanitize_hostname('My_Server.example', 'x') == 'my-server-example'
    assert boot.sanitize_hostname('--a b--', 'x') == 'a-b'
    assert boot.sanitize_hostname('x' * 70, 'd') == 'x' * 63
