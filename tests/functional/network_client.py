"""A small HTTP client of the Network API (/network/v2.0) for the functional tests."""

from __future__ import annotations

import uuid
from typing import Any

import requests

PRIVATE = 'private'
PUBLIC = 'public'


def new_project() -> str:
    return uuid.uuid4().hex


class NetworkClient:
    """``client('GET', '/networks')``; ``client.create('networks', name='n')``."""

    def __init__(self, daemon, user: str, project: str):
        self.daemon = daemon
        self.user = user
        self.project = project
        self.session = requests.Session()

    def __call__(self, method: str, path: str, body: Any = None, **kwargs) -> requests.Response:
        headers = {'X-Auth-Token': '%s:%s' % (self.user, self.project)}
        headers.update(kwargs.pop('headers', {}))
        return self.session.request(method, self.daemon.url + '/network/v2.0' + path, json=body,
                                    headers=headers, timeout=60, **kwargs)

    def create(self, collection: str, **values) -> dict:
        """Create one resource (201 expected) and return its body."""
        member = MEMBERS[collection]
        response = self('POST', '/' + collection, {member: values})
        assert response.status_code == 201, response.text
        return response.json()[member]

    def show(self, collection: str, resource_id: str) -> dict:
        response = self('GET', '/%s/%s' % (collection, resource_id))
        assert response.status_code == 200, response.text
        return response.json()[MEMBERS[collection]]

    def list(self, collection: str, **params) -> list[dict]:
        response = self('GET', '/' + collection, params=params)
        assert response.status_code == 200, response.text
        return response.json()[collection.replace('-', '_')]

    def network_with_subnet(self, cidr: str = '192.168.10.0/24', **subnet) -> tuple[dict, dict]:
        network = self.create('networks', name='net-' + uuid.uuid4().hex[:6])
        made = self.create('subnets', network_id=network['id'], ip_version=4, cidr=cidr, **subnet)
        return network, made


MEMBERS = {'networks': 'network', 'subnets': 'subnet', 'ports': 'port',
           'security-groups': 'security_group', 'security-group-rules': 'security_group_rule',
           'routers': 'router', 'floatingips': 'floatingip'}


def neutron_error(response: requests.Response, code: int, error_type: str | None = None) -> str:
    """Assert a Neutron fault of ``code`` (and ``type``); its message."""
    assert response.status_code == code, response.text
    body = response.json()
    assert list(body) == ['NeutronError'], body
    error = body['NeutronError']
    assert sorted(error) == ['detail', 'message', 'type']
    if error_type is not None:
        assert error['type'] == error_type, error
    return error['message']
