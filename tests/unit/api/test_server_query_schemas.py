"""The query strings of GET /servers, /servers/detail and /servers/{id}, window by window.

Queries arrive as a dict of lists (``req.GET.dict_of_lists()``). Below 2.75
unknown parameters pass the schema (the controller ignores them); from 2.75
they are refused. What a value means (a status, a sort direction, a boolean)
is the controller's to judge: the schema checks only what Nova's checks.
"""

from __future__ import annotations

import pytest
from schema_check import QUERY
from schema_check import carrying
from schema_check import query_refusal

from nova_api.api.schemas import servers

INDEX = carrying(servers.INDEX_QUERY_SCHEMAS, query=True)
SHOW = carrying(servers.SHOW_QUERY_SCHEMAS, query=True)
UUID = '70a599e0-31e7-49b7-b260-868f441e862b'
ALL_WINDOWS = ['2.1', '2.25', '2.26', '2.65', '2.66', '2.72', '2.73', '2.74', '2.75', '2.104']

#: What tempest and the clients send, accepted at every microversion.
KNOWN = {
    'name': ['web-.*'], 'status': ['ACTIVE', 'ERROR'], 'limit': ['10'], 'marker': [UUID],
    'sort_key': ['display_name', 'created_at'], 'sort_dir': ['asc', 'desc'],
    'changes-since': ['2015-01-01T00:00:00Z'], 'deleted': ['true'], 'all_tenants': ['1'],
    'ip': ['10.0.0.1'], 'ip6': ['::1'], 'flavor': ['1'], 'image': [UUID], 'host': ['compute-1'],
    'tenant_id': ['demo'], 'project_id': ['demo'], 'user_id': ['alice'], 'reservation_id': ['r-1'],
    'availability_zone': ['nova'], 'soft_deleted': ['false'], 'uuid': [UUID],
}


@pytest.mark.parametrize('at', ALL_WINDOWS)
def test_the_known_parameters_are_accepted_at_every_microversion(at):
    assert query_refusal(INDEX, at, KNOWN) is None


@pytest.mark.parametrize('at, message', [
    ('2.1', None), ('2.74', None),
    # jsonschema's wording where patternProperties exist: the schema lets '_' names through.
    ('2.75', "'bogus' does not match any of the regexes: '^_'"),
    ('2.104', "'bogus' does not match any of the regexes: '^_'"),
])
def test_unknown_parameters_pass_below_2_75_and_are_refused_from_it(at, message):
    assert query_refusal(INDEX, at, {'bogus': ['1'], 'limit': ['1']}) == message


@pytest.mark.parametrize('param', sorted(servers.JOINED_TABLE_QUERY_PARAMS) + ['_internal'])
def test_joined_table_and_underscore_parameters_reach_the_controller_even_at_2_75(param):
    # Listed (or matched) so that they are not ignored: the controller refuses them by name.
    assert query_refusal(INDEX, '2.75', {param: ['x']}) is None


@pytest.mark.parametrize('at, query, message', [
    ('2.1', {'limit': ['-1']}, QUERY + "limit. Value: -1. '-1' does not match '^[0-9]*$'"),
    ('2.75', {'limit': ['ten']}, QUERY + "limit. Value: ten. 'ten' does not match '^[0-9]*$'"),
    ('2.1', {'limit': ['']}, QUERY + "limit. Value: . '' should be non-empty"),
    # Filters matched as patterns must compile, and not be empty.
    ('2.1', {'name': ['']}, QUERY + "name. Value: . '' is not a 'regex'"),
    ('2.1', {'name': ['web', '(']}, QUERY + "name. Value: (. '(' is not a 'regex'"),
    ('2.1', {'changes-since': ['yesterday']},
     QUERY + "changes-since. Value: yesterday. 'yesterday' is not a 'date-time'"),
    ('2.66', {'changes-before': ['2015-13-01']},
     QUERY + "changes-before. Value: 2015-13-01. '2015-13-01' is not a 'date-time'"),
    ('2.26', {'tags': ['']}, QUERY + "tags. Value: . '' is not a 'regex'"),
    ('2.26', {'not-tags-any': ['[']}, QUERY + "not-tags-any. Value: [. '[' is not a 'regex'"),
])
def test_bad_values_are_refused_with_nova_s_message(at, query, message):
    assert query_refusal(INDEX, at, query) == message


@pytest.mark.parametrize('at, query', [
    # Parameters of later windows are unknown, hence ignored, before them.
    ('2.25', {'tags': ['']}),
    ('2.65', {'changes-before': ['yesterday']}),
    ('2.72', {'locked': ['anything']}),
    ('2.26', {'tags': ['red,blue'], 'tags-any': ['a'], 'not-tags': ['b'], 'not-tags-any': ['c']}),
    ('2.66', {'changes-before': ['2015-01-02T00:00:00Z'], 'changes-since': ['2015-01-01']}),
    # locked is a filter from 2.73 whose value the controller reads.
    ('2.73', {'locked': ['false']}),
    ('2.75', {'locked': ['true']}),
    # marker, sort_dir, status, deleted and all_tenants take any string here.
    ('2.75', {'marker': ['x'], 'sort_dir': ['sideways'], 'status': ['BOGUS'], 'deleted': ['maybe'],
              'all_tenants': ['']}),
])
def test_values_the_schema_leaves_to_the_controller(at, query):
    assert query_refusal(INDEX, at, query) is None


def _sort_key_refusal(at: str, key: str) -> str | None:
    return query_refusal(INDEX, at, {'sort_key': [key]})


@pytest.mark.parametrize('key', ['id', 'deleted', 'vcpus', 'user_data'])
def test_ignored_sort_keys_pass_below_2_75_and_are_refused_from_it(key):
    assert _sort_key_refusal('2.74', key) is None
    message = _sort_key_refusal('2.75', key)
    assert message.startswith(QUERY + "sort_key. Value: %s. '%s' is not one of ['locked', " % (key, key))


def test_locked_is_a_sort_key_at_every_version_ignored_before_2_73():
    assert 'locked' in servers.SERVER_LIST_IGNORE_SORT_KEY
    assert 'locked' not in servers.SERVER_LIST_IGNORE_SORT_KEY_V273
    for at in ALL_WINDOWS:
        assert _sort_key_refusal(at, 'locked') is None


def test_an_unknown_sort_key_is_refused_naming_the_allowed_ones():
    assert _sort_key_refusal('2.1', 'bogus') == (
        QUERY + "sort_key. Value: bogus. 'bogus' is not one of %r" % (list(servers.SORT_KEYS),))


@pytest.mark.parametrize('at, message', [
    ('2.1', None), ('2.101', None),
    ('2.102', "Additional properties are not allowed ('bogus' was unexpected)"),
])
def test_show_ignores_parameters_until_2_102(at, message):
    assert query_refusal(SHOW, at, {'bogus': ['1']}) == message
