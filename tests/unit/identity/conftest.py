"""Fixtures of the built-in identity's tests: a keystone pipeline with the bootstrap set."""

from __future__ import annotations

import pytest

from nova_api import deploy
from nova_api.db import database as db_database
from nova_api.identity import service

ADMIN_PASSWORD = 'admin-secret'
DEMO_PASSWORD = 'demo-secret'


@pytest.fixture
def identity_conf(sqlite_conf):
    """A configuration serving the built-in identity (bootstrapped, keys made)."""
    def make(**identity_options):
        options = {'bootstrap_admin_password': ADMIN_PASSWORD,
                   'bootstrap_demo_password': DEMO_PASSWORD, **identity_options}
        conf = sqlite_conf(overrides={'api': {'auth_strategy': 'keystone'}, 'identity': options})
        db = db_database.Database(conf)
        service.prepare(conf, db)
        db.dispose()
        return conf
    return make


@pytest.fixture
def keystone_pipeline(identity_conf):
    """The whole pipeline with the built-in identity; ``.conf`` is its configuration."""
    def load(**identity_options):
        conf = identity_conf(**identity_options)
        app = deploy.load_app(conf)
        app.conf = conf
        return app
    return load


def password_auth(user='admin', password=ADMIN_PASSWORD, project=None, domain=None):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'name': user, 'domain': {'name': 'Default'}, 'password': password}}}}}
    if project is not None:
        body['auth']['scope'] = {'project': {'name': project, 'domain': {'id': 'default'}}}
    elif domain is not None:
        body['auth']['scope'] = {'domain': {'id': domain}}
    return body


@pytest.fixture
def login(api_request):
    """``login(app, user, password, project)``: the token id (asserting a 201)."""
    def log_in(app, user='admin', password=ADMIN_PASSWORD, project='admin'):
        response = api_request(app, '/identity/v3/auth/tokens', 'POST',
                               password_auth(user, password, project))
        assert response.status_int == 201, response.body
        return response.headers['X-Subject-Token']
    return log_in
