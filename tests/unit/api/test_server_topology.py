"""``GET /servers/{id}/topology`` (2.78): its bodies against Nova's samples and schema, for a reader
and an admin, and its 404s (before 2.78, an unknown server); a topology Nova cannot build refuses the boot."""

from __future__ import annotations

import json
import uuid

import pytest
from fault_check import assert_fault
from sample_shape import assert_same_shape

from nova_api.api.views import server_topology as views
from nova_api.compute import numa_topology
from nova_api.policies import base as base_policies
from nova_api.policies import server_topology as policies

ADMIN = 'admin:admin'
ALICE = 'alice:demo'
CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
#: Nova's sample: two nodes of two pinned vCPUs, 1 GiB and 2 GiB, in small pages.
SAMPLE_SPECS = {'hw:numa_nodes': '2', 'hw:numa_cpus.0': '0-1', 'hw:numa_cpus.1': '2-3',
                'hw:numa_mem.0': '1024', 'hw:numa_mem.1': '2048', 'hw:cpu_policy': 'dedicated',
                'hw:mem_page_size': 'small'}
SAMPLE_FLAVOR = {'vcpus': 4, 'memory_mb': 3072, 'extra_specs': SAMPLE_SPECS}


def _sample(nova_samples, name: str) -> dict:
    return json.loads((nova_samples / 'os-server-topology' / 'v2.78' / name).read_text())


def _without_siblings(body: dict) -> dict:
    """The body with no ``siblings``: Nova's sample has a cell CPU topology set by its test
    (Nova itself no longer sets one, so its cells have no sibling sets, as ours do)."""
    return {**body, 'nodes': [{key: value for key, value in node.items() if key != 'siblings'}
                              for node in body['nodes']]}


# -- the bodies ------------------------------------------------------------------------

@pytest.mark.parametrize(('host_info', 'sample'), [
    (True, 'servers-topology-resp.json'), (False, 'servers-topology-resp-user.json')])
def test_the_bodies_have_the_shape_of_novas_samples(nova_samples, host_info, sample):
    body = views.show(numa_topology.of_server(SAMPLE_FLAVOR, {}), host_info)
    nova = _sample(nova_samples, sample)
    assert_same_shape(_without_siblings(body), _without_siblings(nova))
    assert [node['siblings'] for node in body['nodes']] == [[], []]
    assert {key: body['nodes'][0][key] for key in ('vcpu_set', 'memory_mb')} == {
        'vcpu_set': [0, 1], 'memory_mb': 1024}
    assert body['pagesize_kb'] == nova['pagesize_kb'] == 4
    if host_info:
        assert [(node['host_node'], node['cpu_pinning']) for node in body['nodes']] == [
            (0, {'0': 0, '1': 1}), (1, {'2': 2, '3': 3})]


def test_a_server_without_a_topology_shows_no_nodes():
    assert views.show(None, True) == views.show(None, False) == {'nodes': [], 'pagesize_kb': None}


@pytest.mark.parametrize('flavor', [SAMPLE_FLAVOR, {'vcpus': 2, 'memory_mb': 512,
                                                    'extra_specs': {'hw:numa_nodes': '2'}}])
@pytest.mark.parametrize('host_info', [True, False])
def test_the_bodies_follow_novas_schema(compute_openapi, flavor, host_info):
    for body in (views.show(numa_topology.of_server(flavor, {}), host_info),
                 views.show(None, host_info)):
        compute_openapi.validate('ServersTopologyIndexResponse', '2.78', body)


def test_the_rules_are_novas_defaults():
    assert [(rule.name, rule.check_str) for rule in policies.list_rules()] == [
        ('compute:server:topology:index', base_policies.PROJECT_READER_OR_ADMIN),
        ('compute:server:topology:host:index', base_policies.ADMIN)]


# -- over HTTP -------------------------------------------------------------------------

def test_a_reader_sees_the_nodes_and_an_admin_where_they_are(simulated_cloud, compute_openapi):
    flavor = simulated_cloud.flavor('numa', vcpus=4, memory_mb=3072, **SAMPLE_SPECS)
    server_id = simulated_cloud.boot(ALICE, flavor)
    path = '/servers/%s/topology' % server_id

    owner = simulated_cloud('GET', path, ALICE, '2.78')
    assert owner.status_int == 200, owner.text
    assert owner.json_body == {'nodes': [
        {'vcpu_set': [0, 1], 'siblings': [], 'memory_mb': 1024},
        {'vcpu_set': [2, 3], 'siblings': [], 'memory_mb': 2048}], 'pagesize_kb': 4}
    admin = simulated_cloud('GET', path, ADMIN, 'latest').json_body
    compute_openapi.validate('ServersTopologyIndexResponse', '2.104', admin)
    assert [(node['host_node'], node['cpu_pinning']) for node in admin['nodes']] == [
        (0, {'0': 0, '1': 1}), (1, {'2': 2, '3': 3})]


def test_a_server_whose_flavor_asks_for_no_topology(simulated_cloud):
    server_id = simulated_cloud.boot(ALICE)
    for token in (ALICE, ADMIN):
        shown = simulated_cloud('GET', '/servers/%s/topology' % server_id, token, '2.78')
        assert shown.status_int == 200 and shown.json_body == {'nodes': [], 'pagesize_kb': None}


def test_before_2_78_the_route_is_not_found(simulated_cloud):
    server_id = simulated_cloud.boot(ALICE)
    for version in (None, '2.77'):
        assert_fault(simulated_cloud('GET', '/servers/%s/topology' % server_id, ALICE, version),
                     404, 'itemNotFound')


def test_another_projects_or_an_unknown_server_is_404(simulated_cloud):
    server_id = simulated_cloud.boot(ALICE)
    assert_fault(simulated_cloud('GET', '/servers/%s/topology' % server_id, 'bob:other', '2.78'),
                 404, 'itemNotFound', 'Instance %s could not be found.' % server_id)
    missing = str(uuid.uuid4())
    assert_fault(simulated_cloud('GET', '/servers/%s/topology' % missing, ADMIN, '2.78'), 404,
                 'itemNotFound', 'Instance %s could not be found.' % missing)


def test_a_building_server_is_not_pinned_yet(simulated_cloud):
    flavor = simulated_cloud.flavor('pinned', vcpus=2, **{'hw:cpu_policy': 'dedicated'})
    server_id = simulated_cloud.boot(ALICE, flavor, settle=False)
    shown = simulated_cloud('GET', '/servers/%s/topology' % server_id, ADMIN, '2.78').json_body
    assert shown == {'nodes': [{'vcpu_set': [0, 1], 'siblings': [], 'memory_mb': 512,
                                'host_node': 0, 'cpu_pinning': {}}], 'pagesize_kb': None}
    simulated_cloud.settle()
    shown = simulated_cloud('GET', '/servers/%s/topology' % server_id, ADMIN, '2.78').json_body
    assert shown['nodes'][0]['cpu_pinning'] == {'0': 0, '1': 1}


def test_a_topology_nova_cannot_build_refuses_the_boot(simulated_cloud):
    # Three vCPUs do not split over two nodes: Nova's boot answers 400 with the reason.
    flavor = simulated_cloud.flavor('uneven', vcpus=3, **{'hw:numa_nodes': '2'})
    refused = simulated_cloud('POST', '/servers', ALICE, '2.78', {'server': {
        'name': 'uneven', 'flavorRef': flavor, 'imageRef': CIRROS, 'networks': 'auto'}})
    assert_fault(refused, 400, 'badRequest',
                 'Instance CPUs and/or memory cannot be evenly distributed across instance NUMA '
                 'nodes. Explicit assignment of CPUs and memory to nodes is required')
    listed = simulated_cloud('GET', '/servers', ALICE, '2.78').json_body['servers']
    assert 'uneven' not in [server['name'] for server in listed]


def test_unknown_query_parameters_are_refused_from_2_102(simulated_cloud):
    server_id = simulated_cloud.boot(ALICE)
    path = '/servers/%s/topology?foo=1' % server_id
    assert simulated_cloud('GET', path, ALICE, '2.101').status_int == 200
    assert_fault(simulated_cloud('GET', path, ALICE, '2.102'), 400, 'badRequest')
