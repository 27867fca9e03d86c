"""The authtoken filter of the built-in identity: in-process validation in front of compute and image."""

from __future__ import annotations

import pytest

from tests.unit.identity.conftest import ADMIN_PASSWORD


def test_forged_identity_headers_never_make_a_caller(keystone_pipeline, api_request):
    app = keystone_pipeline()

    response = api_request(app, '/v2.1/servers', headers={
        'X-Identity-Status': 'Confirmed', 'X-User-Id': 'admin', 'X-Project-Id': 'p',
        'X-Roles': 'admin'})

    assert response.status_int == 401
    assert response.json == {'unauthorized': {
        'code': 401, 'message': 'The request you have made requires authentication.'}}
    assert response.headers['WWW-Authenticate'] == 'Keystone uri="http://localhost/identity"'


def test_a_valid_token_sets_the_context_and_drops_what_the_client_claimed(
        keystone_pipeline, api_request, login):
    app = keystone_pipeline()
    token = login(app, 'demo', 'demo-secret', 'demo')

    response = api_request(app, '/v2.1/servers', token=token, headers={'X-Roles': 'admin'})
    assert response.status_int == 200
    everyone = api_request(app, '/v2.1/servers?all_tenants=1', token=token,
                           headers={'X-Roles': 'admin'})
    assert everyone.status_int == 403  # a member, whatever X-Roles said


def test_the_image_api_answers_401_as_glance(keystone_pipeline, api_request):
    app = keystone_pipeline()

    response = api_request(app, '/image/v2/images', token='junk',
                           headers={'Accept': 'application/json'})

    assert response.status_int == 401
    assert response.json['title'] == 'Unauthorized'
    assert api_request(app, '/image').status_int == 300  # discovery needs no token


def test_a_configured_public_endpoint_is_what_a_401_advertises(keystone_pipeline, api_request):
    app = keystone_pipeline(public_endpoint='https://cloud.example.com')

    response = api_request(app, '/v2.1/servers')

    assert response.headers['WWW-Authenticate'] == \
        'Keystone uri="https://cloud.example.com/identity"'


def test_the_catalogue_follows_the_configured_endpoints_and_region(
        keystone_pipeline, api_request, login):
    app = keystone_pipeline(public_endpoint='https://cloud.example.com/',
                            internal_endpoint='http://10.0.0.5:8774',
                            admin_endpoint='http://admin.example.com:8774',
                            region_name='RegionTwo')
    token = login(app)

    catalog = api_request(app, '/identity/v3/auth/catalog', token=token).json['catalog']

    compute = next(service for service in catalog if service['type'] == 'compute')
    assert {e['interface']: e['url'] for e in compute['endpoints']} == {
        'public': 'https://cloud.example.com/v2.1', 'internal': 'http://10.0.0.5:8774/v2.1',
        'admin': 'http://admin.example.com:8774/v2.1'}
    assert {e['region'] for service in catalog for e in service['endpoints']} == {'RegionTwo'}
    image = next(service for service in catalog if service['type'] == 'image')
    assert [e['url'] for e in image['endpoints'] if e['interface'] == 'public'] == [
        'https://cloud.example.com/image']
    legacy = api_request(app, '/identity/v2.0/tokens', 'POST', {'auth': {
        'passwordCredentials': {'username': 'admin', 'password': ADMIN_PASSWORD},
        'tenantName': 'admin'}}).json['access']['serviceCatalog']
    endpoint = next(s for s in legacy if s['type'] == 'identity')['endpoints'][0]
    assert (endpoint['publicURL'], endpoint['internalURL'], endpoint['adminURL'],
            endpoint['region']) == ('https://cloud.example.com/identity',
                                    'http://10.0.0.5:8774/identity',
                                    'http://admin.example.com:8774/identity', 'RegionTwo')


def test_without_configured_endpoints_the_catalogue_follows_the_requests_host(
        keystone_pipeline, api_request, login):
    app = keystone_pipeline()
    token = login(app)

    catalog = api_request(app, '/identity/v3/auth/catalog', token=token,
                          headers={'Host': 'nova.example.net:9000'}).json['catalog']

    assert {e['url'] for s in catalog if s['type'] == 'compute' for e in s['endpoints']} == {
        'http://nova.example.net:9000/v2.1'}


def test_a_worker_validates_tokens_without_a_query_and_sees_revocations_within_a_second(
        keystone_pipeline, api_request, login):
    import sqlalchemy as sa

    from nova_api.identity import service
    from nova_api.identity import tokens

    app = keystone_pipeline()
    first, second = login(app), login(app)
    worker = service.Identity(app.conf)  # another worker: its own keys, cache and clock
    now = [100.0]
    worker.revocations.clock = lambda: now[0]
    statements = []

    def count(*args):
        if args[2].split(None, 1)[0] not in ('BEGIN', 'COMMIT', 'ROLLBACK'):
            statements.append(args[2])
    sa.event.listen(sa.engine.Engine, 'before_cursor_execute', count)
    try:
        worker.validator.validate(first)
        assert len(statements) == 1  # the revocation events, on the first look
        del statements[:]
        now[0] += 0.5
        for token in (first, second, first, second):
            worker.validator.validate(token)
        assert statements == []
        revoked = api_request(app, '/identity/v3/auth/tokens', 'DELETE', token=first,
                              headers={'X-Subject-Token': second})
        assert revoked.status_int == 204
        del statements[:]
        now[0] += 0.4
        worker.validator.validate(second)  # this worker has not looked again yet
        assert statements == []
        now[0] += 0.2  # over a second since the last look
        with pytest.raises(tokens.InvalidToken):
            worker.validator.validate(second)
        assert len(statements) == 1
        worker.validator.validate(first)
        assert len(statements) == 1
    finally:
        sa.event.remove(sa.engine.Engine, 'before_cursor_execute', count)
        worker.database.dispose()
