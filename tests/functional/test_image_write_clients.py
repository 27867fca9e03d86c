"""Unmodified real clients writing images: python-openstackclient and openstacksdk upload,
download, change, share and delete through /image as they would against Glance."""

from __future__ import annotations

import hashlib

from test_clients import openstack
from test_clients import unique


def test_openstack_image_create_save_set_share_delete(nova_api_service, tmp_path):
    source = tmp_path / 'disk.raw'
    source.write_bytes(b'\x00\x01disk image bytes' * 5000)
    name = unique('osc-image')

    created = openstack(nova_api_service, 'image', 'create', name, '--file', str(source),
                        '--disk-format', 'raw', '--container-format', 'bare', '-f', 'json')
    assert (created['status'], created['size']) == ('active', source.stat().st_size)
    assert created['checksum'] == hashlib.md5(source.read_bytes()).hexdigest()

    saved = tmp_path / 'saved.raw'
    openstack(nova_api_service, 'image', 'save', '--file', str(saved), name)
    assert saved.read_bytes() == source.read_bytes()

    openstack(nova_api_service, 'image', 'set', '--property', 'os_distro=cirros', name)
    assert openstack(nova_api_service, 'image', 'show', name, '-f', 'json')[
        'properties']['os_distro'] == 'cirros'

    openstack(nova_api_service, 'image', 'set', '--shared', name)
    member = openstack(nova_api_service, 'image', 'add', 'project', name, 'demo', '-f', 'json')
    assert (member['member_id'], member['status']) == ('demo', 'pending')
    shown = openstack(nova_api_service, 'image', 'show', created['id'], '-f', 'json',
                      user='alice', project='demo')
    assert shown['name'] == name

    openstack(nova_api_service, 'image', 'delete', name)
    result = openstack(nova_api_service, 'image', 'show', created['id'], check=False)
    assert result.returncode != 0 and 'Traceback' not in result.stderr


def test_openstacksdk_uploads_and_downloads_an_image(sdk):
    conn = sdk('alice', 'demo')
    data = b'sdk image data' * 4096
    name = unique('sdk-image')

    image = conn.image.create_image(name=name, data=data, disk_format='qcow2',
                                    container_format='bare', allow_duplicates=True)
    image = conn.image.get_image(image.id)
    assert (image.status, image.size, image.checksum) == (
        'active', len(data), hashlib.md5(data).hexdigest())

    assert conn.image.download_image(image).content == data
    conn.image.delete_image(image)
    assert conn.image.find_image(name) is None
