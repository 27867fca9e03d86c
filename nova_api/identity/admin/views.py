"""Keystone's bodies for domains, projects, users, roles, assignments and application credentials.

Every member carries ``links: {"self": ...}``; every collection
``links: {"self", "previous", "next"}`` (Keystone's, which never pages
these lists). ``url`` is the identity API's URL (``.../identity``).
"""

from __future__ import annotations

import datetime
from typing import Any

from nova_api.identity.admin import records


def _self(url: str, path: str) -> dict[str, str]:
    return {'self': '%s/v3/%s' % (url, path)}


def collection(req: Any, key: str, members: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: members, 'links': {'self': req.url, 'previous': None, 'next': None}}


def _timestamp(moment: datetime.datetime | None) -> str | None:
    return None if moment is None else moment.strftime('%Y-%m-%dT%H:%M:%S.%f')


def domain(url: str, found: records.Domain) -> dict[str, Any]:
    body = dict(found.extra)
    body.update(id=found.id, name=found.name, description=found.description or '',
                enabled=found.enabled, tags=list(body.get('tags', [])),
                options=dict(body.get('options', {})), links=_self(url, 'domains/' + found.id))
    return body


def project(url: str, found: records.Project) -> dict[str, Any]:
    body = dict(found.extra)
    body.update(id=found.id, name=found.name, domain_id=found.domain_id,
                description=found.description or '', enabled=found.enabled,
                parent_id=found.parent_id, is_domain=found.is_domain, tags=list(found.tags),
                options=dict(body.get('options', {})), links=_self(url, 'projects/' + found.id))
    return body


def user(url: str, found: records.User) -> dict[str, Any]:
    """A user: never its password, nor anything about it but when it expires."""
    body = {key: value for key, value in found.extra.items() if key != 'password'}
    body.update(id=found.id, name=found.name, domain_id=found.domain_id, enabled=found.enabled,
                password_expires_at=_timestamp(found.password_expires_at),
                options=dict(body.get('options', {})), links=_self(url, 'users/' + found.id))
    if found.default_project_id:
        body['default_project_id'] = found.default_project_id
    return body


def role(url: str, found: records.Role) -> dict[str, Any]:
    body = dict(found.extra)
    body.update(id=found.id, name=found.name, domain_id=found.domain_id,
                description=found.description, options=dict(body.get('options', {})),
                links=_self(url, 'roles/' + found.id))
    return body


def _role_reference(url: str, found: records.Role) -> dict[str, Any]:
    return {'id': found.id, 'name': found.name, 'links': _self(url, 'roles/' + found.id)}


def role_inference(url: str, prior: records.Role, implied: records.Role) -> dict[str, Any]:
    """``/v3/roles/{prior}/implies/{implied}``: one rule."""
    return {'role_inference': {'prior_role': _role_reference(url, prior),
                               'implies': _role_reference(url, implied)},
            'links': _self(url, 'roles/%s/implies/%s' % (prior.id, implied.id))}


def role_implications(url: str, prior: records.Role,
                      implied: list[records.Role]) -> dict[str, Any]:
    """``/v3/roles/{prior}/implies``: a role and what it implies."""
    return {'role_inference': {'prior_role': _role_reference(url, prior),
                               'implies': [_role_reference(url, r) for r in implied]},
            'links': _self(url, 'roles/%s/implies' % prior.id)}


def role_inferences(req: Any, url: str,
                    rules: list[tuple[records.Role, list[records.Role]]]) -> dict[str, Any]:
    """``/v3/role_inferences``: every rule, by prior role."""
    return collection(req, 'role_inferences', [
        {'prior_role': _role_reference(url, prior),
         'implies': [_role_reference(url, r) for r in implied]} for prior, implied in rules])


def _named_domain(names: Any, domain_id: str) -> dict[str, str]:
    found = names.domains.get(domain_id)
    return {'id': domain_id, 'name': found.name if found else domain_id}


def role_assignment(url: str, found: records.Assignment, names: Any = None) -> dict[str, Any]:
    """One assignment, Keystone's way: its scope, user, role and the grant's URL.

    An implied one (``effective``) links to the grant of its prior role and
    to the rule (``prior_role``).
    """
    if found.project_id is not None:
        scope: dict[str, Any] = {'project': {'id': found.project_id}}
        path = 'projects/' + found.project_id
        if names is not None and found.project_id in names.projects:
            named = names.projects[found.project_id]
            scope['project'].update(name=named.name,
                                    domain=_named_domain(names, named.domain_id))
    else:
        scope = {'domain': {'id': found.domain_id}}
        path = 'domains/%s' % found.domain_id
        if names is not None:
            scope['domain'] = _named_domain(names, found.domain_id)
    body: dict[str, Any] = {'scope': scope, 'user': {'id': found.user_id},
                            'role': {'id': found.role_id}}
    if names is not None:
        named_user = names.users.get(found.user_id)
        if named_user is not None:
            body['user'].update(name=named_user.name,
                                domain=_named_domain(names, named_user.domain_id))
        named_role = names.roles.get(found.role_id)
        if named_role is not None:
            body['role']['name'] = named_role.name
            if named_role.domain_id:
                body['role']['domain'] = _named_domain(names, named_role.domain_id)
    granted = found.prior_role_id or found.role_id
    body['links'] = {'assignment': '%s/v3/%s/users/%s/roles/%s' % (
        url, path, found.user_id, granted)}
    if found.prior_role_id:
        body['links']['prior_role'] = '%s/v3/prior_role/%s/implies/%s' % (
            url, found.prior_role_id, found.role_id)
    return body


def role_assignments(req: Any, url: str, found: list[records.Assignment],
                     names: Any = None) -> dict[str, Any]:
    return collection(req, 'role_assignments',
                      [role_assignment(url, assignment, names) for assignment in found])


def application_credential(url: str, found: records.ApplicationCredential,
                           secret: str | None = None) -> dict[str, Any]:
    """An application credential; its ``secret`` only in the answer that created it."""
    body: dict[str, Any] = {
        'id': found.id,
        'name': found.name,
        'description': found.description,
        'user_id': found.user_id,
        'project_id': found.project_id,
        'system': None,
        'expires_at': _timestamp(found.expires_at),
        'unrestricted': found.unrestricted,
        'access_rules': [],
        'roles': [{'id': r.id, 'name': r.name, 'domain_id': r.domain_id,
                   'description': r.description, 'options': {}} for r in found.roles],
        'links': _self(url, 'users/%s/application_credentials/%s' % (found.user_id, found.id)),
    }
    if secret is not None:
        body['secret'] = secret
    return body
