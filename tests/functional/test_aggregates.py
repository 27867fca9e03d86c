"""os-aggregates against the real service, on each database backend, and the zones they make.

Bodies against Nova's samples, Nova's zone rules and refusals, and an
aggregate's zone moving placement, os-services and os-availability-zone.
The hosts are test_host_admin.py's (cmp1 and cmp2 seeded in az1).
"""

from __future__ import annotations

import pytest
from test_api_wire import assert_fault
from test_clients import openstack
from test_host_admin import NOVA_API_OPTIONS  # noqa: F401 - the daemon's hosts
from test_host_admin import admin
from test_host_admin import assert_keys
from test_host_admin import boot_and_wait
from test_host_admin import compute_service
from test_host_admin import delete_server
from test_host_admin import host_of
from test_host_admin import member
from test_host_admin import ok
from test_host_admin import sample


@pytest.mark.parametrize('version, folder', [('2.1', None), ('2.41', '2.41')])
def test_aggregate_bodies_have_novas_shape(nova_api_service, nova_samples, version, folder):
    client = admin(nova_api_service, version)
    name = 'shape-' + version
    created = ok(client('POST', '/os-aggregates', {'aggregate': {'name': name,
                                                                 'availability_zone': 'london'}}))
    aggregate_id = created['aggregate']['id']
    try:
        assert_keys(created, sample(nova_samples, 'os-aggregates', 'aggregate-post-resp.json', folder))
        shown = ok(client('GET', '/os-aggregates/%d' % aggregate_id))
        assert_keys(shown, sample(nova_samples, 'os-aggregates', 'aggregates-get-resp.json', folder))
        assert shown['aggregate']['metadata'] == {'availability_zone': 'london'}
        updated = ok(client('POST', '/os-aggregates/%d/action' % aggregate_id,
                            {'set_metadata': {'metadata': {'key': 'value'}}}))
        assert_keys(updated, sample(nova_samples, 'os-aggregates', 'aggregates-metadata-post-resp.json',
                                    folder))
        listed = ok(client('GET', '/os-aggregates'))
        assert_keys(listed, sample(nova_samples, 'os-aggregates', 'aggregates-list-get-resp.json',
                                   folder))
    finally:
        assert client('DELETE', '/os-aggregates/%d' % aggregate_id).status_code == 200


def test_the_configured_zones_are_seeded_as_aggregates(nova_api_service):
    aggregates = ok(admin(nova_api_service)('GET', '/os-aggregates'))['aggregates']
    seeded = next(a for a in aggregates if a['name'] == 'az1')
    assert (seeded['hosts'], seeded['availability_zone']) == (['cmp1', 'cmp2'], 'az1')


def test_an_aggregate_zone_moves_placement_and_the_zone_list(nova_api_service):
    client = admin(nova_api_service, '2.90')
    aggregate = ok(client('POST', '/os-aggregates', {'aggregate': {'name': 'edge',
                                                                   'availability_zone': 'az9'}}))
    aggregate_id = aggregate['aggregate']['id']
    action = '/os-aggregates/%d/action' % aggregate_id
    ok(client('POST', action, {'add_host': {'host': 'cmp5'}}))
    users = member(nova_api_service, '2.90')
    server = None
    try:
        zones = ok(users('GET', '/os-availability-zone'))['availabilityZoneInfo']
        assert 'az9' in [zone['zoneName'] for zone in zones]
        detail = ok(client('GET', '/os-availability-zone/detail'))['availabilityZoneInfo']
        assert list(next(z for z in detail if z['zoneName'] == 'az9')['hosts']) == ['cmp5']
        server = boot_and_wait(users, availability_zone='az9')
        shown = client.show(server['id'])
        assert (host_of(shown), shown['OS-EXT-AZ:availability_zone']) == ('cmp5', 'az9')
        assert compute_service(nova_api_service, 'cmp5')['zone'] == 'az9'

        # Servers on the host: its zone may not change under them.
        assert client('POST', action, {'remove_host': {'host': 'cmp5'}}).status_code == 409
        assert client('PUT', '/os-aggregates/%d' % aggregate_id,
                      {'aggregate': {'availability_zone': 'az8'}}).status_code == 400
    finally:
        if server:
            delete_server(users, server['id'])
        ok(client('POST', action, {'remove_host': {'host': 'cmp5'}}))
        assert client('DELETE', '/os-aggregates/%d' % aggregate_id).status_code == 200
    zones = ok(users('GET', '/os-availability-zone'))['availabilityZoneInfo']
    assert 'az9' not in [zone['zoneName'] for zone in zones]
    assert compute_service(nova_api_service, 'cmp5')['zone'] == 'nova'


def test_aggregate_refusals(nova_api_service):
    client = admin(nova_api_service, '2.41')
    created = ok(client('POST', '/os-aggregates', {'aggregate': {'name': 'rules',
                                                                 'availability_zone': 'az7'}}))
    aggregate_id = created['aggregate']['id']
    action = '/os-aggregates/%d/action' % aggregate_id
    try:
        assert_fault(client('POST', '/os-aggregates', {'aggregate': {'name': 'rules'}}), 409,
                     'conflictingRequest', 'Aggregate rules already exists.')
        assert_fault(client('POST', action, {'add_host': {'host': 'cmp1'}}), 409, 'conflictingRequest',
                     "Cannot add host to aggregate %d. Reason: One or more hosts already in "
                     "availability zone(s) ['az1']." % aggregate_id)
        assert_fault(client('POST', action, {'add_host': {'host': 'nope'}}), 404, 'itemNotFound',
                     'Compute host nope could not be found.')
        ok(client('POST', action, {'add_host': {'host': 'cmp5'}}))
        assert_fault(client('POST', action, {'add_host': {'host': 'cmp5'}}), 409, 'conflictingRequest',
                     'Aggregate %d already has host cmp5.' % aggregate_id)
        assert_fault(client('DELETE', '/os-aggregates/%d' % aggregate_id), 400, 'badRequest',
                     'Cannot remove host from aggregate %d. Reason: Host aggregate is not empty.'
                     % aggregate_id)
        assert_fault(client('POST', action, {'set_metadata': {'metadata': {'availability_zone': None}}}),
                     400, 'badRequest', 'Cannot update metadata of aggregate %d. Reason: Aggregate '
                     'rules does not support empty named availability zone.' % aggregate_id)
        ok(client('POST', action, {'remove_host': {'host': 'cmp5'}}))
        assert_fault(client('POST', action, {'remove_host': {'host': 'cmp5'}}), 404, 'itemNotFound',
                     'Cannot remove host cmp5 in aggregate %d' % aggregate_id)
        assert_fault(client('GET', '/os-aggregates/abc'), 400, 'badRequest',
                     'Invalid input received: id must be an integer')
        assert_fault(client('GET', '/os-aggregates/999'), 404, 'itemNotFound',
                     'Aggregate 999 could not be found.')
        # An id no row can have is not found either, as in Nova, however the database
        # takes a number past its column's range.
        for huge in (2 ** 31, 2 ** 63):
            assert_fault(client('GET', '/os-aggregates/%d' % huge), 404, 'itemNotFound',
                         'Aggregate %d could not be found.' % huge)
            assert client('DELETE', '/os-aggregates/%d' % huge).status_code == 404
            assert client('POST', '/os-aggregates/%d/action' % huge,
                          {'add_host': {'host': 'cmp5'}}).status_code == 404
        assert client('POST', '/os-aggregates', {'aggregate': {'name': 'x:y',
                                                               'availability_zone': 'a:b'}}
                      ).status_code == 400
        assert client('PUT', '/os-aggregates/%d' % aggregate_id, {'aggregate': {}}).status_code == 400
        assert client('POST', action, {'remove_hosts': {'host': 'cmp5'}}).status_code == 400
    finally:
        client('DELETE', '/os-aggregates/%d' % aggregate_id)



def test_openstack_aggregate_create_with_a_zone_and_add_host(nova_api_service):
    created = openstack(nova_api_service, 'aggregate', 'create', '--zone', 'az5', 'osc-agg',
                        '-f', 'json')
    assert created['availability_zone'] == 'az5'
    try:
        added = openstack(nova_api_service, 'aggregate', 'add', 'host', 'osc-agg', 'cmp5', '-f', 'json')
        assert added['hosts'] == ['cmp5']
        zones = ok(member(nova_api_service)('GET', '/os-availability-zone'))['availabilityZoneInfo']
        assert 'az5' in [zone['zoneName'] for zone in zones]
    finally:
        openstack(nova_api_service, 'aggregate', 'remove', 'host', 'osc-agg', 'cmp5', '-f', 'json')
        openstack(nova_api_service, 'aggregate', 'delete', 'osc-agg')


def test_openstack_quota_show_default_follows_the_default_class(nova_api_service):
    """This openstackclient dropped ``quota show --class``; ``--default`` reads the class's effect."""
    client = admin(nova_api_service, '2.57')
    ok(client('PUT', '/os-quota-class-sets/default', {'quota_class_set': {'cores': 33}}))
    try:
        shown = openstack(nova_api_service, 'quota', 'show', '--default', '-f', 'json')
        values = ({row['Resource']: row['Limit'] for row in shown} if isinstance(shown, list)
                  else shown)
        assert values['cores'] == 33 and values['instances'] == 10
    finally:
        ok(client('PUT', '/os-quota-class-sets/default', {'quota_class_set': {'cores': 20}}))


def test_openstacksdk_aggregates(nova_api_service, sdk):
    conn = sdk()
    aggregate = conn.compute.create_aggregate(name='sdk-agg', availability_zone='az6')
    try:
        conn.compute.add_host_to_aggregate(aggregate, 'cmp5')
        found = {a.name: a for a in conn.compute.aggregates()}
        assert found['sdk-agg'].hosts == ['cmp5'] and found['sdk-agg'].availability_zone == 'az6'
        conn.compute.remove_host_from_aggregate(aggregate, 'cmp5')
    finally:
        conn.compute.delete_aggregate(aggregate)


def test_image_pre_caching_is_accepted_from_2_81(nova_api_service):
    client = admin(nova_api_service, '2.81')
    aggregate_id = ok(client('POST', '/os-aggregates', {'aggregate': {'name': 'cache'}}))[
        'aggregate']['id']
    path = '/os-aggregates/%d/images' % aggregate_id
    image = {'id': '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'}
    try:
        response = client('POST', path, {'cache': [image]})
        assert (response.status_code, response.content) == (202, b'')
        assert_fault(client('POST', path, {'cache': [image, image]}), 400, 'badRequest',
                     'Duplicate images in request')
        assert client('POST', path, {'cache': []}).status_code == 400
        assert client('POST', '/os-aggregates/999/images', {'cache': [image]}).status_code == 404
        assert admin(nova_api_service, '2.80')('POST', path, {'cache': [image]}).status_code == 404
        assert member(nova_api_service, '2.81')('POST', path, {'cache': [image]}).status_code == 403
    finally:
        client('DELETE', '/os-aggregates/%d' % aggregate_id)
