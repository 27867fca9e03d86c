"""The strict HTTP/1.1 parser: request heads, the body's framing, chunked coding."""

from __future__ import annotations

import io

import pytest

from nova_api.service import http_framing
from nova_api.service.http_framing import FramingError


class Source:
    """A byte stream with the reader's interface, reading at most ``step`` bytes a call."""

    def __init__(self, data: bytes, step: int = 1 << 20):
        self._stream = io.BytesIO(data)
        self._step = step
        self.consumed = 0

    def readline(self, limit: int) -> bytes:
        line = self._stream.readline(limit)
        self.consumed += len(line)
        return line

    def read(self, size: int) -> bytes:
        data = self._stream.read(min(size, self._step))
        self.consumed += len(data)
        return data

    def rest(self) -> bytes:
        return self._stream.read()


def head(data: bytes, limits: http_framing.Limits = http_framing.DEFAULT_LIMITS):
    return http_framing.parse_head(Source(data).readline, limits)


def framing_of(fields: bytes, version: bytes = b'HTTP/1.1') -> http_framing.Framing:
    return http_framing.framing(head(b'POST / %s\r\nHost: x\r\n%s\r\n' % (version, fields)))


def test_a_request_head_is_read_as_sent():
    parsed = head(b'GET /v2.1/servers?limit=1 HTTP/1.1\r\nHost: x\r\nX-Auth-Token:  t \t\r\n\r\n')

    assert (parsed.method, parsed.target, parsed.version) == ('GET', '/v2.1/servers?limit=1', 'HTTP/1.1')
    assert parsed.fields == [('Host', 'x'), ('X-Auth-Token', 't')]
    assert http_framing.framing(parsed) == http_framing.NO_BODY


def test_empty_lines_before_a_request_are_ignored_but_only_a_few():
    assert head(b'\r\n\r\nGET / HTTP/1.0\r\n\r\n').version == 'HTTP/1.0'
    with pytest.raises(FramingError):
        head(b'\r\n' * 10 + b'GET / HTTP/1.1\r\n\r\n')


def test_end_of_stream_before_a_request_is_none():
    assert head(b'') is None


def test_end_of_stream_inside_a_head_is_incomplete():
    with pytest.raises(http_framing.IncompleteMessage):
        head(b'GET / HTTP/1.1\r\nHost: x')


@pytest.mark.parametrize('line', [
    b'GET  / HTTP/1.1', b'GET / HTTP/1.1 ', b'GET /\tx HTTP/1.1', b'GET / http/1.1', b'GET /',
    b'G(T / HTTP/1.1', b'GET /\xff HTTP/1.1', b'GET / HTTP/11', b' GET / HTTP/1.1',
])
def test_malformed_request_lines_are_400(line):
    with pytest.raises(FramingError) as caught:
        head(line + b'\r\n\r\n')
    assert caught.value.status == 400


@pytest.mark.parametrize('version', [b'HTTP/2.0', b'HTTP/1.2', b'HTTP/0.9'])
def test_other_http_versions_are_505(version):
    with pytest.raises(FramingError) as caught:
        head(b'GET / %s\r\n\r\n' % version)
    assert caught.value.status == 505


@pytest.mark.parametrize('field', [
    b'Host : x', b'Host\t: x', b' Host: x', b'\tcontinued', b'Host x', b'X-A: a\x00b', b'X-A: a\rb',
    b'X-A: a\x7fb', b'X(A): b', b': b',
])
def test_malformed_field_lines_are_400(field):
    with pytest.raises(FramingError):
        head(b'GET / HTTP/1.1\r\nHost: x\r\n%s\r\n\r\n' % field)


def test_lines_must_end_in_crlf():
    with pytest.raises(FramingError):
        head(b'GET / HTTP/1.1\nHost: x\r\n\r\n')
    with pytest.raises(FramingError):
        head(b'GET / HTTP/1.1\r\nHost: x\n\r\n')


def test_a_long_request_line_is_414_a_long_field_line_400():
    limits = http_framing.Limits(request_line=100, field_line=100)
    with pytest.raises(FramingError) as caught:
        head(b'GET /%s HTTP/1.1\r\n\r\n' % (b'a' * 100), limits)
    assert caught.value.status == 414
    with pytest.raises(FramingError) as caught:
        head(b'GET / HTTP/1.1\r\nX: %s\r\n\r\n' % (b'a' * 100), limits)
    assert caught.value.status == 400


def test_a_long_line_is_refused_after_reading_no_more_than_its_limit():
    source = Source(b'GET / HTTP/1.1\r\nX: ' + b'a' * 10_000_000)

    with pytest.raises(FramingError):
        http_framing.parse_head(source.readline, http_framing.Limits(field_line=1000))

    assert source.consumed < 2000


def test_header_count_and_head_size_are_bounded():
    with pytest.raises(FramingError):
        head(b'GET / HTTP/1.1\r\n' + b'X: a\r\n' * 101 + b'\r\n')
    with pytest.raises(FramingError):
        head(b'GET / HTTP/1.1\r\n' + (b'X: %s\r\n' % (b'a' * 1000)) * 70 + b'\r\n',
             http_framing.Limits(head=65536))


@pytest.mark.parametrize('fields, expected', [
    (b'Content-Length: 12\r\n', http_framing.Framing(chunked=False, length=12)),
    (b'Content-Length: 0\r\n', http_framing.Framing(chunked=False, length=0)),
    (b'Transfer-Encoding: chunked\r\n', http_framing.Framing(chunked=True, length=None)),
    (b'Transfer-Encoding: CHUNKED\r\n', http_framing.Framing(chunked=True, length=None)),
    (b'', http_framing.NO_BODY),
])
def test_the_one_framing_of_a_body(fields, expected):
    assert framing_of(fields) == expected


@pytest.mark.parametrize('fields', [
    b'Content-Length: 5\r\nContent-Length: 5\r\n',
    b'Content-Length: 5, 5\r\n',
    b'Content-Length: +5\r\n',
    b'Content-Length: -5\r\n',
    b'Content-Length: 5 5\r\n',
    b'Content-Length: 0x5\r\n',
    b'Content-Length: \xd9\xa5\r\n',  # an Arabic-Indic digit, which str.isdigit() accepts
    b'Content-Length: 1234567890123456789\r\n',
    b'Content-Length: \r\n',
    b'Transfer-Encoding: gzip, chunked\r\n',
    b'Transfer-Encoding: chunked, identity\r\n',
    b'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n',
    b'Transfer-Encoding: identity\r\n',
    b'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n',
    b'Host: y\r\n',
])
def test_ambiguous_framings_are_400(fields):
    with pytest.raises(FramingError):
        framing_of(fields)


def test_http_1_1_needs_a_host_and_http_1_0_does_not():
    with pytest.raises(FramingError):
        http_framing.framing(head(b'GET / HTTP/1.1\r\n\r\n'))
    assert http_framing.framing(head(b'GET / HTTP/1.0\r\n\r\n')) == http_framing.NO_BODY


def test_chunked_is_for_http_1_1_only():
    with pytest.raises(FramingError):
        framing_of(b'Transfer-Encoding: chunked\r\n', b'HTTP/1.0')


@pytest.mark.parametrize('line, size', [
    (b'0', 0), (b'a', 10), (b'FF', 255), (b'00010', 16), (b'5;name', 5), (b'5 ; name = value', 5),
    (b'5;a=b;c="d \\" e"', 5), (b'fffffffffffffff', 2 ** 60 - 1),
])
def test_chunk_sizes_are_hexadecimal_with_optional_extensions(line, size):
    assert http_framing.parse_chunk_size(line) == size


@pytest.mark.parametrize('line', [
    b'1_0', b'0x5', b'+5', b'-5', b' 5', b'5 ', b'', b'g', b'5;', b'5;a=', b'5;a="b', b'5\x00',
    b'1000000000000000', b'\xd9\xa5',
])
def test_other_chunk_sizes_are_400(line):
    with pytest.raises(FramingError):
        http_framing.parse_chunk_size(line)


@pytest.mark.parametrize('step', [1, 3, 1 << 20])
def test_a_chunked_body_is_decoded_and_ends_after_its_trailers(step):
    source = Source(b'5\r\nhello\r\n1;x=y\r\n \r\nb\r\n, chunked!\n\r\n0\r\nX-T: 1\r\n\r\nNEXT', step)
    decoder = http_framing.ChunkedDecoder(source)

    assert decoder.read(3) == b'hel'
    assert decoder.read() == b'lo , chunked!\n'
    assert decoder.done and decoder.read(10) == b''
    assert source.rest() == b'NEXT'


@pytest.mark.parametrize('body', [
    b'5\r\nhelloX\r\n0\r\n\r\n',     # data longer than its size
    b'5\r\nhell\r\n0\r\n\r\n',       # shorter: the CRLF is not where it says
    b'5\r\nhello\n0\r\n\r\n',        # bare LF after the data
    b'5\nhello\r\n0\r\n\r\n',        # bare LF after the size
    b'0\r\nX-T : 1\r\n\r\n',         # a malformed trailer
    b'0\r\n' + b'X-T: 1\r\n' * 40 + b'\r\n',  # too many trailers
    b'0\r\nX-T: ' + b'a' * 5000 + b'\r\n\r\n',  # a trailer line over its bound
    b'5;x=' + b'a' * 5000 + b'\r\nhello\r\n0\r\n\r\n',  # chunk extensions over the line's bound
    b'1_0\r\n' + b'x' * 16 + b'\r\n0\r\n\r\n',
])
def test_chunk_framing_errors_are_400(body):
    with pytest.raises(FramingError):
        http_framing.ChunkedDecoder(Source(body)).read()


def test_a_chunked_body_cut_short_is_incomplete():
    with pytest.raises(http_framing.IncompleteMessage):
        http_framing.ChunkedDecoder(Source(b'5\r\nhel')).read()


def test_an_endless_chunk_size_line_is_refused_after_a_few_kib():
    source = Source(b'f' * 10_000_000)

    with pytest.raises(FramingError):
        http_framing.ChunkedDecoder(source).read(100)

    assert source.consumed <= http_framing.MAX_CHUNK_LINE + 2


@pytest.mark.parametrize('target, expected', [
    ('/v2.1/servers?limit=1', ('/v2.1/servers?limit=1', None)),
    ('*', ('*', None)),
    ('http://api.example:8774/v2.1/servers?limit=1', ('/v2.1/servers?limit=1', 'api.example:8774')),
    ('HTTPS://[::1]:8774/v2.1/', ('/v2.1/', '[::1]:8774')),
    ('http://api.example', ('/', 'api.example')),
    ('http://api.example?x=1', ('/?x=1', 'api.example')),
])
def test_a_target_in_the_absolute_form_gives_its_path_and_its_host(target, expected):
    assert http_framing.origin_form(target) == expected


@pytest.mark.parametrize('target', ['v2.1/servers', 'ftp://host/x', 'http:///v2.1/',
                                    'http://user:secret@host/v2.1/', 'http://host/a#frag',
                                    'api.example:8774'])
def test_other_request_targets_are_400(target):
    with pytest.raises(FramingError) as caught:
        head(b'GET %s HTTP/1.1\r\nHost: x\r\n\r\n' % target.encode())
    assert caught.value.status == 400
