"""The port functions compute calls (within its own transactions): a device's ports, with their
fixed IPs and floating IPs, made and deleted on both backends."""

from __future__ import annotations

from nova_api.networking import seed


def test_a_device_gets_ports_and_loses_them(compute, caller):
    net = compute.network
    net.ensure_seeded()
    ctx = caller()
    private = seed.network_id(seed.PRIVATE)

    def boot(session):
        first = net.ports.create_for_device(session, ctx, private, 'server-1')
        second = net.ports.create_for_device(session, ctx, private, 'server-1',
                                             fixed_ip='10.0.5.5')
        net.ports.create_for_device(session, ctx, private, 'server-2')
        return first, second
    first, second = compute.database.write(boot)

    ports = compute.database.read(net.ports.device_ports, ['server-1', 'server-2', 'server-3'])
    assert sorted(ports) == ['server-1', 'server-2']
    assert [p['id'] for p in ports['server-1']] == [first['id'], second['id']]
    assert ports['server-1'][1]['fixed_ips'] == [{
        'subnet_id': seed.subnet_id(seed.PRIVATE), 'ip_address': '10.0.5.5', 'floating_ip': None}]
    assert ports['server-1'][0]['device_owner'] == 'compute:nova'
    assert ports['server-1'][0]['security_groups']  # the project's default group

    compute.database.write(net.ports.delete_for_device, 'server-1')
    ports = compute.database.read(net.ports.device_ports, ['server-1', 'server-2'])
    assert list(ports) == ['server-2']
