"""Helpers for request-schema tests: validate as the Resource does, and read Nova's samples.

A window table (``(schema, min_version, max_version)`` rows) is attached to a
dummy method with ``validation.schema`` / ``validation.query_schema``, exactly
as a controller attaches it; :func:`refusal` then returns the 400 message a
body gets at a microversion (None when it passes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nova_api import exception
from nova_api.api import microversion
from nova_api.api import validation

FIELD = 'Invalid input for field/attribute '
QUERY = 'Invalid input for query parameters '
NAME_RULE = ("An invalid 'name' value was provided. The name must be: "
             'printable characters. Can not start or end with whitespace.')


def carrying(table, query: bool = False) -> Callable:
    """A method with every window of ``table`` attached, as a controller would attach them."""
    def method(self, req, body=None):
        return None
    attach = validation.query_schema if query else validation.schema
    for schema, low, high in table:
        method = attach(schema, low, high)(method)
    return method


def version(text: str) -> microversion.APIVersion:
    return microversion.APIVersion.parse(text)


def refusal(method: Callable, at: str, body: Any) -> str | None:
    """The 400 message ``body`` gets at microversion ``at``, or None if it passes."""
    try:
        validation.validate_body(method, version(at), body)
    except exception.ValidationError as error:
        return error.format_message()
    return None


def query_refusal(method: Callable, at: str, query: dict[str, list[str]]) -> str | None:
    try:
        validation.validate_query(method, version(at), query)
    except exception.ValidationError as error:
        return error.format_message()
    return None


def window_problems(table) -> list[str]:
    """How a window table breaks the rules: ordered, contiguous, without overlap."""
    problems = []
    for (_, _, high), (_, low, _) in zip(table, table[1:], strict=False):
        if high is None:
            problems.append('a window without a maximum is not the last')
        elif version(low) != version(high)._replace(minor=version(high).minor + 1):
            problems.append('%s does not follow %s' % (low, high))
    if any(version(low) > version(high) for _, low, high in table if high):
        problems.append('a window ends before it starts')
    return problems


def objects_missing_additional_properties(schema: Any, path: str = '') -> Iterator[str]:
    """Nova's rule: an object schema that lists properties says what it does with others."""
    if isinstance(schema, dict):
        if schema.get('type') == 'object' or 'object' in (schema.get('type') or ()):
            if ('properties' in schema or 'patternProperties' in schema) and (
                    'additionalProperties' not in schema):
                yield path or '/'
        for key, value in schema.items():
            yield from objects_missing_additional_properties(value, '%s/%s' % (path, key))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from objects_missing_additional_properties(value, '%s/%d' % (path, index))


def sample_version(path: Path) -> str:
    """The microversion a Nova sample is for: its ``vX.Y`` folder, a ``-vXYY`` suffix, or 2.1."""
    folder = re.fullmatch(r'v(2\.\d+)', path.parent.name)
    if folder:
        return folder.group(1)
    suffix = re.search(r'-v2(\d\d)\.json$', path.name)
    return '2.' + suffix.group(1) if suffix else '2.1'


def request_samples(root: Path, pattern: str = '*.json') -> Iterator[tuple[Path, Any]]:
    """Each request sample (not a ``*resp*`` file) under ``root``, with its parsed body."""
    for path in sorted(root.rglob(pattern)):
        if 'resp' not in path.name:
            yield path, json.loads(path.read_text())
