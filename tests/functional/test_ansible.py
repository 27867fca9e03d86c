"""Ansible's openstack.cloud collection against the daemon: the modules and inventory users run.

Unmodified ``ansible-playbook`` and ``ansible-inventory`` (the collection ships in the
``ansible`` package of the test extra; its modules drive openstacksdk) log in through a
clouds.yaml, as against any cloud, and do what an Ansible user does:

- the info modules find flavors, images and networks by name; ``keypair`` creates a key
  and ``state: absent`` deletes it;
- ``server`` boots by image and flavor *name* on a network with a key and metadata (and
  the module's default ``auto_ip``: a floating IP) and waits for ACTIVE; ``server_info``,
  ``server_action`` (stop, start, reboot), ``server_metadata``; ``state: absent`` with
  ``delete_ips`` and ``wait`` until it and its floating IP are gone;
- running the same tasks again reports no change: what makes a playbook safe to re-run;
- a task naming a flavor, image or network that does not exist fails with that name in
  its message, and boots nothing;
- the ``openstack.cloud.openstack`` inventory plugin lists a booted server as a host, at
  its fixed address, in the groups its metadata names.

Each run is isolated in ``tmp_path``: its own ansible.cfg (ANSIBLE_CONFIG), Ansible home
and temporary folders, and clouds.yaml (OS_CLIENT_CONFIG_FILE); no ``OS_*`` or
``ANSIBLE_*`` variable is inherited. The JSON stdout callback hands the test every task's
returned data. The module runs on the embedded database only (``nova_api_daemon``): it
protects the client contract, which the resource tests check on both backends.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import sysconfig

import pytest
from network_client import NetworkClient
from servers_client import ServersClient
from servers_client import new_project
from test_clients import unique

BIN = pathlib.Path(sys.executable).parent
ANSIBLE_PLAYBOOK = BIN / 'ansible-playbook'
ANSIBLE_INVENTORY = BIN / 'ansible-inventory'
COLLECTION = pathlib.Path(sysconfig.get_paths()['purelib'], 'ansible_collections', 'openstack', 'cloud')
CLOUD = 'nova_api'

#: openstack.cloud 2.5.0 (in ansible 12, the newest for Python 3.11) reads
#: ``openstack.version.__version__``, a submodule openstacksdk >= 4.15 no longer imports
#: (AttributeError in every module and in the inventory plugin; collection 2.6.0, on
#: Galaxy only, fixed it). Imported at start-up, it is there again: a client-side fix.
SDK_VERSION_SHIM = """\
import warnings
try:
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        import openstack.version  # noqa: F401
except ImportError:
    pass
"""


@pytest.fixture(autouse=True, scope='module')
def _ansible_installed():
    """Skip (fail under CI, which installs the test extra) without ansible and openstack.cloud."""
    if not ANSIBLE_PLAYBOOK.exists():
        reason = 'ansible-playbook not found at %s (pip install ansible: the test extra)' % ANSIBLE_PLAYBOOK
    elif not (COLLECTION / 'MANIFEST.json').exists():
        reason = 'the openstack.cloud collection is not installed at %s' % COLLECTION
    else:
        return
    if os.environ.get('CI'):
        pytest.fail('Ansible is required under CI: %s' % reason)
    pytest.skip(reason)


# -- running Ansible -------------------------------------------------------------------

def ansible_env(workdir: pathlib.Path, daemon, user: str, project: str) -> dict[str, str]:
    """Write ansible.cfg, clouds.yaml and the shim into ``workdir``; the environment to run in."""
    (workdir / 'clouds.yaml').write_text(json.dumps({'clouds': {CLOUD: {
        'auth': {'auth_url': daemon.url + '/identity', 'username': user, 'password': 'secret',
                 'project_name': project, 'user_domain_name': 'Default',
                 'project_domain_name': 'Default'},
        'identity_api_version': 3}}}))
    (workdir / 'ansible.cfg').write_text('\n'.join([
        '[defaults]', f'home = {workdir}/home', f'local_tmp = {workdir}/tmp',
        f'remote_tmp = {workdir}/remote-tmp', 'retry_files_enabled = false',
        'stdout_callback = ansible.posix.json', '[inventory]', 'unparsed_is_failed = true', '']))
    (workdir / 'shim').mkdir(exist_ok=True)
    (workdir / 'shim' / 'sitecustomize.py').write_text(SDK_VERSION_SHIM)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(('OS_', 'ANSIBLE_'))}
    env.update({'ANSIBLE_CONFIG': str(workdir / 'ansible.cfg'),
                'OS_CLIENT_CONFIG_FILE': str(workdir / 'clouds.yaml'),
                'PYTHONPATH': os.pathsep.join(filter(None, [str(workdir / 'shim'),
                                                            env.get('PYTHONPATH')]))})
    return env


def task(title: str, module: str, /, ignore_errors: bool = False, **args) -> dict:
    """``- name: <title>\\n  openstack.cloud.<module>: <args>``."""
    made = {'name': title, 'openstack.cloud.' + module: args}
    if ignore_errors:
        made['ignore_errors'] = True
    return made


def run_playbook(workdir: pathlib.Path, daemon, user: str, project: str, *tasks: dict) -> dict:
    """Run the tasks as one local play; ``{task name: what it returned}``. Fails on a failed task."""
    playbook = workdir / 'playbook.yml'
    playbook.write_text(json.dumps([{  # JSON is YAML
        'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
        'vars': {'ansible_python_interpreter': '{{ ansible_playbook_python }}'},
        'module_defaults': {'group/openstack.cloud.openstack': {'cloud': CLOUD, 'timeout': 120}},
        'tasks': list(tasks)}], indent=1))
    result = subprocess.run([str(ANSIBLE_PLAYBOOK), '-i', 'localhost,', str(playbook)],
                            env=ansible_env(workdir, daemon, user, project), cwd=workdir,
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    failed = 'ansible-playbook exited with %d\n%s\n%s' % (result.returncode, result.stdout[-6000:],
                                                          result.stderr[-3000:])
    assert result.returncode == 0, failed
    report = json.loads(result.stdout)
    return {ran['task']['name']: ran['hosts']['localhost'] for ran in report['plays'][0]['tasks']}


def run_inventory(workdir: pathlib.Path, daemon, user: str, project: str) -> dict:
    """``ansible-inventory --list`` through the openstack.cloud.openstack plugin, parsed."""
    source = workdir / 'openstack.yml'  # the plugin reads only files named openstack.y(a)ml
    source.write_text(json.dumps({'plugin': 'openstack.cloud.openstack', 'only_clouds': [CLOUD],
                                  'fail_on_errors': True}))
    result = subprocess.run([str(ANSIBLE_INVENTORY), '-i', str(source), '--list'],
                            env=ansible_env(workdir, daemon, user, project), cwd=workdir,
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # ansible-core 2.19 marks untrusted strings {"__ansible_unsafe": value}: the values.
    return json.loads(result.stdout, object_hook=lambda d: d.get('__ansible_unsafe', d)
                      if list(d) == ['__ansible_unsafe'] else d)


# -- one playbook's life of a server, in two runs with HTTP checks between -----------------

@pytest.fixture(scope='module')
def lifecycle(nova_api_daemon, tmp_path_factory):
    """Boot, act on and delete one server from playbooks; what each task returned, and HTTP views."""
    workdir = tmp_path_factory.mktemp('ansible-lifecycle')
    project, key, name = new_project(), unique('ans-key'), unique('ans-srv')
    # auto_ip (a floating IP from the external network) is the module's default.
    boot = dict(name=name, image='cirros', flavor='m1.tiny', network='private', key_name=key,
                metadata={'role': 'web'}, security_groups=['default'], wait=True)
    http = ServersClient(nova_api_daemon, 'alice', project, version='2.9')
    network = NetworkClient(nova_api_daemon, 'alice', project)
    first = run_playbook(
        workdir, nova_api_daemon, 'alice', project,
        task('create key', 'keypair', name=key),
        task('create key again', 'keypair', name=key),
        task('flavors', 'compute_flavor_info', name='m1.tiny'),
        task('images', 'image_info', image='cirros'),
        task('networks', 'networks_info', name='private'),
        task('boot', 'server', **boot),
        task('boot again', 'server', **boot),
        task('booted', 'server_info', name=name),
        task('stop', 'server_action', server=name, action='stop', wait=True),
        task('stopped', 'server_info', name=name),
        task('stop again', 'server_action', server=name, action='stop', wait=True),
        task('start', 'server_action', server=name, action='start', wait=True),
        task('reboot', 'server_action', server=name, action='reboot_soft', wait=True),
        task('add metadata', 'server_metadata', name=name, metadata={'tier': 'front'}),
        task('after', 'server_info', name=name))
    server_id = first['boot']['server']['id']
    shown = http.show(server_id)
    keypairs = http('GET', '/os-keypairs').json()['keypairs']
    floating_ips = network.list('floatingips')
    second = run_playbook(
        workdir, nova_api_daemon, 'alice', project,
        task('delete', 'server', name=name, state='absent', delete_ips=True, wait=True),
        task('delete again', 'server', name=name, state='absent', delete_ips=True, wait=True),
        task('gone', 'server_info', name=name),
        task('delete key', 'keypair', name=key, state='absent'))
    return {**first, **second, 'name': name, 'key': key, 'shown': shown, 'keypairs': keypairs,
            'floating_ips': floating_ips,
            'shown_after_delete': http('GET', '/servers/%s' % server_id).status_code,
            'keypairs_after_delete': http('GET', '/os-keypairs').json()['keypairs'],
            'floating_ips_after_delete': network.list('floatingips')}


def test_info_modules_find_flavor_image_and_network_by_name(lifecycle):
    assert [(f['name'], f['ram'], f['vcpus']) for f in lifecycle['flavors']['flavors']] == [
        ('m1.tiny', 512, 1)]
    assert [(i['name'], i['status']) for i in lifecycle['images']['images']] == [('cirros', 'active')]
    [network] = lifecycle['networks']['networks']
    assert network['name'] == 'private' and network['subnet_ids']


def test_keypair_creates_a_key_once_and_state_absent_deletes_it(lifecycle):
    created = lifecycle['create key']
    assert created['changed'] and created['keypair']['name'] == lifecycle['key']
    assert created['keypair']['private_key'].startswith('-----BEGIN')
    assert lifecycle['create key again']['changed'] is False
    assert [k['keypair']['fingerprint'] for k in lifecycle['keypairs']
            if k['keypair']['name'] == lifecycle['key']] == [created['keypair']['fingerprint']]
    assert lifecycle['delete key']['changed']
    assert lifecycle['key'] not in [k['keypair']['name'] for k in lifecycle['keypairs_after_delete']]


def test_server_boots_by_image_and_flavor_names_on_a_network_and_waits_for_active(lifecycle):
    booted = lifecycle['boot']
    server = booted['server']
    assert booted['changed'] and server['name'] == lifecycle['name']
    assert server['status'] == 'ACTIVE' and server['key_name'] == lifecycle['key']
    assert server['metadata'] == {'role': 'web'} and server['flavor']['name'] == 'm1.tiny'
    fixed, floating = server['addresses']['private']
    assert fixed['addr'].startswith('10.0.') and fixed['OS-EXT-IPS:type'] == 'fixed'
    assert floating['OS-EXT-IPS:type'] == 'floating'
    [listed] = lifecycle['booted']['servers']
    assert listed['id'] == server['id'] and listed['status'] == 'ACTIVE'
    shown = lifecycle['shown']  # over HTTP, once the first playbook is done
    assert shown['addresses'] == server['addresses']
    assert shown['key_name'] == lifecycle['key'] and shown['image']['id'] == server['image']['id']
    [floating_ip] = lifecycle['floating_ips']
    assert (floating_ip['floating_ip_address'], floating_ip['fixed_ip_address']) == (
        floating['addr'], fixed['addr'])


def test_running_the_same_tasks_again_reports_no_change(lifecycle):
    again = lifecycle['boot again']
    assert again['changed'] is False and again['server']['id'] == lifecycle['boot']['server']['id']
    assert lifecycle['stop again']['changed'] is False
    assert lifecycle['delete again']['changed'] is False


def test_server_action_stops_starts_and_reboots_the_server(lifecycle):
    assert all(lifecycle[step]['changed'] for step in ('stop', 'start', 'reboot'))
    [stopped] = lifecycle['stopped']['servers']
    assert (stopped['status'], stopped['power_state'], stopped['vm_state']) == ('SHUTOFF', 4, 'stopped')
    [after] = lifecycle['after']['servers']
    assert (after['status'], after['power_state'], after['task_state']) == ('ACTIVE', 1, None)


def test_server_metadata_adds_keys_beside_the_existing_ones(lifecycle):
    assert lifecycle['add metadata']['changed']
    [after] = lifecycle['after']['servers']
    assert after['metadata'] == {'role': 'web', 'tier': 'front'}
    assert lifecycle['shown']['metadata'] == {'role': 'web', 'tier': 'front'}


def test_state_absent_waits_until_the_server_and_its_floating_ip_are_gone(lifecycle):
    assert lifecycle['delete']['changed']
    assert lifecycle['gone']['servers'] == []
    assert lifecycle['shown_after_delete'] == 404
    assert lifecycle['floating_ips_after_delete'] == []


# -- what a user gets wrong, and the dynamic inventory ------------------------------------

def test_an_unknown_flavor_image_or_network_fails_the_task_and_boots_nothing(nova_api_daemon, tmp_path):
    project, name = new_project(), unique('ans-bad')
    boot = dict(name=name, image='cirros', flavor='m1.tiny', network='private')
    missing = 'no-such-' + name

    results = run_playbook(
        tmp_path, nova_api_daemon, 'bob', project,
        task('flavor', 'server', ignore_errors=True, **{**boot, 'flavor': missing}),
        task('image', 'server', ignore_errors=True, **{**boot, 'image': missing}),
        task('network', 'server', ignore_errors=True, **{**boot, 'network': missing}))

    assert results['flavor']['failed'] and results['flavor']['msg'] == 'No Flavor found for ' + missing
    assert results['image']['failed'] and missing in results['image']['msg']
    assert results['network']['failed'] and results['network']['msg'] == 'No Network found for ' + missing
    http = ServersClient(nova_api_daemon, 'bob', project)
    assert http('GET', '/servers').json()['servers'] == []


def test_the_inventory_plugin_lists_a_booted_server_as_a_host(nova_api_daemon, tmp_path):
    project, group = new_project(), unique('web')
    http = ServersClient(nova_api_daemon, 'carol', project, version='2.37')
    booted = http.boot(unique('ans-inv'), metadata={'group': group})
    assert booted.status_code == 202, booted.text
    server = http.wait_for(booted.json()['server']['id'], 'ACTIVE')

    inventory = run_inventory(tmp_path, nova_api_daemon, 'carol', project)

    host = server['name']
    hostvars = inventory['_meta']['hostvars'][host]
    assert hostvars['ansible_host'] == server['addresses']['private'][0]['addr']
    assert hostvars['openstack']['id'] == server['id']
    assert hostvars['openstack']['status'] == 'ACTIVE'
    for name in (CLOUD, group, 'meta-group_' + group, 'instance-' + server['id'], 'flavor-m1.tiny'):
        assert inventory[name]['hosts'] == [host], name
    assert http('DELETE', '/servers/%s' % server['id']).status_code == 204
