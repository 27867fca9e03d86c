"""Fixed addresses on the private network: one per live server, reused, within its range."""

from __future__ import annotations

import pytest

from nova_api import exception
from nova_api.compute import networks


@pytest.fixture
def small(make_conf):
    """A /29: hosts .2 to .6 are for servers (.0 network, .1 gateway, .7 broadcast)."""
    return networks.NetworkAPI(make_conf(overrides={'DEFAULT': {'fixed_range': '10.9.0.0/29'}}))


def _allocate(database, api, uuid, address=None):
    from nova_api.db import models

    def work(session):
        session.add(models.Instance(uuid=uuid, project_id='p', user_id='u', flavor_id='1',
                                    flavor='{}', vcpus=1, memory_mb=1, root_gb=1, ephemeral_gb=0,
                                    vm_state='building'))
        session.flush()
        allocator = api.allocator(session, api.private)
        row = allocator.take(uuid, address)
        api.insert(session, [row])
        return row['address']
    return database.write(work)


def test_addresses_are_given_in_order_then_the_gaps_deleted_servers_left(database, small):
    given = [_allocate(database, small, 's%d' % index) for index in range(5)]
    assert given == ['10.9.0.2', '10.9.0.3', '10.9.0.4', '10.9.0.5', '10.9.0.6']
    with pytest.raises(exception.NoMoreFixedIps):
        _allocate(database, small, 'full')

    database.write(small.release, ['s1'])
    assert _allocate(database, small, 'again') == '10.9.0.3'


def test_a_requested_address_must_be_free_and_in_the_host_range(database, small):
    assert _allocate(database, small, 'a', '10.9.0.5') == '10.9.0.5'
    with pytest.raises(exception.FixedIpAlreadyInUse):
        _allocate(database, small, 'b', '10.9.0.5')
    for outside in ('10.9.0.1', '10.9.0.7', '10.9.1.2', 'nonsense'):
        with pytest.raises(exception.FixedIpInvalid):
            _allocate(database, small, 'c-%s' % outside, outside)


def test_the_private_network_id_is_the_same_everywhere(make_conf):
    assert networks.NetworkAPI(make_conf()).private.id == networks.network_id('private')
    assert networks.NetworkAPI(make_conf()).private.gateway == '10.0.0.1'
