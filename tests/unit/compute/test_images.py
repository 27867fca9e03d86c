"""The image catalogue on each backend: who sees what, Glance's filters and pages, set-based reads,
delete and metadata changes with Glance's ownership rules and Nova's quota."""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from nova_api import compute
from nova_api import context
from nova_api import exception
from nova_api.objects import images as image_objects

CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
UBUNTU = '5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02'
DEBIAN = 'c3f6e2a1-8d94-4b5c-a7e0-1f2d3c4b5a03'
#: The seed's order: created together, so newest-first falls to the id, descending.
SEEDED = [DEBIAN, CIRROS, UBUNTU]

ALICE = context.RequestContext(user_id='alice', project_id='alices', roles=['member'])
BOB = context.RequestContext(user_id='bob', project_id='bobs', roles=['member'])
ADMIN = context.RequestContext(user_id='admin', project_id='admins', roles=['admin'])

PRIVATE = '00000000-0000-4000-8000-000000000001'
COMMUNITY = '00000000-0000-4000-8000-000000000002'
SHARED = '00000000-0000-4000-8000-000000000003'
HIDDEN = '00000000-0000-4000-8000-000000000004'
PROTECTED = '00000000-0000-4000-8000-000000000005'
#: After the seed, whenever the tests run.
LATER = datetime.datetime(2100, 1, 1)


@pytest.fixture
def compute_api(make_conf, database):
    return compute.Compute(make_conf(overrides={'quota': {'metadata_items': 6}}), db=database)


@pytest.fixture
def images(compute_api):
    return compute_api.images


def add(database, image_id, owner='alices', created_at=LATER, properties=None, tags=(), **values):
    values = {'id': image_id, 'name': 'img-' + image_id[-1], 'status': 'active', 'owner': owner,
              'disk_format': 'raw', 'container_format': 'bare', 'size': int(image_id[-1]) * 1000,
              'created_at': created_at, **values}
    database.write(image_objects.add, values, properties, tags)


@pytest.fixture
def alices_images(database):
    add(database, PRIVATE, visibility='private', properties={'os_distro': 'alpine'},
        tags=('ready', 'small'))
    add(database, COMMUNITY, visibility='community', tags=('ready',))
    add(database, SHARED, visibility='shared')
    add(database, HIDDEN, visibility='public', os_hidden=True)
    add(database, PROTECTED, visibility='private', protected=True)


def ids(page):
    return [image.id for image in page.images]


def listed(images, ctx, query=''):
    pairs = [tuple(item.split('=', 1)) for item in query.split('&') if item]
    return ids(images.list(ctx, pairs))


# -- reads ---------------------------------------------------------------------------

def test_the_seeded_images_are_public_with_their_properties(images):
    cirros = images.get(BOB, CIRROS)

    assert (cirros.name, cirros.status, cirros.visibility, cirros.owner) == (
        'cirros', 'active', 'public', None)
    assert cirros.properties['os_distro'] == 'cirros'
    assert listed(images, BOB) == SEEDED


def test_each_project_sees_public_images_and_its_own(images, alices_images):
    newest_first = [PROTECTED, SHARED, COMMUNITY, PRIVATE]

    assert listed(images, ALICE) == newest_first + SEEDED
    assert listed(images, BOB) == SEEDED
    # Other projects' community images are listed to no one unless asked for, admins included.
    assert listed(images, ADMIN) == [PROTECTED, SHARED, PRIVATE] + SEEDED
    assert images.get(ALICE, PRIVATE).properties == {'os_distro': 'alpine'}
    assert images.get(ALICE, PRIVATE).tags == ('ready', 'small')
    for image_id in (PRIVATE, SHARED, PROTECTED):
        with pytest.raises(exception.ImageNotFound):
            images.get(BOB, image_id)
    assert images.get(ADMIN, PRIVATE).id == PRIVATE


def test_community_images_are_seen_by_all_but_listed_only_when_asked(images, alices_images):
    assert images.get(BOB, COMMUNITY).visibility == 'community'
    assert COMMUNITY not in listed(images, BOB)
    assert listed(images, BOB, 'visibility=community') == [COMMUNITY]
    assert COMMUNITY in listed(images, BOB, 'visibility=all')
    assert listed(images, ALICE, 'visibility=private') == [PROTECTED, PRIVATE]


def test_hidden_images_are_listed_only_when_asked(images, alices_images):
    assert images.get(BOB, HIDDEN).os_hidden is True
    assert HIDDEN not in listed(images, BOB)
    assert listed(images, BOB, 'os_hidden=true') == [HIDDEN]


def test_deleted_and_killed_images_are_not_listed(images, database, alices_images):
    add(database, '00000000-0000-4000-8000-000000000006', visibility='public', status='killed')
    images.delete(ALICE, PRIVATE)

    assert listed(images, ALICE, 'visibility=all') == [PROTECTED, SHARED, COMMUNITY] + SEEDED
    with pytest.raises(exception.ImageNotFound):
        images.get(ALICE, PRIVATE)


@pytest.mark.parametrize('query, expected', [
    ('name=cirros', [CIRROS]),
    ('name=in:"debian-12-genericcloud-amd64",cirros', [DEBIAN, CIRROS]),
    ('id=in:%s,%s' % (UBUNTU, PRIVATE), [PRIVATE, UBUNTU]),
    ('status=active&disk_format=raw', [PROTECTED, SHARED, COMMUNITY, PRIVATE]),
    ('size_min=3000&size_max=100000000', [PROTECTED, SHARED, CIRROS]),
    ('min_disk=4', [UBUNTU]),
    ('tag=ready', [COMMUNITY, PRIVATE]),
    ('tag=ready&tag=small', [PRIVATE]),
    ('os_distro=ubuntu', [UBUNTU]),
    ('os_distro=ubuntu&os_version=12', []),
    ('foo=bar', []),
    ('owner=alices&protected=true', [PROTECTED]),
    ('created_at=lt:2099-12-31T00:00:00Z', SEEDED),
    ('updated_at=gte:2100-01-01T00:00:00Z', [PROTECTED, SHARED, COMMUNITY, PRIVATE]),
    ('checksum=nothing', []),
])
def test_glance_filters(images, alices_images, query, expected):
    assert listed(images, ALICE, query) == expected


@pytest.mark.parametrize('query, expected', [
    ('sort=name:asc', [CIRROS, DEBIAN, UBUNTU]),
    ('sort=size:desc', [UBUNTU, DEBIAN, CIRROS]),
    ('sort_key=disk_format&sort_dir=asc', [UBUNTU, CIRROS, DEBIAN]),
    ('sort=created_at:asc,id:asc', [UBUNTU, CIRROS, DEBIAN]),
])
def test_sorting(images, query, expected):
    assert listed(images, BOB, query) == expected


def test_nulls_sort_as_glances_defaults_on_every_backend(images, database):
    add(database, PRIVATE, name=None, size=None, visibility='public')

    assert listed(images, BOB, 'sort=name:asc')[0] == PRIVATE
    assert listed(images, BOB, 'sort=size:desc')[-1] == PRIVATE
    assert listed(images, BOB, 'sort=size:asc&limit=1&marker=%s' % PRIVATE) == [CIRROS]


def test_pages_follow_the_marker_in_any_order(images, alices_images):
    for query in ('', 'sort=name:asc', 'sort=size:asc,name:desc', 'sort=updated_at:asc'):
        everything = listed(images, ALICE, query)
        seen, marker = [], None
        while True:
            page = images.list(ALICE, [pair for pair in (('limit', '2'), ('marker', marker))
                                       if pair[1]] + [tuple(item.split('=', 1))
                                                      for item in query.split('&') if item])
            seen.extend(ids(page))
            if not page.full:
                break
            marker = page.images[-1].id
        assert seen == everything, query


def test_a_marker_the_caller_cannot_see_is_refused(images, alices_images):
    for marker in ('nothing', PRIVATE):
        with pytest.raises(exception.ImageMarkerNotFound) as error:
            images.list(BOB, [('marker', marker)])
        assert error.value.code == 400


def test_a_page_is_three_queries_whatever_its_size(images, alices_images, database):
    statements = []
    sa.event.listen(database.engine, 'before_cursor_execute',
                    lambda conn, cursor, statement, *args: statements.append(statement))

    page = images.list(ADMIN, [('limit', '20'), ('marker', PROTECTED)])

    assert len(page.images) == 5
    selects = [s for s in statements if s.lstrip().upper().startswith('SELECT')]
    assert len(selects) == 4  # the marker's values, the page, its properties, its tags


# -- delete ----------------------------------------------------------------------------

def test_the_owner_deletes_an_image_and_it_is_gone(images, alices_images):
    images.delete(ALICE, PRIVATE)

    with pytest.raises(exception.ImageNotFound):
        images.get(ADMIN, PRIVATE)
    with pytest.raises(exception.ImageNotFound):
        images.delete(ALICE, PRIVATE)


def test_only_the_owner_or_an_admin_deletes(images, alices_images):
    with pytest.raises(exception.ImageNotFound):
        images.delete(BOB, PRIVATE)  # not visible: not found
    with pytest.raises(exception.ImageNotAuthorized) as error:
        images.delete(BOB, COMMUNITY)  # visible, not Bob's
    assert (error.value.code, error.value.format_message()) == (
        403, 'Not authorized for image %s.' % COMMUNITY)
    with pytest.raises(exception.ImageNotAuthorized):
        images.delete(ALICE, CIRROS)  # nobody owns the seeded images
    images.delete(ADMIN, COMMUNITY)
    images.delete(ADMIN, CIRROS)
    assert listed(images, BOB) == [DEBIAN, UBUNTU]


def test_a_protected_image_is_not_deleted(images, alices_images):
    with pytest.raises(exception.ImageProtected) as error:
        images.delete(ADMIN, PROTECTED)
    assert error.value.format_message() == (
        'Image %s is protected and cannot be deleted.' % PROTECTED)
    assert images.get(ALICE, PROTECTED).status == 'active'


# -- metadata ----------------------------------------------------------------------------

def test_metadata_is_merged_replaced_and_deleted(images, alices_images):
    merged = images.update_metadata(ALICE, PRIVATE, {'os_distro': 'alpine3', 'kernel_id': 'k'})
    assert merged == {'os_distro': 'alpine3', 'kernel_id': 'k'}
    assert images.metadata_item(ALICE, PRIVATE, 'kernel_id') == ('kernel_id', 'k')

    replaced = images.update_metadata(ALICE, PRIVATE, {'Label': 'x'}, replace=True)
    assert replaced == {'Label': 'x'}
    assert images.get(ALICE, PRIVATE).properties == {'Label': 'x'}
    assert images.get(ALICE, PRIVATE).updated_at is not None  # never changed before

    images.delete_metadata_item(ALICE, PRIVATE, 'Label')
    assert images.get(ALICE, PRIVATE).properties == {}
    with pytest.raises(exception.ImageMetadataKeyNotFound):
        images.delete_metadata_item(ALICE, PRIVATE, 'Label')
    with pytest.raises(exception.ImageMetadataNotFound):
        images.metadata_item(ALICE, PRIVATE, 'Label')


def test_metadata_is_limited_by_the_metadata_items_quota(images, alices_images):
    images.update_metadata(ALICE, PRIVATE, {str(n): 'v' for n in range(5)})  # 6 with os_distro

    with pytest.raises(exception.ImageMetadataLimitExceeded) as error:
        images.update_metadata(ALICE, PRIVATE, {'one-more': 'v'})
    assert (error.value.code, error.value.format_message()) == (403, 'Image metadata limit exceeded')
    # Replacing counts only the new set.
    assert len(images.update_metadata(ALICE, PRIVATE, {str(n): 'v' for n in range(6)},
                                      replace=True)) == 6


def test_only_the_owner_changes_metadata_and_never_glances_own_attributes(images, alices_images):
    with pytest.raises(exception.ImageNotAuthorized):
        images.update_metadata(BOB, CIRROS, {'a': 'b'})
    with pytest.raises(exception.ImageNotAuthorized):
        images.delete_metadata_item(BOB, CIRROS, 'os_distro')
    with pytest.raises(exception.ImageNotFound):
        images.update_metadata(BOB, PRIVATE, {'a': 'b'})
    for key in ('status', 'min_ram', 'os_glance_import_task'):
        with pytest.raises(exception.ImageAttributeReadOnly):
            images.update_metadata(ALICE, PRIVATE, {key: 'x'})
    assert images.update_metadata(ADMIN, CIRROS, {'hw_qemu_guest_agent': 'yes'})[
        'hw_qemu_guest_agent'] == 'yes'
