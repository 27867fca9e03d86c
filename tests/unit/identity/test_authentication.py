"""The rules of POST /v3/auth/tokens that HTTP stories cannot show cheaply: application
credentials, the dummy hash for unknown users, the end of a lockout, bootstrap, password changes."""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from nova_api.db import database as db_database
from nova_api.db import models
from nova_api.identity import bootstrap
from nova_api.identity import passwords
from nova_api.identity import revocations
from nova_api.identity import service

from .conftest import ADMIN_PASSWORD
from .conftest import password_auth


@pytest.fixture
def app(keystone_pipeline):
    return keystone_pipeline(lockout_failure_attempts=2, lockout_duration=60)


@pytest.fixture
def database(app):
    db = db_database.Database(app.conf)
    yield db
    db.dispose()


def _admin(session):
    return session.scalar(sa.select(models.User).where(models.User.name == 'admin'))


def make_credential(database, roles=('member',), expires_at=None, secret='app-secret'):
    def work(session):
        admin = _admin(session)
        project = session.get(models.Project, admin.default_project_id)
        credential = models.ApplicationCredential(
            id=bootstrap.new_id(), name='cred-' + bootstrap.new_id()[:6], user_id=admin.id,
            project_id=project.id, secret_hash=passwords.hash_password(secret),
            expires_at=expires_at, unrestricted=False)
        session.add(credential)
        session.flush()
        for name in roles:
            role = bootstrap.ensure_role(session, name)
            session.add(models.ApplicationCredentialRole(application_credential_id=credential.id,
                                                         role_id=role.id))
        return credential.id, credential.name
    return database.write(work)


def app_credential_auth(credential_id, secret='app-secret'):
    return {'auth': {'identity': {'methods': ['application_credential'],
                                  'application_credential': {'id': credential_id,
                                                             'secret': secret}}}}


def test_an_application_credential_carries_its_roles_and_its_project(app, database, api_request):
    credential_id, _name = make_credential(database, roles=('member',))

    response = api_request(app, '/identity/v3/auth/tokens', 'POST',
                           app_credential_auth(credential_id))

    assert response.status_int == 201, response.body
    token = response.json['token']
    assert token['methods'] == ['application_credential']
    assert token['project']['name'] == 'admin'
    assert sorted(r['name'] for r in token['roles']) == ['member', 'reader']  # not admin
    assert token['application_credential'] == {'id': credential_id,
                                               'name': token['application_credential']['name'],
                                               'restricted': True}


def test_an_application_credential_by_name_needs_its_user(app, database, api_request):
    _credential_id, name = make_credential(database)
    body = {'auth': {'identity': {'methods': ['application_credential'],
                                  'application_credential': {
                                      'name': name, 'secret': 'app-secret',
                                      'user': {'name': 'admin', 'domain': {'id': 'default'}}}}}}

    assert api_request(app, '/identity/v3/auth/tokens', 'POST', body).status_int == 201
    del body['auth']['identity']['application_credential']['user']
    assert api_request(app, '/identity/v3/auth/tokens', 'POST', body).status_int == 400


@pytest.mark.parametrize('case', ['wrong secret', 'expired', 'unknown', 'scope'])
def test_application_credential_failures_are_401(app, database, api_request, case):
    expired = datetime.datetime(2020, 1, 1) if case == 'expired' else None
    credential_id, _name = make_credential(database, expires_at=expired)
    body = app_credential_auth('f' * 32 if case == 'unknown' else credential_id,
                               'nope' if case == 'wrong secret' else 'app-secret')
    if case == 'scope':
        body['auth']['scope'] = {'project': {'id': 'x'}}

    response = api_request(app, '/identity/v3/auth/tokens', 'POST', body)

    assert response.status_int == 401
    if case == 'scope':
        assert 'cannot request a scope' in response.json['error']['message']


def test_an_unknown_user_costs_a_password_check_against_the_dummy(app, api_request, monkeypatch):
    checked = []
    real = passwords.verify
    monkeypatch.setattr(passwords, 'verify', lambda pw, encoded: checked.append(encoded)
                        or real(pw, encoded))

    response = api_request(app, '/identity/v3/auth/tokens', 'POST',
                           password_auth('nobody', 'whatever', 'admin'))

    assert response.status_int == 401
    assert checked == [None]  # verify(None hash) checks the dummy hash


def test_a_lockout_ends_after_its_duration(app, database, api_request):
    for _ in range(2):
        api_request(app, '/identity/v3/auth/tokens', 'POST',
                    password_auth('admin', 'wrong', 'admin'))
    locked = api_request(app, '/identity/v3/auth/tokens', 'POST', password_auth(project='admin'))
    assert locked.status_int == 401

    def long_ago(session):
        _admin(session).failed_auth_at = datetime.datetime(2020, 1, 1)
    database.write(long_ago)

    assert api_request(app, '/identity/v3/auth/tokens', 'POST',
                       password_auth(project='admin')).status_int == 201
    assert database.read(lambda s: _admin(s).failed_auth_count) == 0


def test_bootstrap_twice_changes_nothing(app, database):
    first = bootstrap.run(database, app.conf, first_start_only=False)
    second = bootstrap.run(database, app.conf, first_start_only=False)
    assert first == second
    assert bootstrap.run(database, app.conf, first_start_only=True) is None  # not a first start


def test_the_bootstrap_roles_imply_admin_member_reader(database):
    def rules(session):
        names = {r.id: r.name for r in session.scalars(sa.select(models.Role))}
        return {(names[r.prior_role_id], names[r.implied_role_id])
                for r in session.scalars(sa.select(models.ImpliedRole))}
    assert database.read(rules) == {('admin', 'member'), ('member', 'reader')}


def test_a_new_password_revokes_the_users_tokens(app, database, api_request, login):
    token = login(app)
    assert api_request(app, '/v2.1/servers', token=token).status_int == 200

    def change(session):
        bootstrap.set_password(session, _admin(session), 'a-new-one')
    database.write(change)

    identity = service.Identity(app.conf, database)
    identity.revocations.refresh(force=True)
    assert identity.revocations.is_revoked(identity.validator.format.open(token))
    assert api_request(app, '/identity/v3/auth/tokens', 'POST',
                       password_auth(password=ADMIN_PASSWORD, project='admin')).status_int == 401


def test_a_revocation_cache_sees_events_written_elsewhere(database, app, login):
    identity = service.Identity(app.conf, database)
    token = identity.token_format.open(login(app))
    assert not identity.revocations.is_revoked(token)

    database.write(lambda s: revocations.revoke(s, project_id=token.project_id))
    identity.revocations.refresh(force=True)

    assert identity.revocations.is_revoked(token)
    with pytest.raises(ValueError):
        revocations.revoke(None)


def test_events_no_token_can_match_any_more_are_pruned(database):
    old = datetime.datetime(2020, 1, 1)

    def write(session):
        revocations.revoke(session, user_id='gone', issued_before=old)
        revocations.revoke(session, audit_id='a' * 22, expires_at=old)
        revocations.revoke(session, user_id='recent')
    database.write(write)

    removed = database.write(revocations.prune, older_than=datetime.datetime(2021, 1, 1))

    assert removed == 2
    assert database.read(lambda s: [e.user_id for e in s.scalars(
        sa.select(models.RevocationEvent))]) == ['recent']
