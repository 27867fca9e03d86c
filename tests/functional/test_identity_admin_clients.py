"""Real clients managing the built-in identity: python-openstackclient and openstacksdk.

Unmodified, from a generated clouds.yaml: an admin with a password, a user
it made, and that user's application credential (``auth_type:
v3applicationcredential``).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import uuid

import pytest
import yaml

ADMIN_PASSWORD = 'admin-Pa55-word'
OPENSTACK = str(pathlib.Path(sys.executable).with_name('openstack'))

NOVA_API_OPTIONS = {
    'api': {'auth_strategy': 'keystone'},
    'identity': {'bootstrap_admin_password': ADMIN_PASSWORD,
                 'bootstrap_demo_password': 'demo-Pa55-word'},
}


def unique(prefix: str) -> str:
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


class Clouds:
    """A clouds.yaml of this test's own: ``clouds.add(name, auth, auth_type)``, ``clouds.run(...)``."""

    def __init__(self, daemon, path: pathlib.Path):
        self.daemon = daemon
        self.path = path
        self.clouds: dict = {}

    def add(self, name: str, auth: dict, auth_type: str = 'password') -> None:
        self.clouds[name] = {'auth_type': auth_type, 'identity_api_version': 3,
                             'region_name': 'RegionOne',
                             'auth': {'auth_url': self.daemon.url + '/identity', **auth}}
        self.path.write_text(yaml.safe_dump({'clouds': self.clouds}))

    def add_password(self, name: str, user: str, password: str, project: str) -> None:
        self.add(name, {'username': user, 'password': password, 'project_name': project,
                        'user_domain_name': 'Default', 'project_domain_name': 'Default'})

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith('OS_')}
        env['OS_CLIENT_CONFIG_FILE'] = str(self.path)
        return env

    def run(self, cloud: str, *args: str, check: bool = True):
        """``openstack --os-cloud <cloud> <args>``: its output, parsed when ``-f json`` asked for JSON."""
        result = subprocess.run([OPENSTACK, '--os-cloud', cloud, *args], env=self.env(),
                                capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL)
        if not check:
            return result
        assert result.returncode == 0, 'openstack %s failed:\n%s%s' % (
            ' '.join(args), result.stdout, result.stderr)
        return json.loads(result.stdout) if 'json' in args else result.stdout


@pytest.fixture
def clouds(nova_api_service, tmp_path) -> Clouds:
    made = Clouds(nova_api_service, tmp_path / 'clouds.yaml')
    made.add_password('nova_api_admin', 'admin', ADMIN_PASSWORD, 'admin')
    return made


def test_openstack_manages_projects_users_and_roles(clouds):
    project, user = unique('osc-project'), unique('osc-user')

    created = clouds.run('nova_api_admin', 'project', 'create', project, '--domain', 'default',
                         '--description', 'by openstackclient', '-f', 'json')
    assert created['name'] == project and created['domain_id'] == 'default'
    assert project in [p['Name'] for p in clouds.run('nova_api_admin', 'project', 'list',
                                                     '-f', 'json')]
    shown = clouds.run('nova_api_admin', 'project', 'show', project, '-f', 'json')
    assert shown['id'] == created['id'] and shown['description'] == 'by openstackclient'

    made = clouds.run('nova_api_admin', 'user', 'create', user, '--domain', 'default',
                      '--password', 'first-pw', '--project', project, '-f', 'json')
    assert made['name'] == user and made['default_project_id'] == created['id']
    assert user in [u['Name'] for u in clouds.run('nova_api_admin', 'user', 'list', '-f', 'json')]
    clouds.run('nova_api_admin', 'role', 'add', '--user', user, '--project', project, 'member')
    assignments = clouds.run('nova_api_admin', 'role', 'assignment', 'list', '--user', user,
                             '--project', project, '--names', '-f', 'json')
    assert [(a['Role'], a['User'], a['Project']) for a in assignments] == [
        ('member', user + '@Default', project + '@Default')]

    clouds.run('nova_api_admin', 'user', 'set', '--password', 'second-pw', user)
    clouds.add_password('osc_user', user, 'second-pw', project)
    assert clouds.run('osc_user', 'server', 'list', '-f', 'json') == []
    clouds.add_password('osc_user_old', user, 'first-pw', project)
    assert clouds.run('osc_user_old', 'server', 'list', check=False).returncode != 0
    assert clouds.run('osc_user', 'user', 'list', check=False).returncode != 0  # a member

    clouds.run('nova_api_admin', 'user', 'delete', user)
    clouds.run('nova_api_admin', 'project', 'delete', project)
    assert clouds.run('nova_api_admin', 'project', 'show', project, check=False).returncode != 0
    assert user not in [u['Name'] for u in clouds.run('nova_api_admin', 'user', 'list',
                                                      '-f', 'json')]


def _member(clouds: Clouds) -> tuple[str, str]:
    """A new project and a member of it, with a cloud named after the user: (user, project)."""
    project, user = unique('ac-project'), unique('ac-user')
    clouds.run('nova_api_admin', 'project', 'create', project, '--domain', 'default')
    clouds.run('nova_api_admin', 'user', 'create', user, '--domain', 'default',
               '--password', 'pw-' + user)
    clouds.run('nova_api_admin', 'role', 'add', '--user', user, '--project', project, 'member')
    clouds.add_password(user, user, 'pw-' + user, project)
    return user, project


def test_openstack_application_credential_create_list_delete(clouds):
    user, _project = _member(clouds)
    name = unique('ci')

    created = clouds.run(user, 'application', 'credential', 'create', name, '--description',
                         'for the ci', '-f', 'json')
    assert created['Name'] == name and created['Secret']
    listed = clouds.run(user, 'application', 'credential', 'list', '-f', 'json')
    assert [c['Name'] for c in listed] == [name]
    assert created['Secret'] not in json.dumps(listed)

    clouds.add('appcred', {'application_credential_id': created['ID'],
                           'application_credential_secret': created['Secret']},
               auth_type='v3applicationcredential')
    assert clouds.run('appcred', 'server', 'list', '-f', 'json') == []

    clouds.run(user, 'application', 'credential', 'delete', name)
    assert clouds.run(user, 'application', 'credential', 'list', '-f', 'json') == []
    assert clouds.run('appcred', 'server', 'list', check=False).returncode != 0


def test_openstacksdk_connects_with_an_application_credential(clouds):
    import openstack

    user, project = _member(clouds)
    created = clouds.run(user, 'application', 'credential', 'create', unique('sdk'), '--role',
                         'member', '-f', 'json')
    clouds.add('sdk_appcred', {'application_credential_id': created['ID'],
                               'application_credential_secret': created['Secret']},
               auth_type='v3applicationcredential')
    previous = os.environ.get('OS_CLIENT_CONFIG_FILE')
    os.environ['OS_CLIENT_CONFIG_FILE'] = str(clouds.path)
    try:
        conn = openstack.connect(cloud='sdk_appcred')
        assert list(conn.compute.servers()) == []
        assert conn.current_project_id == clouds.run(
            'nova_api_admin', 'project', 'show', project, '-f', 'json')['id']
        keypair = conn.compute.create_keypair(name=unique('sdk-key'))
        assert [k.name for k in conn.compute.keypairs()] == [keypair.name]
        conn.compute.delete_keypair(keypair)
        conn.close()
    finally:
        if previous is None:
            os.environ.pop('OS_CLIENT_CONFIG_FILE', None)
        else:
            os.environ['OS_CLIENT_CONFIG_FILE'] = previous
