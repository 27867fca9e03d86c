"""The quota engine on each backend: how limits resolve, what is counted, what check() refuses."""

from __future__ import annotations

import pytest

from nova_api import exception
from nova_api.compute import quotas
from nova_api.db import generations
from nova_api.db import models
from nova_api.objects import quotas as quota_objects

PROJECT = 'p1'


@pytest.fixture
def engine(make_conf) -> quotas.QuotaEngine:
    return quotas.QuotaEngine(make_conf(overrides={'quota': {'key_pairs': 3, 'cores': 20}}))


def _add_keypairs(session, user_id, count):
    for index in range(count):
        session.add(models.KeyPair(name='k%d' % index, user_id=user_id, fingerprint='f',
                                   public_key='p', type='ssh'))


def test_defaults_come_from_the_quota_options_and_network_quotas_are_unlimited(engine):
    defaults = engine.defaults()

    assert defaults['key_pairs'] == 3
    assert defaults['cores'] == 20
    assert defaults['injected_file_path_bytes'] == 255  # option injected_file_path_length
    assert {name: defaults[name] for name in quotas.NETWORK_RESOURCES} == dict.fromkeys(
        quotas.NETWORK_RESOURCES, -1)
    assert set(defaults) == set(quotas.BY_NAME)


def test_a_project_limit_overrides_the_default_and_a_user_limit_the_project(database, engine):
    def set_limits(session):
        quota_objects.set_project_limit(session, PROJECT, 'cores', 40)
        quota_objects.set_project_limit(session, PROJECT, 'ram', 1000)
        quota_objects.set_user_limit(session, PROJECT, 'alice', 'cores', 5)
    database.write(set_limits)

    project = database.read(engine.limits, PROJECT)
    alice = database.read(engine.limits, PROJECT, 'alice')
    bob = database.read(engine.limits, PROJECT, 'bob')

    assert (project['cores'], project['ram'], project['instances']) == (40, 1000, 10)
    assert (alice['cores'], alice['ram'], alice['instances']) == (5, 1000, 10)
    assert (bob['cores'], bob['ram']) == (40, 1000)
    assert database.read(engine.limits, 'other')['cores'] == 20


def test_user_limits_total_by_resource_within_the_project(database):
    def set_limits(session):
        quota_objects.set_user_limit(session, PROJECT, 'alice', 'cores', 5)
        quota_objects.set_user_limit(session, PROJECT, 'bob', 'cores', 7)
        quota_objects.set_user_limit(session, PROJECT, 'bob', 'ram', 100)
        quota_objects.set_user_limit(session, 'other', 'carol', 'cores', 50)
    database.write(set_limits)

    assert database.read(quota_objects.user_limit_totals, PROJECT) == {'cores': 12, 'ram': 100}


def test_usage_counts_keypairs_for_the_user_and_nothing_for_the_project(database, engine):
    database.write(_add_keypairs, 'alice', 2)

    assert database.read(engine.usage, PROJECT, 'alice')['key_pairs'] == 2
    assert database.read(engine.usage, PROJECT)['key_pairs'] == 0
    # Servers and server groups are not stored by this release.
    assert database.read(engine.usage, PROJECT, 'alice')['instances'] == 0


def test_report_pairs_every_limit_with_its_usage(database, engine):
    database.write(_add_keypairs, 'alice', 2)

    report = database.read(engine.report, PROJECT, 'alice')

    assert report['key_pairs'] == quotas.Usage(limit=3, in_use=2)
    assert report['metadata_items'] == quotas.Usage(limit=128, in_use=0)
    assert set(report) == set(quotas.BY_NAME)


def test_check_raises_the_resources_over_quota_error_when_the_delta_does_not_fit(database, engine):
    database.write(_add_keypairs, 'alice', 3)

    with pytest.raises(exception.KeypairLimitExceeded) as error:
        database.write(engine.check, PROJECT, 'alice', {'key_pairs': 1})

    assert error.value.code == 403
    assert error.value.format_message() == 'Quota exceeded, too many key pairs.'
    database.write(engine.check, PROJECT, 'bob', {'key_pairs': 3})  # bob has room


def test_check_takes_the_user_limit_and_minus_one_is_unlimited(database, engine):
    database.write(_add_keypairs, 'alice', 3)
    database.write(quota_objects.set_user_limit, PROJECT, 'alice', 'key_pairs', -1)

    database.write(engine.check, PROJECT, 'alice', {'key_pairs': 100})


def test_check_of_a_per_request_limit_compares_the_amount_itself(database, engine):
    database.write(quota_objects.set_project_limit, PROJECT, 'metadata_items', 2)

    database.write(engine.check, PROJECT, None, {'metadata_items': 2})
    with pytest.raises(exception.MetadataLimitExceeded) as error:
        database.write(engine.check, PROJECT, None, {'metadata_items': 3})
    assert error.value.format_message() == 'Maximum number of metadata items exceeds 2'


def test_check_of_an_uncounted_resource_with_a_zero_limit_refuses_any_amount(database, engine):
    database.write(quota_objects.set_project_limit, PROJECT, 'instances', 0)

    with pytest.raises(exception.TooManyInstances) as error:
        database.write(engine.check, PROJECT, None, {'instances': 1})
    assert 'Requested 1, but already used 0 of 0 instances' in error.value.format_message()


def _add_servers(session, project_id, user_id, states):
    for index, vm_state in enumerate(states):
        session.add(models.Instance(uuid='%s-%s-%d' % (project_id, user_id, index),
                                    project_id=project_id, user_id=user_id, flavor_id='1',
                                    flavor='{}', vcpus=2, memory_mb=512, root_gb=1,
                                    ephemeral_gb=0, vm_state=vm_state))


@pytest.mark.parametrize('user_id', [None, 'alice', 'bob'])
def test_usage_in_one_statement_counts_what_each_resources_counter_counts(database, user_id):
    def seed(session):
        _add_keypairs(session, 'alice', 2)
        _add_servers(session, PROJECT, 'alice', ['active', 'soft-delete', 'building'])
        _add_servers(session, PROJECT, 'bob', ['active'])
        _add_servers(session, 'other', 'alice', ['active'])
        session.add(models.InstanceGroup(uuid='g1', name='g', project_id=PROJECT, user_id='bob',
                                         policy='affinity'))
    database.write(seed)

    def by_counter(session):
        return {resource.name: resource.counter(session, PROJECT, user_id)
                for resource in quotas.RESOURCES if resource.counter is not None}
    assert database.read(quota_objects.usage, PROJECT, user_id) == database.read(by_counter)


@pytest.mark.parametrize('own_limits', [{}, {'cores': 7, 'instances': 3}], ids=['none', 'two'])
def test_usage_and_project_limits_in_one_statement_are_what_the_two_reads_give(
        database, own_limits, prepared_statements):
    def seed(session):
        _add_servers(session, PROJECT, 'alice', ['active', 'soft-delete'])
        _add_servers(session, 'other', 'alice', ['active'])
        session.add(models.InstanceGroup(uuid='g1', name='g', project_id=PROJECT, user_id='bob',
                                         policy='affinity'))
        for resource, limit in own_limits.items():
            quota_objects.set_project_limit(session, PROJECT, resource, limit)
        quota_objects.set_project_limit(session, 'other', 'ram', 1)
    database.write(seed)
    prepared_statements.clear()

    used, limits, number = database.read_prepared(
        quota_objects.usage_and_project_limits, PROJECT, 'quota_classes')

    assert len(prepared_statements) == 1
    assert used == database.read(quota_objects.usage, PROJECT, None)
    assert limits == own_limits == database.read(quota_objects.project_limits, PROJECT)
    assert number == database.read_prepared(generations.generation, 'quota_classes') is not None
