"""The worker's HTTP/1.1 front end: eventlet's protocol with a strict head, a strict body and deadlines.

eventlet.wsgi keeps what it does well (the connection loop, the response
writer, ``Expect: 100-continue``); this subclass replaces what a hostile
client could abuse:

- the request head is read and checked by :mod:`nova_api.service.http_framing`
  (request line, field lines, one framing of the body), every line bounded,
  the whole head within ``[wsgi] header_timeout`` seconds of its first byte;
- the body is read through :class:`StrictInput`: chunked coding decoded
  strictly, at least ``[wsgi] min_body_rate`` bytes a second after a grace of
  ``[wsgi] body_timeout`` seconds;
- a body the application left unread is drained only when it is small
  (:data:`DRAIN_BYTES`, within :data:`DRAIN_SECONDS`); otherwise the response
  says ``Connection: close`` and the connection is closed;
- every violation is answered with its status and ``Connection: close``, and
  nothing after it on that connection is read as a request. A connection
  closed with bytes still coming is closed gracefully ("lingering close",
  RFC 9112 section 9.6): the response is sent, then at most
  :data:`LINGER_BYTES` are read and dropped for at most
  :data:`LINGER_SECONDS`, so that the client reads the response rather than a
  reset.

Deadlines are socket timeouts set before each read, each read taking at most
one ``recv``: a wait costs a timer only when the client makes the worker wait.
"""

from __future__ import annotations

import dataclasses
import errno
import http.client
import socket
import time
import urllib.parse
from typing import Any

import eventlet.wsgi
from eventlet import greenio
from eventlet.green import BaseHTTPServer
from oslo_context import context as oslo_context

from nova_api import exception
from nova_api.service import fair_share
from nova_api.service import http_framing

#: A body left unread after the response is drained (to keep the connection)
#: only up to this many bytes, within this many seconds.
DRAIN_BYTES = 64 * 1024
DRAIN_SECONDS = 2.0
#: What a closing connection reads and drops at most, so the client sees the response.
LINGER_BYTES = 1024 * 1024
LINGER_SECONDS = 2.0

_CONTINUE = b'HTTP/1.1 100 Continue\r\n'
#: Environ keys that take a field's first value only (eventlet's choice).
_FIRST_ONLY = frozenset({'CONTENT_TYPE', 'CONTENT_LENGTH'})
#: Field names seen so far and their environ keys; bounded, since clients choose the names.
_ENVIRON_KEYS: dict[str, str | None] = {}
_ENVIRON_KEYS_MAX = 1024
_BROKEN = {errno.EPIPE, errno.ECONNRESET, errno.ESHUTDOWN, errno.EBADF, errno.ENOTCONN}
_REASONS = {400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long',
            505: 'HTTP Version Not Supported'}


@dataclasses.dataclass(frozen=True)
class Settings:
    """The bounds of every connection of a worker (``[wsgi]`` options)."""

    limits: http_framing.Limits = http_framing.DEFAULT_LIMITS
    header_timeout: float = 20.0
    body_timeout: float = 20.0
    min_body_rate: int = 500

    @classmethod
    def from_conf(cls, wsgi: Any) -> Settings:
        return cls(limits=http_framing.Limits(field_line=wsgi.max_header_line,
                                              head=max(65536, 2 * wsgi.max_header_line)),
                   header_timeout=wsgi.header_timeout, body_timeout=wsgi.body_timeout,
                   min_body_rate=wsgi.min_body_rate)


def environ_key(name: str) -> str | None:
    """The environ key of a field name; None for a name with an underscore.

    ``X_Auth_Token`` and ``X-Auth-Token`` would share a key and the first could
    stand in for the second behind a proxy that checks only the dashed one,
    so such a name is dropped, as eventlet, nginx and gunicorn do.
    """
    key = _ENVIRON_KEYS.get(name, '')
    if key == '':
        if '_' in name:
            key = None
        else:
            key = name.replace('-', '_').upper()
            if key not in _FIRST_ONLY:
                key = 'HTTP_' + key
        if len(_ENVIRON_KEYS) < _ENVIRON_KEYS_MAX:
            _ENVIRON_KEYS[name] = key
    return key


def protocol(settings: Settings) -> type[StrictHttpProtocol]:
    """The protocol class for ``eventlet.wsgi.server(protocol=...)`` with these settings."""
    return type('StrictHttpProtocol', (StrictHttpProtocol,), {'settings': settings})


class DeadlineReader:
    """The connection's buffered reader, each read at most one ``recv`` within the current deadline.

    A deadline is fixed (the head), or grows with what arrived (the body:
    ``start + grace + received / rate``), or there is none (an idle
    connection, timed by ``[wsgi] client_socket_timeout``).
    """

    def __init__(self, rfile: Any, sock: Any):
        self._rfile = rfile
        self._sock = sock
        self.received = 0
        self._deadline: float | None = None
        self._rate = 0
        self._base = 0
        self._timed = False

    def fixed(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._rate = 0

    def rate(self, grace: float, bytes_per_second: int) -> None:
        self._deadline = time.monotonic() + grace
        self._rate = bytes_per_second
        self._base = self.received

    def unbounded(self) -> None:
        self._deadline = None
        if self._timed:
            self._timed = False
            self._sock.settimeout(None)

    def _arm(self) -> None:
        if self._deadline is None:
            return
        deadline = self._deadline
        if self._rate:
            deadline += (self.received - self._base) / self._rate
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError('deadline passed')
        self._timed = True
        self._sock.settimeout(remaining)

    def wait(self) -> bool:
        """Wait (without deadline) for the first byte of a request; False at the end of the stream."""
        return bool(self._rfile.peek(1))

    def readline(self, limit: int) -> bytes:
        parts = []
        got = 0
        while got < limit:
            self._arm()
            buffered = self._rfile.peek(1)[:limit - got]  # one recv at most, if nothing is buffered
            if not buffered:
                break
            end = buffered.find(b'\n')
            take = len(buffered) if end < 0 else end + 1
            parts.append(self._rfile.read(take))  # from the buffer: no recv
            got += take
            self.received += take
            if end >= 0:
                break
        return b''.join(parts)

    def read(self, size: int) -> bytes:
        self._arm()
        data = self._rfile.read1(size)
        self.received += len(data)
        return data


class StrictInput(eventlet.wsgi.Input):
    """``wsgi.input``: the body as its framing says, within the body deadline, checked as it is read.

    A framing error, a deadline passed or a connection lost while the
    application reads raises a 400 or 408 the API renders as usual, and the
    connection will close after the response.
    """

    def __init__(self, conn: StrictHttpProtocol, framing: http_framing.Framing, wfile: Any,
                 wfile_line: Any):
        super().__init__(conn.rfile, framing.length, conn.connection, wfile=wfile,
                         wfile_line=wfile_line, chunked_input=framing.chunked)
        self._conn = conn
        self._reader = conn.reader
        self._decoder = http_framing.ChunkedDecoder(conn.reader) if framing.chunked else None
        self._started = False
        self._pending = b''  # read ahead by readline()
        self.error: exception.NovaAPIException | None = None

    @property
    def complete(self) -> bool:
        """Whether the whole body has been read."""
        if self._decoder is not None:
            return self._decoder.done
        return self.position >= self.content_length

    def unread(self) -> int | None:
        """Bytes of body not read yet; None when unknown (chunked)."""
        if self._decoder is not None:
            return 0 if self._decoder.done else None
        return self.content_length - self.position

    def read(self, length: int | None = None) -> bytes:
        return self._guarded(self._read, length)

    def readline(self, size: int | None = None) -> bytes:
        return self._guarded(self._readline, size)

    def readlines(self, hint: int | None = None) -> list[bytes]:
        return list(iter(self.readline, b''))

    def __iter__(self):
        return iter(lambda: self.read(64 * 1024), b'')

    def discard(self, buffer_size: int = 16 << 10) -> None:
        """After the response: drain what is left, within :data:`DRAIN_SECONDS`, or close."""
        try:
            self._started = True
            self._reader.fixed(DRAIN_SECONDS)
            while self.read(buffer_size):
                pass
        except Exception:  # noqa: BLE001 - the response is out: all that is left is to close
            self._conn.close_connection = 1
            self._conn.linger = True

    # -- reading -------------------------------------------------------------

    def _guarded(self, read: Any, size: int | None) -> bytes:
        if self.error is not None:
            raise self.error
        if self.should_send_hundred_continue:
            self.send_hundred_continue_response()
            self.is_hundred_continue_response_sent = True
        if not self._started:
            self._started = True
            settings = self._conn.settings
            self._reader.rate(settings.body_timeout, settings.min_body_rate)
        try:
            return read(size)
        except http_framing.FramingError as exc:
            self.error = exception.InvalidRequestBody(reason=exc.reason)
        except TimeoutError:
            self.error = exception.RequestBodyTimeout()
        except (http_framing.IncompleteMessage, OSError, greenio.SSL.ZeroReturnError):
            self.error = exception.InvalidRequestBody(reason='the connection ended before the body')
        self._conn.close_connection = 1
        self._conn.linger = True
        raise self.error

    def _read(self, size: int | None) -> bytes:
        pending, self._pending = self._pending, b''
        if size is not None and 0 <= size < len(pending):
            self._pending = pending[size:]
            return pending[:size]
        if size is not None and size >= 0:
            size -= len(pending)
        if self._decoder is not None:
            return pending + self._decoder.read(size)
        left = self.content_length - self.position
        if size is None or size < 0 or size > left:
            size = left
        parts = [pending]
        while size > 0:
            data = self._reader.read(size)
            if not data:
                raise http_framing.IncompleteMessage('body')
            parts.append(data)
            size -= len(data)
            self.position += len(data)
        return b''.join(parts)

    def _readline(self, size: int | None) -> bytes:
        limit = size if size is not None and size >= 0 else None
        line = b''
        while limit is None or len(line) < limit:
            piece = self._read(8192 if limit is None else min(8192, limit - len(line)))
            if not piece:
                break
            end = piece.find(b'\n')
            if end >= 0:
                self._pending = piece[end + 1:] + self._pending
                return line + piece[:end + 1]
            line += piece
        return line


class StrictHttpProtocol(eventlet.wsgi.HttpProtocol):
    """eventlet's HttpProtocol with :mod:`http_framing`'s head and :class:`StrictInput`'s body."""

    settings = Settings()

    def setup(self) -> None:
        super().setup()
        self.reader = DeadlineReader(self.rfile, self.connection)
        self.linger = False
        self.request_input: StrictInput | None = None
        self.share = fair_share.Share()
        self._head: http_framing.RequestHead | None = None
        self._connection_environ = self._environ_of_connection()

    def _environ_of_connection(self) -> dict:
        """What every request's environ on this connection starts from."""
        env = self.server.get_environ()
        env['SCRIPT_NAME'] = ''
        env['SERVER_PROTOCOL'] = 'HTTP/1.0'  # eventlet's, whatever the request's
        env['SERVER_NAME'], port = eventlet.wsgi.addr_to_host_port(self.request.getsockname())
        env['SERVER_PORT'] = str(port)
        env['REMOTE_ADDR'], port = eventlet.wsgi.addr_to_host_port(self.client_address)
        env['REMOTE_PORT'] = str(port)
        env['GATEWAY_INTERFACE'] = 'CGI/1.1'
        return env

    def handle_one_request(self) -> None:
        if self.server.max_http_version:
            self.protocol_version = self.server.max_http_version
        self.close_connection = 1
        self.share.before_request()
        if not self._wait_for_request():
            return
        self.conn_state[2] = eventlet.wsgi.STATE_REQUEST
        # A line logged now must not carry the previous request's context (oslo.context
        # keeps it in a thread-local, and one green thread serves the connection).
        oslo_context._request_store.__dict__.pop('context', None)
        try:
            self.reader.fixed(self.settings.header_timeout)
            head = http_framing.parse_head(self.reader.readline, self.settings.limits)
            if head is None:
                return
            self.framing = http_framing.framing(head)
        except http_framing.FramingError as exc:
            return self._refuse(exc.status, exc.reason)
        except TimeoutError:
            return self._refuse(408, 'The request head did not arrive in time')
        except (http_framing.IncompleteMessage, OSError, greenio.SSL.ZeroReturnError):
            return  # the connection is gone (ssl.SSLError is an OSError too)
        finally:
            self.reader.unbounded()
        self._accept(head)
        self.environ = self.get_environ()
        self.application = self._application
        self.server.outstanding_requests += 1
        try:
            self.handle_one_response()
        except OSError as exc:
            if exc.errno not in _BROKEN:
                raise
        finally:
            self.server.outstanding_requests -= 1
            self.reader.unbounded()

    def _wait_for_request(self) -> bool:
        try:
            return self.reader.wait()
        except greenio.SSL.ZeroReturnError:
            return False
        except TimeoutError:
            raise  # [wsgi] client_socket_timeout: eventlet closes the connection
        except (OSError, ValueError):
            return False

    def _refuse(self, status: int, reason: str) -> None:
        body = (reason + '\n').encode('ascii')
        self.wfile.write(b'HTTP/1.1 %d %s\r\nConnection: close\r\nContent-Type: text/plain\r\n'
                         b'Content-Length: %d\r\n\r\n%s' % (status, _REASONS[status].encode(),
                                                            len(body), body))
        self.close_connection = 1
        self.linger = True
        self.server.log.debug('Refused a request from %s: %d %s', self.client_address, status, reason)

    def _accept(self, head: http_framing.RequestHead) -> None:
        """Set what eventlet's response writer reads (BaseHTTPRequestHandler.parse_request's job)."""
        self._head = head
        self.command, self.path, self.request_version = head.method, head.target, head.version
        self.requestline = head.request_line
        self.raw_requestline = head.request_line.encode('ascii')
        headers = http.client.HTTPMessage()
        headers._headers = head.fields  # email.message.Message's own list
        self.headers = headers
        tokens = {token.strip().lower() for value in head.values('connection')
                  for token in value.split(',')}
        if head.version == 'HTTP/1.1':
            self.close_connection = 1 if 'close' in tokens else 0
        else:
            self.close_connection = 0 if 'keep-alive' in tokens else 1

    def get_environ(self) -> dict:
        """The request's WSGI environ, built from the head this protocol parsed.

        eventlet's own builder reads the head again through an
        ``email.message`` (a linear, case-folding search a lookup), asks the
        kernel for the socket's address every request and makes an input
        this protocol replaces: a tenth of a worker's time on a small read.
        What it sets is kept, with its choices (a ``text/plain`` content type
        when none is given, ``HTTP/1.0`` as ``SERVER_PROTOCOL``, header names
        with an underscore dropped, repeated fields joined with commas).
        """
        head = self._head
        env = self._connection_environ.copy()
        env['REQUEST_METHOD'] = head.method
        path, mark, query = head.target.partition('?')
        env['RAW_PATH_INFO'] = path
        env['PATH_INFO'] = urllib.parse.unquote(path, encoding='latin1') if '%' in path else path
        if mark:
            env['QUERY_STRING'] = query
        for name, value in head.fields:
            key = environ_key(name)
            if key is None:
                continue
            if key not in env:
                env[key] = value
            elif key not in _FIRST_ONLY:
                env[key] += ',' + value
        if head.authority is not None:
            env['HTTP_HOST'] = head.authority
        env.setdefault('CONTENT_TYPE', 'text/plain')
        expect = env.get('HTTP_EXPECT')
        continue_line = expect is not None and expect.lower() == '100-continue'
        self.request_input = StrictInput(self, self.framing, self.wfile if continue_line else None,
                                         _CONTINUE if continue_line else None)
        env['wsgi.input'] = env['eventlet.input'] = self.request_input
        # The input ends where the body does (PEP 3333's flag; webob then
        # reads a chunked body, which has no CONTENT_LENGTH).
        env['wsgi.input_terminated'] = True
        env['eventlet.posthooks'] = []
        return env

    def _application(self, environ: dict, start_response: Any) -> Any:
        def start(status: str, headers: list, exc_info: Any = None) -> Any:
            self._before_response()
            return start_response(status, headers, exc_info)
        return self.server.app(environ, start)

    def _before_response(self) -> None:
        """Close after this response if what the body left unread cannot be drained cheaply."""
        request_input = self.request_input
        unread = request_input.unread()
        if request_input.error is not None or unread is None or unread > DRAIN_BYTES:
            self.close_connection = 1
            if not request_input.complete:
                self.linger = True

    def finish(self) -> None:
        try:
            BaseHTTPServer.BaseHTTPRequestHandler.finish(self)
        except OSError as exc:
            if exc.errno not in _BROKEN:
                raise
        if self.linger:
            _linger(self.connection)
        greenio.shutdown_safe(self.connection)
        self.connection.close()


def _linger(conn: Any) -> None:
    """Half-close, then drop what still arrives (bounded), so the client reads our response."""
    try:
        conn.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + LINGER_SECONDS
        left = LINGER_BYTES
        while left > 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            conn.settimeout(remaining)
            data = conn.recv(min(65536, left))
            if not data:
                return
            left -= len(data)
    except (OSError, ValueError):
        return
