"""``GET /limits``' reads on each backend: one statement while the default class is kept, and current."""

from __future__ import annotations

import pytest

from nova_api.objects import quota_classes
from nova_api.objects import quotas as quota_objects


def _absolute(compute, caller):
    return compute.limits.absolute(caller(), 'demo')


@pytest.mark.parametrize('default_class', [{}, {'cores': 11}], ids=['empty', 'set'])
def test_once_the_default_class_is_kept_a_request_is_one_statement(
        make_compute, caller, database, prepared_statements, default_class):
    for resource, limit in default_class.items():
        database.write(quota_classes.set_class_limit, 'default', resource, limit)
    compute = make_compute()
    _absolute(compute, caller)  # reads the class and keeps it
    prepared_statements.clear()

    _absolute(compute, caller)

    assert len(prepared_statements) == 1


def test_a_default_class_written_elsewhere_is_in_the_next_answer(make_compute, caller, database):
    compute = make_compute()
    before = _absolute(compute, caller)['cores'].limit

    database.write(quota_classes.set_class_limit, 'default', 'cores', before + 5)

    assert _absolute(compute, caller)['cores'].limit == before + 5


def test_the_projects_own_limit_wins_over_the_default_class_and_usage_is_counted(
        make_compute, caller, database):
    compute = make_compute()
    database.write(quota_classes.set_class_limit, 'default', 'cores', 30)
    database.write(quota_objects.set_project_limit, 'demo', 'cores', 9)
    database.write(quota_objects.set_project_limit, 'other', 'ram', 1)

    limits = _absolute(compute, caller)

    assert limits['cores'].limit == 9
    assert limits['ram'].limit != 1
    assert limits['instances'].in_use == 0
    assert limits['key_pairs'].in_use == 0  # keypairs are the users'; /limits counts none
