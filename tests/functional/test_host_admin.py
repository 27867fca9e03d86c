"""The admin views of the simulated cloud against the real service, on each database backend.

os-services, os-hypervisors, os-hosts, os-quota-class-sets and
/extensions (os-aggregates: test_aggregates.py): bodies against Nova's
samples per microversion, Nova's 400/403/404/409s, and what the admin
changes do to scheduling, zones and quota defaults.

The hosts: cmp1 and cmp2 in az1 (seeded from the configuration), cmp3 and
cmp4 in the default zone, cmp5 and cmp6 left to the tests that change
zones or delete services. Tests that change a host put it back.
"""

from __future__ import annotations

import json
import time

import pytest
import requests
from servers_client import ServersClient
from test_api_wire import assert_fault
from test_clients import openstack

NOVA_API_OPTIONS = {
    'DEFAULT': {'compute_hosts': 'cmp1:az1, cmp2:az1, cmp3, cmp4, cmp5, cmp6', 'host': 'ctl'},
    'simulated_hosts': {'sizes': 'cmp4:32:65536:1000'},
}
COMPUTE_HOSTS = ['cmp1', 'cmp2', 'cmp3', 'cmp4', 'cmp5', 'cmp6']


def admin(service, version='2.1') -> ServersClient:
    return ServersClient(service, user='admin', project='6f70656e737461636b', version=version)


def member(service, version='2.1') -> ServersClient:
    return ServersClient(service, version=version)


def _minor(version: str) -> int:
    return int(version.split('.')[1])


def sample(nova_samples, folder: str, name: str, version: str | None = None) -> dict:
    """Nova's sample ``name`` as of ``version``: from the newest folder not after it that has it."""
    candidates = sorted((path for path in (nova_samples / folder).glob('v2.*/' + name)
                         if version and _minor(path.parent.name[1:]) <= _minor(version)),
                        key=lambda path: _minor(path.parent.name[1:]))
    path = candidates[-1] if candidates else nova_samples / folder / name
    return json.loads(path.read_text())


def assert_keys(ours, nova, where='$') -> None:
    """The same keys, recursively (the first item of lists); values and lengths may differ."""
    if isinstance(nova, dict):
        assert isinstance(ours, dict), where
        assert sorted(ours) == sorted(nova), '%s: %s vs %s' % (where, sorted(ours), sorted(nova))
        for key in nova:
            assert_keys(ours[key], nova[key], '%s.%s' % (where, key))
    elif isinstance(nova, list) and nova and isinstance(nova[0], (dict, list)):
        assert isinstance(ours, list) and ours, where
        assert_keys(ours[0], nova[0], where + '[0]')


def ok(response, code=200):
    assert response.status_code == code, response.text
    return response.json() if response.content else None


def services(service, version='2.53', **query) -> list[dict]:
    path = '/os-services' + ('?' + '&'.join('%s=%s' % item for item in query.items()) if query else '')
    return ok(admin(service, version)('GET', path))['services']


def compute_service(service, host: str) -> dict:
    return services(service, host=host, binary='nova-compute')[0]


def set_service(service, host: str, **changes) -> dict:
    service_id = compute_service(service, host)['id']
    return ok(admin(service, '2.53')('PUT', '/os-services/%s' % service_id, changes))['service']


def boot_and_wait(client: ServersClient, **fields) -> dict:
    server = ok(client.boot(**fields), 202)['server']
    return client.wait_for(server['id'], 'ACTIVE')


def delete_server(client: ServersClient, server_id: str) -> None:
    assert client('DELETE', '/servers/%s' % server_id).status_code == 204
    client.wait_gone(server_id)


def host_of(server: dict) -> str:
    return server['OS-EXT-SRV-ATTR:host']


# -- os-services ------------------------------------------------------------------------

# 2.69's sample is a down cell's minimal record: this cloud has no cell to lose.
@pytest.mark.parametrize('version, folder', [('2.1', None), ('2.11', '2.11'), ('2.53', '2.53'),
                                             ('2.69', '2.53')])
def test_the_service_list_has_novas_shape_at_each_version(nova_api_service, nova_samples,
                                                          version, folder):
    listed = ok(admin(nova_api_service, version)('GET', '/os-services'))

    assert_keys(listed, sample(nova_samples, 'os-services', 'services-list-get-resp.json', folder))
    by_service = {(s['host'], s['binary']): s for s in listed['services']}
    assert sorted(by_service) == sorted([(host, 'nova-compute') for host in COMPUTE_HOSTS]
                                        + [('ctl', 'nova-conductor'), ('ctl', 'nova-scheduler')])
    assert by_service[('cmp1', 'nova-compute')]['zone'] == 'az1'
    assert by_service[('cmp3', 'nova-compute')]['zone'] == 'nova'
    assert by_service[('ctl', 'nova-scheduler')]['zone'] == 'internal'
    ids = [s['id'] for s in listed['services']]
    assert all(isinstance(i, str if version >= '2.53' else int) for i in ids)


def test_services_filter_by_host_and_binary(nova_api_service):
    assert [s['binary'] for s in services(nova_api_service, host='ctl')] == [
        'nova-conductor', 'nova-scheduler']
    assert [s['host'] for s in services(nova_api_service, binary='nova-compute')] == COMPUTE_HOSTS
    assert services(nova_api_service, host='nowhere') == []


def test_disable_and_enable_a_service_by_uuid(nova_api_service, nova_samples):
    disabled = set_service(nova_api_service, 'cmp6', status='disabled', disabled_reason='maintenance')
    try:
        assert (disabled['status'], disabled['disabled_reason'], disabled['state']) == (
            'disabled', 'maintenance', 'up')
        assert_keys({'service': disabled},
                    sample(nova_samples, 'os-services', 'service-disable-log-put-resp.json', '2.53'))
        assert compute_service(nova_api_service, 'cmp6')['status'] == 'disabled'
    finally:
        enabled = set_service(nova_api_service, 'cmp6', status='enabled')
    assert (enabled['status'], enabled['disabled_reason']) == ('enabled', None)


def test_the_legacy_updates_before_2_53(nova_api_service, nova_samples):
    client = admin(nova_api_service, '2.11')
    body = {'host': 'cmp6', 'binary': 'nova-compute'}

    disabled = ok(client('PUT', '/os-services/disable-log-reason', dict(body, disabled_reason='x')))
    assert disabled == {'service': {'host': 'cmp6', 'binary': 'nova-compute', 'status': 'disabled',
                                    'disabled_reason': 'x'}}
    assert_keys(disabled, sample(nova_samples, 'os-services', 'service-disable-log-put-resp.json'))
    forced = ok(client('PUT', '/os-services/force-down', dict(body, forced_down=True)))
    assert forced == {'service': {'host': 'cmp6', 'binary': 'nova-compute', 'forced_down': True}}
    assert_keys(forced, sample(nova_samples, 'os-services', 'service-force-down-put-resp.json', '2.11'))
    assert compute_service(nova_api_service, 'cmp6')['state'] == 'down'
    ok(client('PUT', '/os-services/force-down', dict(body, forced_down=False)))
    enabled = ok(client('PUT', '/os-services/enable', body))
    assert enabled == {'service': {'host': 'cmp6', 'binary': 'nova-compute', 'status': 'enabled'}}
    shown = compute_service(nova_api_service, 'cmp6')
    assert (shown['status'], shown['state'], shown['forced_down']) == ('enabled', 'up', False)

    assert_fault(client('PUT', '/os-services/reboot', body), 404, 'itemNotFound', 'Unknown action')
    assert_fault(admin(nova_api_service, '2.10')('PUT', '/os-services/force-down', body), 404,
                 'itemNotFound', 'Unknown action')
    assert_fault(client('PUT', '/os-services/disable-log-reason', body), 400, 'badRequest',
                 'Missing disabled reason field')
    assert_fault(client('PUT', '/os-services/disable', {'host': 'ctl', 'binary': 'nova-scheduler'}),
                 400, 'badRequest', 'Updating a nova-scheduler service is not supported. Only '
                 'nova-compute services can be updated.')
    assert_fault(client('PUT', '/os-services/disable', {'host': 'nope', 'binary': 'nova-compute'}),
                 404, 'itemNotFound', 'Could not find binary nova-compute on host nope.')


def test_service_update_refusals_from_2_53(nova_api_service):
    client = admin(nova_api_service, '2.53')
    compute_id = compute_service(nova_api_service, 'cmp6')['id']
    scheduler_id = services(nova_api_service, binary='nova-scheduler')[0]['id']

    assert_fault(client('PUT', '/os-services/1', {'status': 'enabled'}), 400, 'badRequest',
                 'Invalid uuid 1')
    assert_fault(client('PUT', '/os-services/%s' % compute_id, {}), 400, 'badRequest',
                 "No updates were requested. Fields 'status' or 'forced_down' should be specified.")
    assert_fault(client('PUT', '/os-services/%s' % compute_id,
                        {'status': 'enabled', 'disabled_reason': 'x'}), 400, 'badRequest',
                 "Specifying 'disabled_reason' with status 'enabled' is invalid.")
    assert client('PUT', '/os-services/%s' % compute_id, {'status': 'off'}).status_code == 400
    assert_fault(client('PUT', '/os-services/%s' % scheduler_id, {'status': 'disabled'}), 400,
                 'badRequest', 'Updating a nova-scheduler service is not supported. Only '
                 'nova-compute services can be updated.')
    assert_fault(client('PUT', '/os-services/8f4f06e5-5d4a-4a8f-9d0b-3c1b8c9e7a11',
                        {'status': 'disabled'}), 404, 'itemNotFound',
                 'Service 8f4f06e5-5d4a-4a8f-9d0b-3c1b8c9e7a11 could not be found.')
    assert admin(nova_api_service, '2.75')('GET', '/os-services?zone=x').status_code == 400


def test_a_disabled_or_forced_down_service_is_not_scheduled_to(nova_api_service):
    client = member(nova_api_service, '2.90')
    set_service(nova_api_service, 'cmp3', status='disabled')
    try:
        servers = [boot_and_wait(client, availability_zone='nova') for _ in range(3)]
        hosts = {host_of(admin(nova_api_service, '2.90').show(s['id'])) for s in servers}
        assert 'cmp3' not in hosts and hosts <= {'cmp4', 'cmp5', 'cmp6'}
        for name in ('cmp4', 'cmp5', 'cmp6'):
            set_service(nova_api_service, name, forced_down=True)
        try:
            assert compute_service(nova_api_service, 'cmp4')['state'] == 'down'
            refused = ok(client.boot(availability_zone='nova'), 202)['server']
            deadline = time.monotonic() + 30
            while (shown := client.show(refused['id']))['status'] != 'ERROR':
                assert time.monotonic() < deadline, shown['status']
                time.sleep(0.1)
            assert 'No valid host was found' in shown['fault']['message']
            servers.append(shown)
        finally:
            for name in ('cmp4', 'cmp5', 'cmp6'):
                set_service(nova_api_service, name, forced_down=False)
    finally:
        set_service(nova_api_service, 'cmp3', status='enabled')
        for server in servers:
            delete_server(client, server['id'])


def test_host_status_follows_the_service_and_one_hosting_servers_cannot_be_deleted(
        nova_api_service):
    client = admin(nova_api_service, '2.90')  # a forced host is an admin's
    server = boot_and_wait(client, availability_zone='az1:cmp2')
    service_id = compute_service(nova_api_service, 'cmp2')['id']
    try:
        assert client.show(server['id'])['host_status'] == 'UP'
        set_service(nova_api_service, 'cmp2', status='disabled')
        assert client.show(server['id'])['host_status'] == 'MAINTENANCE'
        set_service(nova_api_service, 'cmp2', status='enabled', forced_down=True)
        assert client.show(server['id'])['host_status'] == 'DOWN'
        set_service(nova_api_service, 'cmp2', forced_down=False)
        assert_fault(admin(nova_api_service, '2.53')('DELETE', '/os-services/%s' % service_id), 409,
                     'conflictingRequest', 'Unable to delete compute service that is hosting '
                     'instances. Migrate or delete the instances first.')
    finally:
        delete_server(client, server['id'])
    assert admin(nova_api_service, '2.1')('DELETE', '/os-services/abc').status_code == 400


# -- os-hypervisors ----------------------------------------------------------------------

@pytest.mark.parametrize('version, folder', [('2.1', None), ('2.28', '2.28'), ('2.33', '2.33'),
                                             ('2.53', '2.53'), ('2.88', '2.88')])
def test_the_hypervisor_bodies_have_novas_shape(nova_api_service, nova_samples, version, folder):
    client = admin(nova_api_service, version)
    listed = ok(client('GET', '/os-hypervisors'))
    detail = ok(client('GET', '/os-hypervisors/detail'))
    one = detail['hypervisors'][0]

    nova_list = sample(nova_samples, 'os-hypervisors', 'hypervisors-list-resp.json', folder)
    nova_detail = sample(nova_samples, 'os-hypervisors', 'hypervisors-detail-resp.json', folder)
    nova_list.pop('hypervisors_links', None)
    nova_detail.pop('hypervisors_links', None)
    assert_keys(listed, nova_list)
    assert_keys(detail, nova_detail)
    assert [h['hypervisor_hostname'] for h in listed['hypervisors']] == COMPUTE_HOSTS
    shown = ok(client('GET', '/os-hypervisors/%s' % one['id']))
    assert_keys(shown, sample(nova_samples, 'os-hypervisors', 'hypervisors-show-resp.json', folder))
    if version < '2.88':
        assert isinstance(one['cpu_info'], dict if version >= '2.28' else str)
        cmp4 = next(h for h in detail['hypervisors'] if h['hypervisor_hostname'] == 'cmp4')
        assert (cmp4['vcpus'], cmp4['memory_mb'], cmp4['local_gb']) == (32, 65536, 1000)
        uptime = ok(client('GET', '/os-hypervisors/%s/uptime' % one['id']))
        assert_keys(uptime, sample(nova_samples, 'os-hypervisors', 'hypervisors-uptime-resp.json',
                                   folder))
        stats = ok(client('GET', '/os-hypervisors/statistics'))
        assert_keys(stats, sample(nova_samples, 'os-hypervisors',
                                  'hypervisors-statistics-resp.json', folder))
        assert stats['hypervisor_statistics']['count'] == len(COMPUTE_HOSTS)
    else:
        assert client('GET', '/os-hypervisors/statistics').status_code == 404
        assert client('GET', '/os-hypervisors/%s/uptime' % one['id']).status_code == 404


def test_a_hypervisor_counts_the_servers_on_it(nova_api_service):
    client = admin(nova_api_service, '2.90')
    server = boot_and_wait(client, availability_zone='nova:cmp4')
    try:
        detail = ok(admin(nova_api_service, '2.53')('GET', '/os-hypervisors/detail'
                                                            '?hypervisor_hostname_pattern=cmp4'
                                                            '&with_servers=true'))
        cmp4 = detail['hypervisors'][0]
        assert (cmp4['running_vms'], cmp4['vcpus_used'], cmp4['memory_mb_used'],
                cmp4['local_gb_used']) == (1, 1, 512 + 512, 1)
        assert cmp4['servers'] == [{'name': server['name'], 'uuid': server['id']}]
        legacy = ok(admin(nova_api_service)('GET', '/os-hypervisors/cmp4/servers'))
        assert legacy['hypervisors'][0]['servers'] == cmp4['servers']
    finally:
        delete_server(client, server['id'])


def test_hypervisor_pages_searches_and_refusals(nova_api_service, nova_samples):
    client = admin(nova_api_service, '2.53')
    page = ok(client('GET', '/os-hypervisors?limit=1'))
    assert len(page['hypervisors']) == 1
    assert_keys(page, sample(nova_samples, 'os-hypervisors', 'hypervisors-list-resp.json', '2.88'))
    following = requests.get(page['hypervisors_links'][0]['href'], headers={
        'X-Auth-Token': 'admin:6f70656e737461636b', 'OpenStack-API-Version': 'compute 2.53'},
        timeout=10).json()
    assert following['hypervisors'][0]['hypervisor_hostname'] == COMPUTE_HOSTS[1]
    searched = ok(admin(nova_api_service)('GET', '/os-hypervisors/cmp/search'))
    assert_keys(searched, sample(nova_samples, 'os-hypervisors', 'hypervisors-search-resp.json'))

    assert_fault(client('GET', '/os-hypervisors/1'), 400, 'badRequest', 'Invalid uuid 1')
    assert_fault(admin(nova_api_service)('GET', '/os-hypervisors/x'), 404, 'itemNotFound',
                 "Hypervisor with ID 'x' could not be found.")
    assert_fault(admin(nova_api_service)('GET', '/os-hypervisors/zzz/search'), 404, 'itemNotFound',
                 "No hypervisor matching 'zzz' could be found.")
    assert client('GET', '/os-hypervisors/cmp/search').status_code == 404
    assert_fault(client('GET', '/os-hypervisors?hypervisor_hostname_pattern=cmp&limit=1'), 400,
                 'badRequest', 'Paging over hypervisors with the hypervisor_hostname_pattern '
                 'query parameter is not supported.')
    assert client('GET', '/os-hypervisors?with_servers=maybe').status_code == 400
    assert client('GET', '/os-hypervisors?marker=nope').status_code == 400


# -- os-hosts, quota classes, extensions ----------------------------------------------------

def test_os_hosts_until_2_42(nova_api_service, nova_samples):
    client = admin(nova_api_service, '2.42')
    listed = ok(client('GET', '/os-hosts'))
    assert_keys(listed, sample(nova_samples, 'os-hosts', 'hosts-list-resp.json'))
    assert ('ctl', 'scheduler', 'internal') in [
        (h['host_name'], h['service'], h['zone']) for h in listed['hosts']]
    assert {h['host_name'] for h in ok(client('GET', '/os-hosts?zone=az1'))['hosts']} == {'cmp1', 'cmp2'}
    shown = ok(client('GET', '/os-hosts/cmp1'))
    assert_keys(shown, sample(nova_samples, 'os-hosts', 'host-get-resp.json'))
    assert [r['resource']['project'] for r in shown['host']][:3] == ['(total)', '(used_now)', '(used_max)']

    assert_fault(client('GET', '/os-hosts/nope'), 404, 'itemNotFound',
                 'Compute host nope could not be found.')
    for path in ('/os-hosts/cmp1/reboot', '/os-hosts/cmp1/shutdown', '/os-hosts/cmp1/startup'):
        assert_fault(client('GET', path), 501, 'notImplemented',
                     'The requested functionality is not supported.')
    assert_fault(client('PUT', '/os-hosts/cmp1', {'status': 'disable'}), 501, 'notImplemented',
                 'The requested functionality is not supported.')
    assert client('PUT', '/os-hosts/nope', {'maintenance_mode': 'enable'}).status_code == 404
    assert client('PUT', '/os-hosts/cmp1', {'status': 'off'}).status_code == 400
    assert admin(nova_api_service, '2.43')('GET', '/os-hosts').status_code == 404


@pytest.mark.parametrize('version, folder', [('2.1', None), ('2.50', '2.50'), ('2.57', '2.57')])
def test_quota_class_bodies_have_novas_keys(nova_api_service, nova_samples, version, folder):
    client = admin(nova_api_service, version)
    shown = ok(client('GET', '/os-quota-class-sets/default'))
    assert sorted(shown['quota_class_set']) == sorted(sample(
        nova_samples, 'os-quota-class-sets', 'quota-classes-show-get-resp.json', folder)['quota_class_set'])
    request = sample(nova_samples, 'os-quota-class-sets', 'quota-classes-update-post-req.json', folder)
    current = {name: shown['quota_class_set'][name] for name in request['quota_class_set']}
    updated = ok(client('PUT', '/os-quota-class-sets/default', request))
    try:
        assert sorted(updated['quota_class_set']) == sorted(sample(
            nova_samples, 'os-quota-class-sets', 'quota-classes-update-post-resp.json',
            folder)['quota_class_set'])
    finally:
        ok(client('PUT', '/os-quota-class-sets/default', {'quota_class_set': current}))


def test_the_default_class_sets_every_workers_defaults_at_once(nova_api_service):
    client = admin(nova_api_service, '2.57')
    before = ok(client('GET', '/os-quota-class-sets/default'))['quota_class_set']['instances']
    ok(client('PUT', '/os-quota-class-sets/default', {'quota_class_set': {'instances': 77}}))
    try:
        # New connections, spread over both workers by their SO_REUSEPORT sockets.
        seen = {requests.get(nova_api_service.url + '/v2.1/os-quota-sets/abc/defaults',
                             headers={'X-Auth-Token': 'alice:6f70656e737461636b'},
                             timeout=10).json()['quota_set']['instances'] for _ in range(12)}
        assert seen == {77}
        assert ok(member(nova_api_service)('GET', '/limits'))['limits']['absolute'][
            'maxTotalInstances'] == 77
    finally:
        ok(client('PUT', '/os-quota-class-sets/default', {'quota_class_set': {'instances': before}}))


def test_quota_class_refusals(nova_api_service):
    client = admin(nova_api_service, '2.57')
    assert client('PUT', '/os-quota-class-sets/default',
                  {'quota_class_set': {'injected_files': 1}}).status_code == 400
    assert client('PUT', '/os-quota-class-sets/default',
                  {'quota_class_set': {'instances': -2}}).status_code == 400
    assert client('PUT', '/os-quota-class-sets/' + 'x' * 256,
                  {'quota_class_set': {'instances': 1}}).status_code == 400


def test_the_extension_list_is_novas(nova_api_service, nova_samples):
    listed = ok(member(nova_api_service)('GET', '/extensions'))
    assert listed == sample(nova_samples, 'extension-info', 'extensions-list-resp.json')
    shown = ok(member(nova_api_service)('GET', '/extensions/os-agents'))
    assert shown == sample(nova_samples, 'extension-info', 'extensions-get-resp.json')
    assert member(nova_api_service)('GET', '/extensions/nope').status_code == 404
    assert member(nova_api_service, '2.102')('GET', '/extensions?x=1').status_code == 400


# -- policy -------------------------------------------------------------------------------

@pytest.mark.parametrize('method, path, version, rule', [
    ('GET', '/os-services', '2.1', 'os-services:list'),
    ('PUT', '/os-services/disable', '2.1', 'os-services:update'),
    ('DELETE', '/os-services/1', '2.1', 'os-services:delete'),
    ('GET', '/os-hypervisors', '2.1', 'os-hypervisors:list'),
    ('GET', '/os-hypervisors/detail', '2.1', 'os-hypervisors:list-detail'),
    ('GET', '/os-hypervisors/statistics', '2.1', 'os-hypervisors:statistics'),
    ('GET', '/os-hypervisors/1', '2.1', 'os-hypervisors:show'),
    ('GET', '/os-hypervisors/1/uptime', '2.1', 'os-hypervisors:uptime'),
    ('GET', '/os-hypervisors/cmp/search', '2.1', 'os-hypervisors:search'),
    ('GET', '/os-hypervisors/cmp/servers', '2.1', 'os-hypervisors:servers'),
    ('GET', '/os-aggregates', '2.1', 'os-aggregates:index'),
    ('POST', '/os-aggregates', '2.1', 'os-aggregates:create'),
    ('GET', '/os-aggregates/1', '2.1', 'os-aggregates:show'),
    ('PUT', '/os-aggregates/1', '2.1', 'os-aggregates:update'),
    ('DELETE', '/os-aggregates/1', '2.1', 'os-aggregates:delete'),
    ('POST', '/os-aggregates/1/action', '2.1', 'os-aggregates:add_host'),
    ('GET', '/os-hosts', '2.1', 'os-hosts:list'),
    ('GET', '/os-hosts/cmp1', '2.1', 'os-hosts:show'),
    ('GET', '/os-hosts/cmp1/reboot', '2.1', 'os-hosts:reboot'),
    ('GET', '/os-quota-class-sets/default', '2.1', 'os-quota-class-sets:show'),
    ('PUT', '/os-quota-class-sets/default', '2.1', 'os-quota-class-sets:update'),
    ('GET', '/os-instance_usage_audit_log', '2.1', 'os-instance-usage-audit-log:list'),
])
def test_a_member_may_not_use_the_admin_apis(nova_api_service, method, path, version, rule):
    bodies = {('PUT', '/os-services/disable'): {'host': 'cmp1', 'binary': 'nova-compute'},
              ('POST', '/os-aggregates'): {'aggregate': {'name': 'x'}},
              ('PUT', '/os-aggregates/1'): {'aggregate': {'name': 'x'}},
              ('POST', '/os-aggregates/1/action'): {'add_host': {'host': 'cmp1'}},
              ('PUT', '/os-quota-class-sets/default'): {'quota_class_set': {'instances': 1}}}
    response = member(nova_api_service, version)(method, path, bodies.get((method, path)))
    assert_fault(response, 403, 'forbidden',
                 "Policy doesn't allow os_compute_api:%s to be performed." % rule)


# -- real clients ----------------------------------------------------------------------------

def test_openstack_compute_service_list_and_set(nova_api_service):
    listed = openstack(nova_api_service, 'compute', 'service', 'list', '-f', 'json')
    assert {(s['Binary'], s['Host']) for s in listed} >= {('nova-compute', 'cmp1'),
                                                           ('nova-scheduler', 'ctl')}
    openstack(nova_api_service, 'compute', 'service', 'set', '--disable', '--disable-reason', 'osc',
              'cmp5', 'nova-compute')
    try:
        shown = compute_service(nova_api_service, 'cmp5')
        assert (shown['status'], shown['disabled_reason']) == ('disabled', 'osc')
    finally:
        openstack(nova_api_service, 'compute', 'service', 'set', '--enable', 'cmp5', 'nova-compute')
    assert compute_service(nova_api_service, 'cmp5')['status'] == 'enabled'


def test_openstack_hypervisor_list_and_show(nova_api_service):
    listed = openstack(nova_api_service, 'hypervisor', 'list', '-f', 'json')
    assert [h['Hypervisor Hostname'] for h in listed] == COMPUTE_HOSTS
    shown = openstack(nova_api_service, 'hypervisor', 'show', 'cmp4', '-f', 'json')
    assert (shown['hypervisor_hostname'], shown['state'], shown['status']) == ('cmp4', 'up', 'enabled')


def test_openstacksdk_services_and_hypervisors(nova_api_service, sdk):
    conn = sdk()
    assert {s.host for s in conn.compute.services() if s.binary == 'nova-compute'} == set(COMPUTE_HOSTS)
    assert sorted(h.name for h in conn.compute.hypervisors()) == COMPUTE_HOSTS


# -- last: it removes cmp6 for good ----------------------------------------------------

def test_deleting_a_compute_service_removes_its_host(nova_api_service):
    client = admin(nova_api_service, '2.53')
    aggregate = ok(client('POST', '/os-aggregates', {'aggregate': {'name': 'doomed'}}))['aggregate']
    ok(client('POST', '/os-aggregates/%d/action' % aggregate['id'], {'add_host': {'host': 'cmp6'}}))
    service_id = compute_service(nova_api_service, 'cmp6')['id']

    assert client('DELETE', '/os-services/%s' % service_id).status_code == 204

    assert services(nova_api_service, host='cmp6') == []
    hypervisors = ok(client('GET', '/os-hypervisors'))['hypervisors']
    assert 'cmp6' not in [h['hypervisor_hostname'] for h in hypervisors]
    assert ok(client('GET', '/os-aggregates/%d' % aggregate['id']))['aggregate']['hosts'] == []
    assert client('DELETE', '/os-aggregates/%d' % aggregate['id']).status_code == 200
