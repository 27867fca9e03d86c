"""os-availability-zone through the real pipeline: zones from the configured hosts, admin detail."""

from __future__ import annotations

import json
import re

import pytest
from sample_shape import assert_same_shape

PROJECT = '6f70656e737461636b20726f636b7321'
ADMIN = 'admin:' + PROJECT
MEMBER = 'alice:' + PROJECT
TIME = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$')


@pytest.fixture
def zoned_pipeline(load_pipeline, sqlite_conf):
    return load_pipeline(sqlite_conf(overrides={None: {
        'compute_hosts': ['cmp1', 'cmp2:az1', 'cmp3:az1', 'cmp4:az2'], 'host': 'ctl'}}))


def test_the_list_shows_each_zone_with_a_compute_host_once_and_never_the_internal_zone(
        zoned_pipeline, api_request):
    response = api_request(zoned_pipeline, '/v2.1/os-availability-zone', token=MEMBER)

    assert response.status_int == 200
    assert response.json_body == {'availabilityZoneInfo': [
        {'zoneName': name, 'zoneState': {'available': True}, 'hosts': None}
        for name in ('az1', 'az2', 'nova')]}


def test_the_detail_shows_every_host_and_its_services(zoned_pipeline, api_request):
    response = api_request(zoned_pipeline, '/v2.1/os-availability-zone/detail', token=ADMIN)

    zones = {zone['zoneName']: zone for zone in response.json_body['availabilityZoneInfo']}
    assert list(zones) == ['az1', 'az2', 'internal', 'nova']
    assert {name: {host: sorted(services) for host, services in zone['hosts'].items()}
            for name, zone in zones.items()} == {
        'az1': {'cmp2': ['nova-compute'], 'cmp3': ['nova-compute']},
        'az2': {'cmp4': ['nova-compute']},
        'internal': {'ctl': ['nova-conductor', 'nova-scheduler']},
        'nova': {'cmp1': ['nova-compute']},
    }
    state = zones['internal']['hosts']['ctl']['nova-scheduler']
    assert state['available'] is True and state['active'] is True
    assert TIME.match(state['updated_at'])


def test_a_member_may_list_but_not_see_the_detail(pipeline, api_request):
    assert api_request(pipeline, '/v2.1/os-availability-zone', token=MEMBER).status_int == 200
    response = api_request(pipeline, '/v2.1/os-availability-zone/detail', token=MEMBER)

    assert response.status_int == 403
    assert response.json_body['forbidden']['message'] == (
        "Policy doesn't allow os_compute_api:os-availability-zone:detail to be performed.")


def test_query_parameters_are_ignored_at_every_version(pipeline, api_request):
    for path in ('/v2.1/os-availability-zone?x=1', '/v2.1/os-availability-zone/detail?x=1'):
        assert api_request(pipeline, path, token=ADMIN, version='2.104').status_int == 200


def test_bodies_have_the_shape_of_novas_samples(load_pipeline, sqlite_conf, api_request,
                                                nova_samples):
    # Nova's sample runs conductor and scheduler on two hosts; ours share one,
    # so compare zones, and each service entry, by shape.
    pipeline = load_pipeline(sqlite_conf(overrides={None: {'compute_hosts': ['compute']}}))
    samples = nova_samples / 'os-availability-zone'
    listed = api_request(pipeline, '/v2.1/os-availability-zone', token=ADMIN).json_body
    assert_same_shape(listed, json.loads((samples / 'availability-zone-list-resp.json').read_text()))

    sample = json.loads((samples / 'availability-zone-detail-resp.json').read_text())
    detail = api_request(pipeline, '/v2.1/os-availability-zone/detail', token=ADMIN).json_body
    ours = detail['availabilityZoneInfo']
    theirs = sample['availabilityZoneInfo']
    assert [zone['zoneName'] for zone in ours] == [zone['zoneName'] for zone in theirs]
    for zone in ours:
        for services in zone['hosts'].values():
            for state in services.values():
                # Nova's sample service never reported (null); ours report now.
                assert TIME.match(state.pop('updated_at'))
                state['updated_at'] = None
    assert_same_shape(ours[1], theirs[1], '$.nova')  # host 'compute' in both
    sample_state = theirs[0]['hosts']['conductor']['nova-conductor']
    for services in ours[0]['hosts'].values():
        for state in services.values():
            assert_same_shape(state, sample_state, '$.internal')
