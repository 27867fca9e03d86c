"""Neutron's quota update (quota-check-limit, checked by default since 2025.1): the body's flags,
and a new limit checked against what the project uses, atomically, on both backends."""

from __future__ import annotations

import pytest

from nova_api import compute as compute_layer
from nova_api import context as nova_context
from nova_api import exception
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.exception import network as net_exc
from nova_api.network.controllers import quotas as quotas_controller

PROJECT = 'c0ffee00c0ffee00c0ffee00c0ffee00'


def validate(quota: dict) -> None:
    validation.validate_body(quotas_controller.QuotasController.update,
                             microversion.MIN_VERSION, {'quota': quota})


# -- the body --------------------------------------------------------------------------

@pytest.mark.parametrize('quota', [
    {'port': 600, 'check_limit': True},       # openstackclient without --force
    {'port': 600, 'force': True},             # openstackclient --force
    {'network': '10', 'check_limit': False, 'force': False},
    {'check_limit': True},
    {'port': 1, 'force': 'true', 'check_limit': 'yes'},  # Neutron pops them unconverted
])
def test_the_check_limit_flags_are_accepted(quota):
    validate(quota)


@pytest.mark.parametrize('quota', [
    {'port': True},                            # a limit is still a number
    {'checklimit': True},                      # an unknown flag is Neutron's 400
    {'port': 'lots'},
])
def test_limits_are_still_numbers(quota):
    with pytest.raises(exception.ValidationError):
        validate(quota)


@pytest.mark.parametrize(('quota', 'expected'), [
    ({'port': 600, 'check_limit': True}, ({'port': 600}, False)),
    ({'port': 600, 'force': True}, ({'port': 600}, True)),
    ({'port': 600, 'force': True, 'check_limit': True}, ({'port': 600}, True)),  # force wins
    ({'port': 600, 'force': 'true'}, ({'port': 600}, False)),  # Neutron: force is not True
    ({'port': 600}, ({'port': 600}, False)),                   # checked by default
])
def test_the_flags_are_stripped_and_only_true_forces(quota, expected):
    assert quotas_controller._requested({'quota': quota}) == expected


# -- the check against usage ------------------------------------------------------------

@pytest.fixture
def net(make_conf, database):
    return compute_layer.Compute(make_conf(), database).network


@pytest.fixture
def two_networks(net):
    ctx = nova_context.RequestContext(user_id='alice', project_id=PROJECT, roles=['member'])
    for name in ('one', 'two'):
        net.networks.create(ctx, {'name': name})
    return net


def test_a_limit_below_usage_is_refused_with_neutrons_message(two_networks):
    quotas = two_networks.quotas
    with pytest.raises(net_exc.HTTPBadRequest) as caught:
        quotas.update(PROJECT, {'network': 1})
    assert caught.value.format_message() == (
        'Quota limit 1 for network must be greater than or equal to already used 2')
    assert caught.value.code == 400
    assert quotas.show(PROJECT)['network'] == 100


def test_force_sets_a_limit_below_usage(two_networks):
    assert two_networks.quotas.update(PROJECT, {'network': 0}, force=True)['network'] == 0
    assert two_networks.quotas.details(PROJECT)['network'] == {
        'limit': 0, 'used': 2, 'reserved': 0}


def test_a_limit_equal_to_usage_or_unlimited_is_allowed(two_networks):
    assert two_networks.quotas.update(PROJECT, {'network': 2})['network'] == 2
    assert two_networks.quotas.update(PROJECT, {'network': -1})['network'] == -1


def test_a_refused_update_changes_no_limit(two_networks):
    quotas = two_networks.quotas
    quotas.update(PROJECT, {'port': 7})
    with pytest.raises(net_exc.HTTPBadRequest, match='for network'):
        quotas.update(PROJECT, {'port': 9, 'router': 3, 'network': 1, 'subnet': 4})
    limits = quotas.show(PROJECT)
    assert (limits['port'], limits['router'], limits['network'], limits['subnet']) == (
        7, 10, 100, 100)


def test_the_first_resource_below_usage_in_the_body_is_named(two_networks):
    ctx = nova_context.RequestContext(user_id='alice', project_id=PROJECT, roles=['member'])
    two_networks.routers.create(ctx, {'name': 'r'})
    with pytest.raises(net_exc.HTTPBadRequest, match='^Quota limit 0 for router must be'):
        two_networks.quotas.update(PROJECT, {'router': 0, 'network': 0})


def test_an_empty_project_takes_any_limit(net):
    limits = net.quotas.update(PROJECT, {name: 0 for name in net.quotas.defaults()})
    assert set(limits.values()) == {0}
