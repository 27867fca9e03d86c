"""Authentication: noauth2 and keystone build the context from what they verified.

Identity headers a client sends (X-Roles, X-User-Id, ...) must never reach
the context. No test talks to a Keystone server: the keystone pipeline is
pointed at a closed loopback port, so any attempt would fail at once.
"""

from __future__ import annotations

import pytest
import webob

from nova_api import context
from nova_api.middleware import auth

KEYSTONE_CONF = """
[api]
auth_strategy = keystone
[identity]
enabled = false
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:9/
auth_url = http://127.0.0.1:9/
"""


class Downstream:
    """The app behind the filter: records the environ it was called with."""

    def __init__(self):
        self.environ = None

    def __call__(self, environ, start_response):
        self.environ = dict(environ)
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'ok']

    @property
    def context(self) -> context.RequestContext:
        return context.from_environ(self.environ)


@pytest.fixture
def downstream():
    return Downstream()


@pytest.fixture
def noauth2(downstream, conf):
    return auth.NoAuth2(downstream, conf)


@pytest.fixture
def keystone_context(downstream, conf):
    return auth.KeystoneContext(downstream, conf)


def send(app, headers=None, environ=None):
    req = webob.Request.blank('/servers', headers=headers or {})
    req.environ.update(environ or {})
    req.environ[context.ENV_REQUEST_ID] = 'req-00000000-0000-0000-0000-000000000001'
    return req.get_response(app)


# -- noauth2 ---------------------------------------------------------------------------

@pytest.mark.parametrize('token', [None, '', '   '])
def test_noauth2_without_token_is_a_401_fault(noauth2, downstream, token):
    response = send(noauth2, {'X-Auth-Token': token} if token is not None else {})
    assert response.status_int == 401
    assert response.json_body == {'unauthorized': {
        'code': 401, 'message': 'The request you have made requires authentication.'}}
    assert response.headers['WWW-Authenticate'] == 'NoAuth2 realm="nova_api"'
    assert response.headers['OpenStack-API-Version'] == 'compute 2.1'
    assert downstream.environ is None


def test_noauth2_token_names_user_and_project(noauth2, downstream):
    response = send(noauth2, {'X-Auth-Token': 'alice:proj1'})
    assert response.status_int == 200
    ctx = downstream.context
    assert (ctx.user_id, ctx.project_id) == ('alice', 'proj1')
    assert ctx.roles == ['member', 'reader']
    assert ctx.is_admin is False
    assert ctx.request_id == 'req-00000000-0000-0000-0000-000000000001'


def test_noauth2_admin_user_is_an_administrator(noauth2, downstream):
    send(noauth2, {'X-Auth-Token': 'admin:proj1'})
    ctx = downstream.context
    assert (ctx.user_id, ctx.project_id) == ('admin', 'proj1')
    assert ctx.is_admin is True
    assert 'admin' in ctx.roles


def test_noauth2_project_defaults_to_the_user(noauth2, downstream):
    send(noauth2, {'X-Auth-Token': 'alice'})
    assert (downstream.context.user_id, downstream.context.project_id) == ('alice', 'alice')


def test_noauth2_ignores_and_removes_identity_headers_from_the_client(noauth2, downstream):
    send(noauth2, {'X-Auth-Token': 'alice:proj1', 'X-Roles': 'admin', 'X-User-Id': 'admin',
                   'X-Project-Id': 'other', 'X-Tenant-Id': 'other',
                   'X-Identity-Status': 'Confirmed'})
    ctx = downstream.context
    assert (ctx.user_id, ctx.project_id, ctx.is_admin) == ('alice', 'proj1', False)
    assert 'admin' not in ctx.roles
    for header in ('HTTP_X_ROLES', 'HTTP_X_USER_ID', 'HTTP_X_PROJECT_ID', 'HTTP_X_TENANT_ID',
                   'HTTP_X_IDENTITY_STATUS'):
        assert header not in downstream.environ


def test_noauth2_forged_identity_without_token_is_still_a_401(noauth2, downstream):
    response = send(noauth2, {'X-Roles': 'admin', 'X-User-Id': 'admin', 'X-Project-Id': 'p',
                              'X-Identity-Status': 'Confirmed'})
    assert response.status_int == 401
    assert downstream.environ is None


def test_noauth2_through_the_pipeline_reaches_the_api(pipeline, api_request):
    response = api_request(pipeline, '/v2.1/os-nothing', token='alice:proj1')
    assert response.status_int == 404  # authenticated, then routed
    assert api_request(pipeline, '/v2.1/os-nothing').status_int == 401


# -- keystone ----------------------------------------------------------------------------

def confirmed(**headers):
    return dict({'HTTP_X_IDENTITY_STATUS': 'Confirmed'}, **headers)


def test_keystone_context_is_built_from_the_validated_headers(keystone_context, downstream):
    send(keystone_context, environ=confirmed(
        HTTP_X_USER_ID='u-1', HTTP_X_USER_NAME='alice', HTTP_X_PROJECT_ID='p-1',
        HTTP_X_PROJECT_NAME='demo', HTTP_X_USER_DOMAIN_ID='default',
        HTTP_X_PROJECT_DOMAIN_ID='default', HTTP_X_ROLES='member, reader',
        HTTP_X_AUTH_TOKEN='tok'))
    ctx = downstream.context
    assert (ctx.user_id, ctx.project_id) == ('u-1', 'p-1')
    assert (ctx.user_name, ctx.project_name) == ('alice', 'demo')
    assert (ctx.user_domain_id, ctx.project_domain_id) == ('default', 'default')
    assert ctx.roles == ['member', 'reader']
    assert ctx.is_admin is False
    assert ctx.auth_token == 'tok'
    assert ctx.request_id == 'req-00000000-0000-0000-0000-000000000001'


def test_keystone_admin_role_makes_an_administrator(keystone_context, downstream):
    send(keystone_context, environ=confirmed(HTTP_X_USER_ID='u', HTTP_X_PROJECT_ID='p',
                                             HTTP_X_ROLES='admin,member,reader'))
    assert downstream.context.is_admin is True


@pytest.mark.parametrize('status', [None, 'Invalid'])
def test_keystone_context_without_confirmed_identity_is_a_401(keystone_context, downstream, status):
    environ = {'HTTP_X_IDENTITY_STATUS': status} if status else {}
    response = send(keystone_context, environ=dict(environ, HTTP_X_USER_ID='u'))
    assert response.status_int == 401
    assert list(response.json_body) == ['unauthorized']
    assert response.headers['WWW-Authenticate'] == 'Keystone'
    assert downstream.environ is None


def test_keystone_pipeline_rejects_a_request_without_token(load_pipeline, make_conf, api_request,
                                                           assert_request_ids):
    app = load_pipeline(make_conf(config_text=KEYSTONE_CONF))
    response = api_request(app, '/v2.1/servers')
    assert response.status_int == 401
    assert response.headers['WWW-Authenticate'] == 'Keystone uri="http://127.0.0.1:9/"'
    assert_request_ids(response)


def test_keystone_pipeline_ignores_forged_identity_headers(load_pipeline, make_conf, api_request):
    """With a delayed decision, auth_token still strips what the client claimed."""
    app = load_pipeline(make_conf(config_text=KEYSTONE_CONF + 'delay_auth_decision = true\n'))
    response = api_request(app, '/v2.1/servers', headers={
        'X-Identity-Status': 'Confirmed', 'X-User-Id': 'admin', 'X-Project-Id': 'p',
        'X-Roles': 'admin'})
    assert response.status_int == 401
    assert response.json_body == {'unauthorized': {
        'code': 401, 'message': 'The request you have made requires authentication.'}}
    assert response.headers['OpenStack-API-Version'] == 'compute 2.1'


def test_a_filter_guarding_the_image_api_answers_401_as_glance(downstream, conf):
    noauth2 = auth.NoAuth2(downstream, conf, errors='image')
    keystone_context = auth.KeystoneContext(downstream, conf, errors='image')

    for app in (noauth2, keystone_context):
        response = send(app, headers={'Accept': 'application/json'})
        assert response.status_int == 401
        assert response.json == {'code': '401 Unauthorized', 'title': 'Unauthorized',
                                 'message': 'The request you have made requires authentication.'
                                            '<br /><br />\n\n\n'}
        assert 'OpenStack-API-Version' not in response.headers


def test_an_unknown_error_format_is_refused_when_the_pipeline_loads():
    with pytest.raises(ValueError, match='errors = xml'):
        auth.NoAuth2.factory({}, errors='xml')


def test_the_keystone_pipeline_guards_the_image_api_but_not_its_versions(
        load_pipeline, make_conf, api_request):
    app = load_pipeline(make_conf(config_text=KEYSTONE_CONF + 'delay_auth_decision = true\n'))

    assert api_request(app, '/image').status_int == 300
    refused = api_request(app, '/image/v2/images', headers={
        'Accept': 'application/json', 'X-Identity-Status': 'Confirmed', 'X-Roles': 'admin'})
    assert refused.status_int == 401
    assert refused.json['title'] == 'Unauthorized'
    assert 'OpenStack-API-Version' not in refused.headers
    without_delay = load_pipeline(make_conf(config_text=KEYSTONE_CONF))
    assert api_request(without_delay, '/image/v2/images').status_int == 401  # keystonemiddleware's
