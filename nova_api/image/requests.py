"""Reading Image API request bodies as Glance's deserializer does (``glance/api/v2/images.py``).

``POST /v2/images`` splits into Glance's attributes, additional properties
and tags, refusing read-only and reserved names with 403; ``PATCH`` bodies
become :class:`~nova_api.compute.image_writes.Change` lists: JSON pointers
decoded, each path and value checked, 400 and 403 in Glance's words.
"""

from __future__ import annotations

import re
from typing import Any

from nova_api import exception
from nova_api.api import validation
from nova_api.compute.image_writes import Change
from nova_api.image import schemas

#: Never in a create body (Glance's ``_disallowed_properties``).
DISALLOWED = ('direct_url', 'self', 'file', 'schema', 'stores')
#: Never changed (``_readonly_properties``); a create with one is refused too.
READ_ONLY = ('created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size',
             'direct_url', 'self', 'file', 'schema', 'id', 'os_hash_algo', 'os_hash_value')
_CREATE_READ_ONLY = ('created_at', 'updated_at', 'status', 'checksum', 'os_hash_algo',
                     'os_hash_value', 'size', 'virtual_size')
RESERVED = ('location', 'deleted', 'deleted_at')
_CREATE_RESERVED = ('owner', 'locations', 'deleted', 'deleted_at', 'direct_url', 'self', 'file',
                    'schema', 'location')
RESERVED_PREFIX = 'os_glance'
#: Glance's attributes: a create takes these apart from the additional properties.
BASE = ('checksum', 'created_at', 'container_format', 'disk_format', 'id', 'min_disk', 'min_ram',
        'name', 'size', 'virtual_size', 'status', 'tags', 'owner', 'updated_at', 'visibility',
        'protected', 'os_hidden')
OPERATIONS = ('add', 'remove', 'replace')
#: How deep a pointer may go: one step, but ``/locations/N`` (Glance's ``_path_depth_limits``).
_PATH_DEPTHS = {'locations': {'add': 2, 'remove': 2, 'replace': 1}}
#: A partial image checks one change's value (``_validate_change``).
_PARTIAL = validation.validator(schemas.create, error=schemas.glance_error)


def create(body: dict) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """``(attributes, properties, tags)`` of a create body already valid against the schema."""
    for key in DISALLOWED:
        if key in body:
            raise exception.ImageAttributeNotWritable(attribute=key)
    properties = dict(body)
    tags = properties.pop('tags', [])
    attributes = {key: properties.pop(key) for key in BASE if key in properties}
    for key in _CREATE_READ_ONLY:
        if key in attributes:
            raise exception.ImageAttributeNotWritable(attribute=key)
    for key in properties:
        if len(key) > 255:
            raise exception.Invalid('Custom property should not be greater than 255 characters.')
        if key in _CREATE_RESERVED or key.startswith(RESERVED_PREFIX):
            raise exception.ImageAttributeReserved(attribute=key)
    return attributes, properties, tags


def patch(content_type: str, body: Any) -> list[Change]:
    """The changes of a JSON patch body in one of :data:`schemas.PATCH_MEDIA_TYPES`."""
    draft = schemas.PATCH_DRAFTS[content_type]
    if body is None:
        raise exception.Invalid('Body expected in request.')
    if not isinstance(body, list):
        raise exception.Invalid('Request body must be a JSON array of operation objects.')
    changes = []
    for raw in body:
        if not isinstance(raw, dict):
            raise exception.Invalid('Operations must be JSON objects.')
        op, pointer = _operation(raw, draft)
        path = _decode(pointer)
        if len(path) != _PATH_DEPTHS.get(path[0], {}).get(op, 1):
            raise exception.Invalid("Invalid JSON pointer for this resource: '/%s'"
                                    % '/'.join(path))
        if op != 'remove' and 'value' not in raw:
            raise exception.Invalid('Operation "%s" requires a member named "value".' % op)
        change = Change(op=op, path=tuple(path), value=raw.get('value'), draft=draft)
        _check(change)
        changes.append(change)
    return changes


def _operation(raw: dict, draft: int) -> tuple[str, Any]:
    if draft == 4:
        ops = [key for key in OPERATIONS if key in raw]
        if len(ops) != 1:
            raise exception.Invalid('Operation objects must contain %s member named "add", '
                                    '"remove", or "replace".' % ('only one' if ops else 'exactly one'))
        return ops[0], raw[ops[0]]
    op = raw.get('op')
    if op not in OPERATIONS:
        reason = 'Unable to find `op` in JSON Schema change.' if op is None else \
            'Invalid operation: `%s`.' % op
        raise exception.Invalid('%s It must be one of the following: %s.'
                                % (reason, ', '.join(OPERATIONS)))
    if 'path' not in raw:
        raise exception.Invalid("Unable to find 'path' in JSON Schema change")
    return op, raw['path']


def _decode(pointer: Any) -> list[str]:
    """Glance's limited JSON pointers: ``/name``; ``~1`` is ``/`` and ``~0`` is ``~``."""
    if not isinstance(pointer, str) or not pointer.startswith('/'):
        raise exception.Invalid('Pointer `%s` does not start with "/".' % pointer)
    if re.search(r'/\s*?/', pointer[1:]):
        raise exception.Invalid('Pointer `%s` contains adjacent "/".' % pointer)
    if len(pointer) > 1 and pointer.endswith('/'):
        raise exception.Invalid('Pointer `%s` end with "/".' % pointer)
    if pointer[1:].strip() == '/':
        raise exception.Invalid('Pointer `%s` does not contains valid token.' % pointer)
    if re.search('~[^01]', pointer) or pointer.endswith('~'):
        raise exception.Invalid('Pointer `%s` contains "~" not part of a recognized escape '
                                'sequence.' % pointer)
    return [part.replace('~1', '/').replace('~0', '~').strip()
            for part in pointer.lstrip('/').split('/')]


def _check(change: Change) -> None:
    name = change.path[0]
    if name in READ_ONLY:
        raise exception.ImageAttributeNotWritable(attribute=name)
    if name in RESERVED or name.startswith(RESERVED_PREFIX):
        raise exception.ImageAttributeReserved(attribute=name)
    if change.op != 'remove':
        _PARTIAL.validate({name: change.value})


def tag(value: str) -> None:
    """A tag as the image schema allows it (at most 255 characters): Glance's 400 otherwise."""
    _PARTIAL.validate({'tags': [value]})
