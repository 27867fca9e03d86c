"""Documents of the built-in identity: the versions, the service catalogue, tokens.

:data:`SERVICES` is the catalogue: what this process serves, one row per
service (add a row for another API mounted beside them).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from nova_api.api import links

V3_VERSION = 'v3.14'
V3_MEDIA_TYPE = 'application/vnd.openstack.identity-v3+json'
V2_MEDIA_TYPE = 'application/vnd.openstack.identity-v2.0+json'

#: (type, name, path below the service's root URL): the services of the catalogue.
SERVICES = (
    ('compute', 'nova', '/v2.1'),
    ('image', 'glance', '/image'),
    ('network', 'neutron', '/network'),
    ('identity', 'keystone', '/identity'),
)
INTERFACES = ('public', 'internal', 'admin')


def served(conf: Any) -> tuple[tuple[str, str, str], ...]:
    """The rows of :data:`SERVICES` this configuration mounts: the Network API only with
    ``[network] enabled``."""
    return tuple(row for row in SERVICES if row[0] != 'network' or conf.network.enabled)


def root_url(req: Any, identity: Any = None) -> str:
    """The base URL of this service: ``[identity] public_endpoint``, or the request's."""
    configured = identity.conf.identity.public_endpoint if identity is not None else None
    return configured.rstrip('/') if configured else links.root_url(req)


def identity_url(req: Any, identity: Any = None) -> str:
    """Where this identity API is: the root URL and ``/identity``."""
    return root_url(req, identity) + '/identity'


def _v3(identity_url: str) -> dict[str, Any]:
    return {
        'id': V3_VERSION,
        'status': 'stable',
        'updated': '2019-01-22T00:00:00Z',
        'links': [{'rel': 'self', 'href': identity_url + '/v3/'}],
        'media-types': [{'base': 'application/json', 'type': V3_MEDIA_TYPE}],
    }


def _v2(identity_url: str) -> dict[str, Any]:
    return {
        'id': 'v2.0',
        'status': 'deprecated',
        'updated': '2016-08-04T00:00:00Z',
        'links': [{'rel': 'self', 'href': identity_url + '/v2.0/'},
                  {'rel': 'describedby', 'type': 'text/html',
                   'href': 'https://docs.openstack.org/'}],
        'media-types': [{'base': 'application/json', 'type': V2_MEDIA_TYPE}],
    }


def versions(identity_url: str) -> dict[str, Any]:
    """``GET /identity``: v3, and the legacy v2.0 token call."""
    return {'versions': {'values': [_v3(identity_url), _v2(identity_url)]}}


def version_v3(identity_url: str) -> dict[str, Any]:
    return {'version': _v3(identity_url)}


def version_v2(identity_url: str) -> dict[str, Any]:
    return {'version': _v2(identity_url)}


def stable_id(*parts: str) -> str:
    """A 32-hex id that is the same in every process for the same parts (catalogue entries)."""
    return hashlib.sha256(':'.join(parts).encode('utf-8')).hexdigest()[:32]


# -- where the services are ----------------------------------------------------

def endpoint_urls(req: Any, identity: Any) -> dict[str, str]:
    """The base URL of each interface: configured, else the public one, else the request's."""
    options = identity.conf.identity
    public = root_url(req, identity)
    return {'public': public,
            'internal': (options.internal_endpoint or public).rstrip('/'),
            'admin': (options.admin_endpoint or public).rstrip('/')}


def catalog(req: Any, identity: Any) -> list[dict[str, Any]]:
    """The v3 service catalogue: every service served (:func:`served`), at each interface."""
    region = identity.conf.identity.region_name
    bases = endpoint_urls(req, identity)
    return [{
        'id': stable_id('service', service_type),
        'type': service_type,
        'name': name,
        'endpoints': [{'id': stable_id('endpoint', service_type, interface),
                       'interface': interface, 'region': region, 'region_id': region,
                       'url': bases[interface] + path} for interface in INTERFACES],
    } for service_type, name, path in served(identity.conf)]


# -- tokens ----------------------------------------------------------------------

def timestamp(moment: datetime.datetime | None) -> str | None:
    """Keystone's timestamps: ``2026-12-02T12:00:00.000000Z``."""
    return None if moment is None else moment.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _named(row: Any) -> dict[str, str]:
    return {'id': row.id, 'name': row.name}


def token(issued: Any, req: Any, identity: Any, include_catalog: bool = True) -> dict[str, Any]:
    """The v3 token document (``POST``/``GET /v3/auth/tokens``)."""
    sealed = issued.token
    body: dict[str, Any] = {
        'methods': list(sealed.methods),
        'user': {'id': issued.user.id, 'name': issued.user.name,
                 'domain': _named(issued.user_domain),
                 'password_expires_at': timestamp(issued.user.password_expires_at)},
        'audit_ids': list(sealed.audit_ids),
        'expires_at': timestamp(sealed.expires_at),
        'issued_at': timestamp(sealed.issued_at),
    }
    if issued.project is not None:
        body['project'] = {'id': issued.project.id, 'name': issued.project.name,
                           'domain': _named(issued.project_domain)}
        body['is_domain'] = bool(issued.project.is_domain)
    elif issued.domain is not None:
        body['domain'] = _named(issued.domain)
    if issued.project is not None or issued.domain is not None:
        body['roles'] = [_named(role) for role in issued.roles]
        if include_catalog:
            body['catalog'] = catalog(req, identity)
    credential = issued.application_credential
    if credential is not None:
        body['application_credential'] = {'id': credential.id, 'name': credential.name,
                                          'restricted': not credential.unrestricted}
    return {'token': body}


# -- what a token may be scoped to -------------------------------------------------

def _links(req: Any, identity: Any, path: str) -> dict[str, Any]:
    return {'self': identity_url(req, identity) + path, 'previous': None, 'next': None}


def project(row: Any, req: Any, identity: Any) -> dict[str, Any]:
    extra = row.extra or {}
    return {'id': row.id, 'name': row.name, 'domain_id': row.domain_id,
            'description': row.description or '', 'enabled': row.enabled,
            'parent_id': row.parent_id, 'is_domain': row.is_domain,
            'tags': list(getattr(row, 'tag_names', ())), 'options': extra.get('options', {}),
            'links': {'self': '%s/v3/projects/%s' % (identity_url(req, identity), row.id)}}


def domain(row: Any, req: Any, identity: Any) -> dict[str, Any]:
    extra = row.extra or {}
    return {'id': row.id, 'name': row.name, 'description': row.description or '',
            'enabled': row.enabled, 'tags': [], 'options': extra.get('options', {}),
            'links': {'self': '%s/v3/domains/%s' % (identity_url(req, identity), row.id)}}


def auth_projects(rows: list, req: Any, identity: Any) -> dict[str, Any]:
    return {'projects': [project(row, req, identity) for row in rows],
            'links': _links(req, identity, '/v3/auth/projects')}


def auth_domains(rows: list, req: Any, identity: Any) -> dict[str, Any]:
    return {'domains': [domain(row, req, identity) for row in rows],
            'links': _links(req, identity, '/v3/auth/domains')}


def auth_catalog(req: Any, identity: Any) -> dict[str, Any]:
    return {'catalog': catalog(req, identity), 'links': _links(req, identity, '/v3/auth/catalog')}


# -- v2.0 ---------------------------------------------------------------------------

def access(token_id: str, issued: Any, req: Any, identity: Any) -> dict[str, Any]:
    """Keystone v2.0's ``access`` document."""
    sealed = issued.token
    token_body: dict[str, Any] = {'id': token_id, 'issued_at': timestamp(sealed.issued_at),
                                  'expires': sealed.expires_at.strftime('%Y-%m-%dT%H:%M:%SZ'),
                                  'audit_ids': list(sealed.audit_ids)}
    document: dict[str, Any] = {
        'token': token_body,
        'user': {'id': issued.user.id, 'name': issued.user.name, 'username': issued.user.name,
                 'roles': [{'name': role.name} for role in issued.roles], 'roles_links': []},
        'metadata': {'is_admin': 0, 'roles': [role.id for role in issued.roles]},
        'serviceCatalog': [],
    }
    if issued.project is not None:
        token_body['tenant'] = {'id': issued.project.id, 'name': issued.project.name,
                                'description': issued.project.description or '',
                                'enabled': issued.project.enabled}
        region = identity.conf.identity.region_name
        document['serviceCatalog'] = [{
            'type': service['type'], 'name': service['name'], 'endpoints_links': [],
            'endpoints': [{
                'id': stable_id('endpoint', service['type']), 'region': region,
                **{interface + 'URL': _url(service, interface) for interface in INTERFACES},
            }],
        } for service in catalog(req, identity)]
    return {'access': document}


def _url(service: dict[str, Any], interface: str) -> str:
    return next(e['url'] for e in service['endpoints'] if e['interface'] == interface)
