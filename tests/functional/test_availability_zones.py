"""os-availability-zone against the real service, on each database backend."""

from __future__ import annotations

import json
import socket

import requests
from sample_shape import assert_same_shape
from test_api_wire import assert_fault

ADMIN = {'X-Auth-Token': 'admin:6f70656e737461636b'}
MEMBER = {'X-Auth-Token': 'alice:6f70656e737461636b'}


def call(service, path, token):
    return requests.get(service.url + '/v2.1' + path, headers=token, timeout=10)


def test_the_list_shows_the_default_zone_of_the_default_compute_host(nova_api_service, nova_samples):
    response = call(nova_api_service, '/os-availability-zone', MEMBER)

    assert response.status_code == 200
    assert response.json() == {'availabilityZoneInfo': [
        {'zoneName': 'nova', 'zoneState': {'available': True}, 'hosts': None}]}
    sample = nova_samples / 'os-availability-zone' / 'availability-zone-list-resp.json'
    assert response.json() == json.loads(sample.read_text())


def test_the_detail_shows_this_nodes_control_services_and_the_compute_host(nova_api_service):
    response = call(nova_api_service, '/os-availability-zone/detail', ADMIN)

    assert response.status_code == 200
    zones = {zone['zoneName']: zone for zone in response.json()['availabilityZoneInfo']}
    assert list(zones) == ['internal', 'nova']
    assert sorted(zones['internal']['hosts'][socket.gethostname()]) == [
        'nova-conductor', 'nova-scheduler']
    compute = zones['nova']['hosts']['compute1']['nova-compute']
    assert (compute['available'], compute['active']) == (True, True)
    assert isinstance(compute['updated_at'], str)
    compute['updated_at'] = None
    assert_same_shape(compute, {'active': True, 'available': True, 'updated_at': None})


def test_a_member_may_not_see_the_detail(nova_api_service):
    assert_fault(call(nova_api_service, '/os-availability-zone/detail', MEMBER), 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:os-availability-zone:detail to be performed.")


def test_zones_follow_the_configured_compute_hosts(daemon_factory):
    daemon = daemon_factory(options={'DEFAULT': {'compute_hosts': 'cmp1:az1, cmp2:az2, cmp3',
                                                 'host': 'ctl'}})

    listed = call(daemon, '/os-availability-zone', MEMBER).json()['availabilityZoneInfo']
    detail = call(daemon, '/os-availability-zone/detail', ADMIN).json()['availabilityZoneInfo']

    assert [zone['zoneName'] for zone in listed] == ['az1', 'az2', 'nova']
    assert {zone['zoneName']: sorted(zone['hosts']) for zone in detail} == {
        'az1': ['cmp1'], 'az2': ['cmp2'], 'internal': ['ctl'], 'nova': ['cmp3']}
