"""Every log line carries the context of its own request, even on a keep-alive connection."""

from __future__ import annotations

import json

import requests

TOKEN = {'X-Auth-Token': 'alice:6f70656e737461636b'}


def records(daemon) -> list[dict]:
    lines = daemon.log_file.read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith('{')]


def test_an_unauthenticated_request_after_alices_logs_its_own_ids_not_hers(daemon_factory):
    """Regression: oslo.context's thread-local store outlived the request on its green thread."""
    daemon = daemon_factory(workers=1, probe=True, options={'DEFAULT': {'use_json': True}})
    with requests.Session() as session:  # one connection: one green thread serves both
        first = session.get(daemon.url + '/v2.1/flavors', headers=TOKEN, timeout=10)
        second = session.get(daemon.url + '/v2.1/flavors', headers={'X-Test-Sleep': '0'}, timeout=10)
    assert (first.status_code, second.status_code) == (200, 401)
    first_id = first.headers['x-openstack-request-id']
    second_id = second.headers['x-openstack-request-id']

    logged = records(daemon)
    access = [r for r in logged if r['name'] == 'nova_api.access' and second_id in r['message']]
    assert len(access) == 1
    assert access[0]['context']['request_id'] == second_id
    assert access[0]['context']['user_name'] is None and access[0]['context']['user'] is None
    # The probe filter logs before the pipeline runs: no context at all, not alice's.
    probe = [r for r in logged if r['message'].startswith('probe: holding')]
    assert len(probe) == 1
    assert first_id not in json.dumps(probe[0]) and 'alice' not in json.dumps(probe[0]['context'])


def test_the_teardown_check_finds_secrets_in_the_clear_and_passes_masked_ones():
    """daemon.unmasked_secrets, which every NovaApiDaemon's cleanup runs over its log."""
    from daemon import unmasked_secrets

    leaks = ['REQ BODY: {"auth": {"password": {"user": {"password": "hunter2"}}}}',
             '{"server": {"adminPass": "Pa55"}}', '{"secret": "s3"}',
             '-H "X-Auth-Token: gAAAAABk"', "{'X-Subject-Token': 'gAAAAABk'}",
             'x-auth-token: alice:demo']
    masked = ['REQ BODY: {"auth": {"password": {"user": {"password": "***"}}}}',
              '{"server": {"adminPass": "***"}}', '-H "X-Auth-Token: {SHA256}0f1e"',
              "{'X-Subject-Token': '***'}", 'X-Auth-Token does not validate: expired',
              'no X-Auth-Token header', "{'X-Auth-Token': None}"]
    assert unmasked_secrets('\n'.join(leaks)) == leaks
    assert unmasked_secrets('\n'.join(masked)) == []
