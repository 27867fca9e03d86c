"""Request schemas of the identity admin calls, after Keystone's (keystone/*/schema.py).

Bodies are validated whole (``{"project": {...}}``), as Keystone's
``request_body_schema`` does, so a failure reads "Invalid input for
field/attribute name. Value: ... ." like Keystone's. Query strings arrive
as lists of values (:func:`nova_api.api.schemas.parameter_types.multi_params`).
Keystone lets unknown query parameters through (they are filters it may
not know); so do these.
"""

from __future__ import annotations

from typing import Any

from nova_api.api.schemas.parameter_types import multi_params

#: Keystone's permissive boolean (keystone/api/validation/parameter_types.py).
boolean: dict[str, Any] = {
    'type': ['boolean', 'string', 'null'],
    'enum': [True, 'True', 'TRUE', 'true', False, 'False', 'FALSE', 'false', '', '1', '0',
             'y', 'Y', 'n', 'N', 'on', 'ON', 'off', 'OFF', 'yes', 'no'],
}
name: dict[str, Any] = {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': r'[\S]+'}
#: Projects' and domains' names are shorter.
resource_name: dict[str, Any] = dict(name, maxLength=64)
id_string: dict[str, Any] = {'type': 'string', 'minLength': 1, 'maxLength': 64,
                             'pattern': r'^[a-zA-Z0-9-]+$'}
nullable_id: dict[str, Any] = dict(id_string, type=['string', 'null'])
description: dict[str, Any] = {'type': ['string', 'null']}
tag: dict[str, Any] = {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': '^[^,/]*$'}
tags: dict[str, Any] = {'type': 'array', 'items': tag, 'maxItems': 80, 'uniqueItems': True}
options: dict[str, Any] = {'type': 'object'}


def _member(key: str, properties: dict[str, Any], required: tuple[str, ...] = (),
            min_properties: int = 0, additional: bool = True) -> dict[str, Any]:
    """``{key: {properties...}}``, the only key of the body."""
    inner: dict[str, Any] = {'type': 'object', 'properties': properties,
                             'additionalProperties': additional}
    if required:
        inner['required'] = list(required)
    if min_properties:
        inner['minProperties'] = min_properties
    return {'type': 'object', 'properties': {key: inner}, 'required': [key],
            'additionalProperties': False}


def _query(**properties: dict[str, Any]) -> dict[str, Any]:
    return {'type': 'object',
            'properties': {key.replace('__', '.'): multi_params(value)
                           for key, value in properties.items()},
            'additionalProperties': True}


# -- domains ---------------------------------------------------------------------
_domain_properties = {'name': resource_name, 'description': description, 'enabled': boolean,
                      'tags': tags, 'options': options}
domain_create = _member('domain', dict(_domain_properties, explicit_domain_id=id_string),
                        required=('name',))
domain_update = _member('domain', _domain_properties, min_properties=1)
domain_index_query = _query(name=resource_name, enabled=boolean)

# -- projects ----------------------------------------------------------------------
_project_properties = {'name': resource_name, 'description': description,
                       'domain_id': nullable_id, 'parent_id': nullable_id, 'enabled': boolean,
                       'is_domain': boolean, 'tags': tags, 'options': options}
project_create = _member('project', _project_properties, required=('name',))
# Keystone leaves domain_id and parent_id out of an update: a project does not move.
project_update = _member('project', {key: value for key, value in _project_properties.items()
                                     if key not in ('domain_id', 'parent_id', 'is_domain')},
                         additional=True)
project_index_query = _query(name=resource_name, domain_id=id_string, enabled=boolean,
                             parent_id={'type': 'string'}, is_domain=boolean)

# -- users -------------------------------------------------------------------------
_user_properties = {'name': name, 'domain_id': id_string,
                    'default_project_id': {'type': ['string', 'null']},
                    'description': description, 'enabled': boolean,
                    'password': {'type': ['string', 'null']}, 'options': options}
user_create = _member('user', _user_properties, required=('name',))
user_update = _member('user', _user_properties, min_properties=1)
user_index_query = _query(name=name, domain_id=id_string, enabled=boolean)
password_change = _member('user', {'original_password': {'type': 'string'},
                                   'password': {'type': 'string'}},
                          required=('original_password', 'password'), additional=False)
user_projects_query = _query(name=resource_name, domain_id=id_string, enabled=boolean)

# -- roles -------------------------------------------------------------------------
_role_properties = {'name': name, 'description': description, 'domain_id': nullable_id,
                    'options': options}
role_create = _member('role', _role_properties, required=('name',))
role_update = _member('role', _role_properties, min_properties=1)
role_index_query = _query(name=name, domain_id=id_string)

# -- role assignments ----------------------------------------------------------------
# effective and include_names are key-only: present means true, except "0".
role_assignments_query = _query(user__id={'type': 'string'}, group__id=id_string,
                                role__id=id_string, scope__project__id=id_string,
                                scope__domain__id=id_string, effective={}, include_names={},
                                include_subtree={})

# -- application credentials ----------------------------------------------------------
_role_reference = {'type': 'object', 'properties': {'id': id_string, 'name': name},
                   'minProperties': 1, 'maxProperties': 1, 'additionalProperties': False}
application_credential_create = _member('application_credential', {
    'id': {'type': 'string'},
    'name': name,
    'description': description,
    'secret': {'type': ['string', 'null']},
    'expires_at': {'type': ['string', 'null'], 'format': 'date-time'},
    'project_id': {'type': 'string'},
    'roles': {'type': 'array', 'items': _role_reference},
    'unrestricted': {'type': ['boolean', 'null']},
    'system': {'type': ['string', 'null']},
    'access_rules': {'type': 'array', 'items': {'type': 'object'}},
}, required=('name',), additional=False)
application_credential_index_query = _query(name={'type': 'string'})


# -- the calls that take no filters or no body -----------------------------------------
#: A show or a check: Keystone reads no query parameter there, and refuses none.
show_query: dict[str, Any] = {'type': 'object', 'additionalProperties': True}
#: ``PUT`` of a grant or an implied role: Keystone reads no body (any JSON, or none, will do).
no_body: dict[str, Any] = {}
