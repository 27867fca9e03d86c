"""Bodies of ``GET /servers/{id}/ips`` and ``.../ips/{network}``, against Nova's samples and schemas."""

from __future__ import annotations

import json

from sample_shape import assert_same_shape
from server_records import make_server

from nova_api.api.views import ips
from nova_api.objects.servers import Address

SERVER = make_server(addresses=(
    Address('private', '10.0.0.3', 4, 'fa:16:3e:00:00:01'),
    Address('public', '2001:db8::3', 6, 'fa:16:3e:00:00:02'),
    Address('private', '172.24.4.10', 4, 'fa:16:3e:00:00:01', 'floating'),
    Address('private', '10.0.0.4', 4, 'fa:16:3e:00:00:03'),
))


def test_index_groups_addresses_by_network_without_the_extended_keys():
    assert ips.index(SERVER) == {'addresses': {
        'private': [{'version': 4, 'addr': '10.0.0.3'}, {'version': 4, 'addr': '10.0.0.4'},
                    {'version': 4, 'addr': '172.24.4.10'}],
        'public': [{'version': 6, 'addr': '2001:db8::3'}],
    }}


def test_show_is_one_network():
    assert ips.show(SERVER, 'public') == {'public': [{'version': 6, 'addr': '2001:db8::3'}]}
    assert [a['addr'] for a in ips.show(SERVER, 'private')['private']] == [
        '10.0.0.3', '10.0.0.4', '172.24.4.10']


def test_network_names_say_which_networks_exist():
    assert ips.network_names(SERVER) == {'private', 'public'}
    assert ips.network_names(make_server(addresses=())) == set()


def test_a_server_without_addresses_has_none():
    assert ips.index(make_server(addresses=())) == {'addresses': {}}


def test_the_ips_are_shown_even_while_building():
    # Unlike the server body, Nova's ips resource does not hide a building server's addresses.
    assert ips.index(make_server(vm_state='building'))['addresses']


def test_bodies_have_the_shape_of_novas_samples(nova_samples):
    server = make_server()  # one fixed address on "private", as in the samples
    index = json.loads((nova_samples / 'server-ips' / 'server-ips-resp.json').read_text())
    assert_same_shape(ips.index(server), index)
    network = json.loads((nova_samples / 'server-ips' / 'server-ips-network-resp.json').read_text())
    assert_same_shape(ips.show(server, 'private'), network)


def test_bodies_follow_novas_schemas(compute_openapi):
    compute_openapi.validate('ServersIpsIndexResponse', '2.1', ips.index(SERVER))
    compute_openapi.validate('ServersIpShowResponse', '2.1', ips.show(SERVER, 'private'))
