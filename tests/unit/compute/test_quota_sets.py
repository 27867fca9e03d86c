"""Nova's rules for setting quota limits, on each backend."""

from __future__ import annotations

import pytest

from nova_api import compute
from nova_api import exception
from nova_api.db import models

PROJECT = 'p1'


@pytest.fixture
def quota_sets(make_conf, database):
    conf = make_conf(overrides={'quota': {'key_pairs': 10, 'cores': 20}})
    return compute.Compute(conf, db=database).quota_sets


def test_a_project_limit_is_stored_and_returned_with_the_others(quota_sets):
    limits = quota_sets.update(None, PROJECT, None, {'cores': 45, 'fixed_ips': 7})

    assert (limits['cores'], limits['fixed_ips'], limits['instances']) == (45, 7, 10)
    assert quota_sets.limits(None, PROJECT) == limits


def test_a_project_limit_may_not_go_below_its_users_limits_unless_forced(quota_sets):
    quota_sets.update(None, PROJECT, 'alice', {'cores': 8})
    quota_sets.update(None, PROJECT, 'bob', {'cores': 7})

    with pytest.raises(exception.QuotaLimitBelowUsage) as error:
        quota_sets.update(None, PROJECT, None, {'cores': 14})
    assert error.value.format_message() == (
        'Quota limit 14 for cores must be greater than or equal to already used and reserved 15.')
    assert quota_sets.update(None, PROJECT, None, {'cores': 14}, force=True)['cores'] == 14
    assert quota_sets.update(None, PROJECT, None, {'cores': -1})['cores'] == -1


def test_a_user_limit_may_not_exceed_what_the_project_has_left(quota_sets):
    quota_sets.update(None, PROJECT, 'alice', {'cores': 15})

    with pytest.raises(exception.QuotaLimitAboveMaximum) as error:
        quota_sets.update(None, PROJECT, 'bob', {'cores': 6})
    assert error.value.format_message() == (
        'Quota limit 6 for cores must be less than or equal to 5.')
    # alice's own limit counts as room for alice.
    assert quota_sets.update(None, PROJECT, 'alice', {'cores': 20})['cores'] == 20
    with pytest.raises(exception.QuotaLimitAboveMaximum):
        quota_sets.update(None, PROJECT, 'alice', {'cores': -1})
    assert quota_sets.update(None, PROJECT, 'bob', {'cores': 6}, force=True)['cores'] == 6


def test_under_an_unlimited_project_a_user_limit_has_no_maximum(quota_sets):
    quota_sets.update(None, PROJECT, None, {'cores': -1})

    assert quota_sets.update(None, PROJECT, 'alice', {'cores': 1000})['cores'] == 1000


def test_a_user_keypair_limit_may_not_go_below_the_users_keypairs(quota_sets, database):
    def add(session):
        for name in ('a', 'b', 'c'):
            session.add(models.KeyPair(name=name, user_id='alice', fingerprint='f',
                                       public_key='p', type='ssh'))
    database.write(add)

    with pytest.raises(exception.QuotaLimitBelowUsage) as error:
        quota_sets.update(None, PROJECT, 'alice', {'key_pairs': 2})
    assert 'already used and reserved 3.' in error.value.format_message()
    assert quota_sets.detail(None, PROJECT, 'alice')['key_pairs'].in_use == 3
    assert quota_sets.update(None, PROJECT, 'alice', {'key_pairs': 2}, force=True)['key_pairs'] == 2


def test_nothing_is_stored_when_one_limit_is_refused(quota_sets):
    quota_sets.update(None, PROJECT, 'alice', {'cores': 10})

    with pytest.raises(exception.QuotaLimitAboveMaximum):
        quota_sets.update(None, PROJECT, 'alice', {'ram': 100, 'cores': 21})
    assert quota_sets.limits(None, PROJECT, 'alice')['ram'] == 51200


@pytest.mark.parametrize('values, error', [
    ({'networks': 1}, exception.NetworksQuotaRemoved),
    ({'cores': -2}, exception.QuotaLimitBelowUnlimited),
    ({'cores': 2 ** 31}, exception.QuotaLimitAboveMaximum),
])
def test_values_the_schema_cannot_bound_are_refused_even_with_force(quota_sets, values, error):
    with pytest.raises(error):
        quota_sets.update(None, PROJECT, None, values, force=True)


def test_an_overlong_owner_is_refused_before_the_database(quota_sets):
    with pytest.raises(exception.InvalidProjectId):
        quota_sets.update(None, 'p' * 256, None, {'cores': 1})
    with pytest.raises(exception.InvalidUserId):
        quota_sets.update(None, PROJECT, 'u' * 256, {'cores': 1})


def test_delete_of_a_user_forgets_only_that_users_limits(quota_sets):
    quota_sets.update(None, PROJECT, None, {'cores': 30})
    quota_sets.update(None, PROJECT, 'alice', {'cores': 3})
    quota_sets.update(None, PROJECT, 'bob', {'cores': 4})

    quota_sets.delete(None, PROJECT, 'alice')

    assert quota_sets.limits(None, PROJECT, 'alice')['cores'] == 30
    assert quota_sets.limits(None, PROJECT, 'bob')['cores'] == 4


def test_delete_of_a_project_forgets_its_limits_and_its_users(quota_sets):
    quota_sets.update(None, PROJECT, None, {'cores': 30})
    quota_sets.update(None, PROJECT, 'bob', {'cores': 4})

    quota_sets.delete(None, PROJECT)

    assert quota_sets.limits(None, PROJECT)['cores'] == 20
    assert quota_sets.limits(None, PROJECT, 'bob')['cores'] == 20
