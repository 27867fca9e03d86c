"""Concurrent server operations against the real daemon: one winner per state change, exact quotas."""

from __future__ import annotations

import collections
import concurrent.futures

import pytest
from servers_client import ServersClient
from test_concurrency import start


@pytest.mark.parametrize('backend', ['sqlite', 'postgresql'])
def test_twenty_parallel_reboots_of_one_server_give_one_202_and_nineteen_409(
        daemon_factory, request, backend):
    daemon = start(daemon_factory, backend, request, {'simulated_driver': {'build_seconds': 0.2}})
    client = ServersClient(daemon, 'racer', 'c0ffee')
    server_id = client.boot().json()['server']['id']
    client.wait_for(server_id, 'ACTIVE')

    def reboot(_):
        return ServersClient(daemon, 'racer', 'c0ffee').action(server_id,
                                                               {'reboot': {'type': 'SOFT'}})

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(reboot, range(20)))

    codes = collections.Counter(response.status_code for response in responses)
    assert codes == {202: 1, 409: 19}, codes
    for refused in (r for r in responses if r.status_code == 409):
        # The winner's reboot may have moved on to its next step meanwhile.
        assert refused.json()['conflictingRequest']['message'] in [
            "Cannot 'reboot' instance %s while it is in task_state %s" % (server_id, state)
            for state in ('rebooting', 'reboot_pending', 'reboot_started')]
    client.wait_for(server_id, 'ACTIVE')


@pytest.mark.parametrize('backend', ['sqlite', 'postgresql'])
def test_fifty_parallel_boots_against_an_instance_quota_of_ten_leave_exactly_ten(
        daemon_factory, request, backend):
    daemon = start(daemon_factory, backend, request,
                   {'quota': {'instances': 10}, 'simulated_driver': {'build_seconds': 0.2}})

    def boot(index):
        return ServersClient(daemon, 'racer', 'c0ffee').boot('race-%02d' % index)

    with concurrent.futures.ThreadPoolExecutor(25) as pool:
        responses = list(pool.map(boot, range(50)))

    codes = collections.Counter(response.status_code for response in responses)
    assert codes == {202: 10, 403: 40}, codes
    listed = ServersClient(daemon, 'racer', 'c0ffee')('GET', '/servers').json()['servers']
    assert len(listed) == 10
    client = ServersClient(daemon, 'racer', 'c0ffee')
    for server in listed:
        client.wait_for(server['id'], 'ACTIVE')
