"""Unmodified real clients against the daemon: python-openstackclient and openstacksdk.

They authenticate the way they do against any cloud: a password at an auth
URL (the development identity service, /identity, under noauth2), then the
compute endpoint from the catalog, with microversion negotiation.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import uuid

OPENSTACK = str(pathlib.Path(sys.executable).with_name('openstack'))


def client_env(daemon, user: str = 'admin', project: str = 'admin') -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith('OS_')}
    env.update({
        'OS_AUTH_URL': daemon.url + '/identity',
        'OS_IDENTITY_API_VERSION': '3',
        'OS_USERNAME': user,
        'OS_PASSWORD': 'secret',
        'OS_PROJECT_NAME': project,
        'OS_USER_DOMAIN_NAME': 'Default',
        'OS_PROJECT_DOMAIN_NAME': 'Default',
    })
    return env


def openstack(daemon, *args: str, user: str = 'admin', project: str = 'admin', check: bool = True):
    """Run ``openstack <args> -f json`` (where it prints something) and return the parsed output."""
    result = subprocess.run([OPENSTACK, *args], env=client_env(daemon, user, project),
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    if not check:
        return result
    assert result.returncode == 0, 'openstack %s failed:\n%s%s' % (' '.join(args), result.stdout,
                                                                   result.stderr)
    return json.loads(result.stdout) if result.stdout.strip() else None


def unique(prefix: str) -> str:
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


# -- python-openstackclient ---------------------------------------------------------

def test_openstack_flavor_create_list_show_set_delete(nova_api_service):
    name = unique('osc-flavor')

    created = openstack(nova_api_service, 'flavor', 'create', name, '--ram', '256', '--disk', '1',
                        '--vcpus', '1', '--description', 'made by openstackclient', '-f', 'json')
    assert created['name'] == name and created['ram'] == 256
    assert name in [flavor['Name'] for flavor in openstack(nova_api_service, 'flavor', 'list',
                                                           '-f', 'json')]

    openstack(nova_api_service, 'flavor', 'set', name, '--property', 'hw:cpu_policy=dedicated')
    shown = openstack(nova_api_service, 'flavor', 'show', name, '-f', 'json')
    assert shown['properties'] == {'hw:cpu_policy': 'dedicated'}
    assert shown['description'] == 'made by openstackclient'

    openstack(nova_api_service, 'flavor', 'delete', name)
    missing = openstack(nova_api_service, 'flavor', 'show', name, check=False)
    assert missing.returncode != 0


def test_openstack_keypair_create_list_show_delete(nova_api_service, tmp_path):
    name = unique('osc-key')
    private_key = tmp_path / 'id_test'

    created = openstack(nova_api_service, 'keypair', 'create', name, '--private-key', str(private_key),
                        '-f', 'json', user='alice', project='demo')
    assert created['name'] == name
    assert private_key.read_text().startswith('-----BEGIN')

    listed = openstack(nova_api_service, 'keypair', 'list', '-f', 'json', user='alice', project='demo')
    assert [key['Name'] for key in listed] == [name]
    shown = openstack(nova_api_service, 'keypair', 'show', name, '-f', 'json', user='alice',
                      project='demo')
    assert shown['fingerprint'] == created['fingerprint']
    other_user = openstack(nova_api_service, 'keypair', 'list', '-f', 'json', user='bob',
                           project='demo')
    assert other_user == []

    openstack(nova_api_service, 'keypair', 'delete', name, user='alice', project='demo')
    assert openstack(nova_api_service, 'keypair', 'list', '-f', 'json', user='alice',
                     project='demo') == []


def test_openstack_limits_and_quota_show(nova_api_service):
    limits = openstack(nova_api_service, 'limits', 'show', '--absolute', '-f', 'json',
                       user='carol', project='carols-project')
    by_name = {item['Name']: item['Value'] for item in limits}
    assert by_name['instances'] == 10 and by_name['instances_used'] == 0
    assert by_name['keypairs'] == 100

    openstack(nova_api_service, 'quota', 'set', '--instances', '7', '--key-pairs', '20', 'carols-project')
    quota = openstack(nova_api_service, 'quota', 'show', '-f', 'json', user='carol', project='carols-project')
    values = {item['Resource']: item['Limit'] for item in quota} if isinstance(quota, list) else quota
    assert values['instances'] == 7
    assert values['key-pairs'] == 20


def test_openstack_availability_zone_list(nova_api_service):
    def zones(user):
        listed = openstack(nova_api_service, 'availability', 'zone', 'list', '--compute', '-f', 'json',
                           user=user, project='zones')
        return sorted((zone['Zone Name'], zone['Zone Status']) for zone in listed)

    assert zones('alice') == [('nova', 'available')]
    # An admin's list comes from the detail call, which shows the control services' zone too.
    assert zones('admin') == [('internal', 'available'), ('nova', 'available')]


def test_a_member_is_refused_an_admin_command(nova_api_service):
    result = openstack(nova_api_service, 'flavor', 'create', unique('nope'), '--ram', '1',
                       '--disk', '1', '--vcpus', '1', user='alice', project='demo', check=False)

    assert result.returncode != 0
    assert '403' in result.stderr or 'Policy' in result.stderr


# -- openstacksdk ----------------------------------------------------------------

def test_openstacksdk_flavors_keypairs_limits_quotas(sdk):
    admin = sdk()
    member = sdk('dave', 'sdkproject')
    name = unique('sdk-flavor')

    flavor = admin.compute.create_flavor(name=name, ram=128, vcpus=1, disk=0, is_public=True)
    assert admin.compute.get_flavor(flavor.id).name == name
    assert name in [f.name for f in member.compute.flavors()]

    keypair = member.compute.create_keypair(name=unique('sdk-key'))
    assert keypair.private_key.startswith('-----BEGIN')
    assert [k.name for k in member.compute.keypairs()] == [keypair.name]
    member.compute.delete_keypair(keypair)

    limits = member.compute.get_limits()
    assert limits.absolute.instances == 10
    quotas = admin.compute.get_quota_set('sdkproject')
    assert quotas.instances == 10
    assert [zone.name for zone in member.compute.availability_zones()] == ['nova']

    admin.compute.delete_flavor(flavor)
    assert name not in [f.name for f in member.compute.flavors()]
