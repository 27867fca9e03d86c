"""The authtoken filter of the built-in identity: in-process validation in front of compute and image."""

from __future__ import annotations


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
