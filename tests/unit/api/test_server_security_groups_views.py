"""Body of ``GET /servers/{id}/os-security-groups``, against Nova's sample and schema."""

from __future__ import annotations

import dataclasses
import json

from sample_shape import assert_same_shape
from server_records import PROJECT

from nova_api.api.views import server_security_groups as views

DEFAULT_ID = '4e469db4-3b60-43c7-8dfa-2c60e2f27075'
WEB_ID = '2f7a64d3-3a1e-4c8f-9b54-2d14b8a3c9f1'
GONE_ID = '9b0e7bb2-7d36-4d47-a0a1-c0c84d7dfe3a'


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    parent_group_id: str
    protocol: str | None = 'tcp'
    from_port: int | None = 22
    to_port: int | None = 22
    cidr: str | None = '0.0.0.0/0'
    group_id: str | None = None


@dataclasses.dataclass(frozen=True)
class Group:
    id: str
    name: str
    description: str | None = ''
    project_id: str = PROJECT
    rules: tuple = ()


def test_the_sample_body(nova_samples):
    nova = json.loads((nova_samples / 'os-security-groups' /
                       'server-security-groups-list-resp.json').read_text())
    body = views.index(['default'], [Group(DEFAULT_ID, 'default', 'default')])
    assert body == {'security_groups': [{
        'id': DEFAULT_ID, 'description': 'default', 'name': 'default', 'tenant_id': PROJECT,
        'rules': []}]}
    assert_same_shape(body, nova)


def test_rules_show_a_cidr_or_the_group_they_let_in():
    web = Group(WEB_ID, 'web', rules=(
        Rule('1f0e4c3a-0000-4000-8000-000000000001', WEB_ID),
        Rule('1f0e4c3a-0000-4000-8000-000000000002', WEB_ID, protocol=None, from_port=-1,
             to_port=-1, cidr=None, group_id=DEFAULT_ID),
    ))
    [group] = views.index(['web'], [web, Group(DEFAULT_ID, 'default')])['security_groups']
    cidr, by_group = group['rules']
    assert cidr == {'id': '1f0e4c3a-0000-4000-8000-000000000001', 'parent_group_id': WEB_ID,
                    'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22, 'group': {},
                    'ip_range': {'cidr': '0.0.0.0/0'}}
    assert by_group['group'] == {'name': 'default', 'tenant_id': PROJECT}
    assert by_group['ip_range'] == {}


def test_a_rule_whose_group_is_gone_is_left_out():
    web = Group(WEB_ID, 'web', rules=(Rule('r1', WEB_ID, group_id=GONE_ID), Rule('r2', WEB_ID)))
    [group] = views.index(['web'], [web])['security_groups']
    assert [rule['id'] for rule in group['rules']] == ['r2']


def test_only_the_servers_groups_sorted_by_project_and_name():
    groups = [Group(WEB_ID, 'web'), Group(DEFAULT_ID, 'default'), Group(GONE_ID, 'other')]
    body = views.index(('web', 'default'), groups)
    assert [group['name'] for group in body['security_groups']] == ['default', 'web']
    assert views.index((), groups) == {'security_groups': []}


def test_the_body_follows_novas_schema(compute_openapi):
    web = Group(WEB_ID, 'web', rules=(
        Rule('1f0e4c3a-0000-4000-8000-000000000001', WEB_ID),
        Rule('1f0e4c3a-0000-4000-8000-000000000002', WEB_ID, group_id=DEFAULT_ID)))
    body = views.index(['web', 'default'], [web, Group(DEFAULT_ID, 'default', None)])
    compute_openapi.validate('ServersOs_Security_GroupsIndexResponse', '2.1', body)
