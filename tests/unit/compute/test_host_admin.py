"""The host admin rules: registration and zones, scheduling candidates, aggregates, usage arithmetic."""

from __future__ import annotations

import datetime

import pytest

from nova_api import exception
from nova_api.compute import hypervisors
from nova_api.compute import instance_usage_audit_log as audit
from nova_api.compute import service_registry as registry
from nova_api.compute import simple_tenant_usage as usage
from nova_api.objects.simple_tenant_usage import UsedServer

T0 = datetime.datetime(2026, 3, 1, 12, 0, 0)


def hours(n: float) -> datetime.timedelta:
    return datetime.timedelta(hours=n)


def server(launched, terminated=None, vcpus=2, memory_mb=1024, local_gb=10, project='p'):
    return UsedServer('u-%s' % launched, 'n', project, 'active', launched, terminated, 'f', vcpus,
                      memory_mb, local_gb)


# -- pure logic ------------------------------------------------------------------------

@pytest.mark.parametrize('launched, terminated, expected', [
    (T0, None, 10.0),                              # alive through the whole period
    (T0 + hours(4), None, 6.0),                    # launched inside it
    (T0 - hours(5), T0 + hours(2), 2.0),           # terminated inside it
    (T0 - hours(5), T0 - hours(1), 0),             # gone before it
    (T0 + hours(11), None, 0),                     # launched after it
])
def test_the_hours_a_server_counts_in_a_period(launched, terminated, expected):
    assert usage.hours_for(server(launched, terminated), T0, T0 + hours(10)) == expected


def test_usage_is_tallied_per_project_in_the_servers_order():
    servers = [server(T0, vcpus=1, project='a'), server(T0 + hours(5), T0 + hours(7), project='b'),
               server(T0, vcpus=4, memory_mb=512, local_gb=1, project='a')]
    tallied = usage.tally(servers, T0, T0 + hours(10), now=T0 + hours(10))

    assert [t.tenant_id for t in tallied] == ['a', 'b']
    first, second = tallied
    assert (first.total_hours, first.total_vcpus_usage, first.total_memory_mb_usage,
            first.total_local_gb_usage) == (20.0, 50.0, 15360.0, 110.0)
    assert (second.total_hours, second.server_usages[0].state, second.server_usages[0].uptime) == (
        2.0, 'terminated', 7200)


@pytest.mark.parametrize('before, period', [
    (datetime.datetime(2012, 7, 15, 10), ('2012-06-01 00:00:00', '2012-07-01 00:00:00')),
    (datetime.datetime(2013, 1, 1, 0), ('2012-12-01 00:00:00', '2013-01-01 00:00:00')),
    (datetime.datetime(2013, 3, 31, 23, 59), ('2013-02-01 00:00:00', '2013-03-01 00:00:00')),
])
def test_the_audit_period_is_the_last_completed_month(before, period):
    assert tuple(map(str, audit.last_completed_month(before))) == period


def test_the_audit_status_line_reads_as_novas():
    done = audit.HostAudit('DONE', 2, 0, '')
    log = audit.AuditLog(T0, T0, ('a', 'b'), {'a': done})
    assert (log.overall_status, log.hosts_not_run, log.total_instances) == (
        '1 of 2 hosts done. 0 errors.', ['b'], 2)
    assert audit.AuditLog(T0, T0, ('a',), {'a': done}).overall_status == 'ALL hosts done. 0 errors.'


@pytest.mark.parametrize('up, text', [
    (datetime.timedelta(minutes=5), ' 08:32:11 up 5 min,'),
    (datetime.timedelta(hours=18, minutes=25), ' 08:32:11 up 18:25,'),
    (datetime.timedelta(days=93, hours=18, minutes=25), ' 08:32:11 up 93 days, 18:25,'),
    (datetime.timedelta(days=1, minutes=3), ' 08:32:11 up 1 day, 3 min,'),
])
def test_uptime_is_written_as_procps_writes_it(up, text):
    line = hypervisors.uptime_text(datetime.datetime(2026, 1, 1, 8, 32, 11), up)
    assert line.startswith(text) and line.endswith('load average: 0.00, 0.00, 0.00')


# -- against the database ------------------------------------------------------------------

def test_registration_seeds_the_configured_zones_as_aggregates(compute, caller):
    zones = compute.availability_zones.zones(caller())
    assert [zone.name for zone in zones] == ['az2', 'nova']
    aggregates = compute.aggregates.list(caller(admin=True))
    assert [(a.name, a.hosts, a.availability_zone) for a in aggregates] == [('az2', ('cmp2',), 'az2')]
    # Registering again (another worker, a restart) adds nothing.
    assert len(compute.database.write(registry.register, compute.conf)) == 4
    assert len(compute.aggregates.list(caller(admin=True))) == 1


def test_the_scheduler_takes_enabled_services_that_are_up_in_their_aggregate_zones(compute, caller):
    admin = caller(admin=True)
    assert compute.database.write(registry.schedulable, compute.conf) == {'cmp1': 'nova',
                                                                          'cmp2': 'az2'}
    cmp1 = compute.services.list(admin, host='cmp1')[0]
    compute.services.update(admin, cmp1.uuid, {'disabled': True, 'disabled_reason': None})
    assert compute.database.write(registry.schedulable, compute.conf) == {'cmp2': 'az2'}
    compute.services.update_by_host(admin, 'cmp2', 'nova-compute', {'forced_down': True})
    assert compute.database.write(registry.schedulable, compute.conf) == {}

    compute.services.update(admin, cmp1.uuid, {'disabled': False, 'disabled_reason': None})
    aggregate = compute.aggregates.create(admin, 'edge', 'az7')
    compute.aggregates.add_host(admin, aggregate.id, 'cmp1')
    assert compute.database.write(registry.schedulable, compute.conf) == {'cmp1': 'az7'}


def test_a_deleted_service_stays_deleted(compute, caller):
    admin = caller(admin=True)
    cmp1 = compute.services.list(admin, host='cmp1')[0]
    compute.services.delete(admin, str(cmp1.id))
    compute.database.write(registry.register, compute.conf)
    assert [s.host for s in compute.services.list(admin, binary='nova-compute')] == ['cmp2']
    with pytest.raises(exception.ServiceNotFound):
        compute.services.get(admin, cmp1.uuid)


def test_only_compute_services_are_updated(compute, caller):
    admin = caller(admin=True)
    scheduler = compute.services.list(admin, binary='nova-scheduler')[0]
    with pytest.raises(exception.ServiceUpdateNotSupported):
        compute.services.update(admin, scheduler.uuid, {'disabled': True})
    with pytest.raises(exception.HostBinaryNotFound):
        compute.services.update_by_host(admin, 'nowhere', 'nova-compute', {'disabled': True})


def test_a_host_has_one_zone(compute, caller):
    admin = caller(admin=True)
    london = compute.aggregates.create(admin, 'london', 'london')
    plain = compute.aggregates.create(admin, 'plain', None)
    with pytest.raises(exception.InvalidAggregateActionAddConflict):
        compute.aggregates.add_host(admin, london.id, 'cmp2')  # cmp2 is in az2
    compute.aggregates.add_host(admin, plain.id, 'cmp2')  # no zone: no conflict
    with pytest.raises(exception.InvalidAggregateActionUpdateMeta):
        compute.aggregates.set_metadata(admin, plain.id, {'availability_zone': 'paris'})
    with pytest.raises(exception.AggregateNameExists):
        compute.aggregates.update(admin, plain.id, {'name': 'london'})
    with pytest.raises(exception.InvalidAggregateActionDelete):
        compute.aggregates.delete(admin, plain.id)


def test_the_default_quota_class_overrides_the_configured_defaults(compute, caller):
    admin = caller(admin=True)
    assert compute.quota_sets.defaults(admin)['instances'] == 10
    compute.quota_class_sets.update(admin, 'default', {'instances': 3})
    compute.quota_class_sets.update(admin, 'gold', {'instances': 99})
    assert compute.quota_sets.defaults(admin)['instances'] == 3
    assert compute.quota_sets.limits(admin, 'any-project')['instances'] == 3
    assert compute.quota_class_sets.limits(admin, 'gold')['instances'] == 99
    assert compute.quota_class_sets.limits(admin, 'silver')['instances'] == 3
