"""What the default configuration does not use, no process of the real daemon imports.

The daemon runs with PYTHONPROFILEIMPORTTIME=1: CPython then writes a line to
stderr for every module any of its processes (the parent, and the workers
after the fork) imports, which ends up in the console file.
"""

from __future__ import annotations

import re

import identity_client

#: Module names the default configuration (auth_strategy keystone with the built-in identity,
#: SQLite) never needs: keystonemiddleware is only for an external Keystone, pg8000 for PostgreSQL,
#: dnspython (``dns``) only for eventlet's green resolver, which nova-api leaves off as Nova does.
UNUSED = ('keystonemiddleware', 'keystoneauth1', 'keystoneclient', 'oslo_cache', 'pg8000', 'dns')


def imported(console: str) -> set[str]:
    return {match.group(1) for match in re.finditer(r'^import time:.*\|\s*([\w.]+)\s*$', console, re.M)}


def test_the_default_configuration_imports_no_external_keystone_client_postgresql_driver_or_dns(
        daemon_factory):
    daemon = daemon_factory(options=identity_client.OPTIONS, env={'PYTHONPROFILEIMPORTTIME': '1'})
    assert daemon.get('/v2.1/').status_code == 200
    assert daemon.get('/v2.1/flavors').status_code == 401  # through the token validator
    assert daemon.get('/identity/v3').status_code == 200

    modules = imported(daemon.read_console())
    assert 'nova_api.middleware.builtin_auth' in modules  # the application's imports are seen
    assert sorted(m for m in modules if m.split('.')[0] in UNUSED) == []
