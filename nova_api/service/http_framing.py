"""Strict HTTP/1.1 request framing (RFC 9112): the request head, the body's length, chunked coding.

Pure parsing over a byte source, no sockets and no eventlet: the server's
protocol (:mod:`nova_api.service.http_protocol`) gives it a source whose
reads are bounded in time, and answers a :class:`FramingError` with its
status and ``Connection: close``.

What is refused, and why: whatever two HTTP parsers could read differently
is a way to smuggle a request past a proxy. So there is exactly one way to
frame a body (one ``Content-Length`` of ASCII digits, or ``Transfer-Encoding:
chunked`` alone, on HTTP/1.1), chunk sizes are hexadecimal digits only, chunk
data ends where its size says (then CRLF), every line ends in CRLF, field
lines have no whitespace before the colon and no obs-fold, and every line
and count is bounded, so that no line can grow a worker's memory.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

#: Empty lines tolerated before a request line (RFC 9112 section 2.2: a
#: client may send a stray CRLF after a body).
MAX_LEADING_EMPTY_LINES = 4
#: A chunk-size line, extensions included; a trailer field line.
MAX_CHUNK_LINE = 4096
MAX_TRAILER_FIELDS = 32
#: Digits of a Content-Length: 18 decimal digits is under 2**63.
MAX_LENGTH_DIGITS = 18
#: Hexadecimal digits of a chunk size: 15 is under 2**60.
MAX_CHUNK_SIZE_DIGITS = 15

_TCHAR = rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]"
#: method SP request-target SP HTTP-version; the target is visible ASCII only.
_REQUEST_LINE = re.compile(rb'(%s+) ([\x21-\x7e]+) HTTP/([0-9])\.([0-9])' % _TCHAR)
#: field-name ":" OWS field-value OWS; no whitespace before the colon, no
#: control characters but HTAB (NUL, a bare CR, DEL) in the value.
_FIELD_LINE = re.compile(rb'(%s+):([\t\x20-\x7e\x80-\xff]*)' % _TCHAR)
_QDTEXT = rb'(?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])'
_CHUNK_EXT = rb'(?:[ \t]*;[ \t]*%s+(?:[ \t]*=[ \t]*(?:%s+|"%s*"))?)' % (_TCHAR, _TCHAR, _QDTEXT)
_CHUNK_LINE = re.compile(rb'([0-9A-Fa-f]{1,%d})%s*' % (MAX_CHUNK_SIZE_DIGITS, _CHUNK_EXT))
_DIGITS = re.compile(r'[0-9]{1,%d}' % MAX_LENGTH_DIGITS)
#: The absolute form of a request target: scheme "://" authority, then the path and query.
_ABSOLUTE_FORM = re.compile(r'([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^#]*)')

#: ``readline(limit)``: up to ``limit`` bytes, ending at the first LF if
#: there is one within them; b'' at the end of the stream.
ReadLine = Callable[[int], bytes]


class FramingError(ValueError):
    """The request cannot be read unambiguously: answer ``status`` and close."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.reason = reason
        self.status = status


class IncompleteMessage(EOFError):
    """The client closed the connection in the middle of a message."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """Bounds of one request head."""

    request_line: int = 8192
    field_line: int = 16384
    fields: int = 100
    head: int = 65536


DEFAULT_LIMITS = Limits()


@dataclasses.dataclass
class RequestHead:
    """A request line and its field lines, as received (names and values as latin-1 text)."""

    method: str
    target: str  # the origin form ('/path?query'), or '*'
    version: str  # 'HTTP/1.0' or 'HTTP/1.1'
    fields: list[tuple[str, str]]
    #: The host of a target sent in the absolute form, which takes the Host field's place.
    authority: str | None = None

    @property
    def request_line(self) -> str:
        return '%s %s %s' % (self.method, self.target, self.version)

    def values(self, name: str) -> list[str]:
        """The values of every field line named ``name`` (any case)."""
        name = name.lower()
        return [value for field, value in self.fields if field.lower() == name]


@dataclasses.dataclass(frozen=True)
class Framing:
    """How the body of a request is delimited: ``length`` bytes, or chunked (``length`` None)."""

    chunked: bool
    length: int | None


NO_BODY = Framing(chunked=False, length=0)


def read_line(readline: ReadLine, limit: int, what: str) -> bytes:
    """One line of at most ``limit`` bytes before its CRLF, without the CRLF.

    FramingError if it is longer, or ends in a bare LF; IncompleteMessage if
    the stream ends first.
    """
    line = readline(limit + 2)
    if not line.endswith(b'\n'):
        if len(line) >= limit + 2:
            raise FramingError('%s too long' % what, 414 if what == 'Request line' else 400)
        raise IncompleteMessage(what)
    if not line.endswith(b'\r\n'):
        raise FramingError('%s does not end in CRLF' % what)
    return line[:-2]


def parse_head(readline: ReadLine, limits: Limits = DEFAULT_LIMITS) -> RequestHead | None:
    """Read and check a request head; None if the connection ended before a request began."""
    for _ in range(MAX_LEADING_EMPTY_LINES + 1):
        first = readline(limits.request_line + 2)
        if first not in (b'\r\n', b'\n'):
            break
    else:
        raise FramingError('Too many empty lines before the request line')
    if not first:
        return None
    line = read_line(lambda _limit: first, limits.request_line, 'Request line')
    match = _REQUEST_LINE.fullmatch(line)
    if match is None:
        raise FramingError('Malformed request line')
    method, target, major, minor = match.groups()
    if major != b'1' or minor not in (b'0', b'1'):
        raise FramingError('HTTP version not supported', 505)
    fields = []
    size = len(line)
    while True:
        line = read_line(readline, limits.field_line, 'Header line')
        if not line:
            break
        size += len(line) + 2
        if len(fields) >= limits.fields or size > limits.head:
            raise FramingError('Too many header fields')
        fields.append(parse_field_line(line))
    target, authority = origin_form(target.decode('ascii'))
    return RequestHead(method.decode('ascii'), target, 'HTTP/1.' + minor.decode('ascii'), fields,
                       authority)


def origin_form(target: str) -> tuple[str, str | None]:
    """``(origin-form target, authority)`` of a request target; FramingError for any other form.

    A server must accept the absolute form (``GET http://host/path``) and
    take the host from it, not from the Host field (RFC 9112 section 3.2.2);
    a proxy or an HTTP library may send it. ``*`` (``OPTIONS *``) is kept as
    it is. userinfo in the authority is refused (RFC 9110 section 4.2.4).
    """
    if target.startswith('/') or target == '*':
        return target, None
    match = _ABSOLUTE_FORM.fullmatch(target)
    if match is None or match.group(1).lower() not in ('http', 'https'):
        raise FramingError('Malformed request target')
    _scheme, authority, rest = match.groups()
    if not authority or '@' in authority:
        raise FramingError('Malformed request target')
    return rest if rest.startswith('/') else '/' + rest, authority


def parse_field_line(line: bytes) -> tuple[str, str]:
    """``(name, value)`` of one field line; FramingError for obs-fold or anything malformed."""
    if line[:1] in (b' ', b'\t'):
        raise FramingError('Folded header line (obs-fold)')
    match = _FIELD_LINE.fullmatch(line)
    if match is None:
        raise FramingError('Malformed header line')
    name, value = match.groups()
    return name.decode('ascii'), value.strip(b' \t').decode('latin-1')


def framing(head: RequestHead) -> Framing:
    """The one framing of the request's body (RFC 9112 section 6.3); FramingError if ambiguous."""
    lengths = head.values('content-length')
    codings = head.values('transfer-encoding')
    hosts = head.values('host')
    if len(hosts) > 1 or (not hosts and head.version == 'HTTP/1.1'):
        raise FramingError('An HTTP/1.1 request has exactly one Host header')  # RFC 9112 3.2
    if codings:
        if head.version != 'HTTP/1.1':
            raise FramingError('Transfer-Encoding in an HTTP/1.0 request')
        if lengths:
            raise FramingError('Both Content-Length and Transfer-Encoding')
        if len(codings) != 1 or codings[0].lower() != 'chunked':
            raise FramingError('The only Transfer-Encoding accepted is chunked')
        return Framing(chunked=True, length=None)
    if not lengths:
        return NO_BODY
    if len(lengths) != 1 or _DIGITS.fullmatch(lengths[0]) is None:
        raise FramingError('Invalid Content-Length')
    return Framing(chunked=False, length=int(lengths[0]))


def parse_chunk_size(line: bytes) -> int:
    """The size of a chunk-size line (extensions checked and ignored)."""
    match = _CHUNK_LINE.fullmatch(line)
    if match is None:
        raise FramingError('Invalid chunk size')
    return int(match.group(1), 16)


class ChunkedDecoder:
    """Decode a chunked body from ``source`` as it is read, checking every line it crosses.

    ``source`` has ``readline(limit)`` (as :data:`ReadLine`) and ``read(n)``
    (between 1 and ``n`` bytes, b'' only at the end of the stream). Trailer
    fields are checked and dropped.
    """

    def __init__(self, source):
        self._source = source
        self._left = 0  # data bytes left in the current chunk
        self.done = False

    def read(self, size: int | None = None) -> bytes:
        """Up to ``size`` bytes of body (all of it for None); b'' once it is over."""
        if size is None or size < 0:
            size = -1
        parts = []
        while size and not self.done:
            if self._left == 0:
                self._next_chunk()
                continue
            want = self._left if size < 0 else min(size, self._left)
            data = self._source.read(want)
            if not data:
                raise IncompleteMessage('chunk data')
            parts.append(data)
            self._left -= len(data)
            if size > 0:
                size -= len(data)
            if self._left == 0:
                self._end_of_data()
        return b''.join(parts)

    def _next_chunk(self) -> None:
        size = parse_chunk_size(read_line(self._source.readline, MAX_CHUNK_LINE, 'Chunk size line'))
        if size:
            self._left = size
            return
        for _ in range(MAX_TRAILER_FIELDS + 1):
            line = read_line(self._source.readline, MAX_CHUNK_LINE, 'Trailer line')
            if not line:
                self.done = True
                return
            parse_field_line(line)
        raise FramingError('Too many trailer fields')

    def _end_of_data(self) -> None:
        end = self._source.read(2)
        if end == b'\r':
            end += self._source.read(1)
        if end != b'\r\n':
            if not end:
                raise IncompleteMessage('chunk data')
            raise FramingError('Chunk data does not end where its size says')
