"""The per-worker flavor copy: triggers bump the generation, the copy follows it, pages match Nova's SQL."""

from __future__ import annotations

import copy
import threading

import pytest
import sqlalchemy as sa

from nova_api.db import generations
from nova_api.db import models
from nova_api.objects import flavor_catalogue
from nova_api.objects import flavors as flavor_objects
from nova_api.objects import quota_classes

ADMIN = flavor_objects.Viewer(project_id='admin', is_admin=True)
DEMO = flavor_objects.Viewer(project_id='demo', is_admin=False)


def _generation(database, name='flavors'):
    return database.read_prepared(generations.generation, name)


def _new_flavor(flavorid, name, **values):
    row = {'flavorid': flavorid, 'name': name, 'memory_mb': 64, 'vcpus': 1, 'root_gb': 0,
           'ephemeral_gb': 0, 'swap': 0, 'rxtx_factor': 1.0, 'is_public': True, 'disabled': False}
    row.update(values)
    return row


def _create(database, flavorid, name, **values):
    return database.write(flavor_objects.create, _new_flavor(flavorid, name, **values))


@pytest.mark.parametrize('change', ['create', 'extra spec', 'access', 'description', 'delete'])
def test_every_write_to_the_flavor_tables_bumps_the_generation(database, change):
    flavor = _create(database, 'gen-1', 'gen-one', is_public=False)
    before = _generation(database)
    if change == 'create':
        _create(database, 'gen-2', 'gen-two')
    elif change == 'extra spec':
        database.write(flavor_objects.update_extra_specs, flavor.id, {'hw:cpu_policy': 'dedicated'})
    elif change == 'access':
        database.write(flavor_objects.add_project, flavor.id, 'demo')
    elif change == 'description':
        database.write(flavor_objects.set_description, 'gen-1', 'changed')
    else:
        database.write(flavor_objects.destroy, 'gen-1')
    assert _generation(database) > before


def test_a_write_outside_the_application_bumps_the_generation_too(database):
    before = _generation(database)
    database.write(lambda session: session.execute(
        sa.update(models.Flavor.__table__).values(name=models.Flavor.name + '-x')))
    assert _generation(database) > before


def test_a_quota_class_write_bumps_its_own_generation(database):
    flavors_before = _generation(database)
    before = _generation(database, 'quota_classes')
    database.write(quota_classes.set_class_limit, 'default', 'cores', 7)
    assert _generation(database, 'quota_classes') > before
    assert _generation(database) == flavors_before


def test_the_copy_is_reused_while_the_generation_stands(database, monkeypatch):
    loads = []
    real_load = flavor_catalogue.load
    monkeypatch.setattr(flavor_catalogue, 'load', lambda read: loads.append(1) or real_load(read))
    catalogue = flavor_catalogue.Catalogue(database)
    first = catalogue.flavors()
    assert catalogue.flavors() is first
    assert len(loads) == 1


def _another_worker(database):
    """The same database through a pool of its own, as another worker process has."""
    other = copy.copy(database)
    other._engine = other._writer = None
    other._write_lock = threading.Lock()
    return other


def test_a_write_through_another_worker_is_seen_at_the_next_read(database):
    catalogue = flavor_catalogue.Catalogue(database)
    catalogue.flavors()
    other_worker = _another_worker(database)
    _create(other_worker, 'seen-1', 'seen-at-once')
    assert 'seen-1' in {flavor.flavorid for flavor in catalogue.flavors()}
    other_worker.write(flavor_objects.destroy, 'seen-1')
    assert 'seen-1' not in {flavor.flavorid for flavor in catalogue.flavors()}


def _flavor(pk, flavorid, description=None, is_public=True, projects=(), memory_mb=64):
    return flavor_objects.Flavor(
        id=pk, flavorid=flavorid, name='f%d' % pk, memory_mb=memory_mb, vcpus=1, root_gb=0,
        ephemeral_gb=0, swap=0, rxtx_factor=1.0, vcpu_weight=None, disabled=False,
        is_public=is_public, description=description, extra_specs={}, projects=tuple(projects))


FLAVORS = (_flavor(1, 'a', 'x'), _flavor(2, 'b'), _flavor(3, 'c', 'w'), _flavor(4, 'd'),
           _flavor(5, 'p', is_public=False, projects=('demo',)),
           _flavor(6, 'q', is_public=False, memory_mb=4096))


def _ids(viewer, **filters):
    return [f.flavorid for f in flavor_catalogue.page(FLAVORS, viewer,
                                                      flavor_objects.ListFilters(**filters))]


def test_nulls_sort_lowest_and_ties_go_by_id():
    assert _ids(ADMIN, is_public=None, sort_key='description') == ['b', 'd', 'p', 'q', 'c', 'a']
    assert _ids(ADMIN, is_public=None, sort_key='description', sort_dir='desc') == [
        'a', 'c', 'q', 'p', 'd', 'b']


def test_the_marker_continues_the_order_and_the_limit_cuts_it():
    assert _ids(ADMIN, is_public=None, sort_key='description', marker='d', limit=2) == ['p', 'q']
    assert _ids(ADMIN, is_public=None, sort_key='description', sort_dir='desc',
                marker='c') == ['q', 'p', 'd', 'b']


def test_a_project_sees_public_flavors_and_those_shared_with_it():
    assert _ids(DEMO) == ['a', 'b', 'c', 'd', 'p']
    assert _ids(ADMIN, is_public=False) == ['p', 'q']
    assert _ids(ADMIN, is_public=None, min_memory_mb=1000) == ['q']


def test_a_marker_the_viewer_cannot_see_is_not_found():
    with pytest.raises(flavor_objects.MarkerNotFound):
        _ids(DEMO, marker='q')

