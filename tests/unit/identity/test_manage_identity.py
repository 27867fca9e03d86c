"""``nova-api-manage identity ...`` on the database a keystone pipeline serves."""

from __future__ import annotations

import pytest

from nova_api.cmd import manage
from nova_api.cmd import manage_identity
from nova_api.identity import revocations
from tests.unit.identity.conftest import ADMIN_PASSWORD
from tests.unit.identity.conftest import DEMO_PASSWORD
from tests.unit.identity.conftest import password_auth


@pytest.fixture(autouse=True)
def revocations_seen_at_once(monkeypatch):
    monkeypatch.setattr(revocations, 'REFRESH_SECONDS', 0.0)


@pytest.fixture
def run(keystone_pipeline, tmp_path):
    """``run(*args)``: the command's exit status, on the configuration of ``run.app``."""
    app = keystone_pipeline()
    config = tmp_path / 'manage.conf'
    config.write_text('[DEFAULT]\nstate_path = %s\n[identity]\nbootstrap_admin_password = %s\n'
                      'bootstrap_demo_password = %s\n' % (app.conf.state_path, ADMIN_PASSWORD,
                                                          DEMO_PASSWORD))

    def command(*args):
        conf = manage.load_config(['--config-file', str(config), 'identity', *args])
        try:
            key = (conf.command.name, conf.command.action,
                   getattr(conf.command, 'subaction', None))
            return manage_identity.COMMANDS[key](conf)
        finally:
            conf.reset()
    command.app = app
    return command


def _login(api_request, app, user, password, project):
    return api_request(app, '/identity/v3/auth/tokens', 'POST',
                       password_auth(user, password, project))


def test_bootstrap_with_a_password_sets_the_admins_and_revokes_its_tokens_only(
        run, api_request, login):
    app = run.app
    admin_token = login(app)
    demo_token = login(app, 'demo', DEMO_PASSWORD, 'demo')

    assert run('bootstrap', '--password', 'brand-new-Pa55') == 0

    assert api_request(app, '/v2.1/servers', token=admin_token).status_int == 401
    assert _login(api_request, app, 'admin', ADMIN_PASSWORD, 'admin').status_int == 401
    assert _login(api_request, app, 'admin', 'brand-new-Pa55', 'admin').status_int == 201
    # The demo user's password and tokens are the demo user's business.
    assert api_request(app, '/v2.1/servers', token=demo_token).status_int == 200


def test_bootstrap_again_without_a_password_changes_nothing(run, api_request, login):
    token = login(run.app)

    assert run('bootstrap') == 0

    assert api_request(run.app, '/v2.1/servers', token=token).status_int == 200


def test_what_is_not_there_is_an_error(run, capsys):
    assert run('role', 'add', '--user', 'admin', '--project', 'admin', 'no-such-role') == 1
    assert run('role', 'add', '--user', 'nobody', '--project', 'admin', 'member') == 1
    assert run('user', 'create', 'erin', '--password', 'pw', '--project', 'nowhere') == 1
    assert run('project', 'create', 'p', '--domain', 'no-such-domain') == 1
    assert 'nova-api-manage: error: no role no-such-role' in capsys.readouterr().err
