"""JSON on the wire: what the faster encoder must keep from json.dumps, and what bodies may hold."""

from __future__ import annotations

import json

import pytest

from nova_api.api import json_codec


@pytest.mark.parametrize('document', [
    {'version': {'id': 'v2.1', 'links': [{'rel': 'self', 'href': 'http://h/v2.1/'}]}},
    {'flavor': {'ram': 512, 'rxtx_factor': 1.0, 'swap': '', 'disabled': False, 'x': None}},
    {'keypair': {'name': 'clé ünïcode ☃', 'public_key': 'ssh-rsa AAAA\n'}},
    [1, 2.5, -1, 'text', (3, 4)],
])
def test_documents_read_back_as_json_dumps_would_write_them(document):
    assert json.loads(json_codec.dumps(document)) == json.loads(json.dumps(document))


def test_keys_that_are_not_strings_become_strings_like_json_dumps():
    assert json.loads(json_codec.dumps({1: 'a', 'b': {2: 'c'}})) == {'1': 'a', 'b': {'2': 'c'}}


def test_key_order_is_kept():
    assert list(json.loads(json_codec.dumps({'z': 1, 'a': 2, 'm': 3}))) == ['z', 'a', 'm']


def test_request_bodies_keep_integers_of_any_size_for_the_schemas_to_judge():
    assert json_codec.loads(b'{"ram": 123456789012345678901234567890}') == {
        'ram': 123456789012345678901234567890}


@pytest.mark.parametrize('raw', [b'{', b'{"a": }', b"{'a': 1}"])
def test_request_bodies_that_are_not_json_raise_value_error(raw):
    with pytest.raises(ValueError):
        json_codec.loads(raw)


@pytest.mark.parametrize('raw', [
    b'{"name": "\xff\xfe"}',                  # not UTF-8
    b'{"name": "\xed\xa0\x80"}',              # a surrogate, encoded
    b'{"name": "\\ud800"}',                   # a lone surrogate, escaped
    b'{"\\udfff": 1}',                        # in a key
    b'{"a": ["x", {"b": "\\udc00z"}]}',       # deep inside
    b'{"ram": NaN}', b'{"ram": Infinity}', b'{"ram": -Infinity}', b'{"ram": 1e999}',
    b'\xef\xbb\xbf{}',                        # a byte order mark
    '{"a": "é"}'.encode('utf-16'),            # JSON, but not UTF-8
    b'[' * (json_codec.MAX_DEPTH + 1) + b']' * (json_codec.MAX_DEPTH + 1),
    b'[' * 100000 + b']' * 100000,
])
def test_request_bodies_no_field_can_hold_raise_value_error(raw):
    # ValueError alone, nesting too deep for the parser too: the Resource and
    # the identity catch ValueError for every malformed body.
    with pytest.raises(ValueError):
        json_codec.loads(raw)


def test_request_bodies_may_nest_up_to_the_bound_and_hold_any_text():
    raw = b'[' * json_codec.MAX_DEPTH + b'"\\ud83d\\ude00 \xc3\xa9"' + b']' * json_codec.MAX_DEPTH
    document = json_codec.loads(raw)
    for _ in range(json_codec.MAX_DEPTH):
        document, = document
    assert document == '\U0001f600 é'


def test_integers_beyond_64_bits_are_written_by_the_slower_encoder():
    assert json.loads(json_codec.dumps({'v': 2 ** 70, 'é': [-2 ** 64]})) == {'v': 2 ** 70, 'é': [-2 ** 64]}
