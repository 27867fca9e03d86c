"""The formats request schemas name, each accepting and refusing what Nova's checker does, in its words."""

from __future__ import annotations

import pytest

from nova_api import exception
from nova_api.api import microversion
from nova_api.api import validation

NAME_REFUSED = "An invalid 'name' value was provided. The name must be: "
AZ_RULE = 'printable characters except :.Can not start or end with whitespace.'


def not_a(fmt: str, value: str) -> str:
    """jsonschema's refusal of a format, as the 400 message words it."""
    return "Invalid input for field/attribute v. Value: %s. '%s' is not a '%s'" % (value, value, fmt)


#: (format, value, None when accepted or else the 400 message)
CASES = [
    # Nova's "regex": a pattern Python compiles, and not the empty one.
    ('regex', 'web-.*', None),
    ('regex', '', not_a('regex', '')),
    ('regex', '(', not_a('regex', '(')),
    # ISO 8601, as oslo.utils' parse_isotime reads it.
    ('date-time', '2015-01-01T12:30:00Z', None),
    ('date-time', '2015-01-01T12:30:00', None),
    ('date-time', '2015-01-01T12:30:00.123456+02:00', None),
    ('date-time', 'yesterday', not_a('date-time', 'yesterday')),
    ('date-time', '2015-13-01T00:00Z', not_a('date-time', '2015-13-01T00:00Z')),
    # base64, decoded leniently: characters outside the alphabet (spaces) are dropped.
    ('base64', 'IyEvYmluL2Jhc2gK', None),
    ('base64', 'IyEv YmluL2Jh c2gK', None),
    ('base64', '', None),
    ('base64', 'abc', not_a('base64', 'abc')),
    # Nova answers this one with a 500 (its decoder's UnicodeDecodeError escapes).
    ('base64', 'é===', not_a('base64', 'é===')),
    # A network with an explicit prefix length.
    ('cidr', '10.0.0.0/8', None),
    ('cidr', 'fe80::/64', None),
    ('cidr', '10.0.0.0', not_a('cidr', '10.0.0.0')),
    ('cidr', '10.0.0.0/33', not_a('cidr', '10.0.0.0/33')),
    ('cidr', '10.0.0.0/ 8', not_a('cidr', '10.0.0.0/ 8')),
    ('cidr', 'net/8', not_a('cidr', 'net/8')),
    # jsonschema's own address checks, which Nova uses too.
    ('ipv4', '192.168.0.1', None),
    ('ipv4', '192.168.0', not_a('ipv4', '192.168.0')),
    ('ipv4', '::1', not_a('ipv4', '::1')),
    ('ipv6', '80fe::', None),
    ('ipv6', '2001:db8::1', None),
    ('ipv6', '2001:::1', not_a('ipv6', '2001:::1')),
    ('ipv6', 'fe80::1%eth0', not_a('ipv6', 'fe80::1%eth0')),
    # The legacy names: spaces anywhere, but some text.
    ('name_with_leading_trailing_spaces', '  web 1  ', None),
    ('name_with_leading_trailing_spaces', '   ',
     NAME_REFUSED + 'printable characters with at least one non space character'),
    ('name_with_leading_trailing_spaces', '',
     NAME_REFUSED + 'printable characters with at least one non space character'),
    ('name_with_leading_trailing_spaces', 'tab\there',
     NAME_REFUSED + 'printable characters with at least one non space character'),
    # Zone names: no ':' (it separates zone:host:node); Nova's wording, missing space included.
    ('az_name', 'us-west 1', None),
    ('az_name', 'zone:host', NAME_REFUSED + AZ_RULE),
    ('az_name', ' zone', NAME_REFUSED + AZ_RULE),
    ('az_name_with_leading_trailing_spaces', ' zone ', None),
    ('az_name_with_leading_trailing_spaces', 'zone:host',
     NAME_REFUSED + 'printable characters except :, with at least one non space character'),
    ('az_name_with_leading_trailing_spaces', '  ',
     NAME_REFUSED + 'printable characters except :, with at least one non space character'),
]


def _checked(fmt: str):
    @validation.schema({
        'type': 'object',
        'properties': {'v': {'type': ['string', 'integer'], 'format': fmt}},
        'additionalProperties': False,
    })
    def method(req, body):
        return None
    return method


def refusal(fmt: str, value) -> str | None:
    try:
        validation.validate_body(_checked(fmt), microversion.MIN_VERSION, {'v': value})
    except exception.ValidationError as error:
        return error.format_message()
    return None


@pytest.mark.parametrize('fmt, value, message', CASES)
def test_each_format_accepts_and_refuses_as_nova_does(fmt, value, message):
    assert refusal(fmt, value) == message


@pytest.mark.parametrize('fmt', sorted({case[0] for case in CASES}))
def test_formats_leave_other_types_to_the_type_keyword(fmt):
    assert refusal(fmt, 42) is None


def test_jsonschema_alone_would_not_check_date_time():
    # Without its optional extras jsonschema ignores date-time: the checker above must be ours.
    import jsonschema
    assert 'date-time' not in jsonschema.FormatChecker().checkers
