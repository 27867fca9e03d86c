"""[DEFAULT] compute_hosts: ``name`` or ``name:zone``, parsed and checked."""

from __future__ import annotations

import pytest

from nova_api.conf import compute


def test_hosts_without_a_zone_are_in_the_default_zone(make_conf):
    conf = make_conf(config_text='[DEFAULT]\ncompute_hosts = a, b:az1, c:my zone, a:az2\n'
                                 'default_availability_zone = main\n')

    assert compute.compute_hosts(conf) == {'a': 'main', 'b': 'az1', 'c': 'my zone'}


@pytest.mark.parametrize('value', ['a:b:c', 'a:', ':z', 'a b'])
def test_a_malformed_host_is_a_configuration_error(make_conf, value):
    conf = make_conf(config_text='[DEFAULT]\ncompute_hosts = %s\n' % value)

    with pytest.raises(ValueError):
        compute.compute_hosts(conf)
