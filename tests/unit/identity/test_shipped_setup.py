"""The README's set-up: its clouds.yaml and curl login work on the shipped etc/nova.conf as it stands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from nova_api import deploy
from nova_api.db import database as db_database
from nova_api.identity import service

ROOT = Path(__file__).resolve().parents[3]


def _readme_cloud() -> dict:
    blocks = re.findall(r'```yaml\n(.*?)```', (ROOT / 'README.md').read_text(), re.S)
    clouds = [yaml.safe_load(block)['clouds'] for block in blocks if block.startswith('clouds:')]
    assert len(clouds) == 1, 'the README shows one clouds.yaml'
    return clouds[0]['nova_api']


def _readme_curl_login() -> dict:
    match = re.search(r"identity/v3/auth/tokens \\\n\s+-H '[^']*' -d '(.*?)' \\\n",
                      (ROOT / 'README.md').read_text(), re.S)
    assert match, "the README's curl login"
    return json.loads(match.group(1))


def test_the_readmes_clouds_yaml_and_curl_log_in_with_the_shipped_configuration(
        sqlite_conf, api_request):
    conf = sqlite_conf(config_text=(ROOT / 'etc' / 'nova.conf').read_text())
    assert (conf.api.auth_strategy, conf.identity.enabled) == ('keystone', True)
    db = db_database.Database(conf)
    service.prepare(conf, db)  # what the first start does
    db.dispose()
    app = deploy.load_app(conf)
    cloud = _readme_cloud()
    auth = cloud['auth']
    assert auth['auth_url'] == 'http://%s:%d/identity' % (conf.osapi_compute_listen,
                                                           conf.osapi_compute_listen_port)

    issued = api_request(app, '/identity/v3/auth/tokens', 'POST', {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': auth['username'], 'password': auth['password'],
            'domain': {'name': auth['user_domain_name']}}}},
        'scope': {'project': {'name': auth['project_name'],
                              'domain': {'name': auth['project_domain_name']}}}}})
    assert issued.status_int == 201, issued.body
    assert 'admin' in [r['name'] for r in issued.json['token']['roles']]
    demo = api_request(app, '/identity/v3/auth/tokens', 'POST', _readme_curl_login())
    assert demo.status_int == 201, demo.body
    assert api_request(app, '/v2.1/servers',
                       token=demo.headers['X-Subject-Token']).status_int == 200
