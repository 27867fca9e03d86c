"""A small HTTP client of the servers API for the functional tests: one caller, one microversion."""

from __future__ import annotations

import time
import uuid
from typing import Any

import requests

#: A hex project id, so that it also fits the default project_id_regex in URLs.
PROJECT = '6f70656e737461636b'
CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
UBUNTU = '5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02'


def new_project() -> str:
    """A project of a test's own (hex, so that it fits the default project_id_regex in URLs)."""
    return uuid.uuid4().hex


class ServersClient:
    """``client('GET', '/servers')``; ``client.boot(...)``; ``client.wait_for(id, 'ACTIVE')``."""

    def __init__(self, daemon, user: str = 'alice', project: str = PROJECT, version: str = '2.1'):
        self.daemon = daemon
        self.user = user
        self.project = project
        self.version = version
        self.session = requests.Session()

    def at(self, version: str) -> ServersClient:
        return ServersClient(self.daemon, self.user, self.project, version)

    def __call__(self, method: str, path: str, body: Any = None, **kwargs) -> requests.Response:
        headers = {'X-Auth-Token': '%s:%s' % (self.user, self.project),
                   'OpenStack-API-Version': 'compute %s' % self.version}
        headers.update(kwargs.pop('headers', {}))
        return self.session.request(method, self.daemon.url + '/v2.1' + path, json=body,
                                    headers=headers, timeout=60, **kwargs)

    def boot(self, name: str | None = None, **fields) -> requests.Response:
        server = {'name': 'srv-' + uuid.uuid4().hex[:8] if name is None else name, 'flavorRef': '1',
                  'imageRef': CIRROS}
        if self.version_at_least('2.37'):
            server['networks'] = 'auto'
        server.update(fields)
        return self('POST', '/servers', {'server': server})

    def version_at_least(self, version: str) -> bool:
        def parse(text):
            return tuple(int(part) for part in text.split('.'))
        return self.version == 'latest' or parse(self.version) >= parse(version)

    def show(self, server_id: str) -> dict:
        response = self('GET', '/servers/%s' % server_id)
        assert response.status_code == 200, response.text
        return response.json()['server']

    def action(self, server_id: str, body: dict) -> requests.Response:
        return self('POST', '/servers/%s/action' % server_id, body)

    def wait_for(self, server_id: str, status: str, timeout: float = 30.0) -> dict:
        """Poll until the server shows ``status`` (and no task); AssertionError on timeout or ERROR."""
        deadline = time.monotonic() + timeout
        while True:
            server = self.show(server_id)
            if server['status'] == status and server.get('OS-EXT-STS:task_state') is None:
                return server
            if server['status'] == 'ERROR' and status != 'ERROR':
                raise AssertionError('server %s went to ERROR: %s' % (server_id, server.get('fault')))
            if time.monotonic() > deadline:
                raise AssertionError('server %s is %s, not %s, after %ss' % (
                    server_id, server['status'], status, timeout))
            time.sleep(0.1)

    def wait_gone(self, server_id: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while self('GET', '/servers/%s' % server_id).status_code != 404:
            if time.monotonic() > deadline:
                raise AssertionError('server %s still there after %ss' % (server_id, timeout))
            time.sleep(0.1)
