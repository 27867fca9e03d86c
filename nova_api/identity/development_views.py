"""The development identity's Keystone v3 documents: version, tokens and catalog, projects, users, errors."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from typing import Any

API_VERSION = 'v3.14'
DEFAULT_DOMAIN = {'id': 'default', 'name': 'Default'}
REGION = 'RegionOne'
TOKEN_LIFETIME = datetime.timedelta(hours=12)
MEDIA_TYPE = 'application/vnd.openstack.identity-v3+json'

ERROR_TITLES = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
                405: 'Method Not Allowed'}


def _timestamp(moment: datetime.datetime) -> str:
    return moment.strftime('%Y-%m-%dT%H:%M:%S.000000Z')


def _stable_id(*parts: str) -> str:
    return hashlib.sha256(':'.join(parts).encode('utf-8')).hexdigest()[:32]


def version(identity_url: str) -> dict[str, Any]:
    """``GET /identity/v3``: what keystoneauth's discovery reads."""
    return {'version': {
        'id': API_VERSION,
        'status': 'stable',
        'updated': '2019-01-22T00:00:00Z',
        'links': [{'rel': 'self', 'href': identity_url + '/v3/'}],
        'media-types': [{'base': 'application/json', 'type': MEDIA_TYPE}],
    }}


def versions(identity_url: str) -> dict[str, Any]:
    """``GET /identity``: the one version there is."""
    return {'versions': {'values': [version(identity_url)['version']]}}


def domain() -> dict[str, str]:
    return dict(DEFAULT_DOMAIN)


def project(project_id: str, identity_url: str) -> dict[str, Any]:
    return {'id': project_id, 'name': project_id, 'domain_id': DEFAULT_DOMAIN['id'],
            'description': '', 'enabled': True, 'is_domain': False,
            'parent_id': DEFAULT_DOMAIN['id'], 'tags': [], 'options': {},
            'links': {'self': '%s/v3/projects/%s' % (identity_url, project_id)}}


def user(user_id: str, identity_url: str) -> dict[str, Any]:
    return {'id': user_id, 'name': user_id, 'domain_id': DEFAULT_DOMAIN['id'], 'enabled': True,
            'password_expires_at': None, 'options': {},
            'links': {'self': '%s/v3/users/%s' % (identity_url, user_id)}}


def _service(service_type: str, name: str, url: str) -> dict[str, Any]:
    return {
        'type': service_type,
        'name': name,
        'id': _stable_id(service_type, url),
        'endpoints': [
            {'id': _stable_id(interface, url), 'interface': interface,
             'region': REGION, 'region_id': REGION, 'url': url}
            for interface in ('public', 'internal', 'admin')
        ],
    }


def catalog(root_url: str, services: Sequence[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The services this process serves (the built-in identity's table), for the catalog."""
    return [_service(service_type, name, root_url + path) for service_type, name, path in services]


def token(methods: list[str], user_id: str, project_id: str | None, roles: list[str],
          root_url: str, now: datetime.datetime,
          services: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    body: dict[str, Any] = {
        'methods': methods,
        'user': {'id': user_id, 'name': user_id, 'domain': domain(), 'password_expires_at': None},
        'audit_ids': [_stable_id(user_id, project_id or '', _timestamp(now))[:22]],
        'issued_at': _timestamp(now),
        'expires_at': _timestamp(now + TOKEN_LIFETIME),
    }
    if project_id is not None:
        body['project'] = {'id': project_id, 'name': project_id, 'domain': domain()}
        body['is_domain'] = False
        body['roles'] = [{'id': _stable_id('role', role), 'name': role} for role in roles]
        body['catalog'] = catalog(root_url, services)
    return {'token': body}


def error(code: int, message: str) -> dict[str, Any]:
    return {'error': {'code': code, 'message': message, 'title': ERROR_TITLES.get(code, 'Error')}}
