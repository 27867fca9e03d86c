"""Helpers of the built-in identity's functional tests: the daemon's options, logins, users."""

from __future__ import annotations

import time
import uuid
from typing import Any

import requests

ADMIN_PASSWORD = 'admin-Pa55-word'
DEMO_PASSWORD = 'demo-Pa55-word'

#: A daemon serving the built-in identity, logging at debug level.
OPTIONS: dict[str, dict[str, Any]] = {
    'DEFAULT': {'debug': True},
    'api': {'auth_strategy': 'keystone'},
    'identity': {'bootstrap_admin_password': ADMIN_PASSWORD,
                 'bootstrap_demo_password': DEMO_PASSWORD,
                 'lockout_failure_attempts': 3, 'lockout_duration': 600},
}


def password_body(user: str, password: str, project: str | None = None,
                  domain: str | None = None, by: str = 'name') -> dict:
    user_ref: dict[str, Any] = {by: user, 'password': password}
    if by == 'name':
        user_ref['domain'] = {'name': 'Default'}
    body: dict[str, Any] = {'auth': {'identity': {'methods': ['password'],
                                                  'password': {'user': user_ref}}}}
    if project is not None:
        body['auth']['scope'] = {'project': {'name': project, 'domain': {'id': 'default'}}}
    elif domain is not None:
        body['auth']['scope'] = {'domain': {'id': domain}}
    return body


class Identity:
    """``identity.login(...)`` -> response; ``identity.token(...)`` -> the token id."""

    def __init__(self, daemon):
        self.daemon = daemon
        self.url = daemon.url + '/identity'
        self.session = requests.Session()

    def post(self, path: str, body: Any, **kwargs) -> requests.Response:
        return self.session.post(self.url + path, json=body, timeout=30, **kwargs)

    def request(self, method: str, path: str, token: str | None = None,
                subject: str | None = None, **kwargs) -> requests.Response:
        headers = kwargs.pop('headers', {})
        if token is not None:
            headers['X-Auth-Token'] = token
        if subject is not None:
            headers['X-Subject-Token'] = subject
        return self.session.request(method, self.url + path, headers=headers, timeout=30,
                                    **kwargs)

    def login(self, user: str = 'admin', password: str = ADMIN_PASSWORD,
              project: str | None = 'admin', **kwargs) -> requests.Response:
        return self.post('/v3/auth/tokens', password_body(user, password, project, **kwargs))

    def token(self, user: str = 'admin', password: str = ADMIN_PASSWORD,
              project: str | None = 'admin', **kwargs) -> str:
        response = self.login(user, password, project, **kwargs)
        assert response.status_code == 201, response.text
        return response.headers['X-Subject-Token']

    def compute(self, method: str, path: str, token: str, **kwargs) -> requests.Response:
        return self.session.request(method, self.daemon.url + '/v2.1' + path,
                                    headers={'X-Auth-Token': token}, timeout=30, **kwargs)

    def new_member(self, role: str = 'member') -> tuple[str, str, str]:
        """A new project and a user holding ``role`` on it (nova-api-manage): (user, password,
        project) names."""
        suffix = uuid.uuid4().hex[:8]
        user, password, project = 'user-' + suffix, 'pw-' + uuid.uuid4().hex, 'project-' + suffix
        for args in (('project', 'create', project),
                     ('user', 'create', user, '--password', password, '--project', project),
                     ('role', 'add', '--user', user, '--project', project, role)):
            done = self.daemon.manage('identity', *args)
            assert done.returncode == 0, done.stdout + done.stderr
        return user, password, project


def eventually(check, timeout: float = 10.0, interval: float = 0.1):
    """``check()`` until it returns something true (and that), or AssertionError at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError('still false after %ss: %r' % (timeout, check))
        time.sleep(interval)
