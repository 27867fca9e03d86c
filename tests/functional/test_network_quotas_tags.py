"""Quotas and tags of the Network API over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from network_client import NetworkClient
from network_client import neutron_error
from network_client import new_project

DEFAULTS = {'network': 100, 'subnet': 100, 'port': 500, 'router': 10, 'floatingip': 50,
            'security_group': 10, 'security_group_rule': 100}


@pytest.fixture
def alice(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'alice', new_project())


@pytest.fixture
def mallory(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'mallory', new_project())


@pytest.fixture
def admin(nova_api_service) -> NetworkClient:
    return NetworkClient(nova_api_service, 'admin', 'admin')


# -- quotas --------------------------------------------------------------------------

def test_a_project_reads_its_default_quotas(alice):
    response = alice('GET', '/quotas/' + alice.project)
    assert response.status_code == 200
    assert response.json() == {'quota': DEFAULTS}
    assert alice('GET', '/quotas/%s/default' % alice.project).json() == {'quota': DEFAULTS}


def test_only_an_admin_changes_quotas_or_reads_anothers(alice, mallory):
    neutron_error(alice('PUT', '/quotas/' + alice.project, {'quota': {'network': 1}}), 403,
                  'PolicyNotAuthorized')
    neutron_error(mallory('GET', '/quotas/' + alice.project), 403, 'PolicyNotAuthorized')


def test_over_quota_is_a_409_and_the_limit_can_be_reset(alice, admin):
    response = admin('PUT', '/quotas/' + alice.project, {'quota': {'network': 1, 'port': 1}})
    assert response.status_code == 200, response.text
    assert response.json()['quota']['network'] == 1
    network, _ = alice.network_with_subnet()

    response = alice('POST', '/networks', {'network': {'name': 'second'}})
    assert neutron_error(response, 409, 'OverQuota') == (
        "Quota exceeded for resources: ['network'].")
    alice.create('ports', network_id=network['id'])
    neutron_error(alice('POST', '/ports', {'port': {'network_id': network['id']}}), 409,
                  'OverQuota')
    details = alice('GET', '/quotas/%s/details' % alice.project).json()['quota']
    assert details['network'] == {'limit': 1, 'used': 1, 'reserved': 0}
    assert alice.project in {q['project_id'] for q in admin('GET', '/quotas').json()['quotas']}

    assert admin('DELETE', '/quotas/' + alice.project).status_code == 204
    alice.create('networks', name='second')


def test_an_unknown_quota_resource_is_refused(alice, admin):
    # neutron-lib's AttributeInfo.verify_attributes, before any value is looked at.
    assert neutron_error(admin('PUT', '/quotas/' + alice.project,
                               {'quota': {'volumes': 3, 'gigabytes': 10}}), 400,
                         'HTTPBadRequest') == "Unrecognized attribute(s) 'gigabytes, volumes'"
    neutron_error(admin('PUT', '/quotas/' + alice.project, {'quota': {'network': 'lots'}}), 400)


def test_a_limit_below_usage_is_refused_unless_forced(alice, admin):
    """quota-check-limit-default: the check is Neutron's default since 2025.1, ``check_limit``
    (which openstackclient always sends) changes nothing, ``force: true`` skips it."""
    path = '/quotas/' + alice.project
    alice.create('networks', name='one')
    response = admin('PUT', path, {'quota': {'port': 600, 'check_limit': True}})
    assert response.status_code == 200, response.text
    assert response.json()['quota']['port'] == 600

    for body in ({'network': 0, 'check_limit': True}, {'network': 0},
                 {'port': 5, 'network': 0, 'force': False}):
        response = admin('PUT', path, {'quota': body})
        assert neutron_error(response, 400, 'HTTPBadRequest') == (
            'Quota limit 0 for network must be greater than or equal to already used 1')
    assert admin('GET', path).json()['quota']['port'] == 600  # nothing half-written

    assert admin('PUT', path, {'quota': {'network': 1}}).status_code == 200  # equal to usage
    response = admin('PUT', path, {'quota': {'network': 0, 'force': True, 'check_limit': True}})
    assert response.status_code == 200, response.text
    assert alice('GET', path + '/details').json()['quota']['network'] == {
        'limit': 0, 'used': 1, 'reserved': 0}
    assert admin('PUT', path, {'quota': {'network': -1}}).status_code == 200
    neutron_error(admin('PUT', path, {'quota': {'network': 5, 'check_limits': True}}), 400,
                  'HTTPBadRequest')


def test_the_quota_check_limit_extensions_are_listed(alice):
    aliases = {e['alias'] for e in alice('GET', '/extensions').json()['extensions']}
    assert {'quota-check-limit', 'quota-check-limit-default'} <= aliases
    extension = alice('GET', '/extensions/quota-check-limit-default').json()['extension']
    assert extension['name'] == 'Quota engine limit check by default'


def test_security_groups_count_their_rules(alice, admin):
    admin('PUT', '/quotas/' + alice.project, {'quota': {'security_group': 2}})
    alice.list('security-groups')  # the default group is one
    alice.create('security-groups', name='one')
    response = alice('POST', '/security-groups', {'security_group': {'name': 'two'}})
    neutron_error(response, 409, 'OverQuota')


# -- tags ------------------------------------------------------------------------------------

@pytest.mark.parametrize('collection', ['networks', 'ports', 'routers', 'security-groups'])
def test_tags_are_replaced_added_checked_and_removed(alice, collection):
    if collection == 'ports':
        network, _ = alice.network_with_subnet()
        resource = alice.create('ports', network_id=network['id'])
    else:
        resource = alice.create(collection, name='tagged')
    path = '/%s/%s/tags' % (collection, resource['id'])

    response = alice('PUT', path, {'tags': ['red', 'blue']})
    assert response.status_code == 200 and response.json() == {'tags': ['blue', 'red']}
    assert alice('PUT', path + '/green').status_code == 201
    assert alice('GET', path).json() == {'tags': ['blue', 'green', 'red']}
    assert alice('GET', path + '/green').status_code == 204
    neutron_error(alice('GET', path + '/purple'), 404, 'TagNotFound')
    assert alice('DELETE', path + '/red').status_code == 204
    assert alice.show(collection, resource['id'])['tags'] == ['blue', 'green']
    assert alice('DELETE', path).status_code == 204
    assert alice('GET', path).json() == {'tags': []}


def test_tag_filters(alice):
    a = alice.create('networks', name='a')
    b = alice.create('networks', name='b')
    c = alice.create('networks', name='c')
    alice('PUT', '/networks/%s/tags' % a['id'], {'tags': ['x', 'y']})
    alice('PUT', '/networks/%s/tags' % b['id'], {'tags': ['x']})
    mine = {a['id'], b['id'], c['id']}

    def names(**params):
        return sorted(n['name'] for n in alice.list('networks', **params) if n['id'] in mine)
    assert names(tags='x,y') == ['a']
    assert names(**{'tags-any': 'y,x'}) == ['a', 'b']
    assert names(**{'not-tags': 'x,y'}) == ['b', 'c']
    assert names(**{'not-tags-any': 'x'}) == ['c']


def test_bad_tags_and_foreign_resources(alice, mallory):
    network = alice.create('networks')
    path = '/networks/%s/tags' % network['id']
    neutron_error(alice('PUT', path, {'tags': ['a,b']}), 400)
    neutron_error(alice('PUT', path, {'tags': ['x' * 256]}), 400)
    neutron_error(mallory('PUT', path, {'tags': ['mine']}), 404, 'NetworkNotFound')
    neutron_error(mallory('GET', path), 404, 'NetworkNotFound')
    neutron_error(alice('GET', '/volumes/%s/tags' % network['id']), 404, 'HTTPNotFound')
