"""Unmodified real clients finding images in nova_api: python-openstackclient and openstacksdk.

They discover the Image API as they do any cloud's: the ``image`` entry of the
catalog (``/image``), its versions list, then ``/image/v2/images``. The
look-up ``openstack server create --image NAME`` makes is openstacksdk's
``find_image`` (tried here without a server).
"""

from __future__ import annotations

from test_clients import openstack

CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
CIRROS_NAME = 'cirros'
SEEDED_NAMES = {CIRROS_NAME, 'ubuntu-24.04-server-cloudimg-amd64', 'debian-12-genericcloud-amd64'}


# -- python-openstackclient ---------------------------------------------------------

def test_openstack_image_list(nova_api_service):
    listed = openstack(nova_api_service, 'image', 'list', '-f', 'json', user='alice', project='demo')

    assert {image['Name'] for image in listed} == SEEDED_NAMES
    assert {image['Status'] for image in listed} == {'active'}


def test_openstack_image_list_by_name(nova_api_service):
    listed = openstack(nova_api_service, 'image', 'list', '--name', CIRROS_NAME, '-f', 'json')

    assert [(image['ID'], image['Name']) for image in listed] == [(CIRROS, CIRROS_NAME)]


def test_openstack_image_show_by_name_and_by_id(nova_api_service):
    by_name = openstack(nova_api_service, 'image', 'show', CIRROS_NAME, '-f', 'json',
                        user='alice', project='demo')
    by_id = openstack(nova_api_service, 'image', 'show', CIRROS, '-f', 'json')

    assert by_name['id'] == by_id['id'] == CIRROS
    assert (by_name['disk_format'], by_name['visibility'], by_name['size']) == (
        'qcow2', 'public', 21430272)
    assert by_name['properties']['os_distro'] == 'cirros'


def test_openstack_image_show_of_nothing_fails_cleanly(nova_api_service):
    result = openstack(nova_api_service, 'image', 'show', 'no-such-image', check=False)

    assert result.returncode != 0
    assert 'Traceback' not in result.stderr
    assert 'no-such-image' in result.stderr


# -- openstacksdk ----------------------------------------------------------------

def test_openstacksdk_lists_and_finds_images(sdk):
    conn = sdk('alice', 'demo')

    assert {image.name for image in conn.image.images()} == SEEDED_NAMES
    assert [image.id for image in conn.image.images(name=CIRROS_NAME)] == [CIRROS]
    found = conn.image.find_image(CIRROS_NAME)
    assert (found.id, found.min_disk, found.disk_format) == (CIRROS, 0, 'qcow2')
    assert conn.image.find_image(CIRROS).name == CIRROS_NAME
    assert conn.image.find_image('no-such-image') is None
    assert conn.image.get_image(CIRROS).os_distro == 'cirros'


def test_openstacksdk_pages_through_images(sdk):
    conn = sdk('alice', 'demo')

    assert {image.name for image in conn.image.images(limit=1)} == SEEDED_NAMES


def test_the_cloud_layer_gets_an_image_by_name(sdk):
    conn = sdk('alice', 'demo')

    image = conn.get_image(CIRROS_NAME)
    assert image is not None and image.id == CIRROS
    assert conn.get_image('no-such-image') is None
    assert CIRROS in {image.id for image in conn.list_images()}
