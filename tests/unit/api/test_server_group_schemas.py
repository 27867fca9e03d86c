"""os-server-groups request bodies and query strings, per microversion window, with Nova's messages."""

from __future__ import annotations

import pytest
from schema_check import FIELD
from schema_check import QUERY
from schema_check import objects_missing_additional_properties
from schema_check import query_refusal
from schema_check import refusal

from nova_api.api.controllers.server_groups import ServerGroupsController
from nova_api.api.schemas import server_groups as schemas

CREATE = ServerGroupsController.create
INDEX = ServerGroupsController.index
SHOW = ServerGroupsController.show


def group(**fields) -> dict:
    return {'server_group': dict({'name': 'web'}, **fields)}


@pytest.mark.parametrize('at, policy, accepted', [
    ('2.1', 'affinity', True), ('2.1', 'anti-affinity', True),
    ('2.14', 'soft-affinity', False), ('2.14', 'soft-anti-affinity', False),
    ('2.15', 'soft-affinity', True), ('2.63', 'soft-anti-affinity', True),
])
def test_policies_before_2_64_are_a_list_of_one_soft_ones_from_2_15(at, policy, accepted):
    assert (refusal(CREATE, at, group(policies=[policy])) is None) is accepted


def test_two_policies_none_or_an_unknown_one_are_refused_before_2_64():
    assert refusal(CREATE, '2.15', group(policies=['affinity', 'anti-affinity'])) == (
        FIELD + "policies. Value: ['affinity', 'anti-affinity']. "
        "['affinity', 'anti-affinity'] is too long")
    assert refusal(CREATE, '2.15', group(policies=[])) == (
        FIELD + 'policies. Value: []. [] should be non-empty')
    assert refusal(CREATE, '2.1', group(policies=['legacy'])) == (
        FIELD + "0. Value: legacy. 'legacy' is not one of ['anti-affinity', 'affinity']")
    assert refusal(CREATE, '2.1', group()).endswith("'policies' is a required property")


def test_2_64_takes_policy_and_rules_and_no_longer_policies_or_metadata():
    assert refusal(CREATE, '2.64', group(policy='anti-affinity',
                                         rules={'max_server_per_host': 3})) is None
    assert refusal(CREATE, '2.64', group(policy='soft-affinity')) is None
    assert refusal(CREATE, '2.64', group(policies=['affinity'], policy='affinity')).endswith(
        "Additional properties are not allowed ('policies' was unexpected)")
    assert refusal(CREATE, '2.64', group(policy='affinity', metadata={})).endswith(
        "Additional properties are not allowed ('metadata' was unexpected)")
    assert refusal(CREATE, '2.63', group(policies=['affinity'], policy='affinity')).endswith(
        "Additional properties are not allowed ('policy' was unexpected)")
    assert refusal(CREATE, '2.64', group(policy='sideways')) == (
        FIELD + "policy. Value: sideways. 'sideways' is not one of ['anti-affinity', 'affinity', "
        "'soft-anti-affinity', 'soft-affinity']")


@pytest.mark.parametrize('rules, message', [
    ({'max_server_per_host': 0}, FIELD + 'max_server_per_host. Value: 0. 0 is less than the '
                                         'minimum of 1'),
    ({'max_server_per_host': 'two'}, FIELD + "max_server_per_host. Value: two. 'two' does not "
                                             "match '^[0-9]*$'"),
    ({'max_server_per_host': 2, 'max_hosts': 1}, FIELD + "rules. Value: {'max_server_per_host': "
     "2, 'max_hosts': 1}. Additional properties are not allowed ('max_hosts' was unexpected)"),
])
def test_rules_hold_only_a_positive_max_server_per_host(rules, message):
    assert refusal(CREATE, '2.64', group(policy='anti-affinity', rules=rules)) == message


def test_names_are_nova_names_of_1_to_255_characters():
    assert refusal(CREATE, '2.64', {'server_group': {'name': 'x' * 255,
                                                     'policy': 'affinity'}}) is None
    assert 'is too long' in refusal(CREATE, '2.64', {'server_group': {'name': 'x' * 256,
                                                                      'policy': 'affinity'}})
    assert 'should be non-empty' in refusal(CREATE, '2.64', {'server_group': {'name': '',
                                                                       'policy': 'affinity'}})
    assert 'name' in refusal(CREATE, '2.64', {'server_group': {'name': ' padded ',
                                                               'policy': 'affinity'}})
    assert refusal(CREATE, '2.64', {'server_group': {'policy': 'affinity'}}).endswith(
        "'name' is a required property")


def test_the_list_takes_limit_offset_and_all_projects_and_refuses_others_from_2_75():
    assert query_refusal(INDEX, '2.74', {'limit': ['1'], 'offset': ['2'], 'all_projects': ['1'],
                                         'other': ['x']}) is None
    assert query_refusal(INDEX, '2.75', {'other': ['x']}) == (
        "Additional properties are not allowed ('other' was unexpected)")
    assert query_refusal(INDEX, '2.1', {'offset': ['-1']}) == (
        QUERY + "offset. Value: -1. '-1' does not match '^[0-9]*$'")


def test_a_show_ignores_parameters_until_2_102():
    assert query_refusal(SHOW, '2.101', {'x': ['1']}) is None
    assert query_refusal(SHOW, '2.102', {'x': ['1']}) == (
        "Additional properties are not allowed ('x' was unexpected)")


def test_every_object_says_what_it_does_with_unknown_properties():
    for schema in (schemas.create, schemas.create_v2_15, schemas.create_v2_64):
        assert list(objects_missing_additional_properties(schema)) == []
