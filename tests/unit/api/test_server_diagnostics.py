"""``GET /servers/{id}/diagnostics``: its bodies against Nova's samples and schemas, per microversion,
and its refusals (a member's 403, an unknown server's 404, a server not running's 409)."""

from __future__ import annotations

import json
import uuid

import pytest
from fault_check import assert_fault
from sample_shape import assert_same_shape
from server_records import request

from nova_api.api.views import server_diagnostics as views
from nova_api.compute import server_diagnostics as diagnostics
from nova_api.policies import base as base_policies
from nova_api.policies import server_diagnostics as policies

ADMIN = 'admin:admin'
ALICE = 'alice:demo'

#: A record like Nova's fake driver's (one vCPU, NIC and disk; the NIC named as in its sample).
RECORD = diagnostics.Diagnostics(
    state='running', driver='libvirt', hypervisor='fake', hypervisor_os='linux', uptime=46664,
    config_drive=True, memory_mb=512, memory_used_mb=512,
    cpus=(diagnostics.Cpu(0, 17300000000, 15),),
    nics=(diagnostics.Nic('vnet1', '01:23:45:67:89:ab', 2070139, 100, 200, 26701, 300, 140208,
                          400, 500, 662, 600),),
    disks=(diagnostics.Disk('vda', 262144, 112, 5778432, 488, 1),))


def _sample(nova_samples, version: str) -> dict:
    folder = nova_samples / 'os-server-diagnostics'
    if version != '2.1':
        folder = folder / ('v' + version)
    return json.loads((folder / 'server-diagnostics-get-resp.json').read_text())


# -- the bodies ------------------------------------------------------------------------

def test_before_2_48_the_body_is_the_drivers_dict_as_in_novas_sample(nova_samples):
    body = views.show(request('2.47'), RECORD)
    assert body == {
        'cpu0_time': 17300000000, 'memory': 524288,
        'vda_read_req': 112, 'vda_read': 262144, 'vda_write_req': 488, 'vda_write': 5778432,
        'vda_errors': 1, 'vnet1_rx': 2070139, 'vnet1_rx_packets': 26701, 'vnet1_rx_errors': 100,
        'vnet1_rx_drop': 200, 'vnet1_tx': 140208, 'vnet1_tx_packets': 662,
        'vnet1_tx_errors': 400, 'vnet1_tx_drop': 500}
    assert_same_shape(body, _sample(nova_samples, '2.1'))


def test_from_2_48_the_body_is_novas_standard_format(nova_samples):
    nova = _sample(nova_samples, '2.48')
    body = views.show(request('2.48'), RECORD)
    assert_same_shape(body, nova)
    # The record is the fake driver's: every value is the sample's but the names it chose.
    assert {key: value for key, value in body.items() if key not in (
        'driver', 'hypervisor', 'hypervisor_os', 'memory_details')} == {
        key: value for key, value in nova.items() if key not in (
            'driver', 'hypervisor', 'hypervisor_os', 'memory_details')}
    assert body['memory_details'] == {'maximum': 512, 'used': 512}


@pytest.mark.parametrize('version', ['2.1', '2.47', '2.48', '2.104'])
def test_the_bodies_follow_novas_schemas(compute_openapi, version):
    compute_openapi.validate('ServersDiagnosticsIndexResponse', version,
                             views.show(request(version), RECORD))


def test_the_rule_is_novas_admin_only_default():
    rule, = policies.list_rules()
    assert (rule.name, rule.check_str) == ('os_compute_api:os-server-diagnostics', base_policies.ADMIN)
    assert rule.operations == [{'method': 'GET', 'path': '/servers/{server_id}/diagnostics'}]


# -- over HTTP -------------------------------------------------------------------------

def test_an_admin_reads_a_running_servers_diagnostics_at_each_microversion(simulated_cloud,
                                                                          compute_openapi):
    server_id = simulated_cloud.boot(ALICE)
    path = '/servers/%s/diagnostics' % server_id
    ports = simulated_cloud('GET', '/servers/%s/os-interface' % server_id, ALICE).json_body

    legacy = simulated_cloud('GET', path, ADMIN)
    assert legacy.status_int == 200, legacy.text
    tap = 'tap' + ports['interfaceAttachments'][0]['port_id'][:11]
    assert {'cpu0_time', 'memory', 'vda_read', 'vda_write_req', tap + '_rx', tap + '_tx_drop'} <= set(
        legacy.json_body)
    assert legacy.json_body['memory'] == 512 * 1024  # m1.tiny, in KiB

    standard = simulated_cloud('GET', path, ADMIN, '2.48')
    assert standard.status_int == 200
    body = standard.json_body
    compute_openapi.validate('ServersDiagnosticsIndexResponse', '2.48', body)
    assert (body['state'], body['driver'], body['hypervisor']) == ('running', 'libvirt', 'fake')
    assert (body['num_cpus'], body['num_nics'], body['num_disks']) == (1, 1, 1)
    assert body['memory_details']['maximum'] == 512 and body['config_drive'] is False
    assert [nic['mac_address'] for nic in body['nic_details']] == [
        port['mac_addr'] for port in ports['interfaceAttachments']]


def test_a_member_is_refused_even_for_a_server_of_their_own(simulated_cloud):
    server_id = simulated_cloud.boot(ALICE)
    assert_fault(simulated_cloud('GET', '/servers/%s/diagnostics' % server_id, ALICE, '2.48'),
                 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:os-server-diagnostics to be performed.")
    # Another project's server is not found before any rule is asked.
    assert_fault(simulated_cloud('GET', '/servers/%s/diagnostics' % server_id, 'bob:other'),
                 404, 'itemNotFound')


def test_an_unknown_server_is_404(simulated_cloud):
    missing = str(uuid.uuid4())
    assert_fault(simulated_cloud('GET', '/servers/%s/diagnostics' % missing, ADMIN, '2.48'), 404,
                 'itemNotFound', 'Instance %s could not be found.' % missing)


def test_a_server_not_running_is_409(simulated_cloud):
    building = simulated_cloud.boot(ALICE, settle=False)
    assert_fault(simulated_cloud('GET', '/servers/%s/diagnostics' % building, ADMIN), 409,
                 'conflictingRequest', 'Instance %s is not ready' % building)

    server_id = simulated_cloud.boot(ALICE)
    stopped = simulated_cloud('POST', '/servers/%s/action' % server_id, ALICE, body={'os-stop': None})
    assert stopped.status_int == 202
    simulated_cloud.settle()
    assert_fault(simulated_cloud('GET', '/servers/%s/diagnostics' % server_id, ADMIN, '2.48'), 409,
                 'conflictingRequest',
                 "Cannot 'get_diagnostics' instance %s while it is in power state shutdown"
                 % server_id)


def test_unknown_query_parameters_are_refused_from_2_102(simulated_cloud):
    server_id = simulated_cloud.boot(ALICE)
    path = '/servers/%s/diagnostics?foo=1' % server_id
    assert simulated_cloud('GET', path, ADMIN, '2.101').status_int == 200
    assert_fault(simulated_cloud('GET', path, ADMIN, '2.102'), 400, 'badRequest')
