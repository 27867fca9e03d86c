"""Request validation with JSON Schema, in Nova's wording.

Schemas are data (``nova_api/api/schemas/<resource>.py``), attached to
controller methods per microversion window:

    @validation.schema(schemas.create, '2.1', '2.54')
    @validation.schema(schemas.create_v2_55, '2.55')
    def create(self, req, body): ...

The :class:`~nova_api.api.resource.Resource` validates the body (or the query
string, for ``query_schema``) before the method runs; a failure is a 400
whose message names the offending field, as Nova's does.
"""

from __future__ import annotations

import base64
import re
import string
import unicodedata
import uuid
from collections.abc import Callable
from typing import Any

import jsonschema
import netaddr
from oslo_utils import timeutils

from nova_api import exception
from nova_api.api import microversion

_FORMAT_CHECKER = jsonschema.FormatChecker()


@_FORMAT_CHECKER.checks('uuid')
def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return str(uuid.UUID(value)) == value.lower() or bool(
            re.fullmatch(r'[0-9a-fA-F]{32}', value))
    except ValueError:
        return False


def _is_printable(char: str) -> bool:
    """Nova's printable: no control/format/unassigned characters, no line or paragraph separators."""
    # Nova's regex only spans the Basic Multilingual Plane.
    category = unicodedata.category(char)
    return ord(char) < 0xFFFF and not category.startswith('C') and (
        not category.startswith('Z') or category == 'Zs')


def _name_problem(value: str) -> bool:
    if not value:
        return False
    edge_space = unicodedata.category(value[0]) == 'Zs' or unicodedata.category(value[-1]) == 'Zs'
    return edge_space or not all(_is_printable(c) for c in value)


NAME_RULE = 'printable characters. Can not start or end with whitespace.'


@_FORMAT_CHECKER.checks('name', raises=exception.InvalidName)
def _is_valid_name(value: Any) -> bool:
    """Nova's "name" format: printable characters, no space at either end."""
    if isinstance(value, str) and _name_problem(value):
        raise exception.InvalidName(reason=NAME_RULE)
    return True


@_FORMAT_CHECKER.checks('printable')
def _is_printable_text(value: Any) -> bool:
    """Nova's rule for descriptions: printable characters only (spaces allowed anywhere)."""
    return not isinstance(value, str) or all(_is_printable(c) for c in value)


NAME_WITH_SPACES_RULE = 'printable characters with at least one non space character'
AZ_NAME_RULE = 'printable characters except :.Can not start or end with whitespace.'
AZ_NAME_WITH_SPACES_RULE = 'printable characters except :, with at least one non space character'


def _printable_with_text(value: str, exclude: str = '') -> bool:
    """Printable characters other than ``exclude``, at least one of them not a space."""
    return (all(_is_printable(c) and c not in exclude for c in value)
            and any(unicodedata.category(c) != 'Zs' for c in value))


@_FORMAT_CHECKER.checks('name_with_leading_trailing_spaces', raises=exception.InvalidName)
def _is_valid_name_with_spaces(value: Any) -> bool:
    """Nova's legacy name: spaces allowed at either end, but not only spaces (nor empty)."""
    if isinstance(value, str) and not _printable_with_text(value):
        raise exception.InvalidName(reason=NAME_WITH_SPACES_RULE)
    return True


@_FORMAT_CHECKER.checks('az_name', raises=exception.InvalidName)
def _is_valid_az_name(value: Any) -> bool:
    """An availability zone's name: Nova's "name" without ':' (it separates zone:host:node)."""
    if isinstance(value, str) and (_name_problem(value) or ':' in value):
        # Nova's wording, missing space included.
        raise exception.InvalidName(reason=AZ_NAME_RULE)
    return True


@_FORMAT_CHECKER.checks('az_name_with_leading_trailing_spaces', raises=exception.InvalidName)
def _is_valid_az_name_with_spaces(value: Any) -> bool:
    if isinstance(value, str) and not _printable_with_text(value, exclude=':'):
        raise exception.InvalidName(reason=AZ_NAME_WITH_SPACES_RULE)
    return True


# The formats below fail with jsonschema's own message ("'x' is not a 'base64'"), as Nova's do.
# A format only judges strings: other types are the "type" keyword's business.

@_FORMAT_CHECKER.checks('regex')
def _is_regex(value: Any) -> bool:
    """A pattern Python compiles; unlike jsonschema's check, not the empty one (it filters nothing)."""
    if not isinstance(value, str):
        return True
    if not value:
        return False
    try:
        re.compile(value)
    except re.error:
        return False
    return True


@_FORMAT_CHECKER.checks('date-time')
def _is_date_time(value: Any) -> bool:
    """ISO 8601 as oslo.utils parses it (jsonschema checks date-time only with optional extras)."""
    if not isinstance(value, str):
        return True
    try:
        timeutils.parse_isotime(value)
    except ValueError:
        return False
    return True


@_FORMAT_CHECKER.checks('base64')
def _is_base64(value: Any) -> bool:
    """Decodable base64, leniently as Nova decodes it: characters outside the alphabet are dropped."""
    if not isinstance(value, str):
        return True
    try:
        base64.b64decode(value)
    except ValueError:
        # binascii.Error (bad padding), or text that is not ASCII, which Nova answers with a 500.
        return False
    return True


@_FORMAT_CHECKER.checks('cidr')
def _is_cidr(value: Any) -> bool:
    """An IPv4 or IPv6 network with an explicit prefix length and no whitespace."""
    if not isinstance(value, str):
        return True
    try:
        netaddr.IPNetwork(value)
    except (netaddr.AddrFormatError, ValueError):
        return False
    return '/' in value and not re.search(r'\s', value)


# 'ipv4' and 'ipv6' are jsonschema's own checks (the ipaddress module), as in Nova.


def _only_chars(allowed: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if isinstance(value, str) and any(c not in allowed for c in value):
            raise exception.InvalidName(reason='Only expected characters: [%s]' % allowed)
        return True
    return check


# Keypair names: Nova's safe characters, with '@' and '.' from 2.92 on.
_FORMAT_CHECKER.checks('keypair_name_20', raises=exception.InvalidName)(
    _only_chars('_- ' + string.digits + string.ascii_letters))
_FORMAT_CHECKER.checks('keypair_name_292', raises=exception.InvalidName)(
    _only_chars('@._- ' + string.digits + string.ascii_letters))


def _as_number(value: Any) -> Any:
    """A numeric string as its number: Nova bounds ``"0"`` as it bounds ``0``."""
    if isinstance(value, str):
        for kind in (int, float):
            try:
                return kind(value)
            except ValueError:
                continue
    return value


def _bounded(check: Callable) -> Callable:
    def validate(validator, bound, instance, schema):
        return check(validator, bound, _as_number(instance), schema)
    return validate


#: Draft 4, with minimum and maximum applied to numeric strings too (Nova's _SchemaValidator).
_Draft4WithNumericStrings = jsonschema.validators.extend(jsonschema.Draft4Validator, {
    'minimum': _bounded(jsonschema.Draft4Validator.VALIDATORS['minimum']),
    'maximum': _bounded(jsonschema.Draft4Validator.VALIDATORS['maximum']),
})


#: Another API's words for a schema violation: the first jsonschema error -> the exception to raise.
ErrorWording = Callable[[jsonschema.ValidationError], Exception]


class _Validator:
    """A compiled schema; :meth:`validate` raises Nova's ValidationError (or ``error``'s)."""

    def __init__(self, schema: dict, is_body: bool = True, error: ErrorWording | None = None):
        _Draft4WithNumericStrings.check_schema(schema)
        self.schema = schema
        self.is_body = is_body
        self.error = error
        self._validator = _Draft4WithNumericStrings(schema, format_checker=_FORMAT_CHECKER)

    def validate(self, document: Any) -> None:
        # The first error in the schema's own order, as Nova's validator.validate() raises it.
        # best_match would descend into a oneOf and blame one branch ("'auto' is not of type
        # 'object'") where Nova names the field ("... is not valid under any of the given schemas").
        error = next(iter(self._validator.iter_errors(document)), None)
        if error is None:
            return
        if self.error is not None:
            raise self.error(error)
        if isinstance(error.cause, exception.InvalidName):
            # A format checker's own explanation, as Nova gives it.
            detail = error.cause.format_message()
        elif error.path and not self.is_body:
            # A query string is a dict of lists: the parameter is the first step of the path.
            detail = 'Invalid input for query parameters %s. Value: %s. %s' % (
                error.path[0], _describe(error.instance), error.message)
        elif error.path:
            detail = 'Invalid input for field/attribute %s. Value: %s. %s' % (
                error.path[-1], _describe(error.instance), error.message)
        else:
            detail = error.message
        raise exception.ValidationError(detail=detail)


def _describe(value: Any) -> str:
    # Nova prints the offending value; keep huge ones from flooding the reply.
    text = str(value)
    return text if len(text) <= 256 else text[:253] + '...'


class _Window:
    def __init__(self, validator: _Validator, min_version: str | None, max_version: str | None):
        self.validator = validator
        self.min = microversion.APIVersion.parse(min_version) if min_version else microversion.MIN_VERSION
        self.max = microversion.APIVersion.parse(max_version) if max_version else microversion.MAX_VERSION

    def covers(self, version: microversion.APIVersion) -> bool:
        return self.min <= version <= self.max


def _attach(attribute: str, schema: dict, min_version: str | None,
            max_version: str | None, error: ErrorWording | None = None) -> Callable:
    window = _Window(_Validator(schema, is_body=attribute == 'body_schemas', error=error),
                     min_version, max_version)

    def decorator(func):
        windows = list(getattr(func, attribute, ()))
        windows.append(window)
        setattr(func, attribute, tuple(windows))
        return func
    return decorator


def schema(body_schema: dict, min_version: str | None = None,
           max_version: str | None = None, error: ErrorWording | None = None) -> Callable:
    """Validate the request body against ``body_schema`` in [min_version, max_version].

    ``error`` words a violation for an API that is not Nova's (the Image API's 400s).
    """
    return _attach('body_schemas', body_schema, min_version, max_version, error)


def validator(schema: dict, error: ErrorWording | None = None) -> _Validator:
    """A compiled body schema to validate with directly (``.validate(document)``)."""
    return _Validator(schema, error=error)


def media_types(*types: str) -> Callable:
    """Read the JSON body of a method only in these media types (JSON patch), 415 otherwise."""
    def decorator(func):
        func.body_media_types = frozenset(types)
        return func
    return decorator


def raw_body(*types: str) -> Callable:
    """The method reads the request's body stream itself (an image upload), in these media
    types only (415 otherwise); it is never read as JSON nor validated by a schema."""
    def decorator(func):
        func.raw_body_types = frozenset(types)
        return func
    return decorator


def body_media_types(method: Callable) -> frozenset[str] | None:
    return getattr(method, 'body_media_types', None)


def raw_body_types(method: Callable) -> frozenset[str] | None:
    return getattr(method, 'raw_body_types', None)


def query_schema(query: dict, min_version: str | None = None,
                 max_version: str | None = None) -> Callable:
    """Validate the query string (as a dict of lists of strings) in the window."""
    return _attach('query_schemas', query, min_version, max_version)


def _pick(method: Callable, attribute: str, version) -> _Validator | None:
    for window in getattr(method, attribute, ()):
        if window.covers(version):
            return window.validator
    return None


def validate_body(method: Callable, version, body: Any) -> None:
    validator = _pick(method, 'body_schemas', version)
    if validator is not None:
        validator.validate(body)


def validate_query(method: Callable, version, query: dict[str, list[str]]) -> None:
    validator = _pick(method, 'query_schemas', version)
    if validator is not None:
        validator.validate(query)


def has_body_schema(method: Callable) -> bool:
    return bool(getattr(method, 'body_schemas', ()))


def has_query_schema(method: Callable) -> bool:
    return bool(getattr(method, 'query_schemas', ()))


def schema_windows(table) -> Callable:
    """Attach every (body schema, min_version, max_version) window of ``table``."""
    return _windows(schema, table)


def query_schema_windows(table) -> Callable:
    """Attach every (query schema, min_version, max_version) window of ``table``."""
    return _windows(query_schema, table)


def _windows(attach: Callable, table) -> Callable:
    def decorator(func):
        for document, low, high in reversed(tuple(table)):
            func = attach(document, low, high)(func)
        return func
    return decorator
